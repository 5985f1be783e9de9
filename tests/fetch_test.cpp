// scio-index fetch: robots.txt, listings, the archive, and the whole command against a loopback
// HTTP server (tests/fetch_server.py on 127.0.0.1, a free port, stopped by the test). No test
// touches the internet.
#include "indexer/fetch/listing.h"
#include "indexer/fetch/robots.h"
#include "indexer/fetch/url.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using scio::test::data_path;
using scio::test::read_file;
using scio::test::run;
using scio::test::TempDir;
using scio::test::write_file;
namespace fs = std::filesystem;
namespace fetch = scio::indexer::fetch;

namespace {

const std::string k_listing_path = "/mfa_eng/xwfw_665399/s2510_665401/2511_665403/";

fetch::Url url(const std::string& text) {
  auto u = fetch::parse_url(text);
  REQUIRE(u);
  return *u;
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err) {
  std::vector<std::string> copy = argv;
  std::vector<char*> args;
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

struct Request {
  double time = 0;
  std::string path;
  int status = 0;
  std::string if_none_match;
  std::string user_agent;
};

// tests/fetch_server.py serving the fixtures (or the shared replica) on 127.0.0.1.
class Server {
 public:
  Server(const fs::path& dir, std::vector<std::string> options) : m_dir(dir) {
    std::vector<std::string> argv{"python3",    std::string(SCIO_TESTS_DIR) + "/fetch_server.py",
                                  "--log",      (dir / "requests.log").string(),
                                  "--control",  (dir / "control.json").string(),
                                  "--lifetime", "900"};
    argv.insert(argv.end(), options.begin(), options.end());
    m_pid = spawn(argv, dir / "server.out", dir / "server.err");
    for (int i = 0; i < 600 && m_port.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string out = read_file(dir / "server.out");
      if (out.find('\n') != std::string::npos) m_port = out.substr(0, out.find('\n'));
    }
    if (m_port.empty()) throw std::runtime_error("the test server did not start: " + read_file(dir / "server.err"));
  }
  ~Server() {
    ::kill(m_pid, SIGTERM);
    ::waitpid(m_pid, nullptr, 0);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::string base() const { return "http://127.0.0.1:" + m_port; }
  void control(const std::string& json) const { write_file(m_dir / "control.json", json); }
  std::vector<Request> requests() const {
    std::vector<Request> out;
    std::istringstream in(read_file(m_dir / "requests.log"));
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::istringstream fields(line);
      std::string field;
      while (std::getline(fields, field, '\t')) f.push_back(field);
      f.resize(6);
      out.push_back({std::stod(f[0]), f[1], std::stoi(f[2]), f[3], f[5]});
    }
    return out;
  }
  std::size_t count(const std::string& path_part) const {
    std::size_t n = 0;
    for (const auto& r : requests()) n += r.path.find(path_part) != std::string::npos;
    return n;
  }

 private:
  fs::path m_dir;
  std::string m_port;
  pid_t m_pid = 0;
};

// The fixture site: the trimmed Foreign Ministry listing over 10 real pages of tests/data/mfa/,
// its error page for anything missing, its robots.txt redirect, and the SCIO press room.
std::vector<std::string> fixture_site() {
  const std::string d = SCIO_TEST_DATA;
  return {"--mount",     "/=" + d + "/fetch/mfa/",
          "--mount",     k_listing_path + "=" + d + "/mfa/",
          "--mount",     "/pressroom/=" + d + "/fetch/scio/pressroom/",
          "--mount",     "/pressroom/2018-01/22/=" + d + "/html/scio2018/",
          "--responses", d + "/fetch/mfa/RESPONSES.tsv",
          "--not-found", d + "/fetch/mfa/error.htm"};
}

struct Fetch {
  TempDir tmp;
  fs::path archive = tmp / "archive";
  fs::path db = tmp / "db";
  scio::test::RunResult operator()(std::vector<std::string> args) const {
    std::vector<std::string> argv{SCIO_INDEX_BIN, "fetch", "--db", db.string(), "--archive", archive.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
};

std::size_t items_requested(const Server& server) { return server.count(k_listing_path + "t1"); }

}  // namespace

TEST_CASE("robots.txt: our group or *, the longest match, Allow winning a tie, * and $", "[fetch][robots]") {
  const auto robots = fetch::Robots::parse(
      "# comment\nUser-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /private\n\n"
      "User-agent: Googlebot\nUser-agent: SCIO  # ours, any case\nDisallow: /web/\nAllow: /web/public\n"
      "Disallow: /*.pdf$\nDisallow: /a*b\nAllow: /same\nDisallow: /same\nDisallow:\n",
      "scio");
  CHECK(robots.allowed("/private/x"));  // only the * group says so, and our group is used
  CHECK(!robots.allowed("/web/x.shtml"));
  CHECK(robots.allowed("/web/public/x.shtml"));  // longer match
  CHECK(!robots.allowed("/doc/x.pdf"));
  CHECK(robots.allowed("/doc/x.pdf?download=1"));  // $ anchors the end
  CHECK(!robots.allowed("/a/long/b"));
  CHECK(robots.allowed("/same"));  // tie: Allow wins
  CHECK(robots.allowed("/robots.txt"));

  const auto star = fetch::Robots::parse("User-agent: *\nDisallow: /mfa_eng/\n", "scio");
  CHECK(!star.allowed("/mfa_eng/t1.shtml"));
  CHECK(star.allowed("/web/t1.shtml"));
  CHECK(fetch::Robots::parse("", "scio").allowed("/anything"));
  CHECK(!fetch::Robots::disallow_all().allowed("/anything"));

  CHECK(!fetch::looks_like_robots_file("text/html; charset=utf-8", "User-agent: *"));
  CHECK(!fetch::looks_like_robots_file("", "<!DOCTYPE HTML PUBLIC ...>"));
  CHECK(fetch::looks_like_robots_file("text/plain", "User-agent: *\nDisallow: /x\n"));
}

TEST_CASE("listings: the Foreign Ministry's old layout, pages from its script", "[fetch][listing]") {
  const auto base = url("http://127.0.0.1:8000" + k_listing_path + "default.shtml");
  const auto listing = fetch::read_listing(base, read_file(data_path("fetch/mfa" + k_listing_path + "default.shtml")));
  REQUIRE(listing);
  REQUIRE(listing->items.size() == 5);
  CHECK(listing->items[0].url.full == "http://127.0.0.1:8000" + k_listing_path + "t1794629.shtml");
  REQUIRE(listing->items[0].date);
  CHECK(listing->items[0].date->iso() == "2020-07-03");  // from the link's text
  REQUIRE(listing->next_page);
  CHECK(listing->next_page->filename() == "default_1.shtml");
  const auto last =
      fetch::read_listing(*listing->next_page, read_file(data_path("fetch/mfa" + k_listing_path + "default_1.shtml")));
  REQUIRE(last);
  CHECK(!last->next_page);  // countPage = 2

  // A transcript is no listing, and the error page is told apart.
  const auto page = read_file(data_path("mfa/t1794629.shtml"));
  const auto page_url = url("http://h" + k_listing_path + "t1794629.shtml");
  CHECK(!fetch::read_listing(page_url, page));
  CHECK(fetch::soft_404_reason(page_url, page_url, page).empty());
  CHECK(!fetch::soft_404_reason(page_url, page_url, read_file(data_path("fetch/mfa/error.htm"))).empty());
  CHECK(!fetch::soft_404_reason(page_url, url("http://h/error.htm"), "<html></html>").empty());
}

TEST_CASE("listings: the new layout, SCIO's press room and paginated articles", "[fetch][listing]") {
  const std::string new_layout =
      "<ul><li><a href=\"./202301/t20230103_11001.html\">Regular Press Conference</a></li>"
      "<li><a href=\"./202212/t20221230_11000.html\">Regular Press Conference</a></li></ul>"
      "<script>var countPage = 30;createPageHTML(countPage, 0, \"index\", \"html\");</script>";
  const auto listing = fetch::read_listing(url("https://example.org/eng/xw/fyrbt/lxjzh/index.html"), new_layout);
  REQUIRE(listing);
  REQUIRE(listing->items.size() == 2);
  REQUIRE(listing->items[1].date);
  CHECK(listing->items[1].date->iso() == "2022-12-30");  // from the URL
  REQUIRE(listing->next_page);
  CHECK(listing->next_page->full == "https://example.org/eng/xw/fyrbt/lxjzh/index_1.html");
  const auto zh = fetch::read_listing(url("https://example.org/fyrbt_673021/jzhsl_673025/index_4.shtml"),
                                      "<a href='./202301/t20230103_1.shtml'>x</a><script>var countPage = 6</script>");
  REQUIRE(zh);
  REQUIRE(zh->next_page);
  CHECK(zh->next_page->filename() == "index_5.shtml");
  const auto zh_last = fetch::read_listing(
      zh->next_page.value(), "<a href='./202301/t20230103_1.shtml'>x</a><script>var countPage = 6</script>");
  REQUIRE(zh_last);
  CHECK(!zh_last->next_page);  // pages index, index_1 ... index_5

  const auto press_room = url("http://127.0.0.1:1/pressroom/index.htm");
  const auto scio = fetch::read_listing(press_room, read_file(data_path("fetch/scio/pressroom/index.htm")));
  REQUIRE(scio);
  REQUIRE(scio->items.size() == 1);
  CHECK(scio->items[0].url.path == "/pressroom/2018-01/22/content_40120456.htm");
  CHECK(!scio->next_page);

  const auto article = url("http://127.0.0.1:1/pressroom/2018-01/22/content_40120456.htm");
  CHECK(fetch::is_article_first_page(article));
  const auto pages = fetch::article_pages(article, read_file(data_path("html/scio2018/content_40120456.htm")));
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].filename() == "content_40120456_2.htm");
  // A one-page node_N transcript, even with a few article links beside it, is not a listing.
  CHECK(!fetch::read_listing(url("http://h/pressroom/node_9013507.htm"), read_file(data_path("html/scio_node.html"))));
}

TEST_CASE("fetch: items hidden, then published: only the new ones are fetched and indexed", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  server.control(R"({"hide": ["t1794629", "t1774380"]})");
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  auto first = fetch({"--delay", "0", listing});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(items_requested(server) == 8);
  CHECK(first.err.find("8 files: 8 added") != std::string::npos);
  CHECK(fs::exists(fetch.archive / "127.0.0.1" / k_listing_path.substr(1) / "t1748946.shtml"));
  // Saved unchanged.
  CHECK(read_file(fetch.archive / "127.0.0.1" / k_listing_path.substr(1) / "t1748946.shtml") ==
        read_file(data_path("mfa/t1748946.shtml")));

  server.control("{}");
  const auto before = server.requests().size();
  auto second = fetch({"--delay", "0", listing});
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(items_requested(server) == 10);
  CHECK(server.count("t1794629") == 1);
  CHECK(server.count("t1774380") == 1);
  CHECK(second.err.find("2 files: 2 added") != std::string::npos);
  // robots.txt (its redirect and the page), the 2 listing pages (the second ends the run of known items), 2 items.
  CHECK(server.requests().size() - before == 2 + 2 + 2);

  // Nothing new: only robots.txt and the listing's first page.
  const auto before_third = server.requests().size();
  auto third = fetch({"--delay", "0", listing});
  CHECK(third.exit_code == 0);
  CHECK(third.err.find("nothing new to index") != std::string::npos);
  const auto all = server.requests();
  REQUIRE(all.size() - before_third == 3);
  CHECK(all.back().path == k_listing_path + "default.shtml");

  auto count = run({SCIO_SEARCH_BIN, "--db", fetch.db.string(), "conferences", "--format", "csv", "-n", "100"});
  CHECK(std::count(count.out.begin(), count.out.end(), '\n') == 11);  // header + 10
}

TEST_CASE("fetch: an interrupted run resumes without fetching what it saved", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  const pid_t pid = spawn({SCIO_INDEX_BIN, "fetch", "--db", fetch.db.string(), "--archive", fetch.archive.string(),
                           "--delay", "0.3", listing},
                          fetch.tmp / "out", fetch.tmp / "err");
  for (int i = 0; i < 400 && items_requested(server) < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(read_file(fetch.tmp / "err").find("interrupted") != std::string::npos);
  // The pages saved before the signal (one being transferred when it came is not saved).
  std::vector<std::string> saved;
  for (const auto& entry : fs::directory_iterator(fetch.archive / "127.0.0.1" / k_listing_path.substr(1)))
    saved.push_back(entry.path().filename().string());
  REQUIRE(saved.size() >= 3);
  REQUIRE(saved.size() < 10);
  CHECK(!fs::exists(fetch.db / "iamglass"));  // stopped before indexing

  const auto before = server.requests().size();
  auto second = fetch({"--delay", "0", listing});
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  const auto requests = server.requests();
  std::size_t items = 0;
  for (std::size_t i = before; i < requests.size(); ++i) {
    CAPTURE(requests[i].path);
    for (const auto& name : saved) CHECK(requests[i].path.find(name) == std::string::npos);
    items += requests[i].path.find(k_listing_path + "t1") != std::string::npos;
  }
  CHECK(items == 10 - saved.size());
  CHECK(second.err.find("10 files: 10 added") != std::string::npos);  // the first run's pages indexed now
}

TEST_CASE("fetch: robots.txt rules are honoured; a redirect to an HTML page means no rules", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  SECTION("a disallowed path is never requested") {
    server.control(R"({"robots": "User-agent: *\nDisallow: /mfa_eng/xwfw_665399/s2510_665401/2511_665403/t17\n"})");
    auto r = fetch({"--delay", "0", listing});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(server.count("/t17") == 0);
    CHECK(items_requested(server) == 5);  // the 5 of the second page; the first page's are all t17...
    CHECK(r.err.find("t1774380.shtml: disallowed by " + server.base() + "/robots.txt") != std::string::npos);
  }
  SECTION("our own group disallowing everything") {
    server.control(R"({"robots": "User-agent: *\nAllow: /\n\nUser-agent: scio\nDisallow: /\n"})");
    auto r = fetch({"--delay", "0", listing});
    CHECK(server.requests().size() == 1);  // robots.txt alone
    CHECK(r.err.find("default.shtml: disallowed by") != std::string::npos);
  }
  SECTION("the Foreign Ministry's robots.txt: a 302 to its HTML error page") {
    auto r = fetch({"--delay", "0", listing});
    CHECK(r.exit_code == 0);
    const auto requests = server.requests();
    REQUIRE(requests.size() >= 2);
    CHECK(requests[0].path == "/robots.txt");
    CHECK(requests[0].status == 302);
    CHECK(items_requested(server) == 10);
    CHECK(requests[0].user_agent.rfind("scio-index/", 0) == 0);
  }
  SECTION("a 5xx on robots.txt: nothing is fetched from the host this run") {
    server.control(R"({"fail": {"/robots.txt": [503, 503, 503]}, "retry_after": 0})");
    auto r = fetch({"--delay", "0", "--retries", "2", listing});
    CHECK(r.exit_code == 1);
    CHECK(server.requests().size() == 3);
    CHECK(r.err.find("robots.txt could not be read (status 503") != std::string::npos);
  }
}

TEST_CASE("fetch: 500 then success, Retry-After honoured; a timeout retried, then one line", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  SECTION("500, 500, then the page") {
    server.control(
        R"({"fail": {"/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1794629.shtml": [500, 429]}, "retry_after": 1})");
    auto r = fetch({"--delay", "0", "--retry-wait", "0.05", listing});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    std::vector<double> times;
    for (const auto& q : server.requests())
      if (q.path.find("t1794629") != std::string::npos) times.push_back(q.time);
    REQUIRE(times.size() == 3);
    CHECK(times[1] - times[0] >= 0.9);  // Retry-After: 1, over the 0.05 s wait
    CHECK(r.err.find("10 files: 10 added") != std::string::npos);
  }
  SECTION("a request that times out is retried, and one that always does is named, the run going on") {
    server.control(R"({"fail": {"/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1794629.shtml": ["sleep:3"],
                                "/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1774380.shtml": ["sleep:3", "sleep:3"]}})");
    auto r = fetch({"--delay", "0", "--timeout", "0.5", "--retries", "1", "--retry-wait", "0", listing});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(server.count("t1794629") == 2);
    CHECK(r.err.find("error: " + server.base() + k_listing_path + "t1774380.shtml: ") != std::string::npos);
    CHECK(r.err.find("(after 2 attempts)") != std::string::npos);
    CHECK(r.err.find("9 files: 9 added") != std::string::npos);
  }
}

TEST_CASE("fetch: a soft 404 is reported, not archived", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  auto r = fetch({"--delay", "0", server.base() + k_listing_path + "t1999999.shtml"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("t1999999.shtml: the site answered with its \"page not found\" page (status 200); not saved") !=
        std::string::npos);
  CHECK(!fs::exists(fetch.archive / "127.0.0.1" / k_listing_path.substr(1) / "t1999999.shtml"));
  CHECK(!fs::exists(fetch.db));
}

TEST_CASE("fetch: at most one request per --delay seconds to a host", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  auto r = fetch({"--delay", "0.4", server.base() + k_listing_path + "default_1.shtml"});
  REQUIRE(r.exit_code == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 8);  // robots.txt, its redirect, the listing page, 5 items
  for (std::size_t i = 2; i < requests.size(); ++i) {
    CAPTURE(i, requests[i].path);
    // A redirect is followed at once (part of the same fetch); every request after is spaced.
    CHECK(requests[i].time - requests[i - 1].time >= 0.39);
  }
}

TEST_CASE("fetch: validators make conditional requests; SCIO pagination is followed", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  server.control(R"({"etags": {"/pressroom/2018-01/22/content_40120456.htm": "\"v1\""}})");
  const std::string press_room = server.base() + "/pressroom/index.htm";
  auto first = fetch({"--delay", "0", press_room});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(server.count("content_40120456_2.htm") == 1);
  CHECK(first.err.find("2 files: 2 added") != std::string::npos);
  // The article given directly is asked again, conditionally: 304, nothing to index.
  auto again = fetch({"--delay", "0", server.base() + "/pressroom/2018-01/22/content_40120456.htm"});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  const auto requests = server.requests();
  CHECK(requests.back().status == 304);
  CHECK(requests.back().if_none_match == "\"v1\"");
  CHECK(again.err.find("nothing new to index") != std::string::npos);
}

TEST_CASE("fetch: --since stops at older items; --dry-run lists and writes nothing", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  SECTION("--since") {
    auto r = fetch({"--delay", "0", "--since", "2020-01-01", listing});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(items_requested(server) == 4);  // July, April and two February 2020 items; October 2019 ends it
    CHECK(server.count("default_1") == 0);
  }
  SECTION("--dry-run") {
    auto r = fetch({"--delay", "0", "--dry-run", listing});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("fetch " + server.base() + k_listing_path + "t1593756.shtml\n") != std::string::npos);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 10);
    CHECK(items_requested(server) == 0);
    CHECK(!fs::exists(fetch.db));
    CHECK(!fs::exists(fetch.archive));
  }
  SECTION("bad input") {
    CHECK(fetch({"--since", "2020-13-01", listing}).exit_code == 2);
    auto r = fetch({"ftp://example.org/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "scio-index: error: ftp://example.org/x: not an http or https URL\n");
  }
}

TEST_CASE("fetch: the whole Foreign Ministry replica (../shared/corpus/mfa-site), twice", "[fetch][server][replica]") {
  const fs::path shared = SCIO_SHARED_CORPUS;
  const fs::path site = shared / "mfa-site" / "www.fmprc.gov.cn";
  if (!fs::is_directory(site) || !fs::is_directory(shared / "mfa-en-html")) {
    WARN("skipped: the shared replica is absent");
    return;
  }
  Fetch fetch;
  Server server(
      fetch.tmp.path(),
      {"--mount", "/=" + site.string() + "/", "--mount", k_listing_path + "=" + (shared / "mfa-en-html").string() + "/",
       "--responses", (shared / "mfa-site" / "RESPONSES.tsv").string(), "--not-found", (site / "error.htm").string()});
  const std::string listing = server.base() + k_listing_path + "default.shtml";
  auto first = fetch({"--delay", "0", listing});
  INFO(first.err);
  CHECK(first.exit_code == 0);
  CHECK(items_requested(server) == 500);
  CHECK(first.err.find("500 files: 500 added") != std::string::npos);
  const auto before = server.requests().size();
  auto second = fetch({"--delay", "0", listing});
  CHECK(second.exit_code == 0);
  CHECK(server.requests().size() - before == 3);  // robots.txt (302 + error page) and the first listing page
}
