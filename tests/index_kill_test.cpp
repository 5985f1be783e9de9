// scio-index killed (SIGKILL) at random moments over real Foreign Ministry pages: the database
// always opens and holds exactly a committed state; a re-run converges to a clean run's passages.
#include "core/schema.h"
#include "core/shards.h"
#include "db_support.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <xapian.h>

extern char** environ;

namespace fs = std::filesystem;
namespace schema = scio::core::schema;
using Clock = std::chrono::steady_clock;

namespace {

pid_t spawn_quiet(const std::vector<std::string>& argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

using scio::test::conference_ids;
using scio::test::passage_data;

std::size_t count_metadata(const Xapian::Database& db, const std::string& prefix) {
  std::size_t n = 0;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++n;
  return n;
}

// The conferences of order (in commit order) that are in shard `shard` of n.
std::vector<std::string> in_shard(const std::vector<std::string>& order, std::size_t shard, std::size_t n) {
  std::vector<std::string> out;
  for (const auto& id : order)
    if (scio::core::shards::shard_of(id, n) == shard) out.push_back(id);
  return out;
}

// Kills `scio-index [--shards N]` at random moments, checks each state left, then re-runs it.
// Every page is one conference, committed in input order: a committed state of a database (of
// each shard, which commit apart) holds a prefix of its conferences, with exactly the passages a
// clean run gives them.
void kill_and_converge(std::size_t shards) {
  // The first 150 pages, named one by one: enough batches to land in, small enough to stay quick
  // (also under the sanitizers).
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(SCIO_SHARED_CORPUS "/mfa-en-html"))
    if (e.path().extension() == ".shtml") pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 150);
  pages.resize(150);
  scio::test::TempDir tmp;
  auto command = [&](const fs::path& db) {
    std::vector<std::string> argv{SCIO_INDEX_BIN, "--quiet", "--batch-size", "10", "--db", db.string()};
    if (shards > 1) {
      argv.push_back("--shards");
      argv.push_back(std::to_string(shards));
    }
    for (const auto& p : pages) argv.push_back(p.string());
    return argv;
  };

  const auto start = Clock::now();
  auto clean_run = scio::test::run(command(tmp / "clean"));
  const double clean_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  REQUIRE(clean_run.exit_code == 0);
  Xapian::Database clean((tmp / "clean").string());
  const auto clean_data = passage_data(clean);
  std::vector<std::string> order;
  for (const auto& p : pages) order.push_back(p.stem().string());
  REQUIRE(conference_ids(clean) == std::set<std::string>(order.begin(), order.end()));

  std::mt19937 rng(20241128 + static_cast<unsigned>(shards));
  std::uniform_real_distribution<double> fraction(0.05, 0.5);
  const fs::path db = tmp / "killed";
  const std::size_t n = std::max<std::size_t>(1, shards);
  auto part_path = [&](std::size_t i) { return shards > 1 ? db / scio::core::shards::shard_name(i) : db; };
  int intermediate = 0;
  for (int kill = 0; kill < 5; ++kill) {
    CAPTURE(kill);
    pid_t pid = spawn_quiet(command(db));
    REQUIRE(pid > 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(fraction(rng) * clean_seconds));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);

    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      if (!fs::exists(part_path(i) / "iamglass")) continue;  // killed before it was created
      Xapian::Database state(part_path(i).string());
      const auto mine = in_shard(order, i, n);
      auto present = conference_ids(state);
      const std::size_t k = present.size();
      CHECK(present == std::set<std::string>(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(k)));
      CHECK(count_metadata(state, std::string(schema::k_meta_conference_prefix)) == k);
      // Exactly the clean run's passages of those conferences: no batch half-written.
      std::map<std::string, std::string> expected;
      for (const auto& [id, d] : clean_data)
        if (present.count(id.substr(0, id.find('/')))) expected.emplace(id, d);
      CHECK(state.get_doccount() == expected.size());
      CHECK(passage_data(state) == expected);
      total += k;
    }
    // The catalog of sources (shard 0) commits last: it never records more than is written.
    if (fs::exists(part_path(0) / "iamglass"))
      CHECK(count_metadata(Xapian::Database(part_path(0).string()), std::string(schema::k_meta_source_prefix)) <=
            total);
    if (total > 0 && total < order.size()) ++intermediate;
  }
  CHECK(intermediate >= 1);  // the kills did land mid-run

  auto final_run = scio::test::run(command(db));
  REQUIRE(final_run.exit_code == 0);
  Xapian::Database done(db.string());
  CHECK(passage_data(done) == clean_data);
  CHECK(done.get_doccount() == clean.get_doccount());
  std::size_t stored = 0;
  for (std::size_t i = 0; i < n; ++i)
    stored += count_metadata(Xapian::Database(part_path(i).string()), std::string(schema::k_meta_conference_prefix));
  CHECK(stored == order.size());
  CHECK(count_metadata(Xapian::Database(part_path(0).string()), std::string(schema::k_meta_source_prefix)) ==
        order.size());
}

}  // namespace

TEST_CASE("SIGKILL at random moments leaves a committed state; re-running converges", "[index][kill][corpus]") {
  kill_and_converge(0);
}

TEST_CASE("SIGKILL at random moments of a sharded run leaves each shard committed; re-running converges",
          "[index][kill][corpus][shards]") {
  kill_and_converge(3);
}

TEST_CASE("Ctrl-C (SIGINT, SIGTERM) commits what was taken in, says how much, exits 128+signal; a re-run finishes",
          "[index][kill][corpus][interrupt]") {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(SCIO_SHARED_CORPUS "/mfa-en-html"))
    if (e.path().extension() == ".shtml") pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 150);
  pages.resize(150);
  scio::test::TempDir tmp;
  auto command = [&](const fs::path& db) {
    std::vector<std::string> argv{SCIO_INDEX_BIN, "--batch-size", "10", "--jobs", "1", "--db", db.string()};
    for (const auto& p : pages) argv.push_back(p.string());
    return argv;
  };
  const auto start = Clock::now();
  REQUIRE(scio::test::run(command(tmp / "clean")).exit_code == 0);
  const double clean_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto clean_data = passage_data(Xapian::Database((tmp / "clean").string()));

  const int signal = GENERATE(SIGINT, SIGTERM);
  CAPTURE(signal);
  const fs::path db = tmp / ("stopped-" + std::to_string(signal));
  const fs::path err_file = tmp / ("err-" + std::to_string(signal));
  int status = 0;
  // The signal must land mid-run, after the handler is set (once the database exists).
  for (int attempt = 0; attempt < 5; ++attempt) {
    fs::remove_all(db);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    auto argv = command(db);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    while (!fs::exists(db / "iamglass") && std::chrono::duration<double>(Clock::now() - start).count() < 600)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::duration<double>((0.2 + 0.1 * attempt) * clean_seconds));
    ::kill(pid, signal);
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) break;
  }
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + signal);
  const std::string err = scio::test::read_file(err_file);
  INFO(err);
  std::smatch m;
  REQUIRE(std::regex_search(
      err, m, std::regex(R"(^scio-index: interrupted: (\d+) of 150 files committed; run again to finish\n$)")));
  const std::size_t committed = std::stoul(m[1].str());
  CHECK(committed < 150);
  {
    // Exactly the files it says: each page is one conference, with a clean run's passages.
    Xapian::Database state(db.string());
    CHECK(count_metadata(state, std::string(schema::k_meta_source_prefix)) == committed);
    CHECK(conference_ids(state).size() == committed);
    auto data = passage_data(state);
    for (const auto& [id, d] : data) CHECK(clean_data.at(id) == d);
  }
  auto rerun = scio::test::run(command(db));
  REQUIRE(rerun.exit_code == 0);
  CHECK(rerun.err.find(std::to_string(committed) + " unchanged") != std::string::npos);
  CHECK(passage_data(Xapian::Database(db.string())) == clean_data);
}
