#include "domain/iso_countries.hpp"

#include "domain/text_match.hpp"

#include <algorithm>

namespace rc {

namespace {

// English short names follow ISO 3166-1, shortened to the form people use where the official one is
// long ("Bolivia" for "Bolivia (Plurinational State of)"); the official form is then another name.
constexpr Country countries[] = {
    {"AD", "AND", "Andorra", "Andorran"},
    {"AE", "ARE", "United Arab Emirates", "UAE;Emirati"},
    {"AF", "AFG", "Afghanistan", "Afghan"},
    {"AG", "ATG", "Antigua and Barbuda", "Antiguan;Barbudan"},
    {"AI", "AIA", "Anguilla", "Anguillan"},
    {"AL", "ALB", "Albania", "Albanian"},
    {"AM", "ARM", "Armenia", "Armenian"},
    {"AO", "AGO", "Angola", "Angolan"},
    {"AQ", "ATA", "Antarctica", ""},
    {"AR", "ARG", "Argentina", "Argentine;Argentinian"},
    {"AS", "ASM", "American Samoa", ""},
    {"AT", "AUT", "Austria", "Austrian"},
    {"AU", "AUS", "Australia", "Australian"},
    {"AW", "ABW", "Aruba", "Aruban"},
    {"AX", "ALA", "Åland Islands", "Aland Islands"},
    {"AZ", "AZE", "Azerbaijan", "Azerbaijani;Azeri"},
    {"BA", "BIH", "Bosnia and Herzegovina", "Bosnia;Bosnian"},
    {"BB", "BRB", "Barbados", "Barbadian;Bajan"},
    {"BD", "BGD", "Bangladesh", "Bangladeshi"},
    {"BE", "BEL", "Belgium", "Belgian"},
    {"BF", "BFA", "Burkina Faso", "Burkinabe"},
    {"BG", "BGR", "Bulgaria", "Bulgarian"},
    {"BH", "BHR", "Bahrain", "Bahraini"},
    {"BI", "BDI", "Burundi", "Burundian"},
    {"BJ", "BEN", "Benin", "Beninese"},
    {"BL", "BLM", "Saint Barthélemy", "Saint Barthelemy;St Barts"},
    {"BM", "BMU", "Bermuda", "Bermudian"},
    {"BN", "BRN", "Brunei", "Brunei Darussalam;Bruneian"},
    {"BO", "BOL", "Bolivia", "Bolivia (Plurinational State of);Bolivian"},
    {"BQ", "BES", "Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands;Bonaire"},
    {"BR", "BRA", "Brazil", "Brazilian"},
    {"BS", "BHS", "Bahamas", "The Bahamas;Bahamian"},
    {"BT", "BTN", "Bhutan", "Bhutanese"},
    {"BV", "BVT", "Bouvet Island", ""},
    {"BW", "BWA", "Botswana", "Motswana;Batswana"},
    {"BY", "BLR", "Belarus", "Belarusian"},
    {"BZ", "BLZ", "Belize", "Belizean"},
    {"CA", "CAN", "Canada", "Canadian"},
    {"CC", "CCK", "Cocos (Keeling) Islands", "Cocos Islands"},
    {"CD", "COD", "Democratic Republic of the Congo",
     "Congo, Democratic Republic of the;DR Congo;DRC;Congo-Kinshasa;Zaire;Congolese"},
    {"CF", "CAF", "Central African Republic", "Central African"},
    {"CG", "COG", "Congo", "Republic of the Congo;Congo-Brazzaville"},
    {"CH", "CHE", "Switzerland", "Swiss"},
    {"CI", "CIV", "Côte d'Ivoire", "Cote d'Ivoire;Ivory Coast;Ivorian"},
    {"CK", "COK", "Cook Islands", "Cook Islander"},
    {"CL", "CHL", "Chile", "Chilean"},
    {"CM", "CMR", "Cameroon", "Cameroonian"},
    {"CN", "CHN", "China", "People's Republic of China;Chinese"},
    {"CO", "COL", "Colombia", "Colombian"},
    {"CR", "CRI", "Costa Rica", "Costa Rican"},
    {"CU", "CUB", "Cuba", "Cuban"},
    {"CV", "CPV", "Cabo Verde", "Cape Verde;Cape Verdean"},
    {"CW", "CUW", "Curaçao", "Curacao"},
    {"CX", "CXR", "Christmas Island", ""},
    {"CY", "CYP", "Cyprus", "Cypriot"},
    {"CZ", "CZE", "Czechia", "Czech Republic;Czech"},
    {"DE", "DEU", "Germany", "German"},
    {"DJ", "DJI", "Djibouti", "Djiboutian"},
    {"DK", "DNK", "Denmark", "Danish;Dane"},
    {"DM", "DMA", "Dominica", ""},
    {"DO", "DOM", "Dominican Republic", ""},
    {"DZ", "DZA", "Algeria", "Algerian"},
    {"EC", "ECU", "Ecuador", "Ecuadorian"},
    {"EE", "EST", "Estonia", "Estonian"},
    {"EG", "EGY", "Egypt", "Egyptian"},
    {"EH", "ESH", "Western Sahara", "Sahrawi"},
    {"ER", "ERI", "Eritrea", "Eritrean"},
    {"ES", "ESP", "Spain", "Spanish"},
    {"ET", "ETH", "Ethiopia", "Ethiopian"},
    {"FI", "FIN", "Finland", "Finnish"},
    {"FJ", "FJI", "Fiji", "Fijian"},
    {"FK", "FLK", "Falkland Islands", "Falkland Islands (Malvinas);Falklands;Falkland Islander"},
    {"FM", "FSM", "Micronesia", "Micronesia (Federated States of);Micronesian"},
    {"FO", "FRO", "Faroe Islands", "Faroese"},
    {"FR", "FRA", "France", "French"},
    {"GA", "GAB", "Gabon", "Gabonese"},
    {"GB", "GBR", "United Kingdom",
     "United Kingdom of Great Britain and Northern Ireland;UK;Great Britain;Britain;British;England;"
     "English;Scotland;Scottish;Wales;Welsh;Northern Ireland"},
    {"GD", "GRD", "Grenada", "Grenadian"},
    {"GE", "GEO", "Georgia", "Georgian"},
    {"GF", "GUF", "French Guiana", "Guianese"},
    {"GG", "GGY", "Guernsey", ""},
    {"GH", "GHA", "Ghana", "Ghanaian"},
    {"GI", "GIB", "Gibraltar", "Gibraltarian"},
    {"GL", "GRL", "Greenland", "Greenlandic"},
    {"GM", "GMB", "Gambia", "The Gambia;Gambian"},
    {"GN", "GIN", "Guinea", "Guinean"},
    {"GP", "GLP", "Guadeloupe", ""},
    {"GQ", "GNQ", "Equatorial Guinea", "Equatoguinean"},
    {"GR", "GRC", "Greece", "Greek"},
    {"GS", "SGS", "South Georgia and the South Sandwich Islands", ""},
    {"GT", "GTM", "Guatemala", "Guatemalan"},
    {"GU", "GUM", "Guam", ""},
    {"GW", "GNB", "Guinea-Bissau", "Bissau-Guinean"},
    {"GY", "GUY", "Guyana", "Guyanese"},
    {"HK", "HKG", "Hong Kong", ""},
    {"HM", "HMD", "Heard Island and McDonald Islands", ""},
    {"HN", "HND", "Honduras", "Honduran"},
    {"HR", "HRV", "Croatia", "Croatian"},
    {"HT", "HTI", "Haiti", "Haitian"},
    {"HU", "HUN", "Hungary", "Hungarian"},
    {"ID", "IDN", "Indonesia", "Indonesian"},
    {"IE", "IRL", "Ireland", "Republic of Ireland;Irish"},
    {"IL", "ISR", "Israel", "Israeli"},
    {"IM", "IMN", "Isle of Man", "Manx"},
    {"IN", "IND", "India", "Indian"},
    {"IO", "IOT", "British Indian Ocean Territory", "Chagos Islands"},
    {"IQ", "IRQ", "Iraq", "Iraqi"},
    {"IR", "IRN", "Iran", "Iran (Islamic Republic of);Iranian;Persia"},
    {"IS", "ISL", "Iceland", "Icelandic"},
    {"IT", "ITA", "Italy", "Italian"},
    {"JE", "JEY", "Jersey", ""},
    {"JM", "JAM", "Jamaica", "Jamaican"},
    {"JO", "JOR", "Jordan", "Jordanian"},
    {"JP", "JPN", "Japan", "Japanese"},
    {"KE", "KEN", "Kenya", "Kenyan"},
    {"KG", "KGZ", "Kyrgyzstan", "Kyrgyz;Kirghiz"},
    {"KH", "KHM", "Cambodia", "Cambodian"},
    {"KI", "KIR", "Kiribati", "I-Kiribati"},
    {"KM", "COM", "Comoros", "Comorian"},
    {"KN", "KNA", "Saint Kitts and Nevis", "St Kitts and Nevis"},
    {"KP", "PRK", "North Korea", "Korea (Democratic People's Republic of);DPRK;North Korean"},
    {"KR", "KOR", "South Korea", "Korea (Republic of);Korea;South Korean"},
    {"KW", "KWT", "Kuwait", "Kuwaiti"},
    {"KY", "CYM", "Cayman Islands", "Caymanian"},
    {"KZ", "KAZ", "Kazakhstan", "Kazakh;Kazakhstani"},
    {"LA", "LAO", "Laos", "Lao People's Democratic Republic;Lao;Laotian"},
    {"LB", "LBN", "Lebanon", "Lebanese"},
    {"LC", "LCA", "Saint Lucia", "St Lucia;Saint Lucian"},
    {"LI", "LIE", "Liechtenstein", ""},
    {"LK", "LKA", "Sri Lanka", "Sri Lankan"},
    {"LR", "LBR", "Liberia", "Liberian"},
    {"LS", "LSO", "Lesotho", "Basotho"},
    {"LT", "LTU", "Lithuania", "Lithuanian"},
    {"LU", "LUX", "Luxembourg", "Luxembourger"},
    {"LV", "LVA", "Latvia", "Latvian"},
    {"LY", "LBY", "Libya", "Libyan"},
    {"MA", "MAR", "Morocco", "Moroccan"},
    {"MC", "MCO", "Monaco", "Monegasque"},
    {"MD", "MDA", "Moldova", "Moldova (Republic of);Moldovan"},
    {"ME", "MNE", "Montenegro", "Montenegrin"},
    {"MF", "MAF", "Saint Martin (French part)", "Saint Martin"},
    {"MG", "MDG", "Madagascar", "Malagasy"},
    {"MH", "MHL", "Marshall Islands", "Marshallese"},
    {"MK", "MKD", "North Macedonia", "Macedonia;Macedonian"},
    {"ML", "MLI", "Mali", "Malian"},
    {"MM", "MMR", "Myanmar", "Burma;Burmese"},
    {"MN", "MNG", "Mongolia", "Mongolian"},
    {"MO", "MAC", "Macao", "Macau"},
    {"MP", "MNP", "Northern Mariana Islands", ""},
    {"MQ", "MTQ", "Martinique", ""},
    {"MR", "MRT", "Mauritania", "Mauritanian"},
    {"MS", "MSR", "Montserrat", ""},
    {"MT", "MLT", "Malta", "Maltese"},
    {"MU", "MUS", "Mauritius", "Mauritian"},
    {"MV", "MDV", "Maldives", "Maldivian"},
    {"MW", "MWI", "Malawi", "Malawian"},
    {"MX", "MEX", "Mexico", "Mexican"},
    {"MY", "MYS", "Malaysia", "Malaysian"},
    {"MZ", "MOZ", "Mozambique", "Mozambican"},
    {"NA", "NAM", "Namibia", "Namibian"},
    {"NC", "NCL", "New Caledonia", ""},
    {"NE", "NER", "Niger", "Nigerien"},
    {"NF", "NFK", "Norfolk Island", ""},
    {"NG", "NGA", "Nigeria", "Nigerian"},
    {"NI", "NIC", "Nicaragua", "Nicaraguan"},
    {"NL", "NLD", "Netherlands", "The Netherlands;Holland;Dutch"},
    {"NO", "NOR", "Norway", "Norwegian"},
    {"NP", "NPL", "Nepal", "Nepali;Nepalese"},
    {"NR", "NRU", "Nauru", "Nauruan"},
    {"NU", "NIU", "Niue", ""},
    {"NZ", "NZL", "New Zealand", "New Zealander"},
    {"OM", "OMN", "Oman", "Omani"},
    {"PA", "PAN", "Panama", "Panamanian"},
    {"PE", "PER", "Peru", "Peruvian"},
    {"PF", "PYF", "French Polynesia", ""},
    {"PG", "PNG", "Papua New Guinea", "Papua New Guinean"},
    {"PH", "PHL", "Philippines", "Filipino;Filipina"},
    {"PK", "PAK", "Pakistan", "Pakistani"},
    {"PL", "POL", "Poland", "Polish;Pole"},
    {"PM", "SPM", "Saint Pierre and Miquelon", ""},
    {"PN", "PCN", "Pitcairn", "Pitcairn Islands"},
    {"PR", "PRI", "Puerto Rico", "Puerto Rican"},
    {"PS", "PSE", "Palestine", "Palestine, State of;Palestinian"},
    {"PT", "PRT", "Portugal", "Portuguese"},
    {"PW", "PLW", "Palau", "Palauan"},
    {"PY", "PRY", "Paraguay", "Paraguayan"},
    {"QA", "QAT", "Qatar", "Qatari"},
    {"RE", "REU", "Réunion", "Reunion"},
    {"RO", "ROU", "Romania", "Romanian"},
    {"RS", "SRB", "Serbia", "Serbian"},
    {"RU", "RUS", "Russia", "Russian Federation;Russian"},
    {"RW", "RWA", "Rwanda", "Rwandan"},
    {"SA", "SAU", "Saudi Arabia", "Saudi;Saudi Arabian"},
    {"SB", "SLB", "Solomon Islands", "Solomon Islander"},
    {"SC", "SYC", "Seychelles", "Seychellois"},
    {"SD", "SDN", "Sudan", "Sudanese"},
    {"SE", "SWE", "Sweden", "Swedish;Swede"},
    {"SG", "SGP", "Singapore", "Singaporean"},
    {"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", "Saint Helena;St Helena"},
    {"SI", "SVN", "Slovenia", "Slovenian;Slovene"},
    {"SJ", "SJM", "Svalbard and Jan Mayen", ""},
    {"SK", "SVK", "Slovakia", "Slovak"},
    {"SL", "SLE", "Sierra Leone", "Sierra Leonean"},
    {"SM", "SMR", "San Marino", "Sammarinese"},
    {"SN", "SEN", "Senegal", "Senegalese"},
    {"SO", "SOM", "Somalia", "Somali"},
    {"SR", "SUR", "Suriname", "Surinamese"},
    {"SS", "SSD", "South Sudan", "South Sudanese"},
    {"ST", "STP", "Sao Tome and Principe", "São Tomé and Príncipe"},
    {"SV", "SLV", "El Salvador", "Salvadoran"},
    {"SX", "SXM", "Sint Maarten (Dutch part)", "Sint Maarten"},
    {"SY", "SYR", "Syria", "Syrian Arab Republic;Syrian"},
    {"SZ", "SWZ", "Eswatini", "Swaziland;Swazi"},
    {"TC", "TCA", "Turks and Caicos Islands", ""},
    {"TD", "TCD", "Chad", "Chadian"},
    {"TF", "ATF", "French Southern Territories", ""},
    {"TG", "TGO", "Togo", "Togolese"},
    {"TH", "THA", "Thailand", "Thai"},
    {"TJ", "TJK", "Tajikistan", "Tajik"},
    {"TK", "TKL", "Tokelau", ""},
    {"TL", "TLS", "Timor-Leste", "East Timor;Timorese"},
    {"TM", "TKM", "Turkmenistan", "Turkmen"},
    {"TN", "TUN", "Tunisia", "Tunisian"},
    {"TO", "TON", "Tonga", "Tongan"},
    {"TR", "TUR", "Türkiye", "Turkey;Turkiye;Turkish"},
    {"TT", "TTO", "Trinidad and Tobago", "Trinidadian;Tobagonian"},
    {"TV", "TUV", "Tuvalu", "Tuvaluan"},
    {"TW", "TWN", "Taiwan", "Taiwan, Province of China;Taiwanese"},
    {"TZ", "TZA", "Tanzania", "Tanzania, United Republic of;Tanzanian"},
    {"UA", "UKR", "Ukraine", "Ukrainian"},
    {"UG", "UGA", "Uganda", "Ugandan"},
    {"UM", "UMI", "United States Minor Outlying Islands", ""},
    {"US", "USA", "United States", "United States of America;USA;US;American"},
    {"UY", "URY", "Uruguay", "Uruguayan"},
    {"UZ", "UZB", "Uzbekistan", "Uzbek"},
    {"VA", "VAT", "Holy See", "Vatican City;Vatican"},
    {"VC", "VCT", "Saint Vincent and the Grenadines", "St Vincent and the Grenadines;Vincentian"},
    {"VE", "VEN", "Venezuela", "Venezuela (Bolivarian Republic of);Venezuelan"},
    {"VG", "VGB", "British Virgin Islands", "Virgin Islands (British)"},
    {"VI", "VIR", "United States Virgin Islands", "Virgin Islands (U.S.);US Virgin Islands"},
    {"VN", "VNM", "Vietnam", "Viet Nam;Vietnamese"},
    {"VU", "VUT", "Vanuatu", "Ni-Vanuatu"},
    {"WF", "WLF", "Wallis and Futuna", ""},
    {"WS", "WSM", "Samoa", "Samoan"},
    {"XK", "XKX", "Kosovo", "Kosovan;Kosovar", false},
    {"YE", "YEM", "Yemen", "Yemeni"},
    {"YT", "MYT", "Mayotte", ""},
    {"ZA", "ZAF", "South Africa", "South African"},
    {"ZM", "ZMB", "Zambia", "Zambian"},
    {"ZW", "ZWE", "Zimbabwe", "Zimbabwean"},
};

// The rank, and whether only another name matched: at equal ranks the name itself comes first.
std::pair<MatchRank, bool> rank_country(const Country& c, std::string_view query) {
    if (equals_ignore_case(c.alpha2, query) || equals_ignore_case(c.alpha3, query))
        return {MatchRank::ExactCode, false};
    const MatchRank by_name = rank_name_match(c.name, query);
    MatchRank by_other = MatchRank::None;
    for (std::string_view other : split_list(c.also_known_as, ';'))
        by_other = std::min(by_other, rank_name_match(other, query));
    if (by_other < by_name) return {by_other, true};
    return {by_name, false};
}

} // namespace

std::span<const Country> all_countries() {
    return countries;
}

const Country* find_country_by_code(std::string_view alpha2) {
    alpha2 = trim_space(alpha2);
    for (const Country& c : countries)
        if (equals_ignore_case(c.alpha2, alpha2)) return &c;
    return nullptr;
}

const Country* find_country(std::string_view code_or_name) {
    const std::string_view query = trim_space(code_or_name);
    if (query.empty()) return nullptr;
    const Country* by_other_name = nullptr;
    for (const Country& c : countries) {
        if (equals_ignore_case(c.alpha2, query) || equals_ignore_case(c.alpha3, query) ||
            equals_ignore_case(c.name, query))
            return &c;
        if (!by_other_name)
            for (std::string_view other : split_list(c.also_known_as, ';'))
                if (equals_ignore_case(other, query)) by_other_name = &c;
    }
    return by_other_name;
}

std::vector<const Country*> search_countries(std::string_view query, std::size_t limit) {
    query = trim_space(query);
    std::vector<std::pair<std::pair<MatchRank, bool>, const Country*>> found;
    for (const Country& c : countries)
        if (const auto r = rank_country(c, query); r.first != MatchRank::None) found.emplace_back(r, &c);
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return a.second->name < b.second->name;
    });
    std::vector<const Country*> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i)
        out.push_back(found[i].second);
    return out;
}

} // namespace rc
