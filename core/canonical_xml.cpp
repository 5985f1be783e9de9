#include "core/canonical_xml.h"

#include "core/compress.h"

#include "core/text.h"

#include <pugixml.hpp>
#include <algorithm>

namespace scio::core {
namespace {

constexpr int k_format_version = 1;

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void set_date(pugi::xml_node parent, const char* name, const std::optional<Date>& date) {
  if (date) parent.append_child(name).text().set(date->iso().c_str());
}

Result<std::optional<Date>> get_date(pugi::xml_node parent, const char* name) {
  auto node = parent.child(name);
  if (!node) return std::optional<Date>{};
  auto date = parse_iso_date(node.text().get());
  if (!date) return Error{std::string("invalid <") + name + "> date '" + node.text().get() + "'"};
  return std::optional<Date>{*date};
}

constexpr const char* k_namespace = "urn:scio:canonical:1";

void append_conference(pugi::xml_node parent, const Conference& c, bool with_namespace) {
  auto root = parent.append_child("conference");
  if (with_namespace) root.append_attribute("xmlns") = k_namespace;
  root.append_attribute("version") = k_format_version;
  root.append_attribute("id") = c.id.c_str();
  // Derived from the text (Conference::language, Turn::language), written for readers of the XML.
  const std::string lang(c.language());
  root.append_attribute("lang") = lang.c_str();
  root.append_child("title").text().set(c.title.c_str());
  for (const auto& url : c.urls) root.append_child("url").text().set(url.c_str());
  set_date(root, "published", c.published);
  set_date(root, "held", c.held);
  auto parts = root.append_child("participants");
  for (const auto& p : c.participants) {
    auto node = parts.append_child("participant");
    node.append_attribute("name") = p.name.c_str();
    node.append_attribute("role") = p.role.c_str();
  }
  for (const auto& page : c.pages) {
    auto pn = root.append_child("page");
    pn.append_attribute("number") = page.number;
    pn.append_attribute("source") = page.source.c_str();
    if (!page.url.empty()) pn.append_attribute("url") = page.url.c_str();
    pn.append_attribute("hash") = page.hash.c_str();
    for (const auto& t : page.turns) {
      auto tn = pn.append_child("turn");
      tn.append_attribute("speaker") = t.speaker.c_str();
      tn.append_attribute("key") = t.speaker_key.c_str();
      tn.append_attribute("kind") = std::string(to_string(t.kind)).c_str();
      tn.append_attribute("lang") = std::string(t.language(lang)).c_str();
      if (!t.outlet.empty()) tn.append_attribute("outlet") = t.outlet.c_str();
      if (t.continued) tn.append_attribute("continued") = "true";
      if (t.after_break) tn.append_attribute("break") = "true";
      if (t.exchange) tn.append_attribute("exchange") = *t.exchange;
      if (t.follows) tn.append_attribute("follows") = *t.follows;
      for (const auto& para : t.paragraphs) tn.append_child("p").text().set(para.c_str());
    }
  }
}

std::string save(const pugi::xml_document& doc) {
  StringWriter writer;
  doc.save(writer, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + writer.out;
}

Result<Conference> read_conference(pugi::xml_node root);

}  // namespace

std::string to_canonical_xml(const Conference& c) {
  pugi::xml_document doc;
  append_conference(doc, c, true);
  return save(doc);
}

std::string to_canonical_xml(const std::vector<Conference>& conferences) {
  pugi::xml_document doc;
  auto root = doc.append_child("conferences");
  root.append_attribute("xmlns") = k_namespace;
  for (const auto& c : conferences) append_conference(root, c, false);
  return save(doc);
}

bool is_canonical_xml(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  text = trim(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
  if (text.rfind("<conference", 0) == 0) return true;
  if (text.rfind("<?xml", 0) != 0) return false;
  // An XML file: ours unless it is XHTML.
  auto lower = ascii_lower(text);
  return lower.find("<conference") != std::string::npos || lower.find("<html") == std::string::npos;
}

Result<std::vector<Conference>> from_canonical_xml(std::string_view xml) {
  if (xml.find("<!DOCTYPE") != std::string_view::npos || xml.find("<!ENTITY") != std::string_view::npos)
    return Error{"DOCTYPE and entity declarations are not allowed in canonical XML"};
  pugi::xml_document doc;
  // parse_default without parse_doctype: no DTD processing at all.
  auto res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype, pugi::encoding_utf8);
  if (!res) return Error{std::string("invalid XML at byte ") + std::to_string(res.offset) + ": " + res.description()};
  std::vector<Conference> out;
  if (auto single = doc.child("conference")) {
    auto c = read_conference(single);
    if (!c) return Error{c.error()};
    out.push_back(std::move(*c));
    return out;
  }
  auto many = doc.child("conferences");
  if (!many) return Error{"not canonical XML: the root element is neither <conference> nor <conferences>"};
  for (auto node : many.children("conference")) {
    auto c = read_conference(node);
    if (!c) return Error{c.error()};
    out.push_back(std::move(*c));
  }
  return out;
}

namespace {

Result<Conference> read_conference(pugi::xml_node root) {
  if (root.attribute("version").as_int() != k_format_version)
    return Error{"unsupported canonical XML version '" + std::string(root.attribute("version").value()) + "'"};
  Conference c;
  c.id = root.attribute("id").value();
  if (c.id.empty()) return Error{"<conference> has no id"};
  c.title = root.child("title").text().get();
  for (auto u : root.children("url")) c.urls.emplace_back(u.text().get());
  auto published = get_date(root, "published");
  if (!published) return Error{published.error()};
  c.published = *published;
  auto held = get_date(root, "held");
  if (!held) return Error{held.error()};
  c.held = *held;
  for (auto p : root.child("participants").children("participant"))
    c.participants.push_back({p.attribute("name").value(), p.attribute("role").value()});
  int last_number = 0;
  for (auto pn : root.children("page")) {
    Page page;
    page.number = pn.attribute("number").as_int();
    if (page.number <= last_number) return Error{"<page> numbers must increase"};
    last_number = page.number;
    page.source = pn.attribute("source").value();
    page.url = pn.attribute("url").value();
    page.hash = pn.attribute("hash").value();
    for (auto tn : pn.children("turn")) {
      Turn t;
      t.speaker = tn.attribute("speaker").value();
      t.speaker_key = tn.attribute("key").value();
      auto kind = speaker_kind_from_string(tn.attribute("kind").value());
      if (!kind) return Error{"invalid turn kind '" + std::string(tn.attribute("kind").value()) + "'"};
      t.kind = *kind;
      t.outlet = tn.attribute("outlet").value();
      t.continued = tn.attribute("continued").as_bool();
      t.after_break = tn.attribute("break").as_bool();
      for (auto [name, field] : {std::pair{"exchange", &t.exchange}, std::pair{"follows", &t.follows}}) {
        auto a = tn.attribute(name);
        if (!a) continue;
        if (a.as_int() < 1) return Error{std::string("invalid turn ") + name + " '" + a.value() + "'"};
        *field = a.as_int();
      }
      t.page = page.number;
      for (auto p : tn.children("p")) t.paragraphs.emplace_back(p.text().get());
      page.turns.push_back(std::move(t));
    }
    c.pages.push_back(std::move(page));
  }
  for (const auto* text : {&c.id, &c.title})
    if (find_invalid_utf8(*text) != std::string::npos) return Error{"invalid UTF-8 in canonical XML"};
  // lang is derived from the text, never read into the model: an attribute that disagrees with the
  // text would make the file say two things, so it is refused rather than silently replaced.
  const std::string lang(c.language());
  if (const auto written = root.attribute("lang"); written && lang != written.value())
    return Error{"<conference id=\"" + c.id + "\"> has lang=\"" + written.value() + "\", but its text is " + lang +
                 " (lang is derived from the text: correct it or leave it out)"};
  std::size_t page_index = 0;
  for (auto pn : root.children("page")) {
    const auto& page = c.pages[page_index++];
    std::size_t turn_index = 0;
    for (auto tn : pn.children("turn")) {
      const auto& turn = page.turns[turn_index++];
      const auto written = tn.attribute("lang");
      if (!written) continue;
      if (const auto derived = turn.language(lang); derived != written.value())
        return Error{"<conference id=\"" + c.id + "\"> page " + std::to_string(page.number) + " turn " +
                     std::to_string(turn_index) + " has lang=\"" + written.value() + "\", but its text is " +
                     std::string(derived) + " (lang is derived from the text: correct it or leave it out)"};
    }
  }
  return c;
}

}  // namespace

std::string pack_conference(const Conference& conference) { return compress(to_canonical_xml(conference)); }

Result<Conference> unpack_conference(std::string_view stored, std::size_t max_bytes) {
  auto xml = decompress(stored, max_bytes);
  if (!xml) return Error{xml.error()};
  auto parsed = from_canonical_xml(*xml);
  if (!parsed) return Error{parsed.error()};
  if (parsed->size() != 1) return Error{"holds " + std::to_string(parsed->size()) + " conferences, not one"};
  return std::move(parsed->front());
}

}  // namespace scio::core
