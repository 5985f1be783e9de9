// A Chinese personal name in Latin letters, as the English pages write it: "赵立坚" -> "Zhao Lijian",
// so that the two versions of a speaker are one speaker key (scio-index keys by it, scio-search
// reads a name typed in characters by it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scio::core {

// The name in pinyin without tones, surname first and the given name joined ("Zhao Lijian",
// "Ouyang Yuqing"): ICU's Han-Latin read character by character (a whole-string reading joins
// syllables across the name, "wangwen bin"), with the readings of data/chinese_names.tsv where
// ICU's differ (曾 as a surname is "Zeng"). Nothing when name is not a Chinese personal name
// (core::is_chinese_personal_name).
std::optional<std::string> romanize_chinese_name(std::string_view name);

// How a listing shows a speaker whose key holds both versions: "Zhao Lijian (赵立坚)" for a Chinese
// personal name, any other name as it is.
std::string name_in_both(std::string_view name);

// The speaker key of a person's name: the key of its romanisation when it is a Chinese personal
// name, else core::speaker_key(name).
std::string person_key(std::string_view name);

}  // namespace scio::core
