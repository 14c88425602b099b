// The people received and their journeys: check-in, groups, edits, journey steps, reading back.
#include "store/people.hpp"

#include "domain/name_likeness.hpp"
#include "domain/tag_sequence.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

constexpr std::size_t kPadTo = 64; // sealed records grow in steps of this many bytes

void put_u32(std::string& out, std::size_t n) {
    for (int shift = 0; shift < 32; shift += 8)
        out += static_cast<char>((n >> shift) & 0xFF);
}

bool get_u32(std::string_view in, std::size_t& at, std::size_t& n) {
    if (in.size() - at < 4) return false;
    n = 0;
    for (std::size_t i = 0; i < 4; ++i)
        n |= static_cast<std::size_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    at += 4;
    return true;
}

bool get_text(std::string_view in, std::size_t& at, std::string& out) {
    std::size_t n = 0;
    if (!get_u32(in, at, n) || in.size() - at < n) return false;
    out.assign(in.substr(at, n));
    at += n;
    return true;
}

void pad(std::string& out) {
    out.append((kPadTo - out.size() % kPadTo) % kPadTo, '\0');
}

// Format 1: name, alias, diet, property, group, date of birth. Format 2 adds the adult a child arrived
// with (reference, relation) and the urgent medical flag, both sealed like the rest; format 1 records
// read as having neither.
constexpr char kPersonalFormat1 = 1;
constexpr char kPersonalFormat2 = 2;
constexpr char kPersonalFormat = 3; // 2 and the name in Latin letters as a last field
constexpr char kHasMedical = 1;

std::string status_id(const JourneySummary& s) {
    if (s.departed) return "departed";
    if (s.temporarily_out) return "temporarily_out";
    return "on_site";
}

std::string languages_text(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        if (!out.empty()) out += ';';
        out += c;
    }
    return out;
}

template <class Enum, std::size_t N>
std::string ids_text(EnumSet<Enum> set, const std::array<Enum, N>& all, std::string_view (*id)(Enum)) {
    std::string out;
    for (Enum e : all)
        if (set.contains(e)) {
            if (!out.empty()) out += ';';
            out += id(e);
        }
    return out.empty() ? "none" : out;
}

// The value whose stored id is `id` exactly (the database holds only ids this code wrote).
template <class Enum, std::size_t N>
std::optional<Enum> stored(std::string_view id, const std::array<Enum, N>& all,
                           std::string_view (*id_of)(Enum)) {
    for (Enum e : all)
        if (id_of(e) == id) return e;
    return std::nullopt;
}

std::string interpreter_id(std::optional<bool> needed) {
    if (!needed) return "not_asked";
    return *needed ? "yes" : "no";
}

std::string consent_id(NrmConsentAnswer c) {
    return c ? std::string(nrm_consent_id(*c)) : "not_asked";
}

std::optional<std::string> optional_id(NrmConsentAnswer c) {
    if (!c) return std::nullopt;
    return std::string(nrm_consent_id(*c));
}

std::optional<std::int64_t> optional_int(std::optional<bool> b) {
    if (!b) return std::nullopt;
    return *b ? 1 : 0;
}

std::optional<std::int64_t> optional_int(std::optional<int> i) {
    if (!i) return std::nullopt;
    return *i;
}

std::optional<std::string> optional_id(std::optional<Destination> d) {
    if (!d) return std::nullopt;
    return std::string(destination_id(*d));
}

// SQLite cannot widen migration 5's CHECK on `destination` without rebuilding tables that others point
// at, so migration 10 added `destination_detail` with the exact id (reads take it first); `destination`
// keeps a value its CHECK allows: the id, or 'other' for a newer one, and only on a departure.
std::optional<std::string> legacy_destination(std::optional<Destination> d, bool departure) {
    if (!d || !departure) return std::nullopt;
    switch (*d) {
    case Destination::SafeAccommodation:
    case Destination::Hospital:
    case Destination::Home:
    case Destination::WithPolice:
    case Destination::LeftOfOwnAccord:
    case Destination::Other:
        return std::string(destination_id(*d));
    default:
        return std::string("other");
    }
}

// Whether `destination` alone cannot say where the person went: a newer destination, or a temporary one.
// Rows that fit migration 5's columns are written as before; destination_detail only when it is needed.
bool needs_detail(std::optional<Destination> d, bool departure) {
    if (!d) return false;
    const auto legacy = legacy_destination(d, departure);
    return !legacy || *legacy != destination_id(*d);
}

std::string dob_text(const std::optional<Date>& d) {
    return d ? format_iso_date(*d) : std::string();
}

// Arrival problems and a tag already in use, added to validate_person's.
std::vector<FieldProblem> person_problems(Connection& db, const Person& p, UnixSeconds arrived_at,
                                          UnixSeconds now, std::optional<PersonId> exclude) {
    Person checked = p;
    checked.reference.clear(); // assigned here, never taken from the caller
    checked.journey.clear();   // recorded step by step, checked by journey_step_problem
    std::vector<FieldProblem> out = validate_person(checked, local_date_of(now), local_date_of(arrived_at));
    if (arrived_at > now) out.push_back({"arrived_at", "in the future"});
    if (auto other = reference_with_tag(db, p.tag, exclude))
        out.push_back({"tag", "tag " + safe_to_show(p.tag, 32) + " is already on " + *other});
    if (const std::string_view adult = trim_space(p.arrived_with); !adult.empty()) {
        auto st = db.cached("SELECT id FROM people WHERE reference = ? COLLATE NOCASE");
        st->bind(1, std::string(adult));
        if (!st->step())
            out.push_back({"arrived_with", "no one checked in has the reference " + safe_to_show(adult, 32)});
        else if (exclude && st->int64_at(0) == *exclude)
            out.push_back({"arrived_with", "names this person themselves; give the adult's reference"});
    }
    return out;
}

PersonRecord read_person_columns(const Statement& st, const FieldCipher& c, bool read_medical) {
    PersonRecord r;
    r.id = st.int64_at(0);
    Person& p = r.person;
    p.reference = st.text_at(1);
    p.tag = st.text_at(2);
    p.sex = stored(st.text_at(3), all_sexes, sex_id).value_or(Sex::Unknown);
    if (!st.is_null(4)) p.claimed_age = static_cast<int>(st.int64_at(4));
    p.age_band = stored(st.text_at(5), all_age_bands, age_band_id).value_or(AgeBand::Unknown);
    p.stated_child = child_status_from_id(st.text_at(6)).value_or(ChildStatus::Unknown);
    p.nationality = st.text_at(7);
    const std::string languages = st.text_at(8); // split_list's views point into it
    for (std::string_view code : split_list(languages, ';'))
        p.languages.emplace_back(code);
    if (!st.is_null(9)) p.interpreter_needed = st.int64_at(9) != 0;
    p.exploitation = ExploitationTypes::from_bits(static_cast<std::uint32_t>(st.int64_at(10)));
    p.indicators = ForcedLabourIndicators::from_bits(static_cast<std::uint32_t>(st.int64_at(11)));
    if (!st.is_null(12)) p.nrm_consent = nrm_consent_from_id(st.text_at(12));
    r.created_at = st.int64_at(13);
    r.updated_at = st.int64_at(14);
    if (!st.is_null(17)) p.nrm_consent_at = st.int64_at(17);
    auto personal = open_personal(c, r.id, st.blob_at(15));
    if (!personal) {
        spdlog::warn("store: people #{} failed its integrity check", r.id);
        p.name = "[unreadable: this record failed its integrity check]";
        return r;
    }
    const bool has_medical = personal->has_medical;
    apply_personal(std::move(*personal), p);
    if (has_medical) {
        if (read_medical && !st.is_null(16) &&
            (c.opens_coordinator_fields() || !FieldCipher::sealed_for_coordinators(st.blob_at(16)))) {
            const auto medical = open_medical(c, r.id, st.blob_at(16));
            if (!medical) spdlog::warn("store: people #{} medical note failed its integrity check", r.id);
            p.medical_needs = medical.value_or("[unreadable: this note failed its integrity check]");
        } else {
            r.medical_withheld = true;
        }
    }
    return r;
}

JourneyEvent read_event_columns(const Statement& st, int first, const FieldCipher& c) {
    JourneyEvent e;
    const std::int64_t id = st.int64_at(first);
    e.step = journey_step_from_id(st.text_at(first + 1)).value_or(JourneyStep::Arrived);
    e.at = st.int64_at(first + 2);
    if (!st.is_null(first + 3)) e.destination = parse_destination(st.text_at(first + 3));
    if (!st.is_null(first + 4)) {
        auto note = c.open("journey_events", "note", id, st.blob_at(first + 4));
        if (!note) spdlog::warn("store: journey_events #{} failed its integrity check", id);
        e.note = note.value_or("[unreadable: this note failed its integrity check]");
    }
    return e;
}

// The person columns read_person_columns expects (16: medical_enc, or NULL when not to be read).
std::string person_select(bool read_medical) {
    return std::string("SELECT p.id, p.reference, p.tag, p.sex, p.claimed_age, p.age_band, p.child_status, "
                       "p.nationality, p.languages, p.interpreter_needed, p.exploitation, p.indicators, "
                       "p.nrm_consent, p.created_at, p.updated_at, p.personal_enc, ") +
           (read_medical ? "p.medical_enc" : "NULL") + ", p.nrm_consent_at";
}

constexpr int kEventColumns = 18; // e.id, e.step, e.at, e.destination, e.note_enc follow the person

std::vector<PersonRecord> read_people(const Store& store, std::optional<PersonId> only) {
    const FieldCipher c = store.cipher(); // throws SignedOut while locked
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
    const bool read_medical = store.can(Permission::ViewMedicalNotes);
    // One pass over people joined to their events, in order: the join walks journey_events_person.
    std::string sql = person_select(read_medical) +
                      ", e.id, e.step, e.at, coalesce(e.destination_detail, e.destination), e.note_enc "
                      "FROM people p LEFT JOIN journey_events e ON e.person_id = p.id ";
    if (only) sql += "WHERE p.id = ?1 ";
    sql += "ORDER BY p.id, e.id";
    auto st = store.connection_for_reading().cached(sql);
    if (only) st->bind(1, *only);
    std::vector<PersonRecord> out;
    if (!only)
        out.reserve(static_cast<std::size_t>(
            store.connection_for_reading().query_int("SELECT count(*) FROM people")));
    while (st->step()) {
        const PersonId id = st->int64_at(0);
        if (out.empty() || out.back().id != id) {
            if (!out.empty()) out.back().journey = summarise_journey(out.back().person.journey);
            out.push_back(read_person_columns(*st, c, read_medical));
        }
        if (!st->is_null(kEventColumns))
            out.back().person.journey.push_back(read_event_columns(*st, kEventColumns, c));
    }
    if (!out.empty()) out.back().journey = summarise_journey(out.back().person.journey);
    return out;
}

std::vector<JourneyEvent> stored_journey(Connection& db, PersonId id) {
    std::vector<JourneyEvent> events;
    // The order check needs steps and times only (nothing follows a departure), so the columns of
    // migration 5 are enough here.
    auto st = db.cached("SELECT step, at, destination FROM journey_events WHERE person_id = ? ORDER BY id");
    st->bind(1, id);
    while (st->step()) {
        JourneyEvent e;
        e.step = journey_step_from_id(st->text_at(0)).value_or(JourneyStep::Arrived);
        e.at = st->int64_at(1);
        if (!st->is_null(2)) e.destination = parse_destination(st->text_at(2));
        events.push_back(e);
    }
    return events;
}

// Where the journey leaves the person: the clear columns that listing and counting use.
void update_journey_columns(WriteContext& w, PersonId id, const std::vector<JourneyEvent>& events) {
    const JourneySummary s = summarise_journey(events);
    w.db.cached("UPDATE people SET status = ?, departed_at = ?, destination = ?, updated_at = ? WHERE id = ?")
        ->bind_all(status_id(s), s.departed_at, legacy_destination(s.destination, s.departed), w.now, id)
        .run();
    if (s.departed && needs_detail(s.destination, true))
        w.db.cached("UPDATE people SET destination_detail = ? WHERE id = ?")
            ->bind_all(optional_id(s.destination), id)
            .run();
}

} // namespace

// ------------------------------------------------------------------------------------ shared internals

std::string encode_personal(const Person& p) {
    std::string out;
    out += kPersonalFormat;
    out += p.medical_needs.empty() ? '\0' : kHasMedical;
    for (const std::string* field : {&p.name, &p.alias, &p.diet, &p.property_held, &p.arrival_group}) {
        put_u32(out, field->size());
        out += *field;
    }
    const std::string dob = dob_text(p.date_of_birth);
    put_u32(out, dob.size());
    out += dob;
    const std::string relation = p.arrived_with_relation
                                     ? std::string(companion_relation_id(*p.arrived_with_relation))
                                     : std::string();
    for (const std::string* field : {&p.arrived_with, &relation}) {
        put_u32(out, field->size());
        out += *field;
    }
    out += p.urgent_medical ? '\1' : '\0';
    // Added after the first format: a record without it ends in padding, which reads as empty.
    put_u32(out, p.adult_judgement.size());
    out += p.adult_judgement;
    put_u32(out, p.latin_name.size());
    out += p.latin_name;
    pad(out);
    return out;
}

std::optional<PersonalFields> decode_personal(std::string_view in) {
    if (in.size() < 2 || (in[0] != kPersonalFormat && in[0] != kPersonalFormat2 && in[0] != kPersonalFormat1))
        return std::nullopt;
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
    if (!get_text(in, at, f.adult_judgement)) f.adult_judgement.clear();
    if (in[0] == kPersonalFormat2) return f;
    if (!get_text(in, at, f.latin_name)) return std::nullopt;
    return f;
}

std::string encode_medical(std::string_view text) {
    std::string out;
    put_u32(out, text.size());
    out += text;
    pad(out);
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
        at += (kPadTo - at % kPadTo) % kPadTo;
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
}

std::optional<std::string> reference_with_tag(Connection& db, std::string_view tag,
                                              std::optional<PersonId> exclude) {
    if (tag.empty()) return std::nullopt;
    // tag <> '' lets the partial unique index answer; the column compares ignoring case.
    auto st = db.cached("SELECT reference FROM people WHERE tag = ? AND tag <> '' AND id <> ? LIMIT 1");
    st->bind_all(tag, exclude.value_or(0));
    if (!st->step()) return std::nullopt;
    return st->text_at(0);
}

std::int64_t insert_journey_event(WriteContext& w, PersonId person_id, const JourneyEvent& e) {
    const std::int64_t id = w.next_id("journey_events");
    std::optional<Blob> note;
    if (!e.note.empty()) note = w.cipher.seal("journey_events", "note", id, e.note);
    const bool departure = e.step == JourneyStep::Departed;
    if (needs_detail(e.destination, departure))
        w.db.cached("INSERT INTO journey_events (id, person_id, step, at, destination, destination_detail, "
                    "note_enc, "
                    "by_user, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(id, person_id, journey_step_id(e.step), e.at,
                       legacy_destination(e.destination, departure), optional_id(e.destination), note, w.user,
                       w.now)
            .run();
    else
        w.db.cached("INSERT INTO journey_events (id, person_id, step, at, destination, note_enc, by_user, "
                    "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(id, person_id, journey_step_id(e.step), e.at,
                       legacy_destination(e.destination, departure), note, w.user, w.now)
            .run();
    AuditChanges a;
    a.value("person_id", person_id).value("step", journey_step_id(e.step)).value("at", e.at);
    if (e.destination) a.value("destination", destination_id(*e.destination));
    if (note) a.personal("note");
    w.audit("insert", "journey_events", id, a);
    return id;
}

CheckedIn insert_person(WriteContext& w, const Person& p, const std::vector<JourneyEvent>& events,
                        std::string_view centre_code) {
    const PersonId id = w.next_id("people");
    const std::int64_t sequence = w.db.query_int("SELECT coalesce(max(sequence), 0) + 1 FROM people");
    std::string number = std::to_string(sequence);
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    CheckedIn out{id, std::string(centre_code) + "-" + number};

    const JourneySummary s = summarise_journey(events);
    const UnixSeconds arrived_at = s.arrived_at.value_or(w.now);
    w.db.cached("INSERT INTO people (id, sequence, reference, tag, sex, claimed_age, age_band, child_status, "
                "nationality, languages, interpreter_needed, exploitation, indicators, nrm_consent, status, "
                "arrived_at, departed_at, destination, personal_enc, medical_enc, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, sequence, out.reference, p.tag, sex_id(p.sex), optional_int(p.claimed_age),
                   age_band_id(p.age_band), child_status_id(p.stated_child), p.nationality,
                   languages_text(p.languages), optional_int(p.interpreter_needed),
                   static_cast<std::int64_t>(p.exploitation.bits()),
                   static_cast<std::int64_t>(p.indicators.bits()), optional_id(p.nrm_consent), status_id(s),
                   arrived_at, s.departed_at, legacy_destination(s.destination, s.departed),
                   w.cipher.seal("people", "personal", id, encode_personal(p)),
                   seal_medical(w.cipher, id, p.medical_needs), w.now, w.now)
        .run();
    if (s.departed && needs_detail(s.destination, true))
        w.db.cached("UPDATE people SET destination_detail = ? WHERE id = ?")
            ->bind_all(optional_id(s.destination), id)
            .run();
    if (p.nrm_consent)
        w.db.cached("UPDATE people SET nrm_consent_at = ? WHERE id = ?")
            ->bind_all(std::max(w.now, arrived_at), id)
            .run();

    AuditChanges a;
    a.value("reference", out.reference).value("tag", p.tag).value("sex", sex_id(p.sex));
    if (p.claimed_age) a.value("claimed_age", std::int64_t{*p.claimed_age});
    a.value("age_band", age_band_id(p.age_band))
        .value("child_status", child_status_id(p.stated_child))
        .value("nationality", p.nationality)
        .value("languages", languages_text(p.languages))
        .value("interpreter_needed", interpreter_id(p.interpreter_needed))
        .value("exploitation", ids_text(p.exploitation, all_exploitation_types, exploitation_type_id))
        .value("indicators", ids_text(p.indicators, all_forced_labour_indicators, forced_labour_indicator_id))
        .value("nrm_consent", consent_id(p.nrm_consent));
    const std::pair<const char*, bool> personal[] = {{"name", !p.name.empty()},
                                                     {"latin_name", !p.latin_name.empty()},
                                                     {"alias", !p.alias.empty()},
                                                     {"date_of_birth", p.date_of_birth.has_value()},
                                                     {"diet", !p.diet.empty()},
                                                     {"property_held", !p.property_held.empty()},
                                                     {"arrival_group", !p.arrival_group.empty()},
                                                     {"medical_needs", !p.medical_needs.empty()},
                                                     {"arrived_with", !p.arrived_with.empty()},
                                                     {"urgent_medical", p.urgent_medical},

                                                     {"adult_judgement", !p.adult_judgement.empty()}};
    for (const auto& [field, set] : personal)
        if (set) a.personal(field);
    w.audit("insert", "people", id, a);
    for (const JourneyEvent& e : events)
        insert_journey_event(w, id, e);
    return out;
}

// --------------------------------------------------------------------------------------------- errors

PersonRejected::PersonRejected(std::vector<FieldProblem> problems)
    : StoreError(ErrorKind::InvalidInput,
                 problems.size() == 1
                     ? "The record has a problem: " + problems.front().field + ": " +
                           problems.front().message + ". Nothing was saved."
                     : "The record has " + std::to_string(problems.size()) + " problems; nothing was saved.",
                 "Each problem is shown beside its field. Correct them and save again."),
      problems_(std::move(problems)) {}

// ---------------------------------------------------------------------------------------------- writes

CheckedIn check_in(Store& store, const Person& details, UnixSeconds arrived_at) {
    if (!details.adult_judgement.empty() && !store.can(Permission::RecordReferrals))
        throw StoreError(ErrorKind::NotPermitted,
                         "Only a coordinator may record that a person is clearly an adult.");
    const CheckedIn out = store.write(Permission::CheckIn, [&](WriteContext& w) {
        if (auto problems = person_problems(w.db, details, arrived_at, w.now, std::nullopt);
            !problems.empty())
            throw PersonRejected(std::move(problems));
        return insert_person(w, details, {{JourneyStep::Arrived, arrived_at, std::nullopt, {}}},
                             read_centre(w.db).code);
    });
    spdlog::info("store: checked in {}", out.reference);
    return out;
}

std::vector<CheckedIn> register_group(Store& store, int count, std::string_view group, UnixSeconds arrived_at,
                                      std::optional<std::string> first_tag) {
    if (count < 1 || count > kMaxGroupSize)
        throw StoreError(ErrorKind::InvalidInput,
                         "A group is 1 to " + std::to_string(kMaxGroupSize) + " people.",
                         "Register a larger arrival as several groups.");
    std::vector<std::string> tags(static_cast<std::size_t>(count));
    if (first_tag && !first_tag->empty()) {
        tags[0] = *first_tag;
        for (std::size_t i = 1; i < tags.size(); ++i) {
            auto next = next_tag(tags[i - 1]);
            if (!next)
                throw StoreError(ErrorKind::InvalidInput,
                                 "The first tag must end in a number, such as T015, so that the others can "
                                 "follow it.",
                                 "Give a first tag that ends in a number, or none.");
            tags[i] = std::move(*next);
        }
    }
    auto out = store.write(Permission::CheckIn, [&](WriteContext& w) {
        std::vector<FieldProblem> problems;
        for (const std::string& tag : tags) {
            Person placeholder;
            placeholder.tag = tag;
            placeholder.arrival_group = std::string(group);
            for (FieldProblem& fp : person_problems(w.db, placeholder, arrived_at, w.now, std::nullopt))
                if (std::find(problems.begin(), problems.end(), fp) == problems.end())
                    problems.push_back(std::move(fp));
        }
        if (!problems.empty()) throw PersonRejected(std::move(problems));
        const std::string code = read_centre(w.db).code;
        std::vector<CheckedIn> added;
        for (const std::string& tag : tags) {
            Person placeholder;
            placeholder.tag = tag;
            placeholder.arrival_group = std::string(group);
            added.push_back(
                insert_person(w, placeholder, {{JourneyStep::Arrived, arrived_at, std::nullopt, {}}}, code));
        }
        w.audit("register_group", "people", std::nullopt,
                AuditChanges()
                    .value("count", std::int64_t{count})
                    .value("first", added.front().reference)
                    .value("last", added.back().reference)
                    .personal("arrival_group"));
        return added;
    });
    spdlog::info("store: registered a group of {} ({} to {})", out.size(), out.front().reference,
                 out.back().reference);
    return out;
}

void update_person(Store& store, PersonId id, const Person& details) {
    const bool sees_medical = store.can(Permission::ViewMedicalNotes);
    const bool judges_age = store.can(Permission::RecordReferrals);
    store.write(Permission::CheckIn, [&](WriteContext& w) {
        auto st = w.db.cached("SELECT reference, tag, sex, claimed_age, age_band, child_status, nationality, "
                              "languages, interpreter_needed, exploitation, indicators, nrm_consent, "
                              "personal_enc, medical_enc, arrived_at FROM people WHERE id = ?");
        st->bind(1, id);
        if (!st->step())
            throw StoreError(ErrorKind::InvalidInput, "There is no person #" + std::to_string(id) + ".");
        const std::string reference = st->text_at(0);
        auto before_personal = open_personal(w.cipher, id, st->blob_at(12));
        const Blob medical_blob = st->blob_at(13);
        // A note sealed to the coordinator key opens only for a coordinator holding it.
        const bool medical_readable = sees_medical && (w.cipher.opens_coordinator_fields() ||
                                                       !FieldCipher::sealed_for_coordinators(medical_blob));
        const auto before_medical =
            medical_readable ? open_medical(w.cipher, id, medical_blob) : std::optional<std::string>("");
        const bool note_exists = before_personal && before_personal->has_medical;
        if (!before_personal || !before_medical)
            throw StoreError(ErrorKind::Crypto,
                             reference + " failed its integrity check and cannot be edited.",
                             restore_advice(w.db.path().string()));
        Person before;
        before.tag = st->text_at(1);
        before.sex = stored(st->text_at(2), all_sexes, sex_id).value_or(Sex::Unknown);
        if (!st->is_null(3)) before.claimed_age = static_cast<int>(st->int64_at(3));
        before.age_band = stored(st->text_at(4), all_age_bands, age_band_id).value_or(AgeBand::Unknown);
        before.stated_child = child_status_from_id(st->text_at(5)).value_or(ChildStatus::Unknown);
        before.nationality = st->text_at(6);
        const std::string languages = st->text_at(7); // split_list's views point into it
        for (std::string_view code : split_list(languages, ';'))
            before.languages.emplace_back(code);
        if (!st->is_null(8)) before.interpreter_needed = st->int64_at(8) != 0;
        before.exploitation = ExploitationTypes::from_bits(static_cast<std::uint32_t>(st->int64_at(9)));
        before.indicators = ForcedLabourIndicators::from_bits(static_cast<std::uint32_t>(st->int64_at(10)));
        if (!st->is_null(11)) before.nrm_consent = nrm_consent_from_id(st->text_at(11));
        apply_personal(*before_personal, before);
        before.medical_needs = *before_medical;
        const UnixSeconds arrived_at = st->int64_at(14);

        Person after = details;
        after.reference = reference;
        after.journey.clear();
        // A note the editor may not read is neither shown to them nor lost by their edit: what they type
        // is added to it, sealed without opening it.
        Blob medical_out;
        bool medical_changed = false;
        if (!medical_readable) {
            if (details.medical_needs.empty()) {
                medical_out = medical_blob;
                if (note_exists) after.medical_needs = "(kept)"; // keeps the record's "has a note" mark
            } else {
                medical_out = note_exists ? w.cipher.seal_appended(medical_blob, "people", "medical", id,
                                                                   encode_medical(details.medical_needs))
                                          : w.cipher.seal("people", "medical", id,
                                                          encode_medical(details.medical_needs));
                medical_changed = true;
            }
        }
        // Ages are checked on the arrival date; the arrival itself is not being changed here.
        if (auto problems = person_problems(w.db, after, std::min(arrived_at, w.now), w.now, id);
            !problems.empty())
            throw PersonRejected(std::move(problems));

        AuditChanges a;
        const auto clear = [&](const char* field, const std::string& from, const std::string& to) {
            if (from != to) a.change(field, from, to);
        };
        clear("tag", before.tag, after.tag);
        clear("sex", std::string(sex_id(before.sex)), std::string(sex_id(after.sex)));
        if (before.claimed_age != after.claimed_age)
            a.change("claimed_age", optional_int(before.claimed_age), optional_int(after.claimed_age));
        clear("age_band", std::string(age_band_id(before.age_band)),
              std::string(age_band_id(after.age_band)));
        clear("child_status", std::string(child_status_id(before.stated_child)),
              std::string(child_status_id(after.stated_child)));
        clear("nationality", before.nationality, after.nationality);
        clear("languages", languages_text(before.languages), languages_text(after.languages));
        clear("interpreter_needed", interpreter_id(before.interpreter_needed),
              interpreter_id(after.interpreter_needed));
        clear("exploitation", ids_text(before.exploitation, all_exploitation_types, exploitation_type_id),
              ids_text(after.exploitation, all_exploitation_types, exploitation_type_id));
        clear("indicators",
              ids_text(before.indicators, all_forced_labour_indicators, forced_labour_indicator_id),
              ids_text(after.indicators, all_forced_labour_indicators, forced_labour_indicator_id));
        clear("nrm_consent", consent_id(before.nrm_consent), consent_id(after.nrm_consent));
        const std::pair<const char*, bool> personal[] = {
            {"name", before.name != after.name},
            {"latin_name", before.latin_name != after.latin_name},
            {"alias", before.alias != after.alias},
            {"date_of_birth", before.date_of_birth != after.date_of_birth},
            {"diet", before.diet != after.diet},
            {"property_held", before.property_held != after.property_held},
            {"arrival_group", before.arrival_group != after.arrival_group},
            {"medical_needs",
             medical_readable ? before.medical_needs != after.medical_needs : medical_changed},
            {"arrived_with", before.arrived_with != after.arrived_with ||
                                 before.arrived_with_relation != after.arrived_with_relation},
            {"urgent_medical", before.urgent_medical != after.urgent_medical},

            {"adult_judgement", before.adult_judgement != after.adult_judgement}};
        for (const auto& [field, changed] : personal)
            if (changed) a.personal(field);
        if (a.empty()) return;
        // "Clearly an adult" with no age recorded takes a person off the child rules: a coordinator's call.
        if (before.adult_judgement != after.adult_judgement && !judges_age)
            throw StoreError(ErrorKind::NotPermitted,
                             "Only a coordinator may record that a person is clearly an adult.");
        const bool consent_changed = before.nrm_consent != after.nrm_consent;
        const bool has_consent_answer = after.nrm_consent.has_value();
        const UnixSeconds consent_at = std::max(w.now, arrived_at);

        w.db.cached(
                "UPDATE people SET tag = ?, sex = ?, claimed_age = ?, age_band = ?, child_status = ?, "
                "nationality = ?, languages = ?, interpreter_needed = ?, exploitation = ?, indicators = ?, "
                "nrm_consent = ?, personal_enc = ?, medical_enc = ?, updated_at = ? WHERE id = ?")
            ->bind_all(
                after.tag, sex_id(after.sex), optional_int(after.claimed_age), age_band_id(after.age_band),
                child_status_id(after.stated_child), after.nationality, languages_text(after.languages),
                optional_int(after.interpreter_needed), static_cast<std::int64_t>(after.exploitation.bits()),
                static_cast<std::int64_t>(after.indicators.bits()), optional_id(after.nrm_consent),
                w.cipher.seal("people", "personal", id, encode_personal(after)),
                medical_readable ? seal_medical(w.cipher, id, after.medical_needs) : medical_out, w.now, id)
            .run();
        if (consent_changed) {
            // Bound separately rather than as an optional: GCC 12 at -O2 warns (wrongly) that the optional
            // may be read uninitialised.
            auto set_at = w.db.cached("UPDATE people SET nrm_consent_at = ? WHERE id = ?");
            if (has_consent_answer)
                set_at->bind(1, consent_at);
            else
                set_at->bind(1, nullptr);
            set_at->bind(2, id).run();
        }
        w.audit("update", "people", id, a);
    });
}

std::int64_t record_journey_step(Store& store, PersonId id, JourneyStep step, UnixSeconds at,
                                 std::optional<Destination> destination, std::string_view note) {
    std::string reference;
    const std::int64_t event = store.write(Permission::CheckIn, [&](WriteContext& w) {
        auto st = w.db.cached("SELECT reference FROM people WHERE id = ?");
        st->bind(1, id);
        if (!st->step())
            throw StoreError(ErrorKind::InvalidInput, "There is no person #" + std::to_string(id) + ".");
        reference = st->text_at(0);
        std::vector<JourneyEvent> events = stored_journey(w.db, id);
        const JourneyEvent next{step, at, destination, std::string(note)};
        std::optional<std::string> problem = journey_step_problem(events, next);
        if (!problem && at > w.now)
            problem = std::string(journey_step_label(step)) + " cannot be recorded at a time in the future";
        if (!problem) {
            // The note's own checks (length, UTF-8, control characters) are validate_person's.
            Person probe;
            probe.journey = events;
            probe.journey.push_back(next);
            for (const FieldProblem& fp : validate_person(probe, local_date_of(w.now)))
                if (fp.field == "journey") {
                    problem = "the note: " + fp.message;
                    break;
                }
        }
        if (problem) {
            std::string text = *problem;
            if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
                text[0] = static_cast<char>(text[0] - 'a' + 'A');
            throw StoreError(ErrorKind::InvalidInput, reference + ": " + text + ". Nothing was recorded.");
        }
        const std::int64_t event_id = insert_journey_event(w, id, next);
        events.push_back(next);
        update_journey_columns(w, id, events);
        return event_id;
    });
    spdlog::info("store: {} {}", reference, journey_step_id(step));
    return event;
}

// ----------------------------------------------------------------------------------------------- reads

std::vector<PersonRecord> people(const Store& store) {
    return read_people(store, std::nullopt);
}

std::optional<PersonRecord> person(const Store& store, PersonId id) {
    auto found = read_people(store, id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<JourneyRecord> journey(const Store& store, PersonId id) {
    const FieldCipher c = store.cipher();
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
    std::vector<JourneyRecord> out;
    auto st = store.connection_for_reading().cached(
        "SELECT id, step, at, destination, note_enc, person_id, by_user, recorded_at FROM journey_events "
        "WHERE person_id = ? ORDER BY id");
    st->bind(1, id);
    while (st->step()) {
        JourneyRecord r;
        r.id = st->int64_at(0);
        r.event = read_event_columns(*st, 0, c);
        r.person = st->int64_at(5);
        r.recorded_by = st->int64_at(6);
        r.recorded_at = st->int64_at(7);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<FieldProblem> duplicate_warnings(const Store& store, const Person& details,
                                             std::optional<PersonId> exclude) {
    const FieldCipher c = store.cipher();
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
    std::vector<FieldProblem> out;
    Connection& db = store.connection_for_reading();
    if (auto other = reference_with_tag(db, details.tag, exclude))
        out.push_back({"tag", "Tag " + safe_to_show(details.tag, 32) + " is already on " + *other + "."});
    if (!trim_space(details.name).empty()) {
        // Names are sealed: every record is opened (one decryption each) rather than keeping a
        // searchable fingerprint of names in the file.
        const NameLikeness likeness(details, local_date_of(store.clock().now()));
        auto st =
            db.cached("SELECT id, reference, personal_enc, claimed_age, age_band FROM people ORDER BY id");
        while (st->step()) {
            const PersonId id = st->int64_at(0);
            if (exclude && *exclude == id) continue;
            const auto fields = open_personal(c, id, st->blob_at(2));
            if (!fields) continue;
            Person other;
            apply_personal(*fields, other);
            if (!st->is_null(3)) other.claimed_age = static_cast<int>(st->int64_at(3));
            other.age_band = stored(st->text_at(4), all_age_bands, age_band_id).value_or(AgeBand::Unknown);
            if (const auto why = likeness.why_alike(other))
                out.push_back({"name", st->text_at(1) + " has " + *why + ": is this the same person?"});
        }
    }
    return out;
}

std::optional<UnixSeconds> earliest_arrival_at(const Store& store) {
    auto st = store.connection_for_reading().cached("SELECT min(arrived_at) FROM people");
    if (!st->step() || st->is_null(0)) return std::nullopt;
    return st->int64_at(0);
}

} // namespace rc::store
