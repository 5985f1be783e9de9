// Fuzzes date parsing, speaker-label parsing, speaker keys, display names and participant lines.
#include "core/date.h"
#include "core/speaker.h"
#include "core/text.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scio::core;
  std::string text(reinterpret_cast<const char*>(data), size);
  if (auto d = find_date(text)) {
    if (!make_date(d->year, d->month, d->day)) std::abort();
    if (parse_iso_date(d->iso()) != d) std::abort();
  }
  (void)is_date_line(text);
  (void)has_time_of_day(text);
  (void)parse_iso_date(text);
  for (bool inline_ok : {false, true})
    if (auto label = parse_label(text, inline_ok)) {
      (void)reporter_label(label->name);
      // Showing a label in title case never changes whom it names.
      if (speaker_key(display_name(label->name)) != speaker_key(label->name)) std::abort();
    }
  (void)parse_participant(text);
  if (find_invalid_utf8(normalize_space(text)) != std::string::npos) std::abort();
  (void)display_width(text);
  return 0;
}
