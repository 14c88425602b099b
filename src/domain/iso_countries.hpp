#pragma once
// ISO 3166-1 countries for the nationality pick list and the nominal roll: the alpha-2 code the
// console stores, the alpha-3 code (rolls use both), the English short name, and other names people
// write (common names, former names, nationalities such as "Romanian").
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace rc {

struct Country {
    std::string_view alpha2;        // "VN": what the console stores
    std::string_view alpha3;        // "VNM"
    std::string_view name;          // "Vietnam": shown on screen
    std::string_view also_known_as; // "Viet Nam;Vietnamese": semicolon-separated
    bool iso_assigned = true;       // false for XK (Kosovo), a user-assigned code the UK and EU use
};

// Every ISO 3166-1 entry (249) plus Kosovo, in alpha-2 order.
std::span<const Country> all_countries();

// By alpha-2 code, case-insensitive; nullptr when unknown.
const Country* find_country_by_code(std::string_view alpha2);
// By alpha-2 or alpha-3 code, name or another name, case-insensitive, surrounding spaces ignored.
const Country* find_country(std::string_view code_or_name);

// Matches for a searchable pick list, best first: exact code, exact name, name prefix, a word's prefix
// ("korea" in "North Korea"), substring. Other names match too, after the name itself at the same rank;
// then name order. An empty query lists everything.
std::vector<const Country*> search_countries(std::string_view query,
                                             std::size_t limit = std::numeric_limits<std::size_t>::max());

} // namespace rc
