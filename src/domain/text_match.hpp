#pragma once
// Small text helpers for matching what people type or import against codes and names. Case folding is
// ASCII only: codes and ids are ASCII, and names with accents carry an ASCII alias where it matters.
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

// Splits on `separator`; each piece trimmed, empty pieces left out.
std::vector<std::string_view> split_list(std::string_view s, char separator);

// How well a pick-list entry matches a query, best first; None when it does not match.
enum class MatchRank { ExactCode, ExactName, NamePrefix, WordPrefix, Substring, None };
// Ranks a query against one name: exact, prefix, a later word's prefix ("korea" in "North Korea"),
// then substring.
MatchRank rank_name_match(std::string_view name, std::string_view query);

} // namespace rc
