#include "domain/person.hpp"

#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>

namespace rc {

namespace {

std::string normalise_id(std::string_view text) {
    std::string out = to_lower_ascii(trim_space(text));
    for (char& c : out)
        if (c == ' ' || c == '-') c = '_';
    return out;
}

// The claimed or computed age, as evidence: from the date of birth on `on`, else the claimed age.
std::optional<int> recorded_age(const Person& p, Date on) {
    if (p.date_of_birth && is_valid_date(*p.date_of_birth)) return age_on(*p.date_of_birth, on);
    return p.claimed_age;
}

void check_text(std::vector<FieldProblem>& out, std::string_view field, std::string_view text,
                std::size_t max_chars, bool multi_line) {
    std::size_t chars = 0;
    bool bad_utf8 = false, control = false;
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        if (!c.valid) {
            bad_utf8 = true;
        } else if (c.code_point == U'\n' || c.code_point == U'\t') {
            control = control || !multi_line;
        } else if (is_unsafe_to_show(c.code_point) && c.code_point != 0x200E && c.code_point != 0x200F) {
            control = true; // C0/C1 controls, bidi overrides and isolates; the plain direction marks are text
        }
        ++chars;
        i += c.length;
    }
    const std::string name(field);
    if (bad_utf8) out.push_back({name, "not valid UTF-8 text: save the file as UTF-8"});
    if (control)
        out.push_back({name, multi_line
                                 ? "contains control characters"
                                 : "contains a line break or control characters: keep it to one line"});
    if (chars > max_chars)
        out.push_back({name, "too long: " + std::to_string(chars) + " characters, at most " +
                                 std::to_string(max_chars)});
}

} // namespace

// ---- Sex -------------------------------------------------------------------------------------------

std::string_view sex_id(Sex s) {
    switch (s) {
    case Sex::Female:
        return "female";
    case Sex::Male:
        return "male";
    case Sex::Other:
        return "other";
    case Sex::Unknown:
        return "unknown";
    }
    return "unknown";
}

std::string_view sex_label(Sex s) {
    switch (s) {
    case Sex::Female:
        return "Female";
    case Sex::Male:
        return "Male";
    case Sex::Other:
        return "Other";
    case Sex::Unknown:
        return "Unknown";
    }
    return "Unknown";
}

std::optional<Sex> parse_sex(std::string_view text) {
    text = trim_space(text);
    static constexpr std::array<std::pair<std::string_view, Sex>, 4> letters{
        {{"F", Sex::Female}, {"M", Sex::Male}, {"X", Sex::Other}, {"U", Sex::Unknown}}};
    for (const auto& [letter, sex] : letters)
        if (equals_ignore_case(text, letter)) return sex;
    for (Sex s : all_sexes)
        if (equals_ignore_case(text, sex_id(s))) return s;
    return std::nullopt;
}

// ---- Age -------------------------------------------------------------------------------------------

std::string_view age_band_id(AgeBand b) {
    switch (b) {
    case AgeBand::From0To4:
        return "0-4";
    case AgeBand::From5To11:
        return "5-11";
    case AgeBand::From12To15:
        return "12-15";
    case AgeBand::From16To17:
        return "16-17";
    case AgeBand::From18To24:
        return "18-24";
    case AgeBand::From25To34:
        return "25-34";
    case AgeBand::From35To49:
        return "35-49";
    case AgeBand::From50To64:
        return "50-64";
    case AgeBand::From65:
        return "65+";
    case AgeBand::Unknown:
        return "unknown";
    }
    return "unknown";
}

std::string_view age_band_label(AgeBand b) {
    return b == AgeBand::Unknown ? "Unknown" : age_band_id(b);
}

std::optional<AgeBand> parse_age_band(std::string_view text) {
    std::string t(trim_space(text));
    for (std::size_t at; (at = t.find("\xE2\x80\x93")) != std::string::npos;) // en dash
        t.replace(at, 3, "-");
    std::erase(t, ' ');
    for (AgeBand b : all_age_bands)
        if (equals_ignore_case(t, age_band_id(b))) return b;
    return std::nullopt;
}

AgeBand age_band_for_age(int age) {
    if (age < 0) return AgeBand::Unknown;
    if (age <= 4) return AgeBand::From0To4;
    if (age <= 11) return AgeBand::From5To11;
    if (age <= 15) return AgeBand::From12To15;
    if (age <= 17) return AgeBand::From16To17;
    if (age <= 24) return AgeBand::From18To24;
    if (age <= 34) return AgeBand::From25To34;
    if (age <= 49) return AgeBand::From35To49;
    if (age <= 64) return AgeBand::From50To64;
    return AgeBand::From65;
}

std::optional<bool> age_band_is_child(AgeBand b) {
    switch (b) {
    case AgeBand::From0To4:
    case AgeBand::From5To11:
    case AgeBand::From12To15:
    case AgeBand::From16To17:
        return true;
    case AgeBand::Unknown:
        return std::nullopt;
    default:
        return false;
    }
}

int age_on(Date dob, Date on) {
    int age = on.year - dob.year;
    if (on.month < dob.month || (on.month == dob.month && on.day < dob.day)) --age;
    return age;
}

std::string_view child_status_id(ChildStatus c) {
    switch (c) {
    case ChildStatus::Unknown:
        return "unknown";
    case ChildStatus::Child:
        return "child";
    case ChildStatus::Adult:
        return "adult";
    case ChildStatus::AgeDisputed:
        return "age_disputed";
    }
    return "unknown";
}

std::string_view child_status_label(ChildStatus c) {
    switch (c) {
    case ChildStatus::Unknown:
        return "Age not established — presumed child";
    case ChildStatus::Child:
        return "Child";
    case ChildStatus::Adult:
        return "Adult";
    case ChildStatus::AgeDisputed:
        return "Age disputed — treat as child";
    }
    return "Unknown";
}

std::optional<ChildStatus> child_status_from_id(std::string_view id) {
    for (ChildStatus c : all_child_statuses)
        if (child_status_id(c) == id) return c;
    return std::nullopt;
}

bool treated_as_child(ChildStatus c) {
    return c != ChildStatus::Adult;
}

bool age_established(ChildStatus c) {
    return c != ChildStatus::Unknown;
}

AgeStatus age_status_for_referrals(ChildStatus c) {
    switch (c) {
    case ChildStatus::Child:
        return AgeStatus::Child;
    case ChildStatus::Adult:
        return AgeStatus::Adult;
    case ChildStatus::AgeDisputed:
    case ChildStatus::Unknown:
        return AgeStatus::Disputed;
    }
    return AgeStatus::Disputed;
}

// ---- Exploitation and indicators ------------------------------------------------------------------

std::string_view exploitation_type_id(ExploitationType t) {
    switch (t) {
    case ExploitationType::Labour:
        return "labour";
    case ExploitationType::Sexual:
        return "sexual";
    case ExploitationType::Criminal:
        return "criminal";
    case ExploitationType::DomesticServitude:
        return "domestic_servitude";
    case ExploitationType::ForcedMarriage:
        return "forced_marriage";
    case ExploitationType::Other:
        return "other";
    case ExploitationType::Unknown:
        return "unknown";
    }
    return "unknown";
}

std::string_view exploitation_type_label(ExploitationType t) {
    switch (t) {
    case ExploitationType::Labour:
        return "Labour";
    case ExploitationType::Sexual:
        return "Sexual";
    case ExploitationType::Criminal:
        return "Criminal (e.g. county lines, cuckooing)";
    case ExploitationType::DomesticServitude:
        return "Domestic servitude";
    case ExploitationType::ForcedMarriage:
        return "Forced marriage";
    case ExploitationType::Other:
        return "Other";
    case ExploitationType::Unknown:
        return "Unknown";
    }
    return "Unknown";
}

std::optional<ExploitationType> parse_exploitation_type(std::string_view text) {
    const std::string wanted = normalise_id(text);
    for (ExploitationType t : all_exploitation_types)
        if (exploitation_type_id(t) == wanted) return t;
    if (wanted == "labor") return ExploitationType::Labour;
    return std::nullopt;
}

std::string_view forced_labour_indicator_id(ForcedLabourIndicator i) {
    switch (i) {
    case ForcedLabourIndicator::ThreatsOrHarm:
        return "threats_or_harm";
    case ForcedLabourIndicator::RestrictionOfMovement:
        return "restriction_of_movement";
    case ForcedLabourIndicator::WithholdingOfWages:
        return "withholding_of_wages";
    case ForcedLabourIndicator::DebtBondage:
        return "debt_bondage";
    case ForcedLabourIndicator::RetentionOfDocuments:
        return "retention_of_documents";
    case ForcedLabourIndicator::ThreatsOfDenunciation:
        return "threats_of_denunciation";
    }
    return "threats_or_harm";
}

std::string_view forced_labour_indicator_label(ForcedLabourIndicator i) {
    switch (i) {
    case ForcedLabourIndicator::ThreatsOrHarm:
        return "Threats or actual harm";
    case ForcedLabourIndicator::RestrictionOfMovement:
        return "Restriction of movement or confinement";
    case ForcedLabourIndicator::WithholdingOfWages:
        return "Withholding of wages or excessive deductions";
    case ForcedLabourIndicator::DebtBondage:
        return "Debt bondage";
    case ForcedLabourIndicator::RetentionOfDocuments:
        return "Retention of passports and identity documents";
    case ForcedLabourIndicator::ThreatsOfDenunciation:
        return "Threats of denunciation to the authorities";
    }
    return "Threats or actual harm";
}

std::optional<ForcedLabourIndicator> forced_labour_indicator_from_id(std::string_view id) {
    for (ForcedLabourIndicator i : all_forced_labour_indicators)
        if (forced_labour_indicator_id(i) == id) return i;
    return std::nullopt;
}

std::string_view nrm_consent_answer_label(NrmConsentAnswer c) {
    if (!c) return "Not asked";
    switch (*c) {
    case NrmConsent::Undecided:
        return "Undecided";
    case NrmConsent::Yes:
        return "Yes";
    case NrmConsent::No:
        return "No";
    }
    return "Undecided";
}

// ---- The person -----------------------------------------------------------------------------------

AgeBand effective_age_band(const Person& p, Date on) {
    if (const auto age = recorded_age(p, on); age && *age >= 0) return age_band_for_age(*age);
    return p.age_band;
}

ChildStatus child_status(const Person& p, Date arrival_date) {
    if (p.stated_child == ChildStatus::AgeDisputed) return ChildStatus::AgeDisputed;
    bool says_child = p.stated_child == ChildStatus::Child;
    bool says_adult = p.stated_child == ChildStatus::Adult && !trim_space(p.adult_judgement).empty();
    const auto note_age = [&](int age) {
        if (age < 0) return;
        (age < adult_age ? says_child : says_adult) = true;
    };
    if (p.date_of_birth && is_valid_date(*p.date_of_birth)) note_age(age_on(*p.date_of_birth, arrival_date));
    if (p.claimed_age) note_age(*p.claimed_age);
    if (const auto band_child = age_band_is_child(p.age_band)) (*band_child ? says_child : says_adult) = true;
    if (says_child) return ChildStatus::Child;
    if (says_adult) return ChildStatus::Adult;
    return ChildStatus::Unknown;
}

std::vector<FieldProblem> validate_person(const Person& p, Date today, std::optional<Date> arrival_date) {
    std::vector<FieldProblem> out;
    const Date on = arrival_date.value_or(today);
    check_text(out, "reference", p.reference, max_reference_chars, false);
    check_text(out, "tag", p.tag, max_tag_chars, false);
    check_text(out, "name", p.name, max_name_chars, false);
    check_text(out, "latin_name", p.latin_name, max_name_chars, false);
    check_text(out, "alias", p.alias, max_name_chars, false);

    std::optional<int> dob_age;
    if (p.date_of_birth) {
        const Date dob = *p.date_of_birth;
        if (!is_valid_date(dob)) {
            out.push_back({"dob", "not a real day"});
        } else if (dob > today) {
            out.push_back({"dob", "a date in the future"});
        } else if (age_on(dob, today) > max_plausible_age) {
            out.push_back(
                {"dob", "more than " + std::to_string(max_plausible_age) + " years ago: check the year"});
        } else if (dob > on) {
            out.push_back({"dob", "after the arrival date"});
        } else {
            dob_age = age_on(dob, on);
        }
    }
    if (p.claimed_age) {
        const int age = *p.claimed_age;
        if (age < 0 || age > max_plausible_age) {
            out.push_back({"age", "must be between 0 and " + std::to_string(max_plausible_age)});
        } else if (dob_age && *dob_age != age) {
            out.push_back({"age", std::to_string(age) + ", but the date of birth gives " +
                                      std::to_string(*dob_age) + " on " + format_iso_date(on) +
                                      ": correct one, or keep one and mark the age as disputed"});
        }
    }
    const std::optional<int> known_age =
        dob_age
            ? dob_age
            : (p.claimed_age && *p.claimed_age >= 0 && *p.claimed_age <= max_plausible_age ? p.claimed_age
                                                                                           : std::nullopt);
    if (p.age_band != AgeBand::Unknown && known_age && age_band_for_age(*known_age) != p.age_band)
        out.push_back({"age_band", std::string(age_band_id(p.age_band)) + ", but the age is " +
                                       std::to_string(*known_age) + " (" +
                                       std::string(age_band_id(age_band_for_age(*known_age))) + ")"});
    if (known_age) {
        if (p.stated_child == ChildStatus::Child && *known_age >= adult_age)
            out.push_back({"child", "says child but the age is " + std::to_string(*known_age) +
                                        ": if the age is in doubt, mark it as disputed"});
        if (p.stated_child == ChildStatus::Adult && *known_age < adult_age)
            out.push_back({"child", "says adult but the age is " + std::to_string(*known_age) +
                                        ": if the age is in doubt, mark it as disputed"});
    } else if (const auto band_child = age_band_is_child(p.age_band)) {
        if (p.stated_child == ChildStatus::Child && !*band_child)
            out.push_back(
                {"child", "says child but the age band is " + std::string(age_band_id(p.age_band))});
        if (p.stated_child == ChildStatus::Adult && *band_child)
            out.push_back(
                {"child", "says adult but the age band is " + std::string(age_band_id(p.age_band))});
    }

    if (!p.nationality.empty() && !find_country_by_code(p.nationality))
        out.push_back({"nationality", "not an ISO 3166 country code"});
    for (std::size_t i = 0; i < p.languages.size(); ++i) {
        const std::string& code = p.languages[i];
        if (!find_language_by_code(code)) {
            out.push_back({"languages", "'" + safe_to_show(code, 12) + "' is not an ISO 639 language code"});
        } else if (std::find(p.languages.begin(), p.languages.begin() + static_cast<std::ptrdiff_t>(i),
                             code) != p.languages.begin() + static_cast<std::ptrdiff_t>(i)) {
            out.push_back({"languages", "lists " + code + " twice"});
        }
    }
    check_text(out, "medical", p.medical_needs, max_note_chars, true);
    check_text(out, "arrived_with", p.arrived_with, max_reference_chars, false);
    if (trim_space(p.arrived_with).empty() && p.arrived_with_relation)
        out.push_back(
            {"arrived_with", "give the reference of the adult they arrived with, e.g. OP-0001-004"});
    else if (!trim_space(p.arrived_with).empty() && !p.arrived_with_relation)
        out.push_back(
            {"arrived_with", "say who the adult is to them: parent, other relative or unrelated adult"});
    else if (!p.reference.empty() && equals_ignore_case(trim_space(p.arrived_with), p.reference))
        out.push_back({"arrived_with", "names this person themselves; give the adult's reference"});
    check_text(out, "diet", p.diet, max_diet_chars, false);
    check_text(out, "group", p.arrival_group, max_group_chars, false);
    if (p.exploitation.contains(ExploitationType::Unknown) &&
        p.exploitation.bits() != ExploitationTypes{ExploitationType::Unknown}.bits())
        out.push_back({"exploitation", "unknown cannot be combined with other types"});
    check_text(out, "property", p.property_held, max_note_chars, true);
    check_text(out, "adult_judgement", p.adult_judgement, max_judgement_chars, true);
    if (auto problem = journey_problem(p.journey)) out.push_back({"journey", *problem});
    for (const JourneyEvent& e : p.journey)
        check_text(out, "journey", e.note, max_note_chars, true);
    return out;
}

} // namespace rc

namespace rc {

std::string_view companion_relation_id(CompanionRelation r) {
    switch (r) {
    case CompanionRelation::Parent:
        return "parent";
    case CompanionRelation::OtherRelative:
        return "other_relative";
    case CompanionRelation::UnrelatedAdult:
        return "unrelated_adult";
    }
    return "unrelated_adult";
}

std::string_view companion_relation_label(CompanionRelation r) {
    switch (r) {
    case CompanionRelation::Parent:
        return "Parent";
    case CompanionRelation::OtherRelative:
        return "Other relative";
    case CompanionRelation::UnrelatedAdult:
        return "Unrelated adult";
    }
    return "Unrelated adult";
}

std::optional<CompanionRelation> companion_relation_from_id(std::string_view id) {
    for (CompanionRelation r : all_companion_relations)
        if (companion_relation_id(r) == id) return r;
    return std::nullopt;
}

bool child_with_unrelated_adult(const Person& p, Date arrival_date) {
    if (p.arrived_with_relation != CompanionRelation::UnrelatedAdult || trim_space(p.arrived_with).empty())
        return false;
    const ChildStatus c = child_status(p, arrival_date);
    // An age nobody knows is presumed a child: the indicator is shared rather than missed.
    return treated_as_child(c) || c == ChildStatus::Unknown;
}

} // namespace rc
