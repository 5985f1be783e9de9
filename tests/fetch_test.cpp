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
#include <poll.h>
#include <pty.h>
#include <regex>
#include <set>
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
  std::string if_modified_since;
  std::string user_agent;
  std::string host;  // the Host header's name: 127.0.0.1 and localhost are two hosts of one server
  std::string client_port;
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
  // The same server under another host name: another host to robots.txt and the rate limit.
  std::string other_base() const { return "http://localhost:" + m_port; }
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
      f.resize(8);
      out.push_back({std::stod(f[0]), f[1], std::stoi(f[2]), f[3], f[4], f[5], f[6], f[7]});
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
  scio::test::RunResult operator()(std::vector<std::string> args, const std::vector<std::string>& env = {}) const {
    std::vector<std::string> argv{SCIO_INDEX_BIN, "fetch", "--db", db.string(), "--archive", archive.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, env);
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

TEST_CASE("listings: the Foreign Ministry's Chinese listing (../shared/corpus/mfa-site)", "[fetch][listing]") {
  const fs::path folder =
      fs::path(SCIO_SHARED_CORPUS) / "mfa-site" / "www.fmprc.gov.cn" / "web" / "wjdt_674879" / "fyrbt_674889";
  if (!fs::is_directory(folder)) {
    WARN("skipped: the shared replica is absent");
    return;
  }
  const std::string base = "http://127.0.0.1:8000/web/wjdt_674879/fyrbt_674889/";
  const auto first = fetch::read_listing(url(base + "default.shtml"), read_file(folder / "default.shtml"));
  REQUIRE(first);
  CHECK(first->items.size() == 15);
  CHECK(first->items[0].url.full == base + "t1794584.shtml");
  REQUIRE(first->items[0].date);
  REQUIRE(first->next_page);
  CHECK(first->next_page->full == base + "default_1.shtml");
  const auto last = fetch::read_listing(url(base + "default_66.shtml"), read_file(folder / "default_66.shtml"));
  REQUIRE(last);
  CHECK(!last->items.empty());
  CHECK(!last->next_page);  // 67 pages: default, default_1 ... default_66
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
  // The listing pages too, as served, apart from the transcripts.
  const fs::path listings = fetch.archive / ".listings" / "127.0.0.1" / k_listing_path.substr(1);
  REQUIRE(fs::exists(listings / "default.shtml"));
  CHECK(read_file(listings / "default.shtml").find("t1794629") == std::string::npos);  // hidden then
  CHECK(read_file(listings / "default_1.shtml") ==
        read_file(data_path("fetch/mfa" + k_listing_path + "default_1.shtml")));

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
  CHECK(read_file(listings / "default.shtml") == read_file(data_path("fetch/mfa" + k_listing_path + "default.shtml")));

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

  // The archive re-indexes offline as it is: the listing pages are not taken for transcripts.
  auto offline = run({SCIO_INDEX_BIN, "--db", (fetch.tmp / "offline-db").string(), fetch.archive.string()});
  INFO(offline.err);
  CHECK(offline.exit_code == 0);
  CHECK(offline.err.find("10 files: 10 added") != std::string::npos);
}

TEST_CASE("fetch: the archive alone can be walked again, offline", "[fetch][server]") {
  Fetch fetch;
  {
    Server server(fetch.tmp.path(), fixture_site());
    auto r = fetch({"--delay", "0", server.base() + k_listing_path + "default.shtml"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  // A server of the archive and nothing else: its transcripts and its listing pages.
  const fs::path dir = fetch.tmp / "offline";
  fs::create_directories(dir);
  Server offline(dir, {"--mount", "/=" + (fetch.archive / "127.0.0.1").string() + "/", "--mount",
                       "/=" + (fetch.archive / ".listings" / "127.0.0.1").string() + "/"});
  Fetch again;
  auto r = again({"--delay", "0", offline.base() + k_listing_path + "default.shtml"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("10 files: 10 added") != std::string::npos);
  std::size_t same = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fetch.archive / "127.0.0.1")) {
    if (!entry.is_regular_file()) continue;
    const auto copy = again.archive / fs::relative(entry.path(), fetch.archive);
    same += fs::exists(copy) && read_file(copy) == read_file(entry.path());
  }
  CHECK(same == 10);
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
    CHECK(r.exit_code == 1);  // the run is incomplete
    CHECK(server.count("/t17") == 0);
    CHECK(items_requested(server) == 5);  // the 5 of the second page; the first page's are all t17...
    CHECK(r.err.find("scio-index: error: " + server.base() + k_listing_path + "t1774380.shtml: disallowed by " +
                     server.base() + "/robots.txt; not fetched\n") != std::string::npos);
    std::size_t lines = 0;
    for (auto at = r.err.find("robots.txt; not fetched"); at != std::string::npos;
         at = r.err.find("robots.txt; not fetched", at + 1))
      ++lines;
    CHECK(lines == 5);
    CHECK(r.err.find("5 disallowed by robots.txt; 5 failed") != std::string::npos);
    CHECK(r.err.find("5 files: 5 added") != std::string::npos);  // the others are indexed
  }
  SECTION("our own group disallowing everything") {
    server.control(R"({"robots": "User-agent: *\nAllow: /\n\nUser-agent: scio\nDisallow: /\n"})");
    auto r = fetch({"--delay", "0", listing});
    CHECK(r.exit_code == 1);
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
  // The summary counts in English: "1 error page", not "1 error pages".
  INFO(r.err);
  CHECK(r.err.find(" requests, 0 pages and 0 listing pages (") != std::string::npos);
  CHECK(r.err.find(", 1 error page; 1 failed\n") != std::string::npos);
}

TEST_CASE("fetch: at most one request per --delay seconds to a host", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  auto r = fetch({"--delay", "0.4", server.base() + k_listing_path + "default_1.shtml"});
  REQUIRE(r.exit_code == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 8);  // robots.txt, its redirect, the listing page, 5 items
  for (std::size_t i = 1; i < requests.size(); ++i) {
    CAPTURE(i, requests[i].path);
    // A redirect's hop is a request like any other: spaced too.
    CHECK(requests[i].time - requests[i - 1].time >= 0.39);
    CHECK(requests[i].client_port == requests[0].client_port);  // one connection
  }
}

TEST_CASE("fetch: a redirect to another host obeys that host's robots.txt and rate limit", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string page = k_listing_path + "t1794629.shtml";
  SECTION("its robots.txt") {
    server.control(R"({"robots_by_host": {"localhost": "User-agent: *\nDisallow: /mfa_eng/\n"},
                       "redirects": {"/moved/t1.shtml": ")" +
                   server.other_base() + page + R"("}})");
    auto r = fetch({"--delay", "0", server.base() + "/moved/t1.shtml"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("scio-index: error: " + server.base() + "/moved/t1.shtml: redirected to " + server.other_base() +
                     page + ", which " + server.other_base() + "/robots.txt disallows; not fetched\n") !=
          std::string::npos);
    std::size_t robots = 0;
    for (const auto& q : server.requests()) {
      CAPTURE(q.host, q.path);
      CHECK(!(q.host == "localhost" && q.path == page));
      robots += q.path == "/robots.txt";
    }
    CHECK(robots == 2);  // each host's
    CHECK(!fs::exists(fetch.db));
  }
  SECTION("its rate limit, and one connection per host") {
    server.control(R"({"redirects": {"/moved/t1.shtml": ")" + server.other_base() + k_listing_path +
                   R"(t1748946.shtml"}})");
    auto r = fetch({"--delay", "0.5", server.base() + page, server.other_base() + k_listing_path + "t1774380.shtml",
                    server.base() + "/moved/t1.shtml"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("3 files: 3 added") != std::string::npos);
    const auto requests = server.requests();
    // Each host: robots.txt (a 302 and its error page) and its pages; the last request is the hop.
    REQUIRE(requests.size() == 8);
    CHECK(requests.back().host == "localhost");
    CHECK(requests.back().path == k_listing_path + "t1748946.shtml");
    for (const std::string host : {"127.0.0.1", "localhost"}) {
      std::vector<Request> of_host;
      for (const auto& q : requests)
        if (q.host == host) of_host.push_back(q);
      REQUIRE(of_host.size() == 4);
      for (std::size_t i = 1; i < of_host.size(); ++i) {
        CAPTURE(host, i, of_host[i].path);
        CHECK(of_host[i].time - of_host[i - 1].time >= 0.49);
        CHECK(of_host[i].client_port == of_host[0].client_port);
      }
    }
  }
  SECTION("at most 5 redirects") {
    server.control(R"({"redirects": {"/loop/a.shtml": "/loop/b.shtml", "/loop/b.shtml": "/loop/a.shtml"}})");
    auto r = fetch({"--delay", "0", server.base() + "/loop/a.shtml"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("error: " + server.base() + "/loop/a.shtml: more than 5 redirects") != std::string::npos);
    CHECK(server.count("/loop/") == 6);
  }
}

TEST_CASE("fetch: the User-Agent is scio/VERSION (+CONTACT); with no contact a note says so once", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string page = server.base() + k_listing_path + "t1794629.shtml";
  const std::string note = "scio-index: note: the User-Agent names no contact";
  auto agents = [&] {
    std::set<std::string> out;
    for (const auto& q : server.requests()) out.insert(q.user_agent);
    return out;
  };
  SECTION("--contact") {
    auto r = fetch({"--delay", "0", "--contact", "https://example.org/newsroom", page});
    CHECK(r.exit_code == 0);
    const auto ua = agents();
    REQUIRE(ua.size() == 1);
    CHECK(std::regex_match(*ua.begin(), std::regex(R"(scio/\d[^ ]* \(\+https://example\.org/newsroom\))")));
    CHECK(r.err.find(note) == std::string::npos);
  }
  SECTION("$SCIO_CONTACT") {
    auto r = fetch({"--delay", "0", page}, {"SCIO_CONTACT=desk@example.org"});
    CHECK(r.exit_code == 0);
    const auto ua = agents();
    REQUIRE(ua.size() == 1);
    CHECK(std::regex_match(*ua.begin(), std::regex(R"(scio/\d[^ ]* \(\+desk@example\.org\))")));
    CHECK(r.err.find(note) == std::string::npos);
  }
  SECTION("none: the build's homepage, else a note") {
    auto r = fetch({"--delay", "0", page, server.base() + k_listing_path + "t1774380.shtml"});
    CHECK(r.exit_code == 0);
    const auto ua = agents();
    REQUIRE(ua.size() == 1);
    const std::string homepage = SCIO_HOMEPAGE_URL;
    if (homepage.empty()) {
      CHECK(std::regex_match(*ua.begin(), std::regex(R"(scio/\d[^ ]*)")));
      REQUIRE(r.err.find(note) != std::string::npos);
      CHECK(r.err.find(note) == r.err.rfind(note));  // once per run
      CHECK(r.err.find("give --contact URL-or-EMAIL or set SCIO_CONTACT\n") != std::string::npos);
    } else {
      CHECK(ua.begin()->find(" (+" + homepage + ")") != std::string::npos);
      CHECK(r.err.find(note) == std::string::npos);
    }
  }
  SECTION("a contact that would break the header") {
    auto r = fetch({"--contact", "desk@example.org\r\nX-Other: 1", page});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--contact") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(server.requests().empty());
  }
}

TEST_CASE("fetch: a page given again is asked conditionally, or compared by content hash", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::string modified = "Wed, 01 Jul 2020 10:00:00 GMT";
  server.control(R"({"modified": {")" + k_listing_path + R"(t1794629.shtml": ")" + modified + R"("}})");
  const std::vector<std::string> args{"--delay", "0", server.base() + k_listing_path + "t1794629.shtml",
                                      server.base() + k_listing_path + "t1774380.shtml"};
  auto first = fetch(args);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.err.find("2 files: 2 added") != std::string::npos);
  auto second = fetch(args);
  INFO(second.err);
  CHECK(second.exit_code == 0);
  CHECK(second.err.find("2 unchanged") != std::string::npos);
  CHECK(second.err.find("nothing new to index") != std::string::npos);
  const auto requests = server.requests();
  std::vector<Request> with_date, without;
  for (const auto& q : requests) {
    if (q.path.find("t1794629") != std::string::npos) with_date.push_back(q);
    if (q.path.find("t1774380") != std::string::npos) without.push_back(q);
  }
  REQUIRE(with_date.size() == 2);
  CHECK(with_date[1].if_modified_since == modified);
  CHECK(with_date[1].status == 304);
  REQUIRE(without.size() == 2);
  CHECK(without[1].status == 200);  // no validators: fetched whole, found unchanged by its hash
}

TEST_CASE("fetch: on a terminal, a progress line, waiting for the rate limit included", "[fetch][server]") {
  Fetch fetch;
  Server server(fetch.tmp.path(), fixture_site());
  const std::vector<std::string> argv{
      SCIO_INDEX_BIN,    "fetch",     "--db",
      fetch.db.string(), "--archive", fetch.archive.string(),
      "--delay",         "0.5",       server.base() + k_listing_path + "default_1.shtml"};
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  std::string screen;
  char buffer[4096];
  while (true) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 30000) <= 0) break;
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child has gone
    screen.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO(screen);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(screen.find("\rfetch: 5 pages, ") != std::string::npos);
  CHECK(screen.find(" KB, 5 new conferences") != std::string::npos);
  CHECK(screen.find(", waiting for the rate limit") != std::string::npos);
  CHECK(screen.find("scio-index: fetch: ") != std::string::npos);
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
