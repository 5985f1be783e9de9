// Saved HTML pages into ordered text blocks: one gumbo parse, then iterative walks of the DOM.
#include "indexer/html_reader.h"

#include "core/text.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace scio::indexer {
namespace {

constexpr std::size_t k_max_depth = 2000;
constexpr std::string_view k_page_break = "_ueditor_page_break_tag_";
const core::Error k_too_deep{"HTML nested deeper than 2000 levels"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && core::ascii_lower(a) == core::ascii_lower(b);
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

const core::Error k_too_many_reopened{"HTML reopens too many unclosed formatting tags"};

// Two kinds of input make gumbo's tree builder explode before any check on the tree could run,
// so a cheap scan of the tags refuses them up front:
// - nesting: gumbo rescans the stack of open elements for many start tags, so 100,000 nested
//   <div>s cost minutes. The scan estimates the depth: end tags close up to their match,
//   siblings like <p> and <li> close their predecessor, void elements never open.
// - formatting tags left open (<font>, <b>, ...) are re-created in every later paragraph, so
//   1,000 of them before 20,000 short paragraphs build 20 million nodes (7 GB) from 180 KB. The
//   scan counts the re-creations each text run would need, never fewer than gumbo makes.
std::optional<core::Error> check_structure(std::string_view html) {
  static const std::array<std::string_view, 16> k_void = {"area",  "base",  "br",       "col",  "embed", "hr",
                                                          "img",   "input", "link",     "meta", "param", "source",
                                                          "track", "wbr",   "basefont", "frame"};
  static const std::array<std::string_view, 9> k_raw = {"script", "style",   "textarea", "title",    "xmp",
                                                        "iframe", "noembed", "noframes", "plaintext"};
  static const std::array<std::string_view, 15> k_sibling_closed = {
      "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "a", "rt", "rp"};
  static const std::array<std::string_view, 14> k_formatting = {"a",    "b", "big",   "code",   "em",     "font", "i",
                                                                "nobr", "s", "small", "strike", "strong", "tt",   "u"};
  constexpr std::size_t k_max_reopened = 2'000'000;
  auto is_in = [](const auto& set, std::string_view name) {
    return std::find(set.begin(), set.end(), name) != set.end();
  };
  std::vector<std::string> stack;
  std::unordered_map<std::string, std::size_t> open_count, unclosed;
  std::size_t foreign = 0;          // open <svg>/<math>, where "/>" really closes an element
  std::size_t unclosed_total = 0;   // formatting tags without their end tag yet
  std::size_t formatting_open = 0;  // formatting elements on the stack
  std::size_t reopened = 0;
  auto pop_to = [&](const std::string& name) {
    while (!stack.empty()) {
      std::string top = std::move(stack.back());
      stack.pop_back();
      --open_count[top];
      if (top == "svg" || top == "math") --foreign;
      if (is_in(k_formatting, top)) --formatting_open;
      if (top == name) return;
    }
  };
  std::size_t i = 0, text_from = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (i > text_from && unclosed_total > formatting_open) {
      reopened += unclosed_total - formatting_open;
      if (reopened > k_max_reopened) return k_too_many_reopened;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      auto end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = text_from = end + 3;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    std::size_t j = name_start;
    while (j < html.size() && (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '-')) ++j;
    auto tag_end = html.find('>', j);
    if (tag_end == std::string_view::npos) break;
    if (j == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      i = j == name_start ? i + 1 : tag_end + 1;  // "a < b" is text, "</3>" is dropped
      continue;
    }
    std::string name = core::ascii_lower(html.substr(name_start, j - name_start));
    i = text_from = tag_end + 1;
    if (closing) {
      if (is_in(k_formatting, name) && unclosed[name] > 0) --unclosed[name], --unclosed_total;
      if (open_count[name] > 0) pop_to(name);
      continue;
    }
    if (is_in(k_raw, name)) {
      auto end = html.find("</", i);
      while (end != std::string_view::npos && !istarts_with(html.substr(end + 2), name)) end = html.find("</", end + 2);
      if (end == std::string_view::npos) break;
      i = text_from = end;
      continue;
    }
    if (is_in(k_void, name) || (foreign > 0 && html[tag_end - 1] == '/')) continue;
    if (is_in(k_sibling_closed, name) && open_count[name] > 0) pop_to(name);
    if (name == "svg" || name == "math") ++foreign;
    // A new <a> or <nobr> ends the one left open before it, as gumbo's adoption agency does.
    if ((name == "a" || name == "nobr") && unclosed[name] > 0) --unclosed[name], --unclosed_total;
    if (is_in(k_formatting, name)) ++unclosed[name], ++unclosed_total, ++formatting_open;
    ++open_count[name];
    stack.push_back(std::move(name));
    if (stack.size() > k_max_depth) return k_too_deep;
  }
  return std::nullopt;
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
  return nullptr;
}

// Visits root's subtree in document order with an explicit stack (pages can be nested deeper
// than the call stack allows). enter(node) returns whether to descend into an element; leave(node)
// follows every element descended into. Returns false when the tree is deeper than max_depth.
template <typename Enter, typename Leave>
bool visit(const GumboNode* root, Enter&& enter, Leave&& leave, std::size_t max_depth = k_max_depth) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  auto open = [&](const GumboNode* node) {
    if (enter(node) && children_of(node)) stack.push_back({node, 0});
    return stack.size() <= max_depth;
  };
  if (!open(root)) return false;
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector* kids = children_of(top.node);
    if (top.next < kids->length) {
      if (!open(static_cast<const GumboNode*>(kids->data[top.next++]))) return false;
    } else {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(done);
    }
  }
  return true;
}

bool is_element(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string_view attribute(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? std::string_view(attr->value) : std::string_view();
}

bool has_token(std::string_view list, std::string_view token) {
  for (const auto& word : core::split_words(list))
    if (iequals(word, token)) return true;
  return false;
}

bool has_class(const GumboNode* node, std::string_view name) { return has_token(attribute(node, "class"), name); }
bool has_id(const GumboNode* node, std::string_view id) { return iequals(attribute(node, "id"), id); }

// Content that is never text of the page: code, embedded objects, forms, images, navigation.
bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: return true;
    default: return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: return true;
    default: return false;
  }
}

bool is_bold(GumboTag tag) { return tag == GUMBO_TAG_B || tag == GUMBO_TAG_STRONG; }

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA;
}

// Accumulates inline text into blocks; a block ends at block-level markup or a CMS page break.
class BlockBuilder {
 public:
  void add_text(std::string_view text, bool bold, bool outside) {
    for (std::size_t cut; (cut = text.find(k_page_break)) != std::string_view::npos;) {
      append(text.substr(0, cut), bold, outside);
      end_block();
      text.remove_prefix(cut + k_page_break.size());
    }
    append(text, bold, outside);
  }

  void end_block() {
    if (m_has_text) m_blocks.push_back({core::normalize_space(m_text), m_emphasized, m_outside});
    m_text.clear();
    m_has_text = false;
    m_emphasized = false;
    m_outside = false;
  }

  std::vector<Block> take() {
    end_block();
    return std::move(m_blocks);
  }

 private:
  void append(std::string_view text, bool bold, bool outside) {
    if (!m_has_text && !core::normalize_space(text).empty()) {
      m_has_text = true;
      m_emphasized = bold;
      m_outside = outside;
    }
    m_text.append(text);
  }

  std::string m_text;
  bool m_has_text = false;  // m_text holds something other than white space
  bool m_emphasized = false;
  bool m_outside = false;
  std::vector<Block> m_blocks;
};

// The text of an element as one line (titles, and measuring candidate containers).
std::string text_of(const GumboNode* node) {
  std::string text;
  visit(
      node,
      [&](const GumboNode* n) {
        if (is_text(n)) text.append(n->v.text.text);
        return n == node || (n->type == GUMBO_NODE_ELEMENT && !is_skipped(n->v.element.tag));
      },
      [](const GumboNode*) {}, SIZE_MAX);
  return core::normalize_space(text);
}

// The blocks of root; those outside article (an element within root, or root itself) are marked.
std::vector<Block> blocks_of(const GumboNode* root, const GumboNode* article_root) {
  BlockBuilder builder;
  int bold = 0;
  int article = 0;  // inside <article>, <header>/<footer> hold the article's own heading and date
  bool inside = article_root == root;
  visit(
      root,
      [&](const GumboNode* n) {
        if (is_text(n)) builder.add_text(n->v.text.text, bold > 0, !inside);
        if (n->type != GUMBO_NODE_ELEMENT) return n->type == GUMBO_NODE_DOCUMENT;
        GumboTag tag = n->v.element.tag;
        if (is_skipped(tag) || ((tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER) && article == 0)) return false;
        if (is_block(tag) || n == article_root) builder.end_block();
        if (n == article_root) inside = true;
        if (is_bold(tag)) ++bold;
        if (tag == GUMBO_TAG_ARTICLE) ++article;
        return true;
      },
      [&](const GumboNode* n) {
        if (n->type != GUMBO_NODE_ELEMENT) return;
        GumboTag tag = n->v.element.tag;
        if (is_block(tag) || n == article_root) builder.end_block();
        if (n == article_root && root != article_root) inside = false;
        if (is_bold(tag)) --bold;
        if (tag == GUMBO_TAG_ARTICLE) --article;
      },
      SIZE_MAX);
  return builder.take();
}

// What one pass over the whole tree finds: title and URL sources, the candidate containers.
struct Landmarks {
  const GumboNode* body = nullptr;
  const GumboNode* html_title = nullptr;
  std::vector<const GumboNode*> headings;  // h2.title, #News_Body_Title, then every <h1>
  std::string url;
  bool mfa = false;  // the Foreign Ministry CMS (#News_Body_Time exists on every page)
  const GumboNode* mfa_zh_body = nullptr;
  std::vector<const GumboNode*> mfa_en_bodies;
  std::array<std::vector<const GumboNode*>, 9> generic;  // by matches_generic's order
};

// Article containers of the SCIO and china.org.cn templates we know of or expect, most specific
// first: CMS article classes before layout wrappers like .main.
bool matches_generic(const GumboNode* n, std::size_t which) {
  switch (which) {
    case 0: return has_id(n, "articleBody");
    case 1: return has_class(n, "articleBody");
    case 2: return has_class(n, "TRS_Editor");
    case 3: return has_id(n, "fontzoom");
    case 4: return has_id(n, "vf");  // english.scio.gov.cn 2017-2018: div.cp > div#vf
    case 5: return is_element(n, GUMBO_TAG_ARTICLE);
    case 6: return has_id(n, "content");
    case 7: return has_class(n, "content");
    default: return has_class(n, "main");
  }
}

Landmarks find_landmarks(const GumboNode* root, bool& too_deep) {
  Landmarks marks;
  std::vector<const GumboNode*> h2_titles, body_titles, h1s;
  too_deep = !visit(
      root,
      [&](const GumboNode* n) {
        if (n->type != GUMBO_NODE_ELEMENT) return n->type == GUMBO_NODE_DOCUMENT;
        GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_BODY && !marks.body) marks.body = n;
        if (tag == GUMBO_TAG_TITLE && !marks.html_title) marks.html_title = n;
        if (tag == GUMBO_TAG_H2 && has_class(n, "title")) h2_titles.push_back(n);
        if (tag == GUMBO_TAG_H1) h1s.push_back(n);
        if (has_id(n, "News_Body_Title")) body_titles.push_back(n);
        if (has_id(n, "News_Body_Time")) marks.mfa = true;
        if (has_id(n, "News_Body_Txt_A") && !marks.mfa_zh_body) marks.mfa_zh_body = n;
        if (tag == GUMBO_TAG_DIV && has_class(n, "content")) marks.mfa_en_bodies.push_back(n);
        for (std::size_t k = 0; k < marks.generic.size(); ++k)
          if (matches_generic(n, k)) marks.generic[k].push_back(n);
        if (marks.url.empty() && tag == GUMBO_TAG_LINK && has_token(attribute(n, "rel"), "canonical"))
          marks.url = core::normalize_space(attribute(n, "href"));
        if (marks.url.empty() && tag == GUMBO_TAG_META && iequals(attribute(n, "property"), "og:url"))
          marks.url = core::normalize_space(attribute(n, "content"));
        return true;
      },
      [](const GumboNode*) {});
  for (auto* list : {&h2_titles, &body_titles, &h1s})
    marks.headings.insert(marks.headings.end(), list->begin(), list->end());
  return marks;
}

// Of several elements matching one selector, the one holding the most text.
const GumboNode* largest(const std::vector<const GumboNode*>& nodes, std::size_t& length) {
  const GumboNode* best = nullptr;
  length = 0;
  for (const auto* n : nodes) {
    std::size_t size = text_of(n).size();
    if (size > length) {
      best = n;
      length = size;
    }
  }
  return best;
}

// The smallest element holding both a and b.
const GumboNode* common_ancestor(const GumboNode* a, const GumboNode* b) {
  std::vector<const GumboNode*> above_a;
  for (const GumboNode* n = a; n; n = n->parent) above_a.push_back(n);
  for (const GumboNode* n = b; n; n = n->parent)
    if (std::find(above_a.begin(), above_a.end(), n) != above_a.end()) return n;
  return nullptr;
}

struct ContentRoot {
  const GumboNode* root;     // the element whose text becomes the blocks
  const GumboNode* article;  // the article element within it (root itself when not widened)
  bool mfa;                  // a Foreign Ministry body
};

// The element whose text becomes the blocks. A generic container is widened to take in the page
// heading when that sits outside it, and not used at all on pages without a heading element: the
// dateline and participants of SCIO pages sit near the heading, maybe outside the article's own
// element, and the parser needs them more than it minds the furniture that comes with them; the
// blocks outside the article are marked, so that they are never taken for speech.
ContentRoot content_root(const Landmarks& marks, const GumboNode* root, const GumboNode* heading) {
  std::size_t length = 0;
  if (marks.mfa_zh_body && !text_of(marks.mfa_zh_body).empty()) return {marks.mfa_zh_body, marks.mfa_zh_body, true};
  if (marks.mfa)
    if (const auto* body = largest(marks.mfa_en_bodies, length)) return {body, body, true};
  const GumboNode* body = marks.body ? marks.body : root;
  std::size_t body_length = text_of(body).size();
  // A generic class can name a sidebar box too: a container must hold a good part of the page.
  for (const auto& candidates : marks.generic) {
    const auto* best = heading ? largest(candidates, length) : nullptr;
    if (best && length * 5 >= body_length * 2) {
      const GumboNode* widened = common_ancestor(best, heading);
      if (widened && widened->type == GUMBO_NODE_ELEMENT) return {widened, best, false};
      return {best, best, false};
    }
  }
  return {body, body, false};
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

core::Result<PageText> read_parsed(const GumboNode* root) {
  bool too_deep = false;
  Landmarks marks = find_landmarks(root, too_deep);
  if (too_deep) return k_too_deep;
  PageText page;
  const GumboNode* heading = nullptr;
  for (const auto* candidate : marks.headings) {
    page.title = text_of(candidate);
    if (!page.title.empty()) {
      heading = candidate;
      break;
    }
  }
  if (page.title.empty() && marks.html_title) page.title = text_of(marks.html_title);
  page.url = marks.url;
  auto content = content_root(marks, root, heading);
  page.blocks = blocks_of(content.root, content.article);
  page.inline_labels = content.mfa;
  if (page.blocks.empty()) return core::Error{"no text in the HTML page"};
  return page;
}

}  // namespace

core::Result<PageText> read_html(std::string_view html) {
  try {
    if (auto refused = check_structure(html)) return *refused;
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // each recorded error copies the open-element stack: quadratic memory
    std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
        gumbo_parse_with_options(&options, html.data(), html.size()));
    if (!output) return core::Error{"the HTML parser failed"};
    return read_parsed(output->document);
  } catch (const std::exception& e) { return core::Error{std::string("cannot read the HTML: ") + e.what()}; }
}

bool looks_like_html(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  text = core::trim(text);
  if (istarts_with(text, "<?xml")) {
    auto end = text.find("?>");
    auto rest = core::trim(end == std::string_view::npos ? std::string_view() : text.substr(end + 2));
    if (istarts_with(rest, "<conference")) return false;
  }
  for (std::string_view prefix : {"<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p"})
    if (istarts_with(text, prefix)) return true;
  std::string head = core::ascii_lower(text.substr(0, 4096));
  for (std::string_view mark : {"<html", "<body", "</p>"})
    if (head.find(mark) != std::string::npos) return true;
  return false;
}

}  // namespace scio::indexer
