// A person's sealed records: the personal record (everything but the medical note), the medical note,
// a journey step, and the tag's blind index.
#include "domain/text_match.hpp"
#include "store/people_internal.hpp"
#include "store/sealed_record.hpp"

namespace rc::store {

namespace {

// Formats 1 and 2 (schema 12 and before): a fixed sequence of length-prefixed fields. Format 1: name,
// alias, diet, property, group, date of birth. Format 2 adds the adult a child arrived with (reference,
// relation), the urgent medical flag and the adult judgement.
constexpr char kPersonalFormat1 = 1;
constexpr char kPersonalFormat2 = 2;
// Format 3 (schema 13): a sealed record of numbered fields holding the facts as well.
constexpr char kPersonalFormat3 = 3;
constexpr char kHasMedical = 1;

// Field numbers of the format 3 personal record. Never renumber; a new field takes the next number.
enum PersonalField : std::uint8_t {
    kName = 1,
    kAlias = 2,
    kDateOfBirth = 3,
    kDiet = 4,
    kPropertyHeld = 5,
    kArrivalGroup = 6,
    kArrivedWith = 7,
    kArrivedWithRelation = 8,
    kUrgentMedical = 9,
    kAdultJudgement = 10,
    kTag = 11,
    kSex = 12,
    kClaimedAge = 13,
    kAgeBand = 14,
    kChildStatus = 15,
    kNationality = 16,
    kLanguages = 17,
    kInterpreterNeeded = 18,
    kExploitation = 19,
    kIndicators = 20,
    kNrmConsent = 21,
    kDepartedTo = 22,
    kLatinName = 23, // the name in Latin letters, for a name in a script the report cannot print
};

// A journey step's record: format byte, then these fields.
constexpr char kJourneyFormat = 1;
enum JourneyField : std::uint8_t { kStep = 1, kDestination = 2 };

std::string languages_text(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        if (!out.empty()) out += ';';
        out += c;
    }
    return out;
}

template <class Enum, std::size_t N>
std::optional<Enum> stored(std::string_view id, const std::array<Enum, N>& all,
                           std::string_view (*id_of)(Enum)) {
    for (Enum e : all)
        if (id_of(e) == id) return e;
    return std::nullopt;
}

std::optional<PersonalFields> decode_personal_v1_v2(std::string_view in) {
    PersonalFields f;
    f.has_medical = in[1] == kHasMedical;
    std::size_t at = 2;
    std::string dob;
    for (std::string* field : {&f.name, &f.alias, &f.diet, &f.property_held, &f.arrival_group, &dob})
        if (!get_text(in, at, *field)) return std::nullopt;
    if (!dob.empty()) {
        f.date_of_birth = parse_iso_date(dob);
        if (!f.date_of_birth) return std::nullopt;
    }
    if (in[0] == kPersonalFormat1) return f;
    std::string relation;
    if (!get_text(in, at, f.arrived_with) || !get_text(in, at, relation) || at >= in.size())
        return std::nullopt;
    if (!relation.empty()) {
        f.arrived_with_relation = companion_relation_from_id(relation);
        if (!f.arrived_with_relation) return std::nullopt;
    }
    f.urgent_medical = in[at] == '\1';
    ++at;
    // Added after the first format 2 records: one without it ends in padding, which reads as empty.
    if (!get_text(in, at, f.adult_judgement)) f.adult_judgement.clear();
    return f;
}

} // namespace

std::string encode_personal(const Person& p, std::optional<Destination> departed_to) {
    std::string header(1, kPersonalFormat3);
    header += p.medical_needs.empty() ? '\0' : kHasMedical;
    SealedRecordWriter w(std::move(header));
    w.field(kName, p.name)
        .field(kAlias, p.alias)
        .field(kDateOfBirth, p.date_of_birth ? format_iso_date(*p.date_of_birth) : std::string())
        .field(kDiet, p.diet)
        .field(kPropertyHeld, p.property_held)
        .field(kArrivalGroup, p.arrival_group)
        .field(kArrivedWith, p.arrived_with)
        .field(kArrivedWithRelation, p.arrived_with_relation
                                         ? std::string(companion_relation_id(*p.arrived_with_relation))
                                         : std::string())
        .field(kUrgentMedical, p.urgent_medical ? "1" : "")
        .field(kAdultJudgement, p.adult_judgement)
        .field(kTag, p.tag)
        .field(kSex, sex_id(p.sex))
        .field(kAgeBand, age_band_id(p.age_band))
        .field(kChildStatus, child_status_id(p.stated_child))
        .field(kNationality, p.nationality)
        .field(kLanguages, languages_text(p.languages))
        .field(kExploitation, static_cast<std::int64_t>(p.exploitation.bits()))
        .field(kIndicators, static_cast<std::int64_t>(p.indicators.bits()))
        .field(kLatinName, p.latin_name);
    if (p.claimed_age) w.field(kClaimedAge, std::int64_t{*p.claimed_age});
    if (p.interpreter_needed) w.field(kInterpreterNeeded, *p.interpreter_needed ? "yes" : "no");
    if (p.nrm_consent) w.field(kNrmConsent, nrm_consent_id(*p.nrm_consent));
    if (departed_to) w.field(kDepartedTo, destination_id(*departed_to));
    return w.finish();
}

std::optional<PersonalFields> decode_personal(std::string_view in) {
    if (in.size() < 2) return std::nullopt;
    if (in[0] == kPersonalFormat1 || in[0] == kPersonalFormat2) return decode_personal_v1_v2(in);
    if (in[0] != kPersonalFormat3) return std::nullopt;
    const auto fields = read_sealed_fields(in, 2);
    if (!fields) return std::nullopt;
    const SealedFields& s = *fields;
    PersonalFields f;
    f.has_medical = in[1] == kHasMedical;
    f.facts_sealed = true;
    f.name = sealed_text(s, kName);
    f.alias = sealed_text(s, kAlias);
    f.latin_name = sealed_text(s, kLatinName);
    if (const std::string dob = sealed_text(s, kDateOfBirth); !dob.empty()) {
        f.date_of_birth = parse_iso_date(dob);
        if (!f.date_of_birth) return std::nullopt;
    }
    f.diet = sealed_text(s, kDiet);
    f.property_held = sealed_text(s, kPropertyHeld);
    f.arrival_group = sealed_text(s, kArrivalGroup);
    f.arrived_with = sealed_text(s, kArrivedWith);
    if (const std::string relation = sealed_text(s, kArrivedWithRelation); !relation.empty()) {
        f.arrived_with_relation = companion_relation_from_id(relation);
        if (!f.arrived_with_relation) return std::nullopt;
    }
    f.urgent_medical = sealed_text(s, kUrgentMedical) == "1";
    f.adult_judgement = sealed_text(s, kAdultJudgement);
    f.tag = sealed_text(s, kTag);
    f.sex = stored(sealed_text(s, kSex), all_sexes, sex_id).value_or(Sex::Unknown);
    if (const auto age = sealed_int(s, kClaimedAge)) f.claimed_age = static_cast<int>(*age);
    f.age_band = stored(sealed_text(s, kAgeBand), all_age_bands, age_band_id).value_or(AgeBand::Unknown);
    f.stated_child = child_status_from_id(sealed_text(s, kChildStatus)).value_or(ChildStatus::Unknown);
    f.nationality = sealed_text(s, kNationality);
    const std::string languages = sealed_text(s, kLanguages); // split_list's views point into it
    for (std::string_view code : split_list(languages, ';'))
        f.languages.emplace_back(code);
    if (const std::string interpreter = sealed_text(s, kInterpreterNeeded); !interpreter.empty())
        f.interpreter_needed = interpreter == "yes";
    f.exploitation =
        ExploitationTypes::from_bits(static_cast<std::uint32_t>(sealed_int(s, kExploitation).value_or(0)));
    f.indicators =
        ForcedLabourIndicators::from_bits(static_cast<std::uint32_t>(sealed_int(s, kIndicators).value_or(0)));
    if (const std::string consent = sealed_text(s, kNrmConsent); !consent.empty())
        f.nrm_consent = nrm_consent_from_id(consent);
    if (const std::string to = sealed_text(s, kDepartedTo); !to.empty())
        f.departed_to = parse_destination(to);
    return f;
}

std::string encode_medical(std::string_view text) {
    std::string out;
    put_u32(out, text.size());
    out += text;
    pad_record(out);
    return out;
}

// A note may be several padded parts (a volunteer's addition, sealed without reading what was there):
// they read as one, a line apart.
std::optional<std::string> decode_medical(std::string_view in) {
    std::size_t at = 0;
    std::string out;
    while (at < in.size()) {
        std::string text;
        if (!get_text(in, at, text)) return std::nullopt;
        if (!text.empty()) {
            if (!out.empty()) out += '\n';
            out += text;
        }
        at += (kSealedRecordPadTo - at % kSealedRecordPadTo) % kSealedRecordPadTo;
    }
    return out;
}

Blob seal_medical(const FieldCipher& c, PersonId id, const std::string& text) {
    // No note says nothing a volunteer does not see already (the record marks whether there is one).
    if (text.empty()) return c.seal_with_data_key("people", "medical", id, encode_medical(text));
    return c.seal("people", "medical", id, encode_medical(text));
}

std::optional<PersonalFields> open_personal(const FieldCipher& c, PersonId id, const Blob& sealed) {
    auto plain = c.open("people", "personal", id, sealed);
    if (!plain) return std::nullopt;
    return decode_personal(*plain);
}

std::optional<std::string> open_medical(const FieldCipher& c, PersonId id, const Blob& sealed) {
    auto plain = c.open("people", "medical", id, sealed);
    if (!plain) return std::nullopt;
    return decode_medical(*plain);
}

void apply_personal(PersonalFields f, Person& p) {
    p.name = std::move(f.name);
    p.alias = std::move(f.alias);
    p.latin_name = std::move(f.latin_name);
    p.date_of_birth = f.date_of_birth;
    p.diet = std::move(f.diet);
    p.property_held = std::move(f.property_held);
    p.arrival_group = std::move(f.arrival_group);
    p.arrived_with = std::move(f.arrived_with);
    p.arrived_with_relation = f.arrived_with_relation;
    p.urgent_medical = f.urgent_medical;
    p.adult_judgement = std::move(f.adult_judgement);
    p.tag = std::move(f.tag);
    p.sex = f.sex;
    p.claimed_age = f.claimed_age;
    p.age_band = f.age_band;
    p.stated_child = f.stated_child;
    p.nationality = std::move(f.nationality);
    p.languages = std::move(f.languages);
    p.interpreter_needed = f.interpreter_needed;
    p.exploitation = f.exploitation;
    p.indicators = f.indicators;
    p.nrm_consent = f.nrm_consent;
}

Person person_from_fields(const PersonalFields& f) {
    Person p;
    apply_personal(f, p);
    return p;
}

std::optional<Blob> tag_index(const FieldCipher& c, std::string_view tag) {
    if (tag.empty()) return std::nullopt;
    return c.blind_index("people.tag", to_lower_ascii(tag));
}

std::string encode_journey_event(const JourneyEvent& e) {
    SealedRecordWriter w(std::string(1, kJourneyFormat));
    w.field(kStep, journey_step_id(e.step));
    if (e.destination) w.field(kDestination, destination_id(*e.destination));
    return w.finish();
}

std::optional<JourneyEvent> decode_journey_event(std::string_view in) {
    if (in.empty() || in[0] != kJourneyFormat) return std::nullopt;
    const auto fields = read_sealed_fields(in, 1);
    if (!fields) return std::nullopt;
    JourneyEvent e;
    const auto step = journey_step_from_id(sealed_text(*fields, kStep));
    if (!step) return std::nullopt;
    e.step = *step;
    if (const std::string to = sealed_text(*fields, kDestination); !to.empty()) {
        e.destination = parse_destination(to);
        if (!e.destination) return std::nullopt;
    }
    return e;
}

} // namespace rc::store
