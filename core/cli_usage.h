// Usage errors as one line for people, shared by scio-index and scio-search. CLI11's own messages
// ("The following argument was not expected: --limt", "--sort: Check date value in
// {newest->1,...} FAILED") are written for programmers: these say which option, what it accepts
// and, for a typo, the closest option or value.
#pragma once

#include "core/text.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace scio::core::cli {

using core::edit_distance;

// The candidate nearest to typed when it is near enough to be a typo (a third of its letters at
// most, and at least one), else "".
inline std::string closest(std::string_view typed, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, typed.size() / 3) + 1;
  for (const auto& c : candidates) {
    const auto d = edit_distance(typed, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

inline std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

inline std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// An option with a fixed set of values (any case), given in the order the message lists them. The
// value stored is the mapped one: an enum as its number (which CLI11 converts back), a string as is.
template <typename T>
CLI::Validator one_of(const std::vector<std::pair<std::string, T>>& values) {
  std::vector<std::string> names;
  for (const auto& v : values) names.push_back(v.first);
  auto check = [values, names](std::string& in) -> std::string {
    const std::string key = lower(in);
    for (const auto& [name, value] : values) {
      if (lower(name) != key) continue;
      if constexpr (std::is_enum_v<T>) in = std::to_string(static_cast<std::underlying_type_t<T>>(value));
      else in = value;
      return {};
    }
    const std::string near = closest(key, names);
    return "\"" + in + "\" is not one of " + listed(names) + (near.empty() ? "" : " (did you mean " + near + "?)");
  };
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : "|") + n;
  return CLI::Validator(check, all);
}

// A whole number from min to max.
inline CLI::Validator number_in(unsigned long long min, unsigned long long max) {
  auto check = [min, max](std::string& in) -> std::string {
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), n);
    if (ec == std::errc() && end == in.data() + in.size() && n >= min && n <= max) return {};
    return "\"" + in + "\" is not a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  };
  return CLI::Validator(check, "N");
}

// An option as people type it: its long name, else its short one, else (a positional) its name.
// (Option::get_name gives "" for a hidden option.)
inline std::string option_name(const CLI::Option& o) {
  if (!o.get_lnames().empty()) return "--" + o.get_lnames().front();
  if (!o.get_snames().empty()) return "-" + o.get_snames().front();
  return o.get_name(true);
}

namespace detail {

// Every option name of app and its option groups ("--limit", "-n").
inline void option_names(const CLI::App& app, std::vector<std::string>& out) {
  for (const auto* o : app.get_options()) {
    for (const auto& l : o->get_lnames()) out.push_back("--" + l);
    for (const auto& s : o->get_snames()) out.push_back("-" + s);
  }
  for (const auto* sub : app.get_subcommands([](const CLI::App* s) { return s->get_name().empty(); }))
    option_names(*sub, out);
}

// The innermost command that was given ("show"), else app itself.
inline const CLI::App& chosen(const CLI::App& app) {
  for (const auto* sub : app.get_subcommands())
    if (!sub->get_name().empty()) return chosen(*sub);
  return app;
}

}  // namespace detail

// One line for a parse error (help and version are not errors: exit them with app.exit): what was
// wrong and what would be right.
inline std::string usage_message(const CLI::ParseError& e, const CLI::App& app) {
  const CLI::App& command = detail::chosen(app);
  const std::string where = &command == &app ? std::string() : command.get_name() + ": ";
  const std::string help = app.get_name() + (&command == &app ? "" : " " + command.get_name()) + " --help";
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    std::vector<std::string> extras = command.remaining();
    if (extras.empty()) extras = app.remaining(true);
    const std::string first = extras.empty() ? std::string() : extras.front();
    if (first.size() > 1 && first[0] == '-') {
      const std::string name = first.substr(0, first.find('='));
      std::vector<std::string> names;
      detail::option_names(command, names);
      const std::string near = closest(name, names);
      if (!near.empty()) return where + "unknown option " + name + " (did you mean " + near + "?)";
      std::string hint = "; " + help + " lists the options";
      if (name.size() > 2 && name[1] != '-')
        hint += ", and a word that starts with - goes after --: " + app.get_name() + " -- " + first;
      return where + "unknown option " + name + hint;
    }
    return where + "unexpected argument \"" + first + "\"; " + help + " shows what it takes";
  }
  std::string message = e.what();
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) return where + message + " (" + help + ")";
  // "--speaker: 1 required NAME missing": the option was last on the line.
  const auto colon = message.find(": ");
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && colon != std::string::npos &&
      message.find(" missing") != std::string::npos)
    return where + message.substr(0, colon) + " needs a value";
  return where + message;
}

}  // namespace scio::core::cli
