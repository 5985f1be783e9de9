#include "indexer/page_name.h"

#include <regex>

namespace scio::indexer {
namespace {

std::string sanitize(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    out += keep ? c : '-';
  }
  if (out.size() > 100) out.resize(100);  // ids go into Xapian terms, which are length-limited
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out.empty() ? "page" : out;
}

bool has_letter(std::string_view s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

}  // namespace

PageName page_name(const std::filesystem::path& path, std::string_view url) {
  PageName name;
  std::string stem;
  std::string parent;
  if (!url.empty()) {
    std::string u(url);
    auto q = u.find_first_of("?#");
    if (q != std::string::npos) u.resize(q);
    name.mobile = u.find("/m/") != std::string::npos;
    auto slash = u.find_last_of('/');
    std::string file = slash == std::string::npos ? u : u.substr(slash + 1);
    if (slash != std::string::npos) {
      auto prev = u.find_last_of('/', slash - 1);
      parent = u.substr(prev == std::string::npos ? 0 : prev + 1, slash - (prev == std::string::npos ? 0 : prev + 1));
    }
    stem = std::filesystem::path(file).stem().string();
  }
  if (stem.empty()) {
    stem = path.stem().string();
    parent = path.parent_path().filename().string();
    auto generic = path.generic_string();
    name.mobile = name.mobile || generic.find("/m/") != std::string::npos || generic.rfind("m/", 0) == 0;
  }
  static const std::regex duplicate_suffix(R"((\s*\(\d+\)|\s*-\s*Copy(\s*\(\d+\))?|\s+copy)$)", std::regex::icase);
  stem = std::regex_replace(stem, duplicate_suffix, "");
  static const std::regex paged(R"(^(content_\d+|node_\d+|[A-Za-z][\w-]*?)_(\d{1,2})$)");
  std::smatch m;
  if (std::regex_match(stem, m, paged)) {
    int k = std::stoi(m[2].str());
    if (k >= 1) {
      stem = m[1].str();
      name.number = k;
    }
  }
  name.conference_id = sanitize(has_letter(stem) || parent.empty() ? stem : parent + "-" + stem);
  return name;
}

}  // namespace scio::indexer
