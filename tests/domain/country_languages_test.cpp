// Language pick lists that don't trap a tired volunteer: exact and whole-word matches first, then the
// languages of the person's nationality, then the rest.
#include "domain/country_languages.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;

namespace {

std::vector<std::string> codes(const std::vector<const Language*>& found, std::size_t n = 99) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < found.size() && i < n; ++i)
        out.emplace_back(found[i]->code);
    return out;
}

} // namespace

TEST_CASE("country languages: every code in the table is a country and a language the console stores") {
    REQUIRE(countries_with_languages().size() > 80);
    for (std::string_view country : countries_with_languages()) {
        CAPTURE(country);
        CHECK(find_country_by_code(country) != nullptr);
        CHECK_FALSE(languages_of_country(country).empty());
        for (std::string_view code : languages_of_country(country)) {
            CAPTURE(code);
            const Language* l = find_language_by_code(code);
            REQUIRE(l != nullptr);
            CHECK(l->code == code); // the stored form, not an alias
        }
    }
    CHECK(languages_of_country("er").front() == "ti");
    CHECK(languages_of_country("RO").front() == "ro");
    CHECK(languages_of_country("").empty());
    CHECK(languages_of_country("ZZ").empty());
}

TEST_CASE("language pick list: \"Roman\" for a Romanian national offers Romanian before Romani") {
    CHECK(codes(search_languages("Roman"), 2) == std::vector<std::string>{"rom", "ro"}); // name order
    CHECK(codes(search_languages_for("Roman", "RO"), 2) == std::vector<std::string>{"ro", "rom"});
    CHECK(codes(search_languages_for("roman", " ro "), 2) == std::vector<std::string>{"ro", "rom"});
    // Without a nationality, or for another one, the ranking stays as it was.
    CHECK(codes(search_languages_for("Roman", ""), 2) == std::vector<std::string>{"rom", "ro"});
    CHECK(codes(search_languages_for("Roman", "VN"), 2) == std::vector<std::string>{"rom", "ro"});
}

TEST_CASE("language pick list: exact and whole-word matches come before the nationality's languages") {
    // "ti" is Tigrinya's code: exact, first whatever the nationality.
    CHECK(codes(search_languages_for("ti", "RO"), 1) == std::vector<std::string>{"ti"});
    // "Kurdish" is a whole word of Central and Northern Kurdish, before anything Eritrean that matches.
    const auto kurdish = codes(search_languages_for("Kurdish", "IQ"));
    REQUIRE(kurdish.size() >= 3);
    CHECK(kurdish[0] == "ku");
    // For an Eritrean, "Tigr" offers Tigrinya then Tigre, in the nationality's order.
    const auto eritrean = codes(search_languages_for("Tigr", "ER"));
    REQUIRE(eritrean.size() >= 2);
    CHECK(eritrean[0] == "ti");
    CHECK(eritrean[1] == "tig");
    // An interpreter signing in is offered first the languages people on site need.
    const std::vector<std::string_view> needed{"tig"};
    CHECK(codes(search_languages_preferring("Tigr", needed), 2) == std::vector<std::string>{"tig", "ti"});
    CHECK(codes(search_languages_preferring("Tigr", {}), 2) ==
          std::vector<std::string>{"tig", "ti"}); // name order
    const std::vector<std::string_view> tigrinya{"ti"};
    CHECK(codes(search_languages_preferring("Tigr", tigrinya), 2) == std::vector<std::string>{"ti", "tig"});
    // A nationality never hides a language: everything that matches is still offered.
    CHECK(search_languages_for("a", "ER").size() == search_languages("a").size());
}
