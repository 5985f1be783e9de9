// The canonical XML form of a conference: the archival, lossless form (see README, "Canonical XML").
#pragma once

#include "core/conference.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace scio::core {

// One conference as a document whose root is <conference>.
std::string to_canonical_xml(const Conference& conference);
// Several conferences as a document whose root is <conferences>.
std::string to_canonical_xml(const std::vector<Conference>& conferences);

// Parses canonical XML with either root. DOCTYPEs are refused, so no entity can expand or be
// fetched.
Result<std::vector<Conference>> from_canonical_xml(std::string_view xml);

// The form a conference is stored in the database: its canonical XML, zlib-compressed (Xapian
// keeps metadata as given). Reading back fails for a damaged record, or one that would expand
// past max_bytes.
std::string pack_conference(const Conference& conference);
Result<Conference> unpack_conference(std::string_view stored, std::size_t max_bytes);

// True when text is XML meant as canonical XML (an XML declaration or <conference> root, not XHTML).
bool is_canonical_xml(std::string_view text);

}  // namespace scio::core
