// Reading people back: the list with every journey, one person, one journey, likely duplicates.
#include "domain/name_likeness.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/people.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

// Columns of the person part of the read (4: medical_enc, or NULL when not to be read).
constexpr std::string_view kPersonColumns =
    "p.id, p.reference, p.created_at, p.updated_at, p.personal_enc, %MEDICAL%, p.nrm_consent_at, p.version";
constexpr int kEventColumns = 8; // e.id, e.at, e.event_enc, e.note_enc follow the person

std::string person_columns(bool read_medical) {
    std::string out(kPersonColumns);
    out.replace(out.find("%MEDICAL%"), 9, read_medical ? "p.medical_enc" : "NULL");
    return out;
}

PersonRecord read_person_columns(const Statement& st, const FieldCipher& c, bool read_medical) {
    PersonRecord r;
    r.id = st.int64_at(0);
    Person& p = r.person;
    p.reference = st.text_at(1);
    r.created_at = st.int64_at(2);
    r.updated_at = st.int64_at(3);
    if (!st.is_null(6)) p.nrm_consent_at = st.int64_at(6);
    r.version = st.int64_at(7);
    auto personal = open_personal(c, r.id, st.blob_at(4));
    if (!personal) {
        spdlog::warn("store: people #{} failed its integrity check", r.id);
        p.name = "[unreadable: this record failed its integrity check]";
        return r;
    }
    const bool has_medical = personal->has_medical;
    apply_personal(std::move(*personal), p);
    if (has_medical) {
        if (read_medical && !st.is_null(5) &&
            (c.opens_coordinator_fields() || !FieldCipher::sealed_for_coordinators(st.blob_at(5)))) {
            const auto medical = open_medical(c, r.id, st.blob_at(5));
            if (!medical) spdlog::warn("store: people #{} medical note failed its integrity check", r.id);
            p.medical_needs = medical.value_or("[unreadable: this note failed its integrity check]");
        } else {
            r.medical_withheld = true;
        }
    }
    return r;
}

// One journey event from columns first.. (id, at, event_enc, note_enc): one decryption, two with a note.
JourneyEvent read_event_columns(const Statement& st, int first, const FieldCipher& c) {
    const std::int64_t id = st.int64_at(first);
    const auto plain = c.open("journey_events", "event", id, st.blob_at(first + 2));
    std::optional<JourneyEvent> decoded;
    if (plain) decoded = decode_journey_event(*plain);
    if (!decoded) spdlog::warn("store: journey_events #{} failed its integrity check", id);
    JourneyEvent e = decoded.value_or(JourneyEvent{});
    e.at = st.int64_at(first + 1);
    if (!decoded) e.note = "[unreadable: this step failed its integrity check]";
    if (!st.is_null(first + 3)) {
        auto note = c.open("journey_events", "note", id, st.blob_at(first + 3));
        if (!note) spdlog::warn("store: journey_events #{} failed its integrity check", id);
        e.note = note.value_or("[unreadable: this note failed its integrity check]");
    }
    return e;
}

std::vector<PersonRecord> read_people(const Store& store, std::optional<PersonId> only) {
    const FieldCipher c = store.cipher(); // throws SignedOut while locked
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
    const bool read_medical = store.can(Permission::ViewMedicalNotes);
    // One pass over people joined to their events, in order: the join walks journey_events_person.
    std::string sql = "SELECT " + person_columns(read_medical) +
                      ", e.id, e.at, e.event_enc, e.note_enc "
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

} // namespace

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
        "SELECT id, at, event_enc, note_enc, person_id, by_user, recorded_at FROM journey_events "
        "WHERE person_id = ? ORDER BY id");
    st->bind(1, id);
    while (st->step()) {
        JourneyRecord r;
        r.id = st->int64_at(0);
        r.event = read_event_columns(*st, 0, c);
        r.person = st->int64_at(4);
        r.recorded_by = st->int64_at(5);
        r.recorded_at = st->int64_at(6);
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
    if (auto other = reference_with_tag(db, c, details.tag, exclude))
        out.push_back({"tag", "Tag " + safe_to_show(details.tag, 32) + " is already on " + *other + "."});
    if (!trim_space(details.name).empty()) {
        // Names are sealed: every record is opened (one decryption each) rather than keeping a
        // searchable fingerprint of names in the file.
        const NameLikeness likeness(details, local_date_of(store.clock().now()));
        auto st = db.cached("SELECT id, reference, personal_enc FROM people ORDER BY id");
        while (st->step()) {
            const PersonId id = st->int64_at(0);
            if (exclude && *exclude == id) continue;
            const auto fields = open_personal(c, id, st->blob_at(2));
            if (!fields) continue;
            const Person other = person_from_fields(*fields);
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
