#include "core/chinese_script.h"

#include "core/text.h"

#include <SimpleConverter.hpp>
#include <memory>

namespace scio::core {
namespace {

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += std::max<std::size_t>(utf8_length_at(text, i), 1)) ++count;
  return count;
}

// Loaded once (the dictionaries take a few milliseconds); Convert is const and keeps no state.
// The configuration ships with libopencc-data, which the library's package depends on.
const opencc::SimpleConverter* converter() {
  static const std::unique_ptr<opencc::SimpleConverter> loaded = []() -> std::unique_ptr<opencc::SimpleConverter> {
    try {
      return std::make_unique<opencc::SimpleConverter>("t2s.json");
    } catch (const std::exception&) { return nullptr; }
  }();
  return loaded.get();
}

}  // namespace

std::string to_simplified(std::string_view text) {
  if (!has_cjk(text)) return std::string(text);
  const auto* c = converter();
  if (!c) return std::string(text);
  return c->Convert(text.data(), text.size());
}

bool cannot_simplify(std::string_view text) { return converter() == nullptr && has_cjk(text); }

bool is_script_change(std::string_view original, std::string_view simplified) {
  return characters(original) == characters(simplified);
}

}  // namespace scio::core
