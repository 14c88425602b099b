#include "domain/iso_languages.hpp"

#include "domain/country_languages.hpp"
#include "domain/text_match.hpp"

#include <algorithm>

namespace rc {

namespace {

// English names follow ISO 639, in the form people use; other names include older spellings and the
// names interpreters' agencies list.
constexpr Language languages[] = {
    // ISO 639-1, by code.
    {"aa", "aar", "", "Afar", ""},
    {"ab", "abk", "", "Abkhazian", "Abkhaz"},
    {"ae", "ave", "", "Avestan", ""},
    {"af", "afr", "", "Afrikaans", ""},
    {"ak", "aka", "", "Akan", ""},
    {"am", "amh", "", "Amharic", ""},
    {"an", "arg", "", "Aragonese", ""},
    {"ar", "ara", "", "Arabic", ""},
    {"as", "asm", "", "Assamese", ""},
    {"av", "ava", "", "Avaric", "Avar"},
    {"ay", "aym", "", "Aymara", ""},
    {"az", "aze", "", "Azerbaijani", "Azeri"},
    {"ba", "bak", "", "Bashkir", ""},
    {"be", "bel", "", "Belarusian", ""},
    {"bg", "bul", "", "Bulgarian", ""},
    {"bi", "bis", "", "Bislama", ""},
    {"bm", "bam", "", "Bambara", ""},
    {"bn", "ben", "", "Bengali", "Bangla"},
    {"bo", "bod", "tib", "Tibetan", ""},
    {"br", "bre", "", "Breton", ""},
    {"bs", "bos", "", "Bosnian", ""},
    {"ca", "cat", "", "Catalan", "Valencian"},
    {"ce", "che", "", "Chechen", ""},
    {"ch", "cha", "", "Chamorro", ""},
    {"co", "cos", "", "Corsican", ""},
    {"cr", "cre", "", "Cree", ""},
    {"cs", "ces", "cze", "Czech", ""},
    {"cu", "chu", "", "Church Slavonic", "Old Church Slavonic"},
    {"cv", "chv", "", "Chuvash", ""},
    {"cy", "cym", "wel", "Welsh", ""},
    {"da", "dan", "", "Danish", ""},
    {"de", "deu", "ger", "German", ""},
    {"dv", "div", "", "Dhivehi", "Divehi;Maldivian"},
    {"dz", "dzo", "", "Dzongkha", ""},
    {"ee", "ewe", "", "Ewe", ""},
    {"el", "ell", "gre", "Greek", "Modern Greek"},
    {"en", "eng", "", "English", ""},
    {"eo", "epo", "", "Esperanto", ""},
    {"es", "spa", "", "Spanish", "Castilian"},
    {"et", "est", "", "Estonian", ""},
    {"eu", "eus", "baq", "Basque", ""},
    {"fa", "fas", "per", "Persian", "Farsi"},
    {"ff", "ful", "", "Fula", "Fulah;Fulani;Pulaar"},
    {"fi", "fin", "", "Finnish", ""},
    {"fj", "fij", "", "Fijian", ""},
    {"fo", "fao", "", "Faroese", ""},
    {"fr", "fra", "fre", "French", ""},
    {"fy", "fry", "", "Western Frisian", "Frisian"},
    {"ga", "gle", "", "Irish", "Irish Gaelic"},
    {"gd", "gla", "", "Scottish Gaelic", "Gaelic"},
    {"gl", "glg", "", "Galician", ""},
    {"gn", "grn", "", "Guarani", ""},
    {"gu", "guj", "", "Gujarati", ""},
    {"gv", "glv", "", "Manx", ""},
    {"ha", "hau", "", "Hausa", ""},
    {"he", "heb", "", "Hebrew", ""},
    {"hi", "hin", "", "Hindi", ""},
    {"ho", "hmo", "", "Hiri Motu", ""},
    {"hr", "hrv", "", "Croatian", ""},
    {"ht", "hat", "", "Haitian Creole", "Haitian"},
    {"hu", "hun", "", "Hungarian", ""},
    {"hy", "hye", "arm", "Armenian", ""},
    {"hz", "her", "", "Herero", ""},
    {"ia", "ina", "", "Interlingua", ""},
    {"id", "ind", "", "Indonesian", "Bahasa Indonesia"},
    {"ie", "ile", "", "Interlingue", "Occidental"},
    {"ig", "ibo", "", "Igbo", ""},
    {"ii", "iii", "", "Sichuan Yi", "Nuosu"},
    {"ik", "ipk", "", "Inupiaq", ""},
    {"io", "ido", "", "Ido", ""},
    {"is", "isl", "ice", "Icelandic", ""},
    {"it", "ita", "", "Italian", ""},
    {"iu", "iku", "", "Inuktitut", ""},
    {"ja", "jpn", "", "Japanese", ""},
    {"jv", "jav", "", "Javanese", ""},
    {"ka", "kat", "geo", "Georgian", ""},
    {"kg", "kon", "", "Kongo", "Kikongo"},
    {"ki", "kik", "", "Kikuyu", "Gikuyu"},
    {"kj", "kua", "", "Kuanyama", "Kwanyama"},
    {"kk", "kaz", "", "Kazakh", ""},
    {"kl", "kal", "", "Kalaallisut", "Greenlandic"},
    {"km", "khm", "", "Khmer", "Central Khmer;Cambodian"},
    {"kn", "kan", "", "Kannada", ""},
    {"ko", "kor", "", "Korean", ""},
    {"kr", "kau", "", "Kanuri", ""},
    {"ks", "kas", "", "Kashmiri", ""},
    {"ku", "kur", "", "Kurdish", ""},
    {"kv", "kom", "", "Komi", ""},
    {"kw", "cor", "", "Cornish", ""},
    {"ky", "kir", "", "Kyrgyz", "Kirghiz"},
    {"la", "lat", "", "Latin", ""},
    {"lb", "ltz", "", "Luxembourgish", "Letzeburgesch"},
    {"lg", "lug", "", "Ganda", "Luganda"},
    {"li", "lim", "", "Limburgish", "Limburgan"},
    {"ln", "lin", "", "Lingala", ""},
    {"lo", "lao", "", "Lao", "Laotian"},
    {"lt", "lit", "", "Lithuanian", ""},
    {"lu", "lub", "", "Luba-Katanga", "Kiluba"},
    {"lv", "lav", "", "Latvian", ""},
    {"mg", "mlg", "", "Malagasy", ""},
    {"mh", "mah", "", "Marshallese", ""},
    {"mi", "mri", "mao", "Maori", ""},
    {"mk", "mkd", "mac", "Macedonian", ""},
    {"ml", "mal", "", "Malayalam", ""},
    {"mn", "mon", "", "Mongolian", ""},
    {"mr", "mar", "", "Marathi", ""},
    {"ms", "msa", "may", "Malay", ""},
    {"mt", "mlt", "", "Maltese", ""},
    {"my", "mya", "bur", "Burmese", "Myanmar"},
    {"na", "nau", "", "Nauru", "Nauruan"},
    {"nb", "nob", "", "Norwegian Bokmål", "Bokmal;Norwegian Bokmal"},
    {"nd", "nde", "", "North Ndebele", ""},
    {"ne", "nep", "", "Nepali", "Nepalese"},
    {"ng", "ndo", "", "Ndonga", ""},
    {"nl", "nld", "dut", "Dutch", "Flemish"},
    {"nn", "nno", "", "Norwegian Nynorsk", "Nynorsk"},
    {"no", "nor", "", "Norwegian", ""},
    {"nr", "nbl", "", "South Ndebele", ""},
    {"nv", "nav", "", "Navajo", "Navaho"},
    {"ny", "nya", "", "Chichewa", "Chewa;Nyanja"},
    {"oc", "oci", "", "Occitan", ""},
    {"oj", "oji", "", "Ojibwe", "Ojibwa"},
    {"om", "orm", "", "Oromo", "Afaan Oromo"},
    {"or", "ori", "", "Odia", "Oriya"},
    {"os", "oss", "", "Ossetian", "Ossetic"},
    {"pa", "pan", "", "Punjabi", "Panjabi"},
    {"pi", "pli", "", "Pali", ""},
    {"pl", "pol", "", "Polish", ""},
    {"ps", "pus", "", "Pashto", "Pushto"},
    {"pt", "por", "", "Portuguese", ""},
    {"qu", "que", "", "Quechua", ""},
    {"rm", "roh", "", "Romansh", ""},
    {"rn", "run", "", "Kirundi", "Rundi"},
    {"ro", "ron", "rum", "Romanian", "Moldovan;Moldavian"},
    {"ru", "rus", "", "Russian", ""},
    {"rw", "kin", "", "Kinyarwanda", ""},
    {"sa", "san", "", "Sanskrit", ""},
    {"sc", "srd", "", "Sardinian", ""},
    {"sd", "snd", "", "Sindhi", ""},
    {"se", "sme", "", "Northern Sami", ""},
    {"sg", "sag", "", "Sango", ""},
    {"si", "sin", "", "Sinhala", "Sinhalese"},
    {"sk", "slk", "slo", "Slovak", ""},
    {"sl", "slv", "", "Slovenian", "Slovene"},
    {"sm", "smo", "", "Samoan", ""},
    {"sn", "sna", "", "Shona", ""},
    {"so", "som", "", "Somali", ""},
    {"sq", "sqi", "alb", "Albanian", ""},
    {"sr", "srp", "", "Serbian", ""},
    {"ss", "ssw", "", "Swati", "Swazi;siSwati"},
    {"st", "sot", "", "Southern Sotho", "Sesotho"},
    {"su", "sun", "", "Sundanese", ""},
    {"sv", "swe", "", "Swedish", ""},
    {"sw", "swa", "", "Swahili", "Kiswahili"},
    {"ta", "tam", "", "Tamil", ""},
    {"te", "tel", "", "Telugu", ""},
    {"tg", "tgk", "", "Tajik", ""},
    {"th", "tha", "", "Thai", ""},
    {"ti", "tir", "", "Tigrinya", ""},
    {"tk", "tuk", "", "Turkmen", ""},
    {"tl", "tgl", "", "Tagalog", ""},
    {"tn", "tsn", "", "Tswana", "Setswana"},
    {"to", "ton", "", "Tongan", "Tonga"},
    {"tr", "tur", "", "Turkish", ""},
    {"ts", "tso", "", "Tsonga", "Xitsonga"},
    {"tt", "tat", "", "Tatar", ""},
    {"tw", "twi", "", "Twi", ""},
    {"ty", "tah", "", "Tahitian", ""},
    {"ug", "uig", "", "Uyghur", "Uighur"},
    {"uk", "ukr", "", "Ukrainian", ""},
    {"ur", "urd", "", "Urdu", ""},
    {"uz", "uzb", "", "Uzbek", ""},
    {"ve", "ven", "", "Venda", ""},
    {"vi", "vie", "", "Vietnamese", ""},
    {"vo", "vol", "", "Volapük", "Volapuk"},
    {"wa", "wln", "", "Walloon", ""},
    {"wo", "wol", "", "Wolof", ""},
    {"xh", "xho", "", "Xhosa", "isiXhosa"},
    {"yi", "yid", "", "Yiddish", ""},
    {"yo", "yor", "", "Yoruba", ""},
    {"za", "zha", "", "Zhuang", "Chuang"},
    {"zh", "zho", "chi", "Chinese", ""},
    {"zu", "zul", "", "Zulu", "isiZulu"},
    // ISO 639-3, without a 639-1 code.
    {"prs", "prs", "", "Dari", "Dari Persian;Afghan Persian"},
    {"ckb", "ckb", "", "Central Kurdish", "Sorani;Kurdish (Sorani)"},
    {"kmr", "kmr", "", "Northern Kurdish", "Kurmanji;Kurdish (Kurmanji)"},
    {"rom", "rom", "", "Romani", "Romany"},
    {"cmn", "cmn", "", "Mandarin Chinese", "Mandarin;Putonghua"},
    {"yue", "yue", "", "Cantonese", "Yue Chinese"},
    {"cdo", "cdo", "", "Eastern Min", "Fuzhounese;Min Dong;Foochow"},
    {"nan", "nan", "", "Min Nan", "Hokkien;Southern Min;Teochew"},
    {"syl", "syl", "", "Sylheti", ""},
    {"pcm", "pcm", "", "Nigerian Pidgin", "Naija"},
    {"kri", "kri", "", "Krio", ""},
    {"tig", "tig", "", "Tigre", ""},
    {"fil", "fil", "", "Filipino", ""},
    {"bal", "bal", "", "Baluchi", "Balochi"},
    {"bfi", "bfi", "", "British Sign Language", "BSL"},
    {"ase", "ase", "", "American Sign Language", "ASL"},
};

bool has_code(const Language& l, std::string_view query) {
    return equals_ignore_case(l.code, query) || equals_ignore_case(l.alpha3, query) ||
           (!l.alpha3_b.empty() && equals_ignore_case(l.alpha3_b, query));
}

// The rank, and whether only another name matched: at equal ranks the name itself comes first.
std::pair<MatchRank, bool> rank_language(const Language& l, std::string_view query) {
    if (has_code(l, query)) return {MatchRank::ExactCode, false};
    const MatchRank by_name = rank_name_match(l.name, query);
    MatchRank by_other = MatchRank::None;
    for (std::string_view other : split_list(l.also_known_as, ';'))
        by_other = std::min(by_other, rank_name_match(other, query));
    if (by_other < by_name) return {by_other, true};
    return {by_name, false};
}

} // namespace

std::span<const Language> all_languages() {
    return languages;
}

const Language* find_language_by_code(std::string_view code) {
    code = trim_space(code);
    for (const Language& l : languages)
        if (equals_ignore_case(l.code, code)) return &l;
    return nullptr;
}

const Language* find_language(std::string_view code_or_name) {
    const std::string_view query = trim_space(code_or_name);
    if (query.empty()) return nullptr;
    const Language* by_other_name = nullptr;
    for (const Language& l : languages) {
        if (has_code(l, query) || equals_ignore_case(l.name, query)) return &l;
        if (!by_other_name)
            for (std::string_view other : split_list(l.also_known_as, ';'))
                if (equals_ignore_case(other, query)) by_other_name = &l;
    }
    return by_other_name;
}

namespace {

// Whether `query` is one whole word of `name` (words split at spaces, brackets, hyphens and commas).
bool whole_word(std::string_view name, std::string_view query) {
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        const bool end = i == name.size() || name[i] == ' ' || name[i] == '(' || name[i] == ')' ||
                         name[i] == '-' || name[i] == ',';
        if (!end) continue;
        if (i > start && equals_ignore_case(name.substr(start, i - start), query)) return true;
        start = i + 1;
    }
    return false;
}

bool exact_or_whole_word(const Language& l, std::string_view query) {
    if (has_code(l, query) || whole_word(l.name, query)) return true;
    for (std::string_view other : split_list(l.also_known_as, ';'))
        if (whole_word(other, query)) return true;
    return false;
}

} // namespace

std::vector<const Language*> search_languages_for(std::string_view query, std::string_view nationality,
                                                  std::size_t limit) {
    return search_languages_preferring(query, languages_of_country(nationality), limit);
}

std::vector<const Language*> search_languages_preferring(std::string_view query,
                                                         std::span<const std::string_view> national,
                                                         std::size_t limit) {
    const std::vector<const Language*> ranked = search_languages(query);
    query = trim_space(query);
    const auto band = [&](const Language* l) -> std::pair<int, std::size_t> {
        if (exact_or_whole_word(*l, query)) return {0, 0};
        for (std::size_t i = 0; i < national.size(); ++i)
            if (national[i] == l->code) return {1, i};
        return {2, 0};
    };
    std::vector<std::pair<std::pair<int, std::size_t>, const Language*>> keyed;
    keyed.reserve(ranked.size());
    for (const Language* l : ranked)
        keyed.emplace_back(band(l), l);
    // Stable: within a band, search_languages' order stands.
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Language*> out;
    for (std::size_t i = 0; i < keyed.size() && i < limit; ++i)
        out.push_back(keyed[i].second);
    return out;
}

std::vector<const Language*> search_languages(std::string_view query, std::size_t limit) {
    query = trim_space(query);
    std::vector<std::pair<std::pair<MatchRank, bool>, const Language*>> found;
    for (const Language& l : languages)
        if (const auto r = rank_language(l, query); r.first != MatchRank::None) found.emplace_back(r, &l);
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return a.second->name < b.second->name;
    });
    std::vector<const Language*> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i)
        out.push_back(found[i].second);
    return out;
}

} // namespace rc
