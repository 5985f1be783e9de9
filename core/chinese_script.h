// Traditional Chinese characters to simplified (OpenCC's t2s), so that "臺灣" and "台湾" are one
// word to the index: scio-index indexes the simplified form of every text (the stored text stays as
// published), scio-search converts the query the same way.
#pragma once

#include <string>
#include <string_view>

namespace scio::core {

// text with its traditional characters simplified; text as it is when it holds no CJK character
// (the common, English, case costs no conversion). Safe to call from several threads.
std::string to_simplified(std::string_view text);
// True for Chinese text when OpenCC's t2s configuration could not be loaded (libopencc-data
// missing): to_simplified then returns it unchanged, and traditional characters miss simplified text.
bool cannot_simplify(std::string_view text);

// Whether simplified (to_simplified of original) differs from original in its characters alone,
// one for one: the same question in the other script. OpenCC converts some phrases as a whole,
// which may change their length; then it is not.
bool is_script_change(std::string_view original, std::string_view simplified);

}  // namespace scio::core
