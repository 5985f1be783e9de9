// Exchanges on the 500 real Foreign Ministry pages of the shared corpus, against the pages' own
// markup: every question there is bold (and starts "Q:" before 2020-03-24), its answer is the
// plain paragraphs after it. The expected pairs come from that markup alone, read here without
// scio's reader; the test reports how many scio forms, and the kinds of mistakes. Then the
// known-item figure: six words of a question, searched as `exchanges`, find its exchange first.
#include "core/text.h"
#include "indexer/exchanges.h"
#include "indexer/reader.h"
#include "indexer/source_file.h"
#include "searcher/exchanges.h"
#include "test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <iostream>
#include <map>

namespace fs = std::filesystem;
using scio::core::SpeakerKind;

namespace {

// Letters and digits only, lower case: what both sides of a comparison keep.
std::string key(std::string_view text) {
  std::string out;
  for (unsigned char c : text)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

std::string lower(std::string s) { return scio::core::ascii_lower(s); }

struct MarkedParagraph {
  std::string text;
  bool bold = false;
};

// The <p> paragraphs of the page's HTML, tags dropped; bold when a <b> or <strong> opens before
// the paragraph's first text.
std::vector<MarkedParagraph> marked_paragraphs(const std::string& html) {
  std::vector<MarkedParagraph> out;
  const std::string low = lower(html);
  for (std::size_t at = low.find("<p"); at != std::string::npos; at = low.find("<p", at + 2)) {
    if (at + 2 < low.size() && low[at + 2] != '>' && low[at + 2] != ' ') continue;
    const auto open_end = low.find('>', at);
    const auto close = low.find("</p>", open_end);
    if (open_end == std::string::npos || close == std::string::npos) break;
    MarkedParagraph p;
    bool seen_text = false;
    for (std::size_t i = open_end + 1; i < close;) {
      if (html[i] == '<') {
        const auto end = low.find('>', i);
        const std::string tag = low.substr(i, end - i + 1);
        if (!seen_text && (tag == "<b>" || tag.rfind("<strong", 0) == 0 || tag.rfind("<b ", 0) == 0)) p.bold = true;
        i = end + 1;
        continue;
      }
      if (html[i] == '&') {
        const auto semi = low.find(';', i);
        const std::string entity = semi == std::string::npos ? "" : low.substr(i, semi - i + 1);
        p.text += entity == "&amp;" ? "&" : " ";
        i = semi == std::string::npos ? i + 1 : semi + 1;
        continue;
      }
      if (!std::isspace(static_cast<unsigned char>(html[i]))) seen_text = true;
      p.text += html[i++];
    }
    if (!key(p.text).empty()) out.push_back(std::move(p));
  }
  return out;
}

// A question's or answer's first paragraph, as a key (the label's letters included).
struct Pair {
  std::string question;
  std::string answer;  // "" when the next paragraph is another question
  std::string shown;   // the question's opening, for the report
};

bool starts_question(const MarkedParagraph& p) {
  const auto t = scio::core::trim(p.text);
  return p.bold || t.rfind("Q:", 0) == 0 || t.rfind("Q\xEF\xBC\x9A", 0) == 0;
}

// A bold paragraph that opens with a label ("Q:", "CCTV:", "Follow-up:") starts a question; a
// bold one without follows on from the question before.
bool has_label(const std::string& text) {
  const auto colon = text.find(':');
  return colon != std::string::npos && colon <= 60 && scio::core::split_words(text.substr(0, colon)).size() <= 6;
}

// "The following questions were raised after the press conference:" on its own: no question, but
// the first words of the one that follows (as scio keeps it).
bool is_lone_lead_in(const std::string& text) {
  const auto t = lower(std::string(scio::core::trim(text)));
  return t.size() < 120 && t.find("after the") != std::string::npos &&
         t.find("press conference") != std::string::npos && (t.back() == ':' || t.back() == '.');
}

std::vector<Pair> expected_pairs(const std::vector<MarkedParagraph>& paragraphs) {
  std::vector<Pair> out;
  bool in_question = false;
  std::string lead_in;
  for (const auto& p : paragraphs) {
    if (starts_question(p) && is_lone_lead_in(p.text)) {
      lead_in = p.text;
      in_question = false;
      continue;
    }
    if (starts_question(p)) {
      if (in_question && !has_label(p.text)) continue;  // the question's next paragraph
      const std::string first = lead_in.empty() ? p.text : std::exchange(lead_in, std::string());
      out.push_back({key(first), "", std::string(scio::core::trim(p.text)).substr(0, 70)});
      in_question = true;
    } else if (!out.empty() && in_question) {
      out.back().answer = key(p.text);
      in_question = false;
    }
  }
  return out;
}

// Whether scio's paragraph (no label) is the marked one (label included): found near its start.
bool same_paragraph(const std::string& marked, const std::string& scio_text) {
  const auto k = key(scio_text).substr(0, 40);
  if (k.size() < 8) return !marked.empty() && marked == key(scio_text);
  const auto at = marked.find(k);
  return at != std::string::npos && at <= 60;
}

struct ScioExchange {
  std::string question;  // first paragraph of the question turn
  std::string answer;    // first paragraph of the first answer turn, "" when none
  int number = 0;
  std::string question_text;
};

std::vector<ScioExchange> scio_exchanges(const scio::core::Conference& c) {
  std::map<int, ScioExchange> by_number;
  for (const auto& t : c.turns()) {
    if (!t.exchange || t.paragraphs.empty()) continue;
    auto& e = by_number[*t.exchange];
    e.number = *t.exchange;
    if (t.kind == SpeakerKind::reporter && e.question.empty()) {
      e.question = t.paragraphs.front();
      for (const auto& p : t.paragraphs) e.question_text += p + " ";
    } else if (t.kind != SpeakerKind::reporter && e.answer.empty()) {
      e.answer = t.paragraphs.front();
    }
  }
  std::vector<ScioExchange> out;
  for (auto& [n, e] : by_number) out.push_back(std::move(e));
  return out;
}

std::vector<fs::path> mfa_pages() {
  const fs::path dir = fs::path(SCIO_SHARED_CORPUS) / "mfa-en-html";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".shtml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("Foreign Ministry exchanges against the pages' own markup", "[corpus][mfa][exchanges]") {
  const auto files = mfa_pages();
  REQUIRE(files.size() == 500);
  std::size_t pairs = 0, correct = 0;
  std::map<std::string, std::vector<std::string>> mistakes;  // kind -> examples
  for (const auto& f : files) {
    const auto bytes = scio::test::read_file(f);
    const auto source = scio::indexer::decode_source(bytes);
    REQUIRE(source);
    const auto expected = expected_pairs(marked_paragraphs(source->utf8));
    auto r = scio::indexer::read_file(f);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.conferences.size() == 1);
    const auto formed = scio_exchanges(r.conferences.front());
    for (const auto& pair : expected) {
      ++pairs;
      const auto asked = std::find_if(formed.begin(), formed.end(),
                                      [&](const ScioExchange& e) { return same_paragraph(pair.question, e.question); });
      std::string kind;
      if (asked == formed.end()) kind = "the question starts no exchange";
      else if (pair.answer.empty() != asked->answer.empty())
        kind = pair.answer.empty() ? "an answer where the page has none" : "no answer where the page has one";
      else if (!pair.answer.empty() && !same_paragraph(pair.answer, asked->answer)) kind = "another answer";
      if (kind.empty()) {
        ++correct;
        continue;
      }
      auto& examples = mistakes[kind];
      examples.push_back(f.filename().string() + ": " + pair.shown);
    }
  }
  const double fraction = pairs ? static_cast<double>(correct) / static_cast<double>(pairs) : 0;
  std::cout << "exchanges, mfa-en-html: " << correct << " of " << pairs << " question/answer pairs formed correctly ("
            << static_cast<int>(fraction * 1000) / 10.0 << "%)\n";
  for (const auto& [kind, examples] : mistakes) {
    std::cout << "  " << examples.size() << " x " << kind << ", e.g.\n";
    for (std::size_t i = 0; i < examples.size() && i < 4; ++i) std::cout << "    " << examples[i] << '\n';
  }
  CHECK(pairs > 4000);
  CHECK(fraction > 0.99);  // 99.2% (4,555 of 4,592) when written
}

TEST_CASE("six words of a question find its exchange first (100 questions)", "[corpus][mfa][exchanges]") {
  scio::test::TempDir dir;
  const std::string db = (dir / "db").string();
  const fs::path pages = fs::path(SCIO_SHARED_CORPUS) / "mfa-en-html";
  auto indexed = scio::test::run({SCIO_INDEX_BIN, "-q", "--db", db, pages.string()});
  REQUIRE(indexed.exit_code == 0);
  // Every 25th question of the corpus, in file order, until 100: its words 3 to 8 (letters only).
  std::vector<std::pair<std::string, std::string>> sample;  // query, exchange id
  std::size_t seen = 0;
  for (const auto& f : mfa_pages()) {
    auto r = scio::indexer::read_file(f);
    REQUIRE(r.conferences.size() == 1);
    for (const auto& e : scio_exchanges(r.conferences.front())) {
      std::vector<std::string> words;
      for (const auto& w : scio::core::split_words(e.question_text))
        if (std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); })) words.push_back(w);
      if (words.size() < 8 || seen++ % 25 != 0 || sample.size() == 100) continue;
      std::string query;
      for (std::size_t i = 2; i < 8; ++i) query += (query.empty() ? "" : " ") + words[i];
      sample.emplace_back(query, scio::indexer::exchange_id(r.conferences.front().id, e.number));
    }
  }
  REQUIRE(sample.size() == 100);
  scio::searcher::Searcher searcher(scio::searcher::open_database({db}));
  std::size_t first = 0, top10 = 0;
  std::vector<std::string> missed;
  for (const auto& [query, id] : sample) {
    scio::searcher::ExchangeRequest request;
    request.text = query;
    request.limit = 10;
    auto results = scio::searcher::search_exchanges(searcher, request);
    REQUIRE(results);
    const auto& hits = results->hits;
    const auto at = std::find_if(hits.begin(), hits.end(), [&](const auto& h) { return h.id == id; });
    if (at == hits.begin() && !hits.empty()) ++first;
    else
      missed.push_back(query + " -> " + id +
                       (at == hits.end() ? " (not in the top 10)" : " (rank " + std::to_string(at->rank) + ")"));
    if (at != hits.end()) ++top10;
  }
  std::cout << "exchanges known-item, mfa-en-html: six words of 100 questions find their exchange first " << first
            << " times, in the top 10 " << top10 << " times\n";
  for (std::size_t i = 0; i < missed.size() && i < 8; ++i) std::cout << "  missed: " << missed[i] << '\n';
  CHECK(first >= 70);  // 80 when written, 73 on the questions since the post-conference ones: the misses are mostly
                       // stock phrases ("of the Central Committee of the")
}
