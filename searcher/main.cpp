// scio-search: ranked passages from the terminal; `show`, `speakers` and `conferences` around them.
#include "core/cli_options.h"
#include "core/cli_usage.h"
#include "core/version.h"
#include "searcher/commands.h"
#include "searcher/complete.h"
#include "searcher/pager.h"
#include "searcher/exchanges.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <new>
#include <optional>
#include <xapian.h>

namespace {

using namespace scio::searcher;
namespace cli = scio::core::cli;

constexpr const char* k_footer =
    R"(Query syntax (Xapian's): words are all required (--any: any of them), stemmed in English
("ships" finds "shipping"); "an exact phrase" is not stemmed, but its words match their
possessive ("meng wanzhou" finds "Meng Wanzhou's"); -word or NOT word excludes;
AND, OR, NOT, ( ), a NEAR b, a ADJ b; word* matches a prefix. Fields:
  speaker:WORDS   words of the speaker's name        title:WORDS   words of the conference title
  outlet:NAME     a reporter's outlet ("China Daily")  kind:KIND  moderator|official|reporter|unknown
  date:RANGE      held date: 2023-01-01..2023-12-31, 2023..2024, 2023-05..2023-06, ..2022, 2024.., 2023-05
  lang:zh|en      the language of the passage's turn
A word that starts with - or names a command (show, speakers, conferences, timeline, kwic, exchanges) goes after --:
  scio-search -- -tariffs exports.   Without words, filters alone list passages, newest first.
Before a command name, --db, --format, --color, --bom and --no-pager apply to it, and so do the
filters, -n, --offset and --sort for speakers and conferences; words and other options there are
an error.

Filters (--speaker, --kind, --lang, --outlet, --conference) may repeat: repeats are alternatives,
different filters all apply. --speaker ignores case, Mr./Ms., titles and name order ("Mr. Xin Guobin",
"guobin xin"), and a Chinese name is its English one ("赵立坚" is "Zhao Lijian"). --since/--until take YYYY, YYYY-MM or YYYY-MM-DD, both inclusive.

Output: text for people (colour on a terminal unless NO_COLOR is set; width from COLUMNS or the
terminal), --format json (one JSON object per line) or csv (RFC 4180, header row; --bom for
spreadsheets); the fields are listed in the README. -n 0 prints the count only. Each hit ends with
its passage id: `scio-search show ID` prints it in context (a turn or conference id: all of it).

Database: --db DIR (repeat to search several; a Xapian stub file or tcp:HOST:PORT also work),
else $SCIO_DB, else ${XDG_DATA_HOME:-~/.local/share}/scio/db.

Exit codes:
  0  passages found (or listed, or counted)
  1  nothing found, or no such passage, turn or conference
  2  usage error: bad option, empty, malformed or too long query (over 2048 bytes or 16 word*),
     unknown field, invalid date, unknown speaker, outlet or conference
  3  database error: missing, not a scio database, damaged, unreachable, or it kept changing
     while scio-index wrote it
  4  internal error: a bug in scio-search (the message says what; please report it)

Text on a terminal goes through $SCIO_PAGER, else $PAGER, else less -FRX (--no-pager: never).

Examples:
  scio-search carbon neutrality                        ranked passages, best first
  scio-search '"new energy vehicles"' --since 2023     an exact phrase, held in 2023 or later
  scio-search --speaker "zhao lijian" --until 2020-03 virus
  scio-search show t1558711/3.1 --context 2            a passage with the turns around it
  scio-search speakers trade war                       who said it, how often, first and last date)";

constexpr const char* k_list_footer =
    R"(QUERY and the filters work as for a search (scio-search --help). Every row is listed unless
-n or --offset page them (then a note says which rows of how many); -n 0 prints the count only.
Exit codes: 0 listed, 1 nothing matches, 2 usage error, 3 database error, 4 internal error.)";

constexpr const char* k_timeline_footer =
    R"(Counts are exact: every matching passage is counted, and they agree with scio-search --exact and
speakers for the same query and filters. An occurrence is a place where the words or the phrase are
said (the forms a stemmed word matches; a "phrase" only itself), as kwic lists them. Words are those
spoken in each period by passages matching the filters alone (a CJK character counts as a word).
Periods run over the dates of those passages, empty ones included; --by defaults to the finest of
day, week, month, quarter and year that gives at most 60 bars. Weeks are ISO weeks (2024-W03).
Output: bars in the terminal (ASCII when the locale is not UTF-8), or --format csv|json with the
columns period, start, end, passages, conferences, occurrences, words, per_million[, series].
Who said it first: scio-search speakers --sort oldest -n 1 QUERY (speakers lists each speaker's
first and last date for the query).
Exit codes: 0 counted, 1 nothing matches, 2 usage error, 3 database error, 4 internal error.)";

constexpr const char* k_kwic_footer =
    R"(One line per occurrence, not per passage: the words before it, the words or phrase as spoken, the
words after it, then the date, speaker and passage id (scio-search show ID prints it in context).
A stemmed word finds its forms ("tariff" finds "tariffs"), a "quoted phrase" only itself. --sort
1L sorts by the nearest word to the left (then the next one leftwards), 2L from the second word to
the left, 1R and 2R likewise to the right, hit by the words themselves; all case-folded; date (the
default) in transcript order. --format tsv|csv|json gives the fields left, hit, right, held,
speaker, outlet, passage, conference.
Exit codes: 0 listed, 1 nothing found, 2 usage error, 3 database error, 4 internal error.)";

// Which of the shared options a command's line gave, to merge with those given before it.
struct CommonSeen {
  CLI::Option* format = nullptr;
  CLI::Option* color = nullptr;
  CLI::Option* bom = nullptr;
};

const std::vector<std::pair<std::string, Sort>> k_sorts{
    {"relevance", Sort::relevance}, {"newest", Sort::newest}, {"oldest", Sort::oldest}};

CommonSeen add_common(CLI::App& app, CommonOptions& o, bool tsv = false) {
  cli::add_db_option(app, o.db, "Database folder, Xapian stub file or tcp:HOST:PORT (repeatable)");
  CommonSeen seen;
  std::vector<std::pair<std::string, Format>> formats{
      {"text", Format::text}, {"json", Format::json}, {"csv", Format::csv}};
  if (tsv) formats.emplace_back("tsv", Format::tsv);
  seen.format = app.add_option("--format", o.format,
                               tsv ? "Output format: text, tsv, csv or json (default: text)"
                                   : "Output format: text, json or csv (default: text)")
                    ->transform(cli::one_of<Format>(formats))
                    ->option_text(tsv ? "text|tsv|csv|json" : "text|json|csv");
  seen.color = app.add_option("--color", o.color, "Colour: auto, always or never (default: auto)")
                   ->transform(cli::one_of<ColorMode>(
                       {{"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}}))
                   ->option_text("auto|always|never");
  seen.bom = app.add_flag("--bom", o.bom, "With --format csv: start with a UTF-8 byte-order mark (for spreadsheets)");
  app.add_flag("--no-pager", o.no_pager, "Never page text output (default: a pager when stdout is a terminal)");
  return seen;
}

// Options given before the command name count too ("scio-search --db X speakers").
CommonOptions merged(const CommonOptions& top, const CommonOptions& own, const CommonSeen& seen) {
  CommonOptions out = own;
  out.db = top.db;
  out.db.insert(out.db.end(), own.db.begin(), own.db.end());
  if (seen.format->count() == 0) out.format = top.format;
  if (seen.color->count() == 0) out.color = top.color;
  out.bom = top.bom || own.bom;
  out.no_pager = top.no_pager || own.no_pager;
  return out;
}

// -n, --offset and --sort, which a search and the listings share.
struct PagingSeen {
  CLI::Option* sort = nullptr;
  CLI::Option* limit = nullptr;
  CLI::Option* offset = nullptr;
};

PagingSeen add_paging(CLI::App& app, Sort& sort, unsigned& limit, unsigned& offset, const std::string& sort_help,
                      const std::string& limit_help, const std::string& rows) {
  PagingSeen seen;
  seen.sort = app.add_option("--sort", sort, sort_help)
                  ->transform(cli::one_of(k_sorts))
                  ->option_text("relevance|newest|oldest");
  seen.limit = app.add_option("-n,--limit", limit, limit_help)->check(cli::number_in(0, 100000))->option_text("N");
  seen.offset = app.add_option("--offset", offset, rows + " to skip, to page through them")
                    ->check(cli::number_in(0, 1000000000))
                    ->option_text("N");
  return seen;
}

CLI::App* add_filters(CLI::App& app, Filters& f) {
  auto* group = app.add_option_group("Filters");
  group->add_option("--speaker", f.speakers, "Passages of this speaker (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  group->add_option("--kind", f.kinds, "Speaker kind (repeatable)")
      ->allow_extra_args(false)
      ->transform(cli::one_of<std::string>(
          {{"moderator", "moderator"}, {"official", "official"}, {"reporter", "reporter"}, {"unknown", "unknown"}}))
      ->option_text("moderator|official|reporter|unknown");
  group->add_option("--lang", f.langs, "Passages in this language: zh (Chinese) or en (repeatable)")
      ->allow_extra_args(false)
      ->transform(cli::one_of<std::string>({{"zh", "zh"}, {"en", "en"}}))
      ->option_text("zh|en");
  group->add_option("--outlet", f.outlets, "Questions from this media outlet (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  group->add_option("--since", f.since, "Held on or after this date")->type_name("DATE");
  group->add_option("--until", f.until, "Held on or before this date")->type_name("DATE");
  group->add_option("--conference", f.conferences, "Passages of this conference id (repeatable)")
      ->allow_extra_args(false)
      ->type_name("ID");
  return group;
}

// Options given before the command name ("scio-search --since 2020 speakers"): the shared ones
// (merged above) and, for a listing, the filters, -n, --offset and --sort, which it takes too; any
// other, and words, are refused rather than dropped (a word there may be meant as a search:
// "scio-search trade conferences").
std::string check_before_command(const CLI::App& app, const CLI::App& command, const std::vector<std::string>& words,
                                 bool listing) {
  const std::string name = command.get_name();
  if (!words.empty()) {
    std::string typed;
    for (const auto& w : words) typed += (typed.empty() ? "" : " ") + w;
    return "words before the command " + name + " (" + typed + "): put them after it (scio-search " + name +
           " WORDS), or put " + name + " after -- to search for the word";
  }
  std::vector<std::pair<const CLI::Option*, bool>> given;  // option, is a filter
  for (const auto* o : app.get_options()) given.push_back({o, false});
  for (const auto* group : app.get_subcommands([](const CLI::App* s) { return s->get_name().empty(); }))
    for (const auto* o : group->get_options()) given.push_back({o, true});
  for (const auto& [o, filter] : given) {
    if (o->count() == 0 || o->get_positional()) continue;
    const std::string option = cli::option_name(*o);
    if (option == "--db" || option == "--format" || option == "--color" || option == "--bom" || option == "--no-pager")
      continue;
    const bool shared = option == "--sort" || option == "--limit" || option == "--offset";
    if (listing && (shared || filter)) continue;
    return option + " does not apply to " + name + " (it is an option of a search; scio-search " + name +
           " --help lists what " + name + " takes)";
  }
  return {};
}

// A listing's own options, with those given before the command name; one given in both places
// is refused rather than picking one.
std::string merge_listing(const SearchOptions& top, const PagingSeen& top_seen, ListOptions& own,
                          const PagingSeen& own_seen, const std::string& name) {
  auto both = [&](const std::string& option) {
    return option + " is given both before and after " + name + "; give it once";
  };
  for (auto [mine, theirs] : {std::pair{&own.filters.speakers, &top.filters.speakers},
                              {&own.filters.kinds, &top.filters.kinds},
                              {&own.filters.outlets, &top.filters.outlets},
                              {&own.filters.langs, &top.filters.langs},
                              {&own.filters.conferences, &top.filters.conferences}})
    mine->insert(mine->begin(), theirs->begin(), theirs->end());
  if (!top.filters.since.empty() && !own.filters.since.empty()) return both("--since");
  if (!top.filters.until.empty() && !own.filters.until.empty()) return both("--until");
  if (own.filters.since.empty()) own.filters.since = top.filters.since;
  if (own.filters.until.empty()) own.filters.until = top.filters.until;
  for (auto [mine, theirs, option] : {std::tuple{own_seen.sort, top_seen.sort, "--sort"},
                                      {own_seen.limit, top_seen.limit, "--limit"},
                                      {own_seen.offset, top_seen.offset, "--offset"}})
    if (mine->count() > 0 && theirs->count() > 0) return both(option);
  if (top_seen.sort->count() > 0) own.sort = top.sort;
  if (top_seen.limit->count() > 0) own.limit = top.limit;
  if (top_seen.offset->count() > 0) own.offset = top.offset;
  own.sort_given = own_seen.sort->count() + top_seen.sort->count() > 0;
  own.limit_given = own_seen.limit->count() + top_seen.limit->count() > 0;
  return {};
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
  app.set_version_flag("--version",
                       std::string("scio-search " SCIO_VERSION " (Xapian ") + Xapian::version_string() + ")");
  app.require_subcommand(0, 1);

  SearchOptions search;
  const auto search_seen = add_common(app, search.common);
  add_filters(app, search.filters);
  const auto search_paging = add_paging(app, search.sort, search.limit, search.offset,
                                        "relevance (BM25), newest or oldest held date first (default: relevance)",
                                        "Hits to show (default: 10; 0: only count them)", "Hits");
  app.add_option("--per-conference", search.per_conference, "At most N hits per conference")
      ->check(cli::number_in(1, 100000))
      ->option_text("N");
  app.add_flag("--exact", search.exact, "Count every match (the total is an estimate otherwise)");
  app.add_flag("--any", search.any, "Match any of the words instead of all of them");
  app.add_option("QUERY", search.words, "Words to search for (Xapian query syntax, see below)");

  ShowOptions show;
  auto* show_cmd =
      app.add_subcommand("show",
                         "Print a passage with the turns around it, in transcript order; a turn id (CONFERENCE/TURN) "
                         "prints that turn, a conference id the whole transcript");
  const auto show_seen = add_common(*show_cmd, show.common);
  show_cmd->footer(
      "Exit codes: 0 shown, 1 no such passage, turn or conference, 2 usage error, 3 database error, 4 internal error.");
  auto* show_context = show_cmd->add_option("--context", show.context, "Turns before and after (default: 1)")
                           ->check(cli::number_in(0, 100000))
                           ->option_text("N");
  show_cmd->add_option("ID", show.id, "Passage id as printed under each hit, a turn id or a conference id")->required();
  show_cmd->add_flag("--other-language", show.other_language,
                     "The same exchange (else the whole conference) in the counterpart, the conference's version in "
                     "the other language");

  ListOptions speakers;
  auto* speakers_cmd = app.add_subcommand("speakers",
                                          "List speakers with passage counts and first and last dates; "
                                          "with QUERY, count the passages that match");
  const auto speakers_seen = add_common(*speakers_cmd, speakers.common);
  add_filters(*speakers_cmd, speakers.filters);
  const auto speakers_paging =
      add_paging(*speakers_cmd, speakers.sort, speakers.limit, speakers.offset,
                 "relevance (most passages), newest (last held date) or oldest (first held date) first "
                 "(default: relevance); --sort oldest -n 1 QUERY: who said it first",
                 "Speakers to show (default: all; 0: only count them)", "Speakers");
  speakers_cmd->add_option("QUERY", speakers.words, "Only passages matching these words");
  speakers_cmd->footer(k_list_footer);

  ListOptions conferences;
  auto* conferences_cmd = app.add_subcommand(
      "conferences", "List conferences (id, held date, title, passages), newest first unless --sort");
  const auto conferences_seen = add_common(*conferences_cmd, conferences.common);
  add_filters(*conferences_cmd, conferences.filters);
  const auto conferences_paging =
      add_paging(*conferences_cmd, conferences.sort, conferences.limit, conferences.offset,
                 "relevance (most matching passages), newest or oldest held date first (default: newest)",
                 "Conferences to show (default: all; 0: only count them)", "Conferences");
  conferences_cmd->add_option("QUERY", conferences.words, "Only conferences with passages matching these words");
  conferences_cmd->footer(k_list_footer);

  // For the shell completions (completions/): the database's speaker keys, outlet keys or
  // conference ids starting with PREFIX, one a line. Hidden from --help, and named as no word of a
  // query can be (cobra's convention): "scio-search complete sentences" stays a search.
  CompleteOptions complete;
  auto* complete_cmd = app.add_subcommand("__complete", "Values for shell completion")->group("");
  const auto complete_seen = add_common(*complete_cmd, complete.common);
  complete_cmd->add_option("WHAT", complete.what, "speakers, outlets or conferences")->required();
  complete_cmd->add_option("PREFIX", complete.prefix, "What is typed so far");

  TimelineOptions trend;
  auto* timeline_cmd = app.add_subcommand(
      "timeline", "How often QUERY was said per year, quarter, month, week or day: exact counts, drawn as bars");
  const auto timeline_seen = add_common(*timeline_cmd, trend.common);
  add_filters(*timeline_cmd, trend.filters);
  timeline_cmd->add_option("--by", trend.by, "Period of each bar (default: chosen for at most 60 bars)")
      ->transform(cli::one_of<Period>({{"year", Period::year},
                                       {"quarter", Period::quarter},
                                       {"month", Period::month},
                                       {"week", Period::week},
                                       {"day", Period::day}}))
      ->option_text("year|quarter|month|week|day");
  timeline_cmd->add_option("--split", trend.split, "One series per speaker, outlet, kind or conference")
      ->transform(cli::one_of<Split>({{"speaker", Split::speaker},
                                      {"outlet", Split::outlet},
                                      {"kind", Split::kind},
                                      {"conference", Split::conference}}))
      ->option_text("speaker|outlet|kind|conference");
  timeline_cmd->add_option("--top", trend.top, "With --split: the N largest series, the rest as \"other\" (default: 5)")
      ->check(cli::number_in(1, 1000))
      ->option_text("N");
  timeline_cmd->add_flag("--per-million", trend.per_million, "Draw occurrences per million words spoken");
  timeline_cmd->add_option("--plot", trend.plot, "Also draw the chart into FILE.svg or FILE.png (gnuplot)")
      ->type_name("FILE");
  timeline_cmd->add_option("QUERY", trend.words, "Words or \"a phrase\" to count (query syntax as in a search)");
  timeline_cmd->footer(k_timeline_footer);

  KwicOptions concordance;
  auto* kwic_cmd = app.add_subcommand(
      "kwic", "Every occurrence of QUERY in its context, one line each, the hits in one column (a concordance)");
  const auto kwic_seen = add_common(*kwic_cmd, concordance.common, true);
  add_filters(*kwic_cmd, concordance.filters);
  kwic_cmd->add_option("--sort", concordance.sort, "Order of the lines (default: date)")
      ->transform(cli::one_of<KwicSort>({{"hit", KwicSort::hit},
                                         {"1L", KwicSort::left1},
                                         {"2L", KwicSort::left2},
                                         {"1R", KwicSort::right1},
                                         {"2R", KwicSort::right2},
                                         {"date", KwicSort::date}}))
      ->option_text("hit|1L|2L|1R|2R|date");
  kwic_cmd->add_option("-n,--limit", concordance.limit, "Lines to show (default: 25)")
      ->check(cli::number_in(0, 1000000))
      ->option_text("N");
  kwic_cmd->add_option("--offset", concordance.offset, "Lines to skip, to page through them")
      ->check(cli::number_in(0, 1000000000))
      ->option_text("N");
  kwic_cmd->add_option("--width", concordance.width, "Characters of context each side (default: fit the terminal)")
      ->check(cli::number_in(1, 10000))
      ->option_text("N");
  kwic_cmd->add_option("QUERY", concordance.words, "Words or \"a phrase\" to find (query syntax as in a search)");
  kwic_cmd->footer(k_kwic_footer);

  ExchangeOptions exchanges;  // searcher/exchanges
  auto* exchanges_cmd = app.add_subcommand(
      "exchanges", "Rank exchanges (a question and the answer it got) by words in either side; both rank higher");
  const auto exchanges_seen = add_common(*exchanges_cmd, exchanges.common);
  auto* exchange_filters = add_filters(*exchanges_cmd, exchanges.request.filters);
  exchange_filters->add_option("--asked-by", exchanges.request.asked_by, "Questions from this outlet (repeatable)")
      ->allow_extra_args(false)
      ->type_name("OUTLET");
  exchange_filters->add_option("--answered-by", exchanges.request.answered_by, "Answers by this speaker (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  exchange_filters->add_flag("--unanswered", exchanges.request.unanswered, "Only questions that got no answer");
  exchanges_cmd
      ->add_option("-n,--limit", exchanges.request.limit, "Exchanges to show (default: 10; 0: only count them)")
      ->check(cli::number_in(0, 100000))
      ->option_text("N");
  exchanges_cmd->add_option("--offset", exchanges.request.offset, "Exchanges to skip, to page through them")
      ->check(cli::number_in(0, 1000000000))
      ->option_text("N");
  exchanges_cmd->add_flag("--any", exchanges.request.match_any, "Match any of the words instead of all of them");
  exchanges_cmd->add_flag("--full", exchanges.full, "Print both sides whole instead of snippets");
  exchanges_cmd->add_option("QUERY", exchanges.words, "Words to search the questions and answers for");
  exchanges_cmd->footer(
      "QUERY and the filters work as for a search (scio-search --help); a word matches in the question or the answer. "
      "Each exchange ends with its id: scio-search show ID prints it whole.\nExit codes: 0 found, 1 nothing "
      "matches, 2 usage error, 3 database error, 4 internal error.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? k_exit_found : k_exit_usage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? k_exit_found : k_exit_usage;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e) == 0 ? k_exit_found : k_exit_usage;
  } catch (const CLI::ParseError& e) { return fail(cli::usage_message(e, app), k_exit_usage); }

  try {
    Outcome outcome;
    CLI::App* command = *show_cmd          ? show_cmd
                        : *speakers_cmd    ? speakers_cmd
                        : *conferences_cmd ? conferences_cmd
                        : *complete_cmd    ? complete_cmd
                        : *timeline_cmd    ? timeline_cmd
                        : *kwic_cmd        ? kwic_cmd
                        : *exchanges_cmd   ? exchanges_cmd
                                           : nullptr;
    if (command != nullptr) {
      const bool listing = command == speakers_cmd || command == conferences_cmd;
      const auto refused = check_before_command(app, *command, search.words, listing);
      if (!refused.empty()) return fail(refused, k_exit_usage);
    }
    // --format and --color on both sides of the command name: refused rather than picking one.
    for (const auto* seen :
         {&show_seen, &speakers_seen, &conferences_seen, &timeline_seen, &kwic_seen, &exchanges_seen})
      for (auto [mine, theirs] : {std::pair{seen->format, search_seen.format}, {seen->color, search_seen.color}})
        if (mine->count() > 0 && theirs->count() > 0)
          return fail(
              cli::option_name(*mine) + " is given both before and after " + command->get_name() + "; give it once",
              k_exit_usage);
    if (*complete_cmd) {
      complete.common = merged(search.common, complete.common, complete_seen);
      outcome = run_complete(complete, std::cout);
      return outcome.error.empty() ? outcome.exit_code : fail(outcome.error, outcome.exit_code);
    }
    const CommonOptions* common = &search.common;
    if (*show_cmd) {
      show.common = merged(search.common, show.common, show_seen);
      show.context_given = show_context->count() > 0;
      common = &show.common;
    } else if (*speakers_cmd) {
      speakers.common = merged(search.common, speakers.common, speakers_seen);
      const auto error = merge_listing(search, search_paging, speakers, speakers_paging, "speakers");
      if (!error.empty()) return fail(error, k_exit_usage);
      common = &speakers.common;
    } else if (*conferences_cmd) {
      conferences.common = merged(search.common, conferences.common, conferences_seen);
      const auto error = merge_listing(search, search_paging, conferences, conferences_paging, "conferences");
      if (!error.empty()) return fail(error, k_exit_usage);
      common = &conferences.common;
    } else if (*timeline_cmd) {
      trend.common = merged(search.common, trend.common, timeline_seen);
      common = &trend.common;
    } else if (*kwic_cmd) {
      concordance.common = merged(search.common, concordance.common, kwic_seen);
      common = &concordance.common;
    } else if (*exchanges_cmd) {
      exchanges.common = merged(search.common, exchanges.common, exchanges_seen);
      common = &exchanges.common;
    }
    if (common->bom && common->format != Format::csv)
      return fail("--bom applies to --format csv only (it marks a CSV file as UTF-8 for spreadsheets)", k_exit_usage);
    // The terminal's colour and width first: the pager then takes stdout's place.
    const Terminal terminal = detect_terminal(common->color);
    std::optional<Pager> pager;
    if (common->format == Format::text && !common->no_pager) pager.emplace();
    if (*show_cmd) {
      outcome = run_show(show, terminal, std::cout, std::cerr);
    } else if (*speakers_cmd) {
      outcome = run_speakers(speakers, terminal, std::cout, std::cerr);
    } else if (*exchanges_cmd) {
      outcome = run_exchanges(exchanges, terminal, std::cout, std::cerr);
    } else if (*conferences_cmd) {
      outcome = run_conferences(conferences, terminal, std::cout, std::cerr);
    } else if (*timeline_cmd) {
      outcome = run_timeline(trend, terminal, utf8_locale(), std::cout, std::cerr);
    } else if (*kwic_cmd) {
      outcome = run_kwic(concordance, terminal, std::cout, std::cerr);
    } else {
      outcome = run_search(search, terminal, std::cout, std::cerr);
    }
    std::cout.flush();
    pager.reset();  // the pager has shown everything before an error line follows
    if (!outcome.error.empty()) return fail(outcome.error, outcome.exit_code);
    return outcome.exit_code;
  } catch (const DatabaseError& e) { return fail(e.what(), k_exit_database); } catch (const Xapian::Error& e) {
    return fail(e.get_description(), k_exit_database);
  } catch (const std::bad_alloc&) { return fail("out of memory", k_exit_database); } catch (const std::exception& e) {
    // Anything else is a bug of scio-search's, not a database error: said as such.
    std::cerr << "scio-search: internal error: " << e.what() << " (a bug in scio-search: please report it)\n";
    return k_exit_internal;
  }
}
