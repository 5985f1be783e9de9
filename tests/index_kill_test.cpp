// scio-index killed (SIGKILL) at random moments over real Foreign Ministry pages: the database
// always opens and holds exactly a committed state; a re-run converges to a clean run's passages.
#include "core/schema.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
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

std::map<std::string, std::string> passage_data(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto data = db.get_document(*it).get_data();
    out.emplace(nlohmann::json::parse(data)["passage"].get<std::string>(), data);
  }
  return out;
}

std::set<std::string> conference_ids(const Xapian::Database& db) {
  std::set<std::string> out;
  const std::string prefix(schema::k_prefix_conference);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    out.insert((*it).substr(prefix.size()));
  return out;
}

std::size_t count_metadata(const Xapian::Database& db, const std::string& prefix) {
  std::size_t n = 0;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++n;
  return n;
}

}  // namespace

TEST_CASE("SIGKILL at random moments leaves a committed state; re-running converges", "[index][kill][corpus]") {
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
    for (const auto& p : pages) argv.push_back(p.string());
    return argv;
  };

  const auto start = Clock::now();
  auto clean_run = scio::test::run(command(tmp / "clean"));
  const double clean_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  REQUIRE(clean_run.exit_code == 0);
  Xapian::Database clean((tmp / "clean").string());
  const auto clean_data = passage_data(clean);
  // Every page is one conference, committed in input order: a committed state is a prefix of it.
  std::vector<std::string> order;
  for (const auto& p : pages) order.push_back(p.stem().string());
  REQUIRE(conference_ids(clean) == std::set<std::string>(order.begin(), order.end()));

  std::mt19937 rng(20241128);
  std::uniform_real_distribution<double> fraction(0.05, 0.5);
  const fs::path db = tmp / "killed";
  int intermediate = 0;
  for (int kill = 0; kill < 5; ++kill) {
    CAPTURE(kill);
    pid_t pid = spawn_quiet(command(db));
    REQUIRE(pid > 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(fraction(rng) * clean_seconds));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);

    if (!fs::exists(db / "iamglass")) continue;  // killed before the database was created
    Xapian::Database state(db.string());
    auto present = conference_ids(state);
    std::size_t n = present.size();
    CHECK(present == std::set<std::string>(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n)));
    CHECK(count_metadata(state, std::string(schema::k_meta_conference_prefix)) == n);
    CHECK(count_metadata(state, std::string(schema::k_meta_source_prefix)) == n);
    // Exactly the clean run's passages of those conferences: no batch half-written.
    std::map<std::string, std::string> expected;
    for (const auto& [id, d] : clean_data)
      if (present.count(id.substr(0, id.find('/')))) expected.emplace(id, d);
    CHECK(state.get_doccount() == expected.size());
    CHECK(passage_data(state) == expected);
    if (n > 0 && n < order.size()) ++intermediate;
  }
  CHECK(intermediate >= 1);  // the kills did land mid-run

  auto final_run = scio::test::run(command(db));
  REQUIRE(final_run.exit_code == 0);
  Xapian::Database done(db.string());
  CHECK(passage_data(done) == clean_data);
  CHECK(done.get_doccount() == clean.get_doccount());
  CHECK(count_metadata(done, std::string(schema::k_meta_conference_prefix)) == order.size());
}
