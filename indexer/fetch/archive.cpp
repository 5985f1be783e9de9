#include "indexer/fetch/archive.h"

#include "core/text.h"

#include <cstdlib>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace scio::indexer::fetch {
namespace {

constexpr const char* k_state_file = ".scio-fetch.tsv";
constexpr const char* k_listings = ".listings";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    const auto tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
    if (tab == std::string::npos) break;
    at = tab + 1;
  }
  return out;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string Archive::page_line(const std::string& key, const PageState& s) {
  return "page\t" + key + '\t' + s.url + '\t' + s.hash + '\t' + s.validators.etag + '\t' + s.validators.last_modified +
         '\t' +
         (s.listing   ? "listing"
          : s.indexed ? "1"
                      : "0");
}

fs::path default_archive_root() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg == '/') return fs::path(xdg) / "scio" / "pages";  // a relative one is invalid (XDG spec)
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".local" / "share" / "scio" / "pages";
  return {};
}

Archive::Archive(fs::path root, bool read_only) : m_root(std::move(root)), m_read_only(read_only) {
  std::ifstream in(m_root / k_state_file);
  std::string line;
  while (std::getline(in, line)) {
    const auto f = split_tabs(line);
    if (f.size() == 7 && f[0] == "page")
      m_pages[f[1]] = PageState{f[2], f[3], Validators{f[4], f[5]}, f[6] == "1", f[6] == "listing"};
    else if (f.size() == 3 && f[0] == "listing") m_listings[f[1]] = f[2] == "1";
  }
  if (m_read_only) return;
  fs::create_directories(m_root);
  // Rewritten whole at the start of each run (one line per page), then appended to as it goes.
  const fs::path fresh = m_root / (std::string(k_state_file) + ".new");
  {
    std::ofstream out(fresh, std::ios::trunc);
    for (const auto& [key, page] : m_pages) out << page_line(key, page) << '\n';
    for (const auto& [url, complete] : m_listings) out << "listing\t" << url << '\t' << (complete ? 1 : 0) << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + fresh.string());
  }
  fs::rename(fresh, m_root / k_state_file);
  m_log.open(m_root / k_state_file, std::ios::app);
}

Archive::~Archive() = default;

fs::path Archive::path_of(const Url& url, Kind kind) const {
  fs::path path = (kind == Kind::listing ? m_root / k_listings : m_root) / url.host;
  std::string rest = url.path;
  if (rest.empty() || rest.back() == '/') rest += "index.html";
  std::size_t at = 1;
  while (at <= rest.size()) {
    auto slash = rest.find('/', at);
    if (slash == std::string::npos) slash = rest.size();
    std::string segment = rest.substr(at, slash - at);
    at = slash + 1;
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") segment = "_" + segment;  // never outside the archive
    path /= segment;
  }
  if (!url.query.empty()) {
    std::string query = url.query;
    for (char& c : query)
      if (c == '/') c = '_';
    path += "?" + query;
  }
  return path;
}

bool Archive::has(const Url& url, Kind kind) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(url, kind), ec);
}

std::optional<std::string> Archive::read(const Url& url, Kind kind) const {
  if (!has(url, kind)) return std::nullopt;
  return file_bytes(path_of(url, kind));
}

std::optional<Validators> Archive::validators(const Url& url, Kind kind) const {
  const auto it = m_pages.find(path_of(url, kind).string());
  if (it == m_pages.end() || !has(url, kind)) return std::nullopt;
  if (it->second.validators.etag.empty() && it->second.validators.last_modified.empty()) return std::nullopt;
  return it->second.validators;
}

void Archive::append(const std::string& line) {
  m_log << line << '\n';
  m_log.flush();
  if (!m_log) throw std::runtime_error("cannot write " + (m_root / k_state_file).string());
}

void Archive::append_page(const std::string& key, const PageState& s) { append(page_line(key, s)); }

Archive::Saved Archive::save(const Url& url, const std::string& body, const Validators& validators, Kind kind) {
  const fs::path path = path_of(url, kind);
  const std::string key = path.string();
  const std::string hash = core::content_hash(body);
  const bool existed = has(url, kind);
  // Compared by content hash: the Foreign Ministry's pages carry no validators.
  if (existed && core::content_hash(file_bytes(path)) == hash) {
    touch(url, validators, kind);
    return Saved::unchanged;
  }
  fs::create_directories(path.parent_path());
  const fs::path partial = path.parent_path() / ("." + path.filename().string() + ".part");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, path);
  PageState& state = m_pages[key];
  state = PageState{url.full, hash, validators, false, kind == Kind::listing};
  append_page(key, state);
  return existed ? Saved::changed : Saved::added;
}

void Archive::touch(const Url& url, const Validators& validators, Kind kind) {
  const fs::path path = path_of(url, kind);
  const std::string key = path.string();
  auto it = m_pages.find(key);
  if (it == m_pages.end()) {
    // Archived by an earlier version or by hand: recorded now, as already indexed.
    const bool listing = kind == Kind::listing;
    it = m_pages.emplace(key, PageState{url.full, core::content_hash(file_bytes(path)), {}, !listing, listing}).first;
  }
  if (it->second.validators.etag == validators.etag && it->second.validators.last_modified == validators.last_modified)
    return;
  it->second.validators = validators;
  append_page(key, it->second);
}

bool Archive::listing_complete(const Url& listing) const {
  const auto it = m_listings.find(listing.full);
  return it != m_listings.end() && it->second;
}

void Archive::set_listing_complete(const Url& listing, bool complete) {
  if (m_read_only || listing_complete(listing) == complete) return;
  m_listings[listing.full] = complete;
  append("listing\t" + listing.full + '\t' + (complete ? "1" : "0"));
}

std::vector<fs::path> Archive::unindexed() const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& [key, page] : m_pages)
    if (!page.indexed && !page.listing && fs::is_regular_file(key, ec)) out.emplace_back(key);
  return out;
}

void Archive::mark_indexed(const std::vector<fs::path>& paths) {
  for (const auto& path : paths) {
    auto it = m_pages.find(path.string());
    if (it == m_pages.end() || it->second.indexed || it->second.listing) continue;
    it->second.indexed = true;
    append_page(it->first, it->second);
  }
}

}  // namespace scio::indexer::fetch
