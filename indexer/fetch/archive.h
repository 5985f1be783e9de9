// The archive of fetched pages: each page saved unchanged at ROOT/HOST/PATH, so it can always be
// re-indexed offline; each listing page at ROOT/.listings/HOST/PATH (a dot folder, which
// `scio-index ROOT` skips: a listing is no transcript), so the walks can be repeated offline; and
// ROOT/.scio-fetch.tsv (a dot file) recording what fetch needs between runs: each page's
// validators, content hash and whether it was indexed, and which listings were walked to their
// end. Lines are appended as work is done, so an interrupted run loses nothing it saved.
#pragma once

#include "indexer/fetch/http_client.h"
#include "indexer/fetch/url.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scio::indexer::fetch {

// ${XDG_DATA_HOME:-$HOME/.local/share}/scio/pages, or empty when neither is set.
std::filesystem::path default_archive_root();

class Archive {
 public:
  enum class Saved { added, changed, unchanged };
  enum class Kind { page, listing };

  explicit Archive(std::filesystem::path root, bool read_only = false);
  ~Archive();

  const std::filesystem::path& root() const { return m_root; }
  // ROOT/HOST/PATH, or ROOT/.listings/HOST/PATH ("/" -> index.html, a query kept in the file name).
  std::filesystem::path path_of(const Url& url, Kind kind = Kind::page) const;
  bool has(const Url& url, Kind kind = Kind::page) const;
  std::optional<std::string> read(const Url& url, Kind kind = Kind::page) const;
  // The validators the server gave for url, when the page is in the archive.
  std::optional<Validators> validators(const Url& url, Kind kind = Kind::page) const;

  // Saves body as served (written to a temporary file, then renamed): unchanged when the archived
  // copy has the same content hash. A listing page is never indexed.
  Saved save(const Url& url, const std::string& body, const Validators& validators, Kind kind = Kind::page);
  // Records new validators for an unchanged page (a 304, or the same bytes again).
  void touch(const Url& url, const Validators& validators, Kind kind = Kind::page);

  bool listing_complete(const Url& listing) const;
  void set_listing_complete(const Url& listing, bool complete);

  // Pages saved but not yet indexed (this run's and those of a run stopped before indexing).
  std::vector<std::filesystem::path> unindexed() const;
  void mark_indexed(const std::vector<std::filesystem::path>& paths);

 private:
  struct PageState {
    std::string url;
    std::string hash;
    Validators validators;
    bool indexed = false;
    bool listing = false;  // "listing" in the state file's indexed column: never indexed
  };
  static std::string page_line(const std::string& key, const PageState& state);
  void append(const std::string& line);
  void append_page(const std::string& key, const PageState& state);

  std::filesystem::path m_root;
  bool m_read_only;
  std::map<std::string, PageState> m_pages;  // by archive path
  std::map<std::string, bool> m_listings;    // by URL
  std::ofstream m_log;
};

}  // namespace scio::indexer::fetch
