#pragma once
// Small text helpers for matching what people type or import against codes and names. The
// *_ignore_case helpers fold ASCII only (codes and ids are ASCII); names as people write them are
// compared through fold_for_search, which understands every script utf8proc knows.
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Without leading and trailing spaces, tabs, CR and LF.
std::string_view trim_space(std::string_view s);

std::string to_lower_ascii(std::string_view s);
std::string to_upper_ascii(std::string_view s);
bool equals_ignore_case(std::string_view a, std::string_view b);
bool starts_with_ignore_case(std::string_view s, std::string_view prefix);
bool contains_ignore_case(std::string_view s, std::string_view part);

// Text folded for matching names as people type them: compatibility forms unified (NFKC), case folded
// (full Unicode folding, so "ß" is "ss"), the accents of Latin, Greek and Cyrillic letters dropped
// (U+0300-036F after decomposition) and letters with a stroke read as their base letter ("Ł", "Đ",
// "Ø"), look-alike dashes, quotes and spaces lumped together, invisible characters left out.
// "NGUYỄN Văn Ánh" -> "nguyen van anh", "Łukasz" -> "lukasz". Marks of other scripts (Devanagari vowel
// signs, Arabic vowels) stay: they are spelling there, not accents. Invalid UTF-8 is folded as ASCII.
std::string fold_for_search(std::string_view s);

// Splits on `separator`; each piece trimmed, empty pieces left out.
std::vector<std::string_view> split_list(std::string_view s, char separator);

// How well a pick-list entry matches a query, best first; None when it does not match.
enum class MatchRank { ExactCode, ExactName, NamePrefix, WordPrefix, Substring, None };
// Ranks a query against one name: exact, prefix, a later word's prefix ("korea" in "North Korea"),
// then substring.
MatchRank rank_name_match(std::string_view name, std::string_view query);

} // namespace rc
