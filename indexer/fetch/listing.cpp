#include "indexer/fetch/listing.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace scio::indexer::fetch {
namespace {

// Only the path decides what a link is; the host is the listing's own (a mirror works the same).
const std::regex k_mfa_old_item{R"(^t\d+\.shtml$)"};
const std::regex k_mfa_new_item{R"(/(\d{4})(\d{2})/t(\d{4})(\d{2})(\d{2})_\d+\.s?html$)"};
const std::regex k_scio_item{R"(/(\d{4})-(\d{2})/(\d{2})/content_\d+\.html?$)"};
const std::regex k_listing_name{R"(^(default|index|node_\d+)(?:_(\d+))?\.(s?html?)$)"};
const std::regex k_count_page{R"(countPage\s*=\s*(\d+))"};
const std::regex k_article_name{R"(^content_(\d+)(?:_(\d+))?\.(html?)$)"};

constexpr std::string_view k_page_break = "_ueditor_page_break_tag_";

struct Link {
  std::string href;
  std::string text;  // the anchor's text and what follows it up to the next link, tags removed
};

std::string without_tags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

// Every <a href=...> of the page, with the text around it (the date beside a listing's link).
std::vector<Link> links(std::string_view page) {
  std::vector<Link> out;
  std::size_t at = 0;
  while (true) {
    std::size_t a = page.find("<a", at);
    std::size_t upper = page.find("<A", at);
    if (upper < a) a = upper;
    if (a == std::string_view::npos) break;
    const std::size_t tag_end = page.find('>', a);
    if (tag_end == std::string_view::npos) break;
    const std::string_view tag = page.substr(a, tag_end - a);
    at = tag_end + 1;
    std::size_t h = tag.find("href");
    if (h == std::string_view::npos) h = tag.find("HREF");
    if (h == std::string_view::npos) continue;
    std::size_t v = tag.find('=', h);
    if (v == std::string_view::npos) continue;
    ++v;
    while (v < tag.size() && (tag[v] == ' ' || tag[v] == '\t')) ++v;
    if (v >= tag.size()) continue;
    std::string href;
    if (tag[v] == '"' || tag[v] == '\'') {
      const std::size_t close = tag.find(tag[v], v + 1);
      href = std::string(tag.substr(v + 1, close == std::string_view::npos ? std::string_view::npos : close - v - 1));
    } else {
      const std::size_t close = tag.find_first_of(" \t\r\n", v);
      href = std::string(tag.substr(v, close == std::string_view::npos ? std::string_view::npos : close - v));
    }
    // The text up to the next link or list item: the title, and the "(2020-05-07)" after it.
    std::size_t next = std::min({page.find("<a", at), page.find("<A", at), page.find("<li", at), page.find("<LI", at)});
    next = std::min(next, std::min(page.size(), at + 600));
    out.push_back({href, without_tags(page.substr(at, next - at))});
  }
  return out;
}

std::optional<core::Date> date_of(const std::string& path, const std::string& text) {
  std::smatch m;
  if (std::regex_search(path, m, k_mfa_new_item))
    return core::make_date(std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5]));
  if (std::regex_search(path, m, k_scio_item))
    return core::make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  return core::find_date(text);
}

bool is_item(const Url& url) {
  return std::regex_match(url.filename(), k_mfa_old_item) || std::regex_search(url.path, k_mfa_new_item) ||
         std::regex_search(url.path, k_scio_item);
}

}  // namespace

bool is_article_first_page(const Url& url) {
  std::smatch m;
  const std::string name = url.filename();
  return std::regex_match(name, m, k_article_name) && !m[2].matched;
}

bool is_article_page(const Url& url) { return std::regex_match(url.filename(), k_article_name); }

std::optional<Listing> read_listing(const Url& url, std::string_view page) {
  if (page.find(k_page_break) != std::string_view::npos) return std::nullopt;  // a whole transcript
  Listing listing;
  std::set<std::string> seen;
  for (const auto& link : links(page)) {
    auto item = resolve_url(url.full, link.href);
    if (!item || item->origin() != url.origin() || !is_item(*item) || !seen.insert(item->full).second) continue;
    listing.items.push_back({*item, date_of(item->path, link.text)});
  }
  if (listing.items.empty()) return std::nullopt;

  const std::string page_text(page);
  std::smatch count;
  const bool has_count = std::regex_search(page_text, count, k_count_page);
  std::string name = url.filename();
  if (name.empty()) {
    // A folder URL serves the listing's first page: its name comes from its own pager links.
    const std::string stem = page.find("default_") != std::string_view::npos ? "default" : "index";
    const std::regex pager(stem + R"(_\d*\.(s?html?))");
    std::smatch ext;
    name = stem + "." + (std::regex_search(page_text, ext, pager) ? ext[1].str() : std::string("html"));
  }
  std::smatch m;
  if (!std::regex_match(name, m, k_listing_name)) {
    // Not named as a listing: only the Foreign Ministry's script makes it one.
    if (!has_count) return std::nullopt;
    return listing;
  }
  // A SCIO node_N page linking a few articles ("MORE FROM") is a transcript, not a listing.
  if (!has_count && m[1].str().rfind("node_", 0) == 0 && listing.items.size() < 5) return std::nullopt;
  const int current = m[2].matched ? std::stoi(m[2]) : 0;
  const std::string next_name = m[1].str() + "_" + std::to_string(current + 1) + "." + m[3].str();
  auto next = resolve_url(url.full, next_name);
  if (next) {
    if (has_count) {
      if (current + 1 < std::stoi(count[1])) listing.next_page = next;
    } else {
      // No page count: the pager's own link to the next page is followed.
      for (const auto& link : links(page)) {
        auto target = resolve_url(url.full, link.href);
        if (target && target->full == next->full) listing.next_page = next;
      }
    }
  }
  return listing;
}

std::vector<Url> article_pages(const Url& url, std::string_view page) {
  std::smatch self;
  const std::string name = url.filename();
  if (!std::regex_match(name, self, k_article_name)) return {};
  const std::string folder = url.path.substr(0, url.path.rfind('/') + 1);
  std::map<int, Url> pages;
  for (const auto& link : links(page)) {
    auto target = resolve_url(url.full, link.href);
    if (!target || target->origin() != url.origin() || target->path.rfind(folder, 0) != 0) continue;
    std::smatch m;
    const std::string target_name = target->filename();
    if (!std::regex_match(target_name, m, k_article_name) || m[1] != self[1] || target_name == name) continue;
    target->query.clear();
    target->full = target->origin() + target->path;
    pages.emplace(m[2].matched ? std::stoi(m[2]) : 1, *target);
  }
  std::vector<Url> out;
  for (auto& [k, u] : pages) out.push_back(u);
  return out;
}

std::string soft_404_reason(const Url& asked, const Url& answered, std::string_view page) {
  static const std::regex error_name{R"((^|[^a-z])(error|404|notfound|not_found)([^a-z]|$))", std::regex::icase};
  if (answered.path != asked.path && std::regex_search(answered.filename(), error_name))
    return "redirected to the site's error page " + answered.path;
  std::string head(page.substr(0, 64 * 1024));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  for (std::string_view phrase :
       {"the page you requested cannot be found", "the page you requested does not exist", "<title>404",
        "<title>page not found", "没有找到您要的网页", "您访问的页面不存在", "页面不存在</title>"}) {
    if (head.find(phrase) != std::string::npos)
      return "the site answered with its \"page not found\" page (status 200)";
  }
  return {};
}

}  // namespace scio::indexer::fetch
