#pragma once
// The languages people of a nationality most often speak, most common first: what the languages pick
// list offers first for a person of that nationality (Romania: Romanian, then Romani; Eritrea:
// Tigrinya, Arabic, Tigre). A suggestion only: anyone may speak anything, and the list stays complete.
// Covers the nationalities reception centres in the UK meet most, not every country.
#include <span>
#include <string_view>

namespace rc {

// ISO 639 codes as the console stores them (iso_languages.hpp) for an ISO 3166-1 alpha-2 code,
// case-insensitive; empty for a country the table does not hold.
std::span<const std::string_view> languages_of_country(std::string_view alpha2);

// Every country code the table holds (for its tests).
std::span<const std::string_view> countries_with_languages();

} // namespace rc
