#include "domain/roll_mapping.hpp"

#include "domain/nominal_roll.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <array>

namespace rc {

namespace {

struct Synonyms {
    std::string_view field;
    std::string_view label;
    std::array<std::string_view, 9> keys; // header keys (header_key form) that mean this field
};

// The field names themselves match as Exact; these as Synonym.
constexpr std::array<Synonyms, 22> kSynonyms{{
    {"tag", "Tag or wristband", {"wristband", "wristbandnumber", "wristbandno", "tagnumber", "tagno"}},
    {"name", "Full name", {"fullname", "nameasgiven", "personname", "namegiven", "names", "nameaswritten"}},
    {"latin_name",
     "Name in Latin letters",
     {"nameinlatinletters", "latinname", "transliteration", "transliteratedname", "romanisedname",
      "romanizedname", "nameinlatin", "nameinenglish", "englishname"}},
    {"alias", "Alias", {"aka", "knownas", "nickname", "othername", "othernames"}},
    {"sex", "Sex", {"gender", "mf"}},
    {"dob", "Date of birth", {"dateofbirth", "birthdate", "born", "birthday", "datedenaissance"}},
    {"age", "Age given", {"agegiven", "claimedage", "statedage", "years"}},
    {"age_band", "Age band", {"agerange", "agegroup"}},
    {"child", "Child", {"ischild", "minor", "under18", "childstatus"}},
    {"nationality",
     "Nationality",
     {"country", "countryoforigin", "citizenship", "nationalite", "pays", "countryofbirth"}},
    {"languages",
     "Languages",
     {"language", "languagespoken", "languagesspoken", "spokenlanguage", "spokenlanguages", "langue",
      "mainlanguage", "firstlanguage"}},
    {"interpreter", "Interpreter needed", {"interpreterneeded", "needsinterpreter", "interpreterrequired"}},
    {"arrived_at",
     "Arrival time",
     {"arrivaltime", "arrived", "timeofarrival", "arrival", "arrivaldatetime", "timearrived", "arrivedtime"}},
    {"group", "Arrival group", {"arrivalgroup", "vehicle", "wave", "transport", "groupname"}},
    {"exploitation", "Exploitation", {"exploitationtype", "typeofexploitation", "suspectedexploitation"}},
    {"medical", "Medical needs", {"medicalneeds", "health", "healthneeds", "medicalnotes", "urgentneeds"}},
    {"consent_nrm", "NRM consent", {"nrmconsent", "consent", "consenttonrm", "nrm"}},
    {"departed_at", "Departure time", {"departuretime", "departed", "timeofdeparture", "leftat", "left"}},
    {"destination", "Where they went", {"goingto", "onwarddestination", "destinationonleaving", "wentto"}},
    {kSurnameField,
     "Surname (joined into the name)",
     {"surname", "lastname", "familyname", "nom", "nomdefamille", "secondname"}},
    {kForenameField,
     "Forename (joined into the name)",
     {"forename", "forenames", "firstname", "givenname", "givennames", "prenom", "firstnames"}},
    {kIgnoreField, "Leave this column out", {}},
}};

const Synonyms* find_field(std::string_view field) {
    for (const Synonyms& s : kSynonyms)
        if (s.field == field) return &s;
    return nullptr;
}

} // namespace

std::vector<std::string_view> roll_fields() {
    std::vector<std::string_view> out;
    // The two names first: as written, and in Latin letters.
    out.push_back("name");
    out.push_back("latin_name");
    for (const Synonyms& s : kSynonyms)
        if (s.field != "name" && s.field != "latin_name") out.push_back(s.field);
    return out;
}

std::string_view roll_field_label(std::string_view field) {
    const Synonyms* s = find_field(field);
    return s ? s->label : std::string_view("Nothing");
}

std::string_view column_match_label(ColumnMatch m) {
    switch (m) {
    case ColumnMatch::Exact:
        return "same name";
    case ColumnMatch::Synonym:
        return "other name for it";
    case ColumnMatch::Chosen:
        return "chosen";
    case ColumnMatch::Remembered:
        return "as last time";
    case ColumnMatch::None:
        break;
    }
    return "no match";
}

std::string header_key(std::string_view cell) {
    // Folded first, so "Prénom" and "Nationalité" match like "prenom" and "nationalite".
    const std::string folded = fold_for_search(cell);
    std::string out;
    for (char c : folded)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    return out;
}

std::optional<std::pair<std::string_view, ColumnMatch>> field_for_header(std::string_view cell) {
    const std::string key = header_key(cell);
    if (key.empty()) return std::nullopt;
    for (const Synonyms& s : kSynonyms)
        if (s.field != kIgnoreField && header_key(s.field) == key)
            return std::pair{s.field, ColumnMatch::Exact};
    for (const Synonyms& s : kSynonyms)
        for (std::string_view k : s.keys)
            if (!k.empty() && k == key) return std::pair{s.field, ColumnMatch::Synonym};
    return std::nullopt;
}

RollMapping suggest_roll_mapping(const std::vector<std::string>& header) {
    RollMapping out;
    for (const std::string& cell : header) {
        RollColumn c;
        c.header = cell;
        if (const auto f = field_for_header(cell)) {
            c.field = std::string(f->first);
            c.match = f->second;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::string> apply_roll_choices(RollMapping& mapping, const std::vector<std::string>& choices) {
    std::vector<std::string> problems;
    for (const std::string& choice : choices) {
        const auto eq = choice.rfind('=');
        if (eq == std::string::npos) {
            problems.push_back(
                "'" + safe_to_show(choice, 40) +
                "' is not a choice: write the column's header, '=', and the field (\"D.O.B.=dob\")");
            continue;
        }
        const std::string header(trim_space(std::string_view(choice).substr(0, eq)));
        const std::string field = to_lower_ascii(trim_space(std::string_view(choice).substr(eq + 1)));
        if (!find_field(field)) {
            std::string fields;
            for (std::string_view f : roll_fields())
                fields += (fields.empty() ? "" : ", ") + std::string(f);
            problems.push_back("'" + safe_to_show(field, 40) + "' is not a field; the fields are " + fields);
            continue;
        }
        bool found = false;
        for (RollColumn& c : mapping)
            if (c.header == header || header_key(c.header) == header_key(header)) {
                c.field = field;
                c.match = ColumnMatch::Chosen;
                found = true;
            }
        // A column without a header is chosen by its number ("5=ignore").
        if (!found && !header.empty() && header.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t n = std::stoul(header.substr(0, 6));
            if (n >= 1 && n <= mapping.size()) {
                mapping[n - 1].field = field;
                mapping[n - 1].match = ColumnMatch::Chosen;
                found = true;
            }
        }
        if (!found) problems.push_back("the file has no column '" + safe_to_show(header, 40) + "'");
    }
    return problems;
}

std::string header_signature(const std::vector<std::string>& header) {
    std::string out;
    for (const std::string& cell : header) {
        if (!out.empty()) out.push_back('|');
        out += header_key(cell);
    }
    return out;
}

std::vector<std::string> chosen_roll_columns(const RollMapping& mapping) {
    std::vector<std::string> out;
    for (const RollColumn& c : mapping)
        if (c.match == ColumnMatch::Chosen || c.match == ColumnMatch::Remembered)
            out.push_back(c.header + "=" + (c.field.empty() ? std::string(kIgnoreField) : c.field));
    return out;
}

} // namespace rc
