#pragma once
// ISO 639 languages for the languages pick list and the nominal roll. The console stores the ISO 639-1
// two-letter code where there is one ("vi"), else the ISO 639-3 code ("prs" for Dari). The three-letter
// codes of ISO 639-2 (terminology and bibliographic) are accepted on input, since rolls use them.
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace rc {

struct Language {
    std::string_view code;          // "vi", or "prs" where ISO 639-1 has none: what the console stores
    std::string_view alpha3;        // ISO 639-2/T or 639-3: "vie"
    std::string_view alpha3_b;      // ISO 639-2/B where it differs: "alb" for Albanian; else empty
    std::string_view name;          // "Vietnamese": shown on screen
    std::string_view also_known_as; // "Farsi": semicolon-separated
};

// All ISO 639-1 languages (183), then ISO 639-3 languages without a 639-1 code that reception
// centres meet (Dari, Sorani, Kurmanji, Romani, Mandarin, Cantonese, Sylheti, British Sign Language...).
std::span<const Language> all_languages();

// By the stored code, case-insensitive; nullptr when unknown.
const Language* find_language_by_code(std::string_view code);
// By any code, name or other name, case-insensitive, surrounding spaces ignored.
const Language* find_language(std::string_view code_or_name);

// Matches for a searchable pick list, ranked as search_countries does.
std::vector<const Language*> search_languages(std::string_view query,
                                              std::size_t limit = std::numeric_limits<std::size_t>::max());

// Matches for a person of `nationality` (ISO 3166-1 alpha-2; empty: unknown): exact codes and names,
// and whole-word matches ("Kurdish" in "Central Kurdish") first; then the languages of the nationality
// (country_languages.hpp) in that table's order; then the rest as search_languages ranks them. Typing
// "Roman" for a Romanian national offers Romanian before Romani.
std::vector<const Language*>
search_languages_for(std::string_view query, std::string_view nationality,
                     std::size_t limit = std::numeric_limits<std::size_t>::max());

// The same ranking with the languages to offer first given directly (stored codes, in order): for an
// interpreter signing in, the languages people on site need.
std::vector<const Language*>
search_languages_preferring(std::string_view query, std::span<const std::string_view> preferred,
                            std::size_t limit = std::numeric_limits<std::size_t>::max());

} // namespace rc
