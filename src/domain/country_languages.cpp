#include "domain/country_languages.hpp"

#include "domain/text_match.hpp"

#include <array>
#include <vector>

namespace rc {

namespace {

struct CountryLanguages {
    std::string_view country;
    std::vector<std::string_view> languages;
};

// By alpha-2 code. Sources: the languages each country's people most often speak (official and widely
// spoken languages), checked against ISO 639 codes the console stores.
const std::vector<CountryLanguages>& table() {
    static const std::vector<CountryLanguages> t = {
        {"AE", {"ar"}},
        {"AF", {"prs", "ps", "fa"}},
        {"AL", {"sq"}},
        {"AM", {"hy", "ru"}},
        {"AZ", {"az", "ru"}},
        {"BA", {"bs", "hr", "sr"}},
        {"BD", {"bn", "syl"}},
        {"BG", {"bg", "tr", "rom"}},
        {"BR", {"pt"}},
        {"BY", {"be", "ru"}},
        {"CD", {"fr", "ln", "sw"}},
        {"CI", {"fr"}},
        {"CM", {"fr", "en"}},
        {"CN", {"cmn", "yue", "zh"}},
        {"CO", {"es"}},
        {"CY", {"el", "tr"}},
        {"CZ", {"cs", "rom"}},
        {"DE", {"de"}},
        {"DZ", {"ar", "fr"}},
        {"EE", {"et", "ru"}},
        {"EG", {"ar"}},
        {"ER", {"ti", "ar", "tig"}},
        {"ES", {"es"}},
        {"ET", {"am", "om", "ti"}},
        {"FR", {"fr"}},
        {"GB", {"en"}},
        {"GE", {"ka", "ru"}},
        {"GH", {"en", "ak", "ee"}},
        {"GM", {"en"}},
        {"GN", {"fr"}},
        {"GR", {"el"}},
        {"HK", {"yue", "en"}},
        {"HR", {"hr"}},
        {"HU", {"hu", "rom"}},
        {"ID", {"id"}},
        {"IE", {"en", "ga"}},
        {"IN", {"hi", "pa", "gu", "bn", "ur", "ta", "te", "ml", "en"}},
        {"IQ", {"ar", "ckb", "kmr"}},
        {"IR", {"fa", "ckb", "kmr"}},
        {"IT", {"it"}},
        {"JO", {"ar"}},
        {"JP", {"ja"}},
        {"KE", {"sw", "en"}},
        {"KG", {"ky", "ru"}},
        {"KH", {"km"}},
        {"KP", {"ko"}},
        {"KR", {"ko"}},
        {"KW", {"ar"}},
        {"KZ", {"kk", "ru"}},
        {"LA", {"lo"}},
        {"LB", {"ar", "fr"}},
        {"LK", {"si", "ta"}},
        {"LT", {"lt", "ru"}},
        {"LV", {"lv", "ru"}},
        {"LY", {"ar"}},
        {"MA", {"ar", "fr"}},
        {"MD", {"ro", "ru"}},
        {"ME", {"sr"}},
        {"MK", {"mk", "sq"}},
        {"ML", {"fr", "bm"}},
        {"MM", {"my"}},
        {"MN", {"mn"}},
        {"MX", {"es"}},
        {"MY", {"ms", "en"}},
        {"NG", {"en", "pcm", "yo", "ig", "ha"}},
        {"NP", {"ne"}},
        {"PH", {"fil", "tl", "en"}},
        {"PK", {"ur", "pa", "ps"}},
        {"PL", {"pl"}},
        {"PS", {"ar"}},
        {"PT", {"pt"}},
        {"RO", {"ro", "rom"}},
        {"RS", {"sr", "rom"}},
        {"RU", {"ru"}},
        {"SA", {"ar"}},
        {"SD", {"ar"}},
        {"SG", {"en", "cmn", "ms", "ta"}},
        {"SK", {"sk", "hu", "rom"}},
        {"SL", {"en", "kri"}},
        {"SN", {"fr", "wo"}},
        {"SO", {"so", "ar"}},
        {"SS", {"en", "ar"}},
        {"SY", {"ar", "kmr"}},
        {"TH", {"th"}},
        {"TJ", {"tg", "ru"}},
        {"TN", {"ar", "fr"}},
        {"TR", {"tr", "kmr"}},
        {"TW", {"cmn", "nan"}},
        {"TZ", {"sw", "en"}},
        {"UA", {"uk", "ru"}},
        {"UG", {"en", "sw", "lg"}},
        {"US", {"en"}},
        {"UZ", {"uz", "ru"}},
        {"VE", {"es"}},
        {"VN", {"vi"}},
        {"XK", {"sq", "sr"}},
        {"YE", {"ar"}},
        {"ZA", {"en", "zu", "xh", "af"}},
        {"ZW", {"en", "sn", "nd"}},
    };
    return t;
}

} // namespace

std::span<const std::string_view> languages_of_country(std::string_view alpha2) {
    alpha2 = trim_space(alpha2);
    for (const CountryLanguages& c : table())
        if (equals_ignore_case(c.country, alpha2)) return c.languages;
    return {};
}

std::span<const std::string_view> countries_with_languages() {
    static const std::vector<std::string_view> codes = [] {
        std::vector<std::string_view> out;
        for (const CountryLanguages& c : table())
            out.push_back(c.country);
        return out;
    }();
    return codes;
}

} // namespace rc
