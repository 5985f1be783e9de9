// Saved HTML pages into text blocks: purpose-made SCIO layouts, real Foreign Ministry pages, bad input.
#include "core/text.h"
#include "indexer/html_reader.h"
#include "indexer/source_file.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

using scio::indexer::Block;
using scio::indexer::PageText;
using scio::indexer::read_html;
using scio::test::data_path;

namespace {

PageText read_page(const std::string& fixture) {
  auto source = scio::indexer::load_source(data_path(fixture));
  INFO(fixture << ": " << (source ? std::string() : source.error()));
  REQUIRE(source.ok());
  auto page = read_html(source->utf8);
  INFO(fixture << ": " << (page ? std::string() : page.error()));
  REQUIRE(page.ok());
  return *page;
}

std::string all_text(const PageText& page) {
  std::string text;
  for (const auto& b : page.blocks) text += b.text + "\n";
  return text;
}

const Block* find_block(const PageText& page, const std::string& text) {
  auto it = std::find_if(page.blocks.begin(), page.blocks.end(), [&](const Block& b) { return b.text == text; });
  return it == page.blocks.end() ? nullptr : &*it;
}

const Block* block_starting(const PageText& page, const std::string& prefix) {
  auto it = std::find_if(page.blocks.begin(), page.blocks.end(),
                         [&](const Block& b) { return b.text.rfind(prefix, 0) == 0; });
  return it == page.blocks.end() ? nullptr : &*it;
}

// Every fixture marks text that must never reach the blocks with this tag.
void check_clean(const PageText& page) {
  auto text = all_text(page);
  CHECK(text.find("MUST-NOT-APPEAR") == std::string::npos);
  CHECK(text.find("_ueditor_page_break_tag_") == std::string::npos);
  for (auto at = text.find('<'); at != std::string::npos; at = text.find('<', at + 1)) {
    INFO("markup at: " << text.substr(at, 20));
    char next = at + 1 < text.size() ? text[at + 1] : ' ';
    CHECK_FALSE((std::isalpha(static_cast<unsigned char>(next)) || next == '/'));
  }
  for (const auto& b : page.blocks) {
    CHECK_FALSE(b.text.empty());
    CHECK(b.text == scio::core::normalize_space(b.text));
  }
}

struct Label {
  std::string text;
  bool emphasized;
};

struct Layout {
  std::string fixture;
  std::string title;
  std::string url;
  std::vector<Label> labels;              // speaker label blocks, in this order
  std::vector<std::string> other_blocks;  // more blocks that must come out whole
};

}  // namespace

TEST_CASE("SCIO layouts: title, url, labels as their own blocks, no script text", "[html]") {
  const std::vector<Layout> layouts = {
      // english.scio.gov.cn content page: <p><strong>Name:</strong></p> inside div.content.
      {"html/scio_strong.html",
       "SCIO press conference on the development of industry and information technology in 2023",
       "http://english.scio.gov.cn/pressroom/2024-02/01/content_116977834.htm",
       {{"Xing Huina:", true}, {"Xin Guobin:", true}, {"Xing Huina:", true}, {"CCTV:", true}},
       {"China SCIO | February 1, 2024", "Read in Chinese", "Jan. 19, 2024", "1 2 3 >",
        "Mr. Xin Guobin, vice minister of industry and information technology"}},
      // IE-era markup: <B> labels, unclosed <P>, og:url. The title is only in <title>, so there is
      // no heading to widen #articleBody to, and the whole body (with the dateline) is read.
      {"html/scio_bold.html",
       "SCIO briefing on China's poverty alleviation_china.org.cn",
       "http://english.scio.gov.cn/pressroom/2020-05/22/content_76076720_2.htm",
       {{"Xu Lin:", true}, {"Liu Yongfu:", true}, {"Phoenix TV:", true}, {"Liu Yongfu:", true}},
       {"Home - Press Room -", "SCIO briefing on China's poverty alleviation", "China SCIOUpdated: May 22, 2020",
        "< 1 2 3 >",
        "Thank you. Poverty alleviation is a task that requires continued effort. We achieved what we had "
        "promised\u2019s goal.",
        "My question is about the targeted measures. How will they continue?", "Our position is very clear:"}},
      // Plain <p>Name:</p> labels in .TRS_Editor (preferred over the .main wrapper), widened to
      // the <h1> beside it; no canonical URL.
      {"html/scio_plain.html",
       "SCIO press conference on marine economy",
       "",
       {{"Speakers:", false},
        {"Chairperson:", false},
        {"Date:", false},
        {"Hu Kaihong:", false},
        {"Wang Hong:", false},
        {"Xinhua News Agency:", false},
        {"Wang Hong:", false}},
       {"China.org.cn, May 26, 2015", "May 25, 2015", "We will strengthen supervision."}},
      // Name:<br>text<br> inside larger blocks; the container (#fontzoom) widens to the heading.
      {"html/scio_br.html",
       "SCIO briefing on foreign trade",
       "http://www.china.org.cn/china/2020-06/10/content_76148273.htm",
       {{"Xi Yanchun:", false}, {"Qian Keming:", true}, {"Reuters:", false}, {"Qian Keming:", false}},
       {"China.org.cn | June 10, 2020", "June 9, 2020", "Now I give the floor to Mr. Qian.",
        "Will the ministry adjust its targets?"}},
      // node_N one-page version: the CMS page-break marker ends blocks and disappears.
      {"html/scio_node.html",
       "SCIO press conference on COVID-19 vaccines",
       "http://english.scio.gov.cn/pressroom/node_8026340.htm",
       {{"Speakers:", true},
        {"Chairperson:", true},
        {"Shou Xiaoli:", true},
        {"Xinhua News Agency:", true},
        {"Zeng Yixin:", true},
        {"Shou Xiaoli:", true}},
       {"Beijing | 10 a.m. April 18, 2022", "How many doses have been given?",
        "More than 3.3 billion doses have been administered.", "We will keep going."}},
      // /m/ mobile copy: <article> (its own <header> kept), site <header>/<nav>/<footer> dropped.
      {"html/scio_mobile.html",
       "SCIO press conference on the development of China's civil aviation",
       "http://english.scio.gov.cn/m/pressroom/2023-07/27/content_85986540_2.htm",
       {{"Song Zhiyong:", true}, {"Bloomberg:", true}},
       {"China SCIO | July 27, 2023",
        "the airlines restored 90% of their international flights by the end of the month, and we expect "
        "further growth."}},
      // china.org.cn copy: no known container, so the whole body with its furniture.
      {"html/chinaorg.html",
       "SCIO press conference on the development of industry and information technology in 2023",
       "",
       {{"Xing Huina:", true}, {"Xin Guobin:", true}, {"Xing Huina:", true}},
       {"Home - Press Room -", "China.org.cn | February 1, 2024", "Read in Chinese",
        "Adjust font size:", "0 Comment(s)Print E-mail", "/5 Zhou Jianshe", "1 2 3 4 >", "Jan. 19, 2024"}},
  };
  for (const auto& layout : layouts) {
    DYNAMIC_SECTION(layout.fixture) {
      auto page = read_page(layout.fixture);
      CHECK(page.title == layout.title);
      CHECK(page.url == layout.url);
      CHECK_FALSE(page.inline_labels);
      check_clean(page);
      std::size_t from = 0;
      for (const auto& label : layout.labels) {
        auto it = std::find_if(page.blocks.begin() + static_cast<std::ptrdiff_t>(from), page.blocks.end(),
                               [&](const Block& b) { return b.text == label.text; });
        INFO("label " << label.text);
        REQUIRE(it != page.blocks.end());
        CHECK(it->emphasized == label.emphasized);
        from = static_cast<std::size_t>(it - page.blocks.begin()) + 1;
      }
      for (const auto& text : layout.other_blocks) {
        INFO("block " << text);
        CHECK(find_block(page, text) != nullptr);
      }
    }
  }
}

TEST_CASE("SCIO layouts: details of the markup", "[html]") {
  SECTION("a label in bold with its paragraph's text is emphasized, a bold word later is not") {
    auto page = read_page("html/scio_bold.html");
    auto* question = find_block(page, "My question is about the targeted measures. How will they continue?");
    REQUIRE(question);
    CHECK_FALSE(question->emphasized);
  }
  SECTION("text outside the container (navigation, sidebars) is left out when a container is known") {
    auto text = all_text(read_page("html/scio_strong.html"));
    CHECK(text.find("SCIO briefing on the results of the national economy") == std::string::npos);
    CHECK(text.find("China Voice") == std::string::npos);
    text = all_text(read_page("html/scio_plain.html"));
    CHECK(text.find("Most viewed") == std::string::npos);
  }
  SECTION("the page break marker inside a paragraph splits it") {
    auto page = read_page("html/scio_node.html");
    auto* first = find_block(page, "More than 3.3 billion doses have been administered.");
    REQUIRE(first);
    CHECK((first + 1)->text == "We will keep going.");
  }
  SECTION("a page with furniture keeps it in order before the transcript") {
    auto page = read_page("html/chinaorg.html");
    auto order = [&](const std::string& text) { return find_block(page, text) - page.blocks.data(); };
    CHECK(order("Read in Chinese") < order("Jan. 19, 2024"));
    CHECK(order("/5 Zhou Jianshe") < order("Xing Huina:"));
    CHECK(order("Xing Huina:") < order("1 2 3 4 >"));
  }
}

TEST_CASE("Foreign Ministry pages (real, fmprc.gov.cn)", "[html][mfa]") {
  struct Case {
    std::string file;
    std::string title;
    std::string first_block;  // its start: the image-only paragraph before it gives no block
    std::string label;        // a bold question label that starts a block
  };
  const std::string fm = "Foreign Ministry Spokesperson ";
  const std::vector<Case> cases = {
      {"t1558711", fm + "Geng Shuang's Regular Press Conference on May 11, 2018",
       "At the invitation of President Julius Maada Wonie Bio", "Q: You just announced"},
      {"t1567808", fm + "Geng Shuang's Regular Press Conference on June11, 2018",
       "Q: The DPRK supreme leader Kim Jong Un", "Q:"},
      {"t1568234", fm + "Geng Shuang's Regular Press Conference on June12, 2018",
       "Brunei Second Minister of Foreign Affairs", "Q:"},
      {"t1593756", fm + "Geng Shuang's Regular Press Conference on September 10",
       "At the invitation of State Councilor", "Q:"},
      {"t1617471", fm + "Geng Shuang's Regular Press Conference on November 29, 2018",
       "Q: We have noted that the Foreign Ministry", "Q:"},
      {"t1653646", fm + "Lu Kang's Regular Press Conference on April 11, 2019",
       "Q: In its World Economic Outlook report", "Q:"},
      {"t1686226", fm + "Hua Chunying's Remarks on August 5, 2019", "Q: On August 2, Congressmen Smith", "Q:"},
      {"t1686638", fm + "Hua Chunying's Remarks on US House Speaker Nancy Pelosi's Erroneous Remarks on Hong Kong",
       "Q: US House Speaker Pelosi issued a statement", "Q:"},
      {"t1708383", fm + "Geng Shuang's Regular Press Conference on October 16, 2019",
       "Invited by Minister Naledi Pandor", "Q:"},
      {"t1739548", fm + "Hua Chunying's Daily Briefing Online on February 3, 2020", "Good afternoon. I'm Hua Chunying",
       "Q:"},
      {"t1748946", fm + "Zhao Lijian's Regular Press Conference on February 24, 2020",
       "Hua Chunying: Good afternoon, friends from the", "Q:"},
      {"t1794629", fm + "Zhao Lijian's Regular Press Conference on July 3, 2020", "CCTV: The foreign ministry of Laos",
       "Beijing Youth Daily:"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.file) {
      auto page = read_page("mfa/" + c.file + ".shtml");
      CHECK(page.title == c.title);
      CHECK(page.url.empty());
      CHECK(page.inline_labels);
      check_clean(page);
      REQUIRE_FALSE(page.blocks.empty());
      CHECK(page.blocks.front().text.rfind(c.first_block, 0) == 0);
      auto* label = block_starting(page, c.label);
      REQUIRE(label);
      CHECK(label->emphasized);
      auto text = all_text(page);
      CHECK(text.find("document.getElementById") == std::string::npos);
      CHECK(text.find("Press and Media Service") == std::string::npos);  // breadcrumbs are outside
    }
  }
}

TEST_CASE("Foreign Ministry pages: split spans, entities, answers", "[html][mfa]") {
  SECTION("words split across spans are joined without a space") {
    // C</SPAN></B><B><SPAN>oast </SPAN></B><B><SPAN>G</SPAN></B><B><SPAN>uard
    CHECK(all_text(read_page("mfa/t1794629.shtml")).find("Chinese Coast Guard vessels") != std::string::npos);
    // measure</SPAN><SPAN>s ... DPRK</SPAN><SPAN>’</SPAN><SPAN>s ... suspend</SPAN><SPAN>ing
    CHECK(all_text(read_page("mfa/t1568234.shtml"))
              .find("adjust sanction measures as may be needed in light of the DPRK\u2019s compliance, including "
                    "suspending or lifting") != std::string::npos);
  }
  SECTION("&nbsp; between words is one space") {
    auto text = all_text(read_page("mfa/t1568234.shtml"));
    CHECK(text.find("Haji Mohd Yusof will pay an official visit") != std::string::npos);
    CHECK(text.find("\u00a0") == std::string::npos);
    CHECK(all_text(read_page("mfa/t1653646.shtml")).find("global economic growth in this year") != std::string::npos);
  }
  SECTION("answers are plain, questions bold; Zhao Lijian's turns are inline labels") {
    auto page = read_page("mfa/t1558711.shtml");
    auto* answer = block_starting(page, "A: France is a permanent member");
    REQUIRE(answer);
    CHECK_FALSE(answer->emphasized);
    auto zhao = read_page("mfa/t1794629.shtml");
    auto* turn = block_starting(zhao, "Zhao Lijian: China highly applauds Laos and Vietnam");
    REQUIRE(turn);
    CHECK_FALSE(turn->emphasized);
    CHECK(turn->text.find("Law on Safeguarding National Security") != std::string::npos);  // "on</SPAN> <SPAN>Safe"
  }
}

TEST_CASE("Foreign Ministry Chinese page: #News_Body_Title and #News_Body_Txt_A", "[html][mfa]") {
  auto source = scio::indexer::load_source(data_path("mfa/zh-t1794584.shtml"));
  REQUIRE(source.ok());
  CHECK(source->charset == "UTF-8");  // a script's document.charset='gb2312' is no declaration
  CHECK_FALSE(source->detected);
  auto page = read_html(source->utf8);
  REQUIRE(page.ok());
  CHECK(page->title == "2020年7月3日外交部发言人赵立坚主持例行记者会");
  CHECK(page->inline_labels);
  check_clean(*page);
  REQUIRE_FALSE(page->blocks.empty());
  // The first paragraph is an image; the second opens with two ideographic spaces, then bold.
  CHECK(page->blocks.front().text.rfind("中央电视台记者：日前，老挝外交部发表声明", 0) == 0);
  CHECK(page->blocks.front().emphasized);
  auto* answer = block_starting(*page, "赵立坚：中方高度赞赏老方和越方");
  REQUIRE(answer);
  CHECK_FALSE(answer->emphasized);
  auto text = all_text(*page);
  CHECK(text.find("\u3000") == std::string::npos);
  CHECK(text.find("打印本页") == std::string::npos);  // the print bar sits outside the body
}

TEST_CASE("looks_like_html", "[html]") {
  auto [text, expected] = GENERATE(table<std::string, bool>({
      {"<!DOCTYPE html><html><body><p>x</p></body></html>", true},
      {"\xEF\xBB\xBF\n  <!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", true},
      {"<HTML><HEAD>", true},
      {"<meta charset=\"utf-8\"><p>text", true},
      {"<div class=\"content\">text</div>", true},
      {"<p>Xing Huina:</p>", true},
      {"<!-- saved from url=(0085)http://www.china.org.cn/ -->\n<html>", true},
      {"Title\n\nXing Huina:\n\nSome text with a </p> in it.", true},
      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<conference id=\"x\"><p>para</p></conference>", false},
      {"<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
      {"SCIO press conference on ...\n\nXing Huina:\n\nLadies and gentlemen, good morning.", false},
      {"", false},
  }));
  INFO(text);
  CHECK(scio::indexer::looks_like_html(text) == expected);
}

TEST_CASE("bad HTML input", "[html]") {
  SECTION("nested 100,000 levels deep: an error, no crash, in reasonable time") {
    for (std::string tag : {"div", "span", "b", "table", "p", "li"}) {
      std::string html = "<html><body>";
      for (int i = 0; i < 100000; ++i) html += "<" + tag + ">";
      html += "deep text";
      auto page = read_html(html);
      INFO(tag);
      if (page) CHECK(page->blocks.back().text.find("deep text") != std::string::npos);
      else CHECK(page.error() == "HTML nested deeper than 2000 levels");
    }
    std::string divs;
    for (int i = 0; i < 100000; ++i) divs += "<div>";
    auto page = read_html(divs + "x");
    REQUIRE_FALSE(page.ok());
    CHECK(page.error() == "HTML nested deeper than 2000 levels");
  }
  SECTION("deep but acceptable nesting, and many siblings, are read") {
    std::string html = "<body>";
    for (int i = 0; i < 1500; ++i) html += "<div>";
    html += "inner";
    for (int i = 0; i < 1500; ++i) html += "</div>";
    for (int i = 0; i < 20000; ++i) html += "<p>para";  // unclosed <p>: siblings, not nesting
    auto page = read_html(html);
    REQUIRE(page.ok());
    CHECK(page->blocks.size() == 20001);
  }
  SECTION("unclosed formatting tags re-created in every paragraph: refused before parsing") {
    // 180 KB that gumbo would turn into 20 million nodes (7 GB).
    std::string html = "<html><body><p>";
    for (int i = 0; i < 1000; ++i) html += "<font color=\"#" + std::to_string(100000 + i) + "\">";
    html += "</p>";
    for (int i = 0; i < 20000; ++i) html += "<p>x</p>";
    auto page = read_html(html);
    REQUIRE_FALSE(page.ok());
    CHECK(page.error() == "HTML reopens too many unclosed formatting tags");
    // A few unclosed ones, as real pages have, are fine.
    std::string few = "<body><p><font face=Arial><b>";
    for (int i = 0; i < 20000; ++i) few += "<p>x</p>";
    auto fine = read_html(few);
    REQUIRE(fine.ok());
    CHECK(fine->blocks.size() == 20000);
    CHECK(fine->blocks.back().emphasized);
  }
  SECTION("a page cut in the middle of a tag still gives its blocks") {
    auto html = scio::test::read_file(data_path("html/scio_strong.html"));
    auto cut = html.find("<p><strong>Xin Guobin:");
    REQUIRE(cut != std::string::npos);
    auto page = read_html(std::string_view(html).substr(0, cut + 8));  // ends in "<p><stro"
    REQUIRE(page.ok());
    CHECK(page->title == "SCIO press conference on the development of industry and information technology in 2023");
    REQUIRE(find_block(*page, "Xing Huina:"));
    CHECK(page->blocks.back().text == "Now, I'll give the floor to Mr. Xin for a brief introduction.");
  }
  SECTION("no text at all") {
    for (std::string html :
         {"<html><head><title></title></head><body></body></html>",
          "<html><body><script>var x = 'text';</script><img src=a.jpg></body></html>", "", "<p>&nbsp;</p>"}) {
      INFO(html);
      auto page = read_html(html);
      REQUIRE_FALSE(page.ok());
      CHECK(page.error() == "no text in the HTML page");
    }
  }
  SECTION("NUL bytes and invalid UTF-8 do not leak into blocks") {
    auto page = read_html(std::string("<p>a\0b \xFF c</p>", 14));
    REQUIRE(page.ok());
    REQUIRE(page->blocks.size() == 1);
    CHECK(scio::core::find_invalid_utf8(page->blocks[0].text) == std::string::npos);
  }
}
