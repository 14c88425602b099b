#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <set>
#include <string>

using namespace rc;

TEST_CASE("the country table: every ISO 3166-1 entry, codes unique and well formed") {
    const auto countries = all_countries();
    CHECK(countries.size() == 250); // 249 ISO entries and Kosovo
    std::set<std::string> alpha2, alpha3;
    int iso = 0;
    for (const Country& c : countries) {
        INFO(c.alpha2);
        CHECK(c.alpha2.size() == 2);
        CHECK(c.alpha3.size() == 3);
        CHECK(!c.name.empty());
        CHECK(to_upper_ascii(c.alpha2) == c.alpha2);
        CHECK(to_upper_ascii(c.alpha3) == c.alpha3);
        CHECK(alpha2.insert(std::string(c.alpha2)).second);
        CHECK(alpha3.insert(std::string(c.alpha3)).second);
        if (c.iso_assigned) ++iso;
    }
    CHECK(iso == 249);
    CHECK(std::is_sorted(countries.begin(), countries.end(),
                         [](const Country& a, const Country& b) { return a.alpha2 < b.alpha2; }));
}

TEST_CASE("countries by code, name and other names, case-insensitive") {
    REQUIRE(find_country("Vietnam"));
    CHECK(find_country("Vietnam")->alpha2 == "VN");
    CHECK(find_country("VN") == find_country("Vietnam"));
    CHECK(find_country("vn") == find_country("Vietnam"));
    CHECK(find_country("VNM") == find_country("Vietnam"));
    CHECK(find_country("Viet Nam") == find_country("Vietnam"));
    CHECK(find_country("vietnamese") == find_country("Vietnam"));
    CHECK(find_country(" ROU ")->alpha2 == "RO");
    CHECK(find_country("Romanian")->alpha2 == "RO");
    CHECK(find_country("UK")->alpha2 == "GB");
    CHECK(find_country("GBR")->alpha2 == "GB");
    CHECK(find_country("British")->alpha2 == "GB");
    CHECK(find_country("Turkey")->alpha2 == "TR");
    CHECK(find_country("Türkiye")->alpha2 == "TR");
    CHECK(find_country("Ivory Coast")->alpha2 == "CI");
    CHECK(find_country("Kosovo")->alpha2 == "XK");
    CHECK(find_country("Eritrea")->alpha2 == "ER");
    CHECK(find_country("Albanian")->alpha2 == "AL");
    CHECK(find_country("Korea")->alpha2 == "KR");
    CHECK(find_country_by_code("pl")->name == "Poland");
    CHECK(find_country_by_code("POL") == nullptr); // the stored code is alpha-2
    CHECK(find_country("Narnia") == nullptr);
    CHECK(find_country("") == nullptr);
}

TEST_CASE("country search ranks exact code, then name prefix, then words and substrings") {
    auto found = search_countries("ro");
    REQUIRE(!found.empty());
    CHECK(found.front()->alpha2 == "RO"); // the exact code first
    found = search_countries("Guinea");
    REQUIRE(found.size() >= 4);
    CHECK(found[0]->alpha2 == "GN");              // exact name
    CHECK(found[1]->name.starts_with("Guinea-")); // name prefix
    // "Equatorial Guinea" and "Papua New Guinea" match on a later word.
    found = search_countries("korea");
    REQUIRE(found.size() >= 2);
    CHECK(found[0]->alpha2 == "KR"); // "Korea" is another name of South Korea
    found = search_countries("land", 5);
    CHECK(found.size() == 5);
    CHECK(search_countries("").size() == all_countries().size());
    CHECK(search_countries("zzzz").empty());
}

TEST_CASE("the language table: all ISO 639-1 codes, then the 639-3 ones centres need") {
    const auto languages = all_languages();
    std::set<std::string> codes, alpha3;
    int two_letter = 0;
    for (const Language& l : languages) {
        INFO(l.code);
        CHECK(!l.name.empty());
        CHECK(to_lower_ascii(l.code) == l.code);
        CHECK(codes.insert(std::string(l.code)).second);
        CHECK(alpha3.insert(std::string(l.alpha3)).second);
        CHECK(l.alpha3.size() == 3);
        if (l.code.size() == 2)
            ++two_letter;
        else
            CHECK(l.code == l.alpha3);
    }
    CHECK(two_letter == 183);
    for (std::string_view code : {"prs", "ckb", "kmr", "rom", "cmn", "yue", "bfi"})
        CHECK_MESSAGE(find_language_by_code(code) != nullptr, code);
}

TEST_CASE("languages by code, name and other names, case-insensitive") {
    CHECK(find_language("Polish")->code == "pl");
    CHECK(find_language("pl")->name == "Polish");
    CHECK(find_language("POL")->code == "pl");
    CHECK(find_language("Romanian")->code == "ro");
    CHECK(find_language("rum")->code == "ro"); // ISO 639-2/B
    CHECK(find_language("ron")->code == "ro");
    CHECK(find_language("vie")->code == "vi");
    CHECK(find_language("Tigrinya")->code == "ti");
    CHECK(find_language("alb")->code == "sq");
    CHECK(find_language("Farsi")->code == "fa");
    CHECK(find_language("Dari")->code == "prs");
    CHECK(find_language("Sorani")->code == "ckb");
    CHECK(find_language("kurmanji")->code == "kmr");
    CHECK(find_language("Kurdish")->code == "ku");
    CHECK(find_language("Romani")->code == "rom");
    CHECK(find_language("Mandarin")->code == "cmn");
    CHECK(find_language("BSL")->code == "bfi");
    CHECK(find_language("Klingon") == nullptr);
    CHECK(find_language_by_code("vie") == nullptr); // the stored code is the shortest
}

TEST_CASE("language search for the pick list") {
    auto found = search_languages("rom");
    REQUIRE(found.size() >= 3);
    CHECK(found[0]->code == "rom"); // exact code
    CHECK(found[0]->name == "Romani");
    CHECK(found[1]->name == "Romanian"); // name prefixes, in name order
    CHECK(found[2]->name == "Romansh");
    found = search_languages("kurd");
    REQUIRE(found.size() >= 3);
    CHECK(found[0]->code == "ku"); // the name itself before "Kurdish (Sorani)", another name of ckb
    CHECK(found[1]->code == "ckb");
    found = search_languages("pol");
    REQUIRE(!found.empty());
    CHECK(found[0]->code == "pl");
}
