#include "domain/person_fields.hpp"

#include "domain/date.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"

namespace rc {

namespace {

constexpr const char* kNotRecorded = "not recorded";

std::string or_not_recorded(const std::string& s) {
    return s.empty() ? std::string(kNotRecorded) : s;
}

template <class Enum, std::size_t N>
std::string set_text(const EnumSet<Enum>& set, const std::array<Enum, N>& all,
                     std::string_view (*label)(Enum)) {
    std::string out;
    for (Enum e : all)
        if (set.contains(e)) {
            if (!out.empty()) out += ", ";
            out += label(e);
        }
    return or_not_recorded(out);
}

std::string yes_no(std::optional<bool> v) {
    return v ? (*v ? "Yes" : "No") : kNotRecorded;
}

template <auto Member> bool member_differs(const Person& a, const Person& b) {
    return !(a.*Member == b.*Member);
}
template <auto Member> void copy_member(const Person& from, Person& to) {
    to.*Member = from.*Member;
}
// An entry whose value is one member of Person, compared with ==.
template <auto Member>
constexpr PersonField member_field(std::string_view id, std::string_view label,
                                   std::string (*text)(const Person&)) {
    return PersonField{id, label, text, &member_differs<Member>, &copy_member<Member>};
}

const PersonField kFields[] = {
    member_field<&Person::tag>("tag", "Tag or wristband",
                               [](const Person& p) -> std::string { return or_not_recorded(p.tag); }),
    member_field<&Person::name>("name", "Name as written",
                                [](const Person& p) -> std::string { return or_not_recorded(p.name); }),
    member_field<&Person::latin_name>(
        "latin_name", "Name in Latin letters",
        [](const Person& p) -> std::string { return or_not_recorded(p.latin_name); }),
    member_field<&Person::alias>("alias", "Alias",
                                 [](const Person& p) -> std::string { return or_not_recorded(p.alias); }),
    member_field<&Person::sex>("sex", "Sex",
                               [](const Person& p) -> std::string { return std::string(sex_label(p.sex)); }),
    member_field<&Person::date_of_birth>("dob", "Date of birth",
                                         [](const Person& p) -> std::string {
                                             return p.date_of_birth ? format_iso_date(*p.date_of_birth)
                                                                    : std::string(kNotRecorded);
                                         }),
    member_field<&Person::claimed_age>("age", "Age given",
                                       [](const Person& p) -> std::string {
                                           return p.claimed_age ? std::to_string(*p.claimed_age)
                                                                : std::string(kNotRecorded);
                                       }),
    member_field<&Person::age_band>(
        "age_band", "Age band",
        [](const Person& p) -> std::string { return std::string(age_band_label(p.age_band)); }),
    member_field<&Person::stated_child>(
        "child", "Child or adult (as stated or decided)",
        [](const Person& p) -> std::string { return std::string(child_status_label(p.stated_child)); }),
    member_field<&Person::nationality>("nationality", "Nationality",
                                       [](const Person& p) -> std::string {
                                           const Country* c =
                                               p.nationality.empty() ? nullptr : find_country(p.nationality);
                                           return c ? std::string(c->name) : or_not_recorded(p.nationality);
                                       }),
    member_field<&Person::languages>("languages", "Languages",
                                     [](const Person& p) -> std::string {
                                         std::string out;
                                         for (const std::string& code : p.languages) {
                                             if (!out.empty()) out += ", ";
                                             const Language* l = find_language(code);
                                             out += l ? std::string(l->name) : code;
                                         }
                                         return or_not_recorded(out);
                                     }),
    member_field<&Person::interpreter_needed>(
        "interpreter", "Interpreter needed",
        [](const Person& p) -> std::string { return yes_no(p.interpreter_needed); }),
    member_field<&Person::medical_needs>(
        "medical", "Urgent medical or access needs",
        [](const Person& p) -> std::string { return or_not_recorded(p.medical_needs); }),
    member_field<&Person::urgent_medical>(
        "urgent_medical", "Needs medical attention now",
        [](const Person& p) -> std::string { return p.urgent_medical ? "Yes" : "No"; }),
    PersonField{"arrived_with", "Arrived with (a child's adult here)",
                [](const Person& p) -> std::string {
                    if (p.arrived_with.empty()) return kNotRecorded;
                    if (!p.arrived_with_relation) return p.arrived_with;
                    return p.arrived_with + " (" +
                           std::string(companion_relation_label(*p.arrived_with_relation)) + ")";
                },
                [](const Person& a, const Person& b) {
                    return a.arrived_with != b.arrived_with ||
                           a.arrived_with_relation != b.arrived_with_relation;
                },
                [](const Person& from, Person& to) {
                    to.arrived_with = from.arrived_with;
                    to.arrived_with_relation = from.arrived_with_relation;
                }},
    member_field<&Person::diet>("diet", "Diet",
                                [](const Person& p) -> std::string { return or_not_recorded(p.diet); }),
    member_field<&Person::arrival_group>(
        "group", "Arrival group",
        [](const Person& p) -> std::string { return or_not_recorded(p.arrival_group); }),
    member_field<&Person::exploitation>("exploitation", "Suspected exploitation",
                                        [](const Person& p) -> std::string {
                                            return set_text(p.exploitation, all_exploitation_types,
                                                            exploitation_type_label);
                                        }),
    member_field<&Person::indicators>("indicators", "Indicators of forced labour",
                                      [](const Person& p) -> std::string {
                                          return set_text(p.indicators, all_forced_labour_indicators,
                                                          forced_labour_indicator_label);
                                      }),
    member_field<&Person::property_held>(
        "property", "Property held",
        [](const Person& p) -> std::string { return or_not_recorded(p.property_held); }),
    member_field<&Person::nrm_consent>(
        "nrm_consent", "NRM consent",
        [](const Person& p) -> std::string { return std::string(nrm_consent_answer_label(p.nrm_consent)); }),
    member_field<&Person::adult_judgement>(
        "adult_judgement", "Clearly an adult: why",
        [](const Person& p) -> std::string { return or_not_recorded(p.adult_judgement); }),
};

} // namespace

std::span<const PersonField> person_fields() {
    return kFields;
}

} // namespace rc
