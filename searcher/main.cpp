// scio-search: ranked passages from the terminal; `show`, `speakers` and `conferences` around them.
#include "core/version.h"
#include "searcher/commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <xapian.h>

namespace {

using namespace scio::searcher;

constexpr const char* k_footer = R"(Query syntax (Xapian's): words are all required (--any: any of them), stemmed in English
("ships" finds "shipping"); "an exact phrase" is not stemmed; -word or NOT word excludes;
AND, OR, NOT, ( ), a NEAR b, a ADJ b; word* matches a prefix. Fields:
  speaker:WORDS   words of the speaker's name        title:WORDS   words of the conference title
  outlet:NAME     a reporter's outlet ("China Daily")  kind:KIND  moderator|official|reporter|unknown
  date:RANGE      held date: 2023-01-01..2023-12-31, 2023..2024, 2023-05..2023-06, ..2022, 2024.., 2023-05
A word that starts with - or names a command (show, speakers, conferences) goes after --:
  scio-search -- -tariffs exports.   Without words, filters alone list passages, newest first.

Filters (--speaker, --kind, --outlet, --conference) may repeat: repeats are alternatives, different
filters all apply. --speaker ignores case, Mr./Ms., titles and name order ("Mr. Xin Guobin",
"guobin xin"). --since/--until take YYYY, YYYY-MM or YYYY-MM-DD, both inclusive.

Output: text for people (colour on a terminal unless NO_COLOR is set; width from COLUMNS or the
terminal), --format json (one JSON object per line) or csv (RFC 4180, header row); the fields are
listed in the README. Each hit ends with its passage id: `scio-search show ID` prints it in context.

Database: --db DIR (repeat to search several; a Xapian stub file or tcp:HOST:PORT also work),
else $SCIO_DB, else ${XDG_DATA_HOME:-~/.local/share}/scio/db.

Exit codes:
  0  passages found (or listed)
  1  nothing found, or no such passage
  2  usage error: bad option, empty, malformed or too long query (over 2048 bytes or 16 word*),
     unknown field, invalid date, unknown speaker, outlet or conference
  3  database error: missing, not a scio database, damaged, unreachable, or it kept changing
     while scio-index wrote it)";

constexpr const char* k_list_footer = R"(QUERY and the filters work as for a search (scio-search --help).
Exit codes: 0 listed, 1 nothing matches, 2 usage error, 3 database error.)";

// Which of the shared options a command's line gave, to merge with those given before it.
struct CommonSeen {
  CLI::Option* format = nullptr;
  CLI::Option* color = nullptr;
};

CommonSeen add_common(CLI::App& app, CommonOptions& o) {
  app.add_option("--db", o.db, "Database folder, Xapian stub file or tcp:HOST:PORT (repeatable)")
      ->allow_extra_args(false)
      ->type_name("DB");
  const std::map<std::string, Format> formats{{"text", Format::text}, {"json", Format::json}, {"csv", Format::csv}};
  const std::map<std::string, ColorMode> colors{
      {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};
  CommonSeen seen;
  seen.format = app.add_option("--format", o.format, "Output format: text, json or csv (default: text)")
                    ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
                    ->option_text("text|json|csv");
  seen.color = app.add_option("--color", o.color, "Colour: auto, always or never (default: auto)")
                   ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case))
                   ->option_text("auto|always|never");
  return seen;
}

// Options given before the command name count too ("scio-search --db X speakers").
CommonOptions merged(const CommonOptions& top, const CommonOptions& own, const CommonSeen& seen) {
  CommonOptions out = own;
  out.db = top.db;
  out.db.insert(out.db.end(), own.db.begin(), own.db.end());
  if (seen.format->count() == 0) out.format = top.format;
  if (seen.color->count() == 0) out.color = top.color;
  return out;
}

void add_filters(CLI::App& app, Filters& f) {
  auto* group = app.add_option_group("Filters");
  group->add_option("--speaker", f.speakers, "Passages of this speaker (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  group->add_option("--kind", f.kinds, "Speaker kind (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"moderator", "official", "reporter", "unknown"}, CLI::ignore_case))
      ->option_text("moderator|official|reporter|unknown");
  group->add_option("--outlet", f.outlets, "Questions from this media outlet (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  group->add_option("--since", f.since, "Held on or after this date")->type_name("DATE");
  group->add_option("--until", f.until, "Held on or before this date")->type_name("DATE");
  group->add_option("--conference", f.conferences, "Passages of this conference id (repeatable)")
      ->allow_extra_args(false)
      ->type_name("ID");
}

// The one place that reports a failure.
int fail(const std::string& message, int code) {
  std::cerr << "scio-search: error: " << message << '\n';
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"scio-search: find who said what, when, at which press conference", "scio-search"};
  app.footer(k_footer);
  app.set_version_flag("--version", std::string("scio-search " SCIO_VERSION " (Xapian ") + Xapian::version_string() + ")");
  app.require_subcommand(0, 1);

  SearchOptions search;
  add_common(app, search.common);
  add_filters(app, search.filters);
  const std::map<std::string, Sort> sorts{{"relevance", Sort::relevance}, {"newest", Sort::newest}, {"oldest", Sort::oldest}};
  app.add_option("--sort", search.sort, "relevance (BM25), newest or oldest held date first (default: relevance)")
      ->transform(CLI::CheckedTransformer(sorts, CLI::ignore_case))
      ->option_text("relevance|newest|oldest");
  app.add_option("-n,--limit", search.limit, "Hits to show (default: 10)")
      ->check(CLI::Range(1u, 100000u))
      ->option_text("N");
  app.add_option("--offset", search.offset, "Hits to skip, to page through results")->type_name("N");
  app.add_option("--per-conference", search.per_conference, "At most N hits per conference")
      ->check(CLI::Range(1u, 100000u))
      ->option_text("N");
  app.add_flag("--exact", search.exact, "Count every match (the total is an estimate otherwise)");
  app.add_flag("--any", search.any, "Match any of the words instead of all of them");
  app.add_option("QUERY", search.words, "Words to search for (Xapian query syntax, see below)");

  ShowOptions show;
  auto* show_cmd = app.add_subcommand("show", "Print a passage with the turns around it, in transcript order");
  const auto show_seen = add_common(*show_cmd, show.common);
  show_cmd->footer("Exit codes: 0 shown, 1 no such passage, 2 usage error, 3 database error.");
  show_cmd->add_option("--context", show.context, "Turns before and after (default: 1)")
      ->check(CLI::Range(0u, 100000u))
      ->option_text("N");
  show_cmd->add_option("PASSAGE", show.passage, "Passage id, as printed under each hit")->required();

  ListOptions speakers;
  auto* speakers_cmd = app.add_subcommand("speakers", "List speakers with passage counts and first and last dates; "
                                                      "with QUERY, count the passages that match");
  const auto speakers_seen = add_common(*speakers_cmd, speakers.common);
  add_filters(*speakers_cmd, speakers.filters);
  speakers_cmd->add_option("QUERY", speakers.words, "Only passages matching these words");
  speakers_cmd->footer(k_list_footer);

  ListOptions conferences;
  auto* conferences_cmd =
      app.add_subcommand("conferences", "List conferences (id, held date, title, passages), newest first");
  const auto conferences_seen = add_common(*conferences_cmd, conferences.common);
  add_filters(*conferences_cmd, conferences.filters);
  conferences_cmd->add_option("QUERY", conferences.words, "Only conferences with passages matching these words");
  conferences_cmd->footer(k_list_footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? k_exit_found : k_exit_usage;  // CLI11's own codes start at 100
  }

  try {
    Outcome outcome;
    if (*show_cmd) {
      show.common = merged(search.common, show.common, show_seen);
      outcome = run_show(show, detect_terminal(show.common.color), std::cout);
    } else if (*speakers_cmd) {
      speakers.common = merged(search.common, speakers.common, speakers_seen);
      outcome = run_speakers(speakers, detect_terminal(speakers.common.color), std::cout, std::cerr);
    } else if (*conferences_cmd) {
      conferences.common = merged(search.common, conferences.common, conferences_seen);
      outcome = run_conferences(conferences, detect_terminal(conferences.common.color), std::cout, std::cerr);
    } else {
      outcome = run_search(search, detect_terminal(search.common.color), std::cout, std::cerr);
    }
    std::cout.flush();
    if (!outcome.error.empty()) return fail(outcome.error, outcome.exit_code);
    return outcome.exit_code;
  } catch (const DatabaseError& e) {
    return fail(e.what(), k_exit_database);
  } catch (const Xapian::Error& e) {
    return fail(e.get_description(), k_exit_database);
  } catch (const std::exception& e) {
    return fail(e.what(), k_exit_database);
  }
}
