// scio-search exchanges and show CONFERENCE/qN through the real binaries, over tests/data/exchanges
// (SCIO and White House layouts), and over shards and xapian-tcpsrv against one database.
#include "core/shards.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

namespace {

namespace fs = std::filesystem;
using scio::test::json_lines;
using scio::test::run;
using scio::test::RunResult;
using scio::test::TempDir;

const std::string& database() { return scio::test::indexed_database("exchanges"); }

RunResult exchanges(std::vector<std::string> args, const std::string& db = database()) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", db, "exchanges"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, {"COLUMNS=100", "NO_COLOR=1"});
}

std::vector<std::string> ids(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& j : json_lines(r.out)) out.push_back(j.at("exchange").get<std::string>());
  return out;
}

// The scores of passage hits by passage id (scio-search --format json).
std::map<std::string, double> passage_scores(const std::string& query) {
  auto r = run({SCIO_SEARCH_BIN, "--db", database(), "--format", "json", "-n", "100", query});
  std::map<std::string, double> out;
  for (const auto& j : json_lines(r.out)) out[j.at("passage").get<std::string>()] = j.at("score").get<double>();
  return out;
}

}  // namespace

TEST_CASE("exchanges: ranked by both sides, the fields of JSON as documented", "[exchanges]") {
  auto r = exchanges({"--format", "json", "locks"});
  REQUIRE(r.exit_code == 0);
  const auto rows = json_lines(r.out);
  REQUIRE(rows.size() == 1);
  const auto& j = rows.front();
  // In the order written (json_lines sorts keys: the line itself is checked for the order).
  CHECK(r.out.rfind("{\"rank\":1,\"score\":", 0) == 0);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  std::vector<std::string> expected{"rank",  "score", "exchange", "follows", "conference",
                                    "title", "held",  "question", "answer",  "snippet"};
  std::sort(expected.begin(), expected.end());
  CHECK(keys == expected);
  const auto order = {"\"exchange\":", "\"follows\":",  "\"conference\":", "\"title\":",
                      "\"held\":",     "\"question\":", "\"answer\":",     "\"snippet\":"};
  std::size_t at = 0;
  for (const auto* key : order) {
    CAPTURE(key);
    const auto found = r.out.find(key, at);
    CHECK(found != std::string::npos);
    at = found == std::string::npos ? at : found;
  }
  CHECK(j["exchange"] == "exchanges_scio/q1");
  CHECK(j["follows"].is_null());
  CHECK(j["held"] == "2024-05-06");
  CHECK(j["question"]["outlet"] == "CCTV");
  CHECK(j["question"]["passages"] == nlohmann::json::array({"exchanges_scio/4.1"}));
  // Two officials answered, the moderator's hand-off between them is no part of the answer.
  CHECK(j["answer"]["speakers"] == nlohmann::json::array({"Li Wei", "Chen Jing"}));
  CHECK(j["answer"]["passages"] == nlohmann::json::array({"exchanges_scio/5.1", "exchanges_scio/7.1"}));
  CHECK(j["answer"]["text"] ==
        "Li Wei: Twelve locks will be rebuilt this year.\n\nChen Jing: Yes. Four of them will also get shore power "
        "for waiting vessels.");
  // The score adds the best passage of each side: the question's and Li Wei's answer both match.
  const auto scores = passage_scores("locks");
  REQUIRE(scores.count("exchanges_scio/4.1"));
  REQUIRE(scores.count("exchanges_scio/5.1"));
  CHECK(j["score"].get<double>() == Approx(scores.at("exchanges_scio/4.1") + scores.at("exchanges_scio/5.1")));
}

TEST_CASE("exchanges: --asked-by, --answered-by and --unanswered", "[exchanges]") {
  auto asked = exchanges({"--format", "json", "--asked-by", "bloomberg"});
  CHECK(asked.exit_code == 0);
  auto got = ids(asked);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"exchanges_scio/q2", "exchanges_scio/q3"});

  auto answered = exchanges({"--format", "json", "--answered-by", "ms. chen jing"});
  got = ids(answered);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"exchanges_scio/q1", "exchanges_scio/q2", "exchanges_scio/q3"});

  auto unanswered = exchanges({"--format", "json", "--unanswered"});
  got = ids(unanswered);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"exchanges_scio/q4", "exchanges_wh/q4", "exchanges_wh/q6"});
  for (const auto& j : json_lines(unanswered.out)) CHECK(j["answer"]["passages"].empty());

  // Who answered the question about the dredging's cost: one line names the resolution.
  auto unknown = exchanges({"--answered-by", "li wai", "dredging"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.rfind("scio-search: error: --answered-by: no speaker matches \"li wai\"", 0) == 0);

  // Both can never hold: said so, rather than "No exchanges match."
  auto both = exchanges({"--unanswered", "--answered-by", "ms. chen jing"});
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("--unanswered and --answered-by exclude each other") != std::string::npos);
}

TEST_CASE("exchanges: text, --full, csv and a follow-up", "[exchanges]") {
  auto text = exchanges({"dredging", "pay"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out ==
        "1. 2024-05-06 \u00b7 SCIO press conference on inland waterways\n"
        "   Question from Bloomberg\n"
        "      Who will pay for the dredging?\n"
        "   Answer by Chen Jing, director general of the Department of Water Transport\n"
        "      The central budget pays two thirds, the provinces the rest.\n"
        "   exchanges_scio/q3 \u00b7 follows exchanges_scio/q2\n"
        "\n"
        "Exchanges 1-1 of 1.\n");

  auto full = exchanges({"--full", "president", "louisiana"});
  CHECK(full.out.find("   Question from Q (no outlet named):\n      And will the President visit Louisiana?\n"
                      "   Answer by Mr. Earnest:\n      He will visit next week, once the recovery allows it.\n") !=
        std::string::npos);

  auto csv = exchanges({"--format", "csv", "ferry", "fares"});
  CHECK(csv.out ==
        "exchange,held,title,asked_by,question,answered_by,answer\r\n"
        "exchanges_scio/q4,2024-05-06,SCIO press conference on inland waterways,China Daily,Will ferry fares rise "
        "when the new vessels arrive?,,\r\n");

  auto none = exchanges({"zebra"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "No exchanges match.\n");
  auto empty = exchanges({});
  CHECK(empty.exit_code == 2);
}

TEST_CASE("show: an exchange whole; a passage names its exchange; hits carry it", "[exchanges]") {
  auto show = run({SCIO_SEARCH_BIN, "--db", database(), "show", "exchanges_scio/q1"}, {"COLUMNS=100", "NO_COLOR=1"});
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("   Question from CCTV:\n      How many locks will be rebuilt on the Yangtze this year?\n"
                      "   Answer by Li Wei, vice minister of transport:\n") != std::string::npos);
  CHECK(show.out.find("   Answer by Chen Jing, director general of the Department of Water Transport:\n") !=
        std::string::npos);
  CHECK(show.out.find("Next question") == std::string::npos);

  auto json = run({SCIO_SEARCH_BIN, "--db", database(), "show", "--format", "json", "exchanges_wh/q6"});
  REQUIRE(json.exit_code == 0);
  const auto rows = json_lines(json.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["answer"]["passages"].empty());
  CHECK_FALSE(rows[0].contains("rank"));

  auto missing = run({SCIO_SEARCH_BIN, "--db", database(), "show", "exchanges_scio/q9"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err ==
        "scio-search: error: no exchange \"exchanges_scio/q9\" in the database (conference exchanges_scio has fewer "
        "exchanges; scio-search exchanges --conference exchanges_scio lists them)\n");

  auto passage = run({SCIO_SEARCH_BIN, "--db", database(), "show", "exchanges_scio/10.1"}, {"NO_COLOR=1"});
  CHECK(passage.out.find("exchanges_scio/10.1 \u00b7 exchange exchanges_scio/q2\n") != std::string::npos);

  auto hits = run({SCIO_SEARCH_BIN, "--db", database(), "--format", "json", "--any", "morning", "budget"});
  std::map<std::string, nlohmann::json> by_passage;
  for (const auto& j : json_lines(hits.out)) by_passage[j["passage"].get<std::string>()] = j["exchange"];
  CHECK(by_passage.at("exchanges_scio/12.1") == "exchanges_scio/q3");
  CHECK(by_passage.at("exchanges_scio/1.1").is_null());  // the opening, before any question
}

TEST_CASE("exchanges: shards and xapian-tcpsrv rank as one database", "[exchanges][remote]") {
  TempDir tmp;
  const std::string sharded = (tmp / "sharded").string();
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", sharded, "--shards", "2", scio::test::data_path("exchanges").string()})
              .exit_code == 0);
  const std::vector<std::string> query{"--format", "json", "-n", "20", "--any", "will", "president", "dredging"};
  const auto expected = exchanges(query).out;
  REQUIRE(json_lines(expected).size() >= 5);
  auto listed = scio::core::shards::shard_paths(sharded);
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  auto without_scores = [](const std::string& out) {
    std::vector<std::string> rows;
    for (auto j : json_lines(out)) {
      CHECK(j["score"].get<double>() > 0);
      j.erase("score");
      rows.push_back(j.dump());
    }
    return rows;
  };
  CHECK(without_scores(exchanges(query, sharded).out) == without_scores(expected));

  REQUIRE(fs::exists("/usr/bin/xapian-tcpsrv"));
  scio::test::XapianServer first((*listed)[0]);
  scio::test::XapianServer second((*listed)[1]);
  const auto stub = tmp / "remote.stub";
  scio::test::write_file(stub, "remote 127.0.0.1:" + first.port() + "\nremote 127.0.0.1:" + second.port() + "\n");
  RunResult remote;
  for (int attempt = 0; attempt < 100; ++attempt) {
    remote = exchanges(query, stub.string());
    if (remote.exit_code != 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(without_scores(remote.out) == without_scores(expected));
  auto show = run({SCIO_SEARCH_BIN, "--db", stub.string(), "show", "--format", "json", "exchanges_scio/q3"});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("\"follows\":\"exchanges_scio/q2\"") != std::string::npos);
}
