#include "indexer/reader.h"

#include "core/canonical_xml.h"
#include "indexer/assembler.h"
#include "indexer/html_reader.h"
#include "indexer/ordered_pipeline.h"
#include "indexer/page_parser.h"
#include "indexer/source_file.h"
#include "indexer/text_reader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sys/stat.h>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;

bool is_input_name(const fs::path& p) {
  auto name = p.filename().string();
  if (name.empty() || name[0] == '.') return false;
  for (auto skip : {"README", "LICENSE", "INDEX", "MANIFEST", "COPYING"})
    if (name.rfind(skip, 0) == 0) return false;
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".htm" || ext == ".html" || ext == ".shtml" || ext == ".xhtml" || ext == ".txt" || ext == ".xml";
}

// Walks a folder without following a symlinked folder twice (loops are reported, not followed).
void walk(const fs::path& dir, std::set<std::pair<dev_t, ino_t>>& seen, std::vector<fs::path>& files,
          std::vector<InputError>& errors) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    errors.push_back({dir.string(), "cannot read folder"});
    return;
  }
  if (!seen.insert({st.st_dev, st.st_ino}).second) {
    errors.push_back({dir.string(), "symlink loop: folder already visited"});
    return;
  }
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    errors.push_back({dir.string(), "cannot read folder: " + ec.message()});
    return;
  }
  std::vector<fs::path> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    std::error_code sec;
    if (fs::is_directory(e, sec)) {
      if (e.filename().string().rfind('.', 0) != 0) walk(e, seen, files, errors);
    } else if (is_input_name(e)) {
      files.push_back(e);
    }
  }
}

// The TRS CMS behind fmprc.gov.cn and scio.gov.cn names uploaded files "W0YYYYMMDD...": the
// earliest such date on a page is when it was put up, the only year some pages carry.
std::optional<core::Date> cms_upload_date(std::string_view html) {
  std::optional<core::Date> earliest;
  for (auto pos = html.find("W0"); pos != std::string_view::npos; pos = html.find("W0", pos + 2)) {
    if (pos + 10 > html.size()) break;
    auto digits = html.substr(pos + 2, 8);
    if (!std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) continue;
    auto date = core::parse_iso_date(digits);
    if (date && (!earliest || *date < *earliest)) earliest = date;
  }
  return earliest;
}

// Browsers mark a saved page with "<!-- saved from url=(0085)http://... -->" at its top.
std::string saved_from_url(std::string_view html) {
  auto head = html.substr(0, std::min<std::size_t>(html.size(), 2048));
  auto pos = head.find("saved from url=(");
  if (pos == std::string_view::npos) return {};
  auto start = head.find(')', pos);
  if (start == std::string_view::npos) return {};
  auto end = head.find_first_of(" \t\r\n>", start + 1);
  auto url = head.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
  while (!url.empty() && url.back() == '-') url.remove_suffix(1);  // "...htm-->" with no space
  return url.rfind("http", 0) == 0 ? std::string(url) : std::string();
}

// A folder's list of the files saved in it with their URLs: our corpora's MANIFEST.tsv and
// INDEX.tsv, a header row naming a file column ("file", "path") and a URL column ("url",
// "source_url"), paths relative to the list's folder; a "bytes" column, when there, must match.
struct Manifest {
  struct Entry {
    std::string url;
    std::optional<std::uintmax_t> bytes;
  };
  std::map<std::string, Entry> files;  // relative path -> entry
};

std::shared_ptr<const Manifest> read_manifest(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return nullptr;
  auto split = [](const std::string& text) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = text.find('\t', start)) != std::string::npos; start = tab + 1)
      cells.push_back(text.substr(start, tab - start));
    cells.push_back(text.substr(start));
    for (auto& c : cells)
      if (!c.empty() && c.back() == '\r') c.pop_back();
    return cells;
  };
  auto header = split(line);
  auto column = [&](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (std::find(names.begin(), names.end(), header[i]) != names.end()) return i;
    return std::nullopt;
  };
  auto file_col = column({"file", "path", "filename"});
  auto url_col = column({"url", "source_url"});
  auto bytes_col = column({"bytes", "size"});
  if (!file_col || !url_col) return nullptr;
  auto manifest = std::make_shared<Manifest>();
  while (std::getline(in, line)) {
    auto cells = split(line);
    if (cells.size() <= std::max(*file_col, *url_col)) continue;
    const auto& url = cells[*url_col];
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) continue;
    Manifest::Entry entry{url, std::nullopt};
    if (bytes_col && *bytes_col < cells.size()) {
      try {
        entry.bytes = std::stoull(cells[*bytes_col]);
      } catch (const std::exception&) {}
    }
    manifest->files.emplace(fs::path(cells[*file_col]).lexically_normal().string(), std::move(entry));
  }
  return manifest;
}

// The manifest of a folder (null when it has none), read once per folder and run.
std::shared_ptr<const Manifest> folder_manifest(const fs::path& dir) {
  static std::mutex mutex;
  static std::map<fs::path, std::shared_ptr<const Manifest>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(dir);
  if (it != cache.end()) return it->second;
  std::shared_ptr<const Manifest> found;
  for (const char* name : {"MANIFEST.tsv", "INDEX.tsv"}) {
    std::error_code ec;
    if (fs::is_regular_file(dir / name, ec) && (found = read_manifest(dir / name))) break;
  }
  return cache.emplace(dir, found).first->second;
}

// The URL a manifest in the file's folder, or a folder above it, gives the file; "" when none.
std::string manifest_url(const fs::path& path) {
  std::error_code ec;
  auto abs = fs::absolute(path, ec).lexically_normal();
  if (ec) return {};
  fs::path relative = abs.filename();
  for (auto dir = abs.parent_path();; relative = dir.filename() / relative, dir = dir.parent_path()) {
    if (auto manifest = folder_manifest(dir)) {
      auto it = manifest->files.find(relative.string());
      if (it != manifest->files.end()) {
        auto size = fs::file_size(abs, ec);
        // Another file saved under a listed name is not the page the list names.
        if (it->second.bytes && (ec || size != *it->second.bytes)) return {};
        return it->second.url;
      }
    }
    if (dir == dir.root_path() || !dir.has_relative_path()) break;
  }
  return {};
}

}  // namespace

namespace {

FileResult parse_file(const fs::path& path) {
  auto source = load_source(path);
  if (!source) return FileResult{path.string(), {}, InputError{path.string(), source.error()}};
  return parse_source(path, *source);
}

}  // namespace

FileResult read_file(const fs::path& path) {
  FileResult result = parse_file(path);
  if (result.error) return result;
  Assembly assembly;
  assembly.add(std::move(result.conferences));
  result.conferences = std::move(assembly).finish();
  return result;
}

FileResult parse_source(const fs::path& path, const SourceText& source) {
  FileResult result;
  result.path = path.string();
  auto fail = [&](std::string message) {
    result.error = InputError{result.path, std::move(message)};
    return result;
  };
  const std::string& text = source.utf8;
  if (core::is_canonical_xml(text)) {
    auto parsed = core::from_canonical_xml(text);
    if (!parsed) return fail(parsed.error());
    result.conferences = std::move(*parsed);
    return result;
  }
  PageText page;
  if (looks_like_html(text)) {
    auto html = read_html(text);
    if (!html) return fail(html.error());
    page = std::move(*html);
    page.published = cms_upload_date(text);
    if (page.url.empty()) page.url = saved_from_url(text);
  } else {
    page = read_text(text);
  }
  // The id comes from the page's own URL, else its file name. A URL known only from the folder's
  // manifest is shown with the hits but does not rename: ids stay as earlier runs gave them, and
  // the White House list names several briefings by one URL slug.
  auto name = page_name(path, page.url);
  if (page.url.empty()) page.url = manifest_url(path);
  auto conference = parse_page(page, result.path, name);
  if (!conference) return fail(conference.error());
  result.conferences.push_back(std::move(*conference));
  return result;
}

std::vector<fs::path> list_inputs(const std::vector<fs::path>& paths, std::vector<InputError>& errors) {
  std::vector<fs::path> files;
  std::set<std::pair<dev_t, ino_t>> seen;
  for (const auto& p : paths) {
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back({p.string(), "no such file or folder"});
    } else if (fs::is_directory(status)) {
      walk(p, seen, files, errors);
    } else {
      files.push_back(p);
    }
  }
  return files;
}

ReadResult read_inputs(const std::vector<fs::path>& paths, unsigned jobs) {
  ReadResult out;
  // The order scio-index takes files in (ranks_before over absolute paths), whatever the order of
  // the arguments: of two copies of a page the same one is kept, under the same conference id.
  std::vector<std::pair<std::string, fs::path>> files;
  for (auto& file : list_inputs(paths, out.errors)) {
    std::error_code ec;
    auto abs = fs::absolute(file, ec);
    files.emplace_back((ec ? file : abs).lexically_normal().string(), std::move(file));
  }
  std::stable_sort(files.begin(), files.end(),
                   [](const auto& a, const auto& b) { return ranks_before(a.first, b.first); });
  out.files = files.size();
  OrderedPipeline<FileResult> pipeline(files.size(), jobs, std::max<std::size_t>(16, 4 * std::size_t{jobs}),
                                       [&](std::size_t i) { return parse_file(files[i].second); });
  Assembly assembly;
  for (std::size_t i = 0; i < files.size(); ++i) {
    FileResult result = pipeline.take(i);
    if (result.error) out.errors.push_back(std::move(*result.error));
    else out.duplicate_pages += assembly.add(std::move(result.conferences)).copies.size();
  }
  out.conferences = std::move(assembly).finish();
  return out;
}

}  // namespace scio::indexer
