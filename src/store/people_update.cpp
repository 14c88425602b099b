// Changing what is recorded about a person: edits to the record and steps of the journey.
#include "domain/text_match.hpp"
#include "store/people.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

std::string languages_text(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        if (!out.empty()) out += ';';
        out += c;
    }
    return out;
}

// The journey so far, for the order check (step, time and destination; the notes are not opened).
std::vector<JourneyEvent> stored_journey(Connection& db, const FieldCipher& c, PersonId id) {
    std::vector<JourneyEvent> events;
    auto st = db.cached("SELECT id, at, event_enc FROM journey_events WHERE person_id = ? ORDER BY id");
    st->bind(1, id);
    while (st->step()) {
        const std::int64_t event_id = st->int64_at(0);
        const auto plain = c.open("journey_events", "event", event_id, st->blob_at(2));
        std::optional<JourneyEvent> e;
        if (plain) e = decode_journey_event(*plain);
        if (!e)
            throw StoreError(ErrorKind::Crypto,
                             "Journey step #" + std::to_string(event_id) +
                                 " failed its integrity check, so no step can be added after it.",
                             restore_advice(db.path().string()));
        e->at = st->int64_at(1);
        events.push_back(std::move(*e));
    }
    return events;
}

// Where the journey leaves the person: the departure time (in clear) and where they went (sealed in
// their record, which is sealed again).
void update_journey_columns(WriteContext& w, PersonId id, const std::vector<JourneyEvent>& events) {
    const JourneySummary s = summarise_journey(events);
    auto st = w.db.cached("SELECT personal_enc FROM people WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return;
    const auto fields = open_personal(w.cipher, id, st->blob_at(0));
    st->reset();
    if (!fields || !fields->facts_sealed)
        throw StoreError(ErrorKind::Crypto, "Person #" + std::to_string(id) + " failed its integrity check.",
                         restore_advice(w.db.path().string()));
    Person p = person_from_fields(*fields);
    if (fields->has_medical) p.medical_needs = "(kept)"; // keeps the record's "has a note" mark
    w.db.cached("UPDATE people SET departed_at = ?, personal_enc = ?, updated_at = ? WHERE id = ?")
        ->bind_all(s.departed_at,
                   w.cipher.seal("people", "personal", id,
                                 encode_personal(p, s.departed ? s.destination : std::nullopt)),
                   w.now, id)
        .run();
}

// Thrown inside the edit's transaction when the record is no longer the version the edit started
// from; turned into PersonEditConflict once the transaction has been rolled back.
struct ChangedMeanwhile {};

std::int64_t update_person_checked(Store& store, PersonId id, const Person& details,
                                   std::optional<std::int64_t> started_from, bool sees_medical,
                                   bool judges_age) {
    return store.write(Permission::CheckIn, [&](WriteContext& w) -> std::int64_t {
        auto st = w.db.cached(
            "SELECT reference, personal_enc, medical_enc, arrived_at, version FROM people WHERE id = ?");
        st->bind(1, id);
        if (!st->step())
            throw StoreError(ErrorKind::InvalidInput, "There is no person #" + std::to_string(id) + ".");
        const std::string reference = st->text_at(0);
        auto before_personal = open_personal(w.cipher, id, st->blob_at(1));
        const Blob medical_blob = st->blob_at(2);
        const UnixSeconds arrived_at = st->int64_at(3);
        const std::int64_t stored_version = st->int64_at(4);
        st->reset();
        // A note sealed to the coordinator key opens only for a coordinator holding it.
        const bool medical_readable = sees_medical && (w.cipher.opens_coordinator_fields() ||
                                                       !FieldCipher::sealed_for_coordinators(medical_blob));
        const auto before_medical =
            medical_readable ? open_medical(w.cipher, id, medical_blob) : std::optional<std::string>("");
        const bool note_exists = before_personal && before_personal->has_medical;
        if (!before_personal || !before_personal->facts_sealed || !before_medical)
            throw StoreError(ErrorKind::Crypto,
                             reference + " failed its integrity check and cannot be edited.",
                             restore_advice(w.db.path().string()));
        Person before = person_from_fields(*before_personal);
        before.medical_needs = *before_medical;
        const std::optional<Destination> departed_to = before_personal->departed_to;

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
        if (auto problems = person_problems(w.db, w.cipher, after, std::min(arrived_at, w.now), w.now, id);
            !problems.empty())
            throw PersonRejected(std::move(problems));

        // Every field about a person is named in the audit, never given (audit_names_only).
        AuditChanges a;
        const std::pair<const char*, bool> changed[] = {
            {"tag", before.tag != after.tag},
            {"sex", before.sex != after.sex},
            {"claimed_age", before.claimed_age != after.claimed_age},
            {"age_band", before.age_band != after.age_band},
            {"child_status", before.stated_child != after.stated_child},
            {"nationality", before.nationality != after.nationality},
            {"languages", languages_text(before.languages) != languages_text(after.languages)},
            {"interpreter_needed", before.interpreter_needed != after.interpreter_needed},
            {"exploitation", before.exploitation.bits() != after.exploitation.bits()},
            {"indicators", before.indicators.bits() != after.indicators.bits()},
            {"nrm_consent", before.nrm_consent != after.nrm_consent},
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
        for (const auto& [field, differs] : changed)
            if (differs) a.personal(field);
        // Nothing differs from the record as it is (also when another desk saved the same values).
        if (a.empty()) return stored_version;
        if (started_from && *started_from != stored_version) throw ChangedMeanwhile{};
        // "Clearly an adult" with no age recorded takes a person off the child rules: a coordinator's call.
        if (before.adult_judgement != after.adult_judgement && !judges_age)
            throw StoreError(ErrorKind::NotPermitted,
                             "Only a coordinator may record that a person is clearly an adult.");
        const bool consent_changed = before.nrm_consent != after.nrm_consent;
        const bool has_consent_answer = after.nrm_consent.has_value();
        const UnixSeconds consent_at = std::max(w.now, arrived_at);

        // The version read above is the one overwritten: on a shared centre another desk may commit
        // between that read and this write, and then no row matches and nothing is written.
        w.db.cached("UPDATE people SET tag_index = ?, personal_enc = ?, medical_enc = ?, updated_at = ?, "
                    "version = version + 1 WHERE id = ? AND version = ?")
            ->bind_all(tag_index(w.cipher, after.tag),
                       w.cipher.seal("people", "personal", id, encode_personal(after, departed_to)),
                       medical_readable ? seal_medical(w.cipher, id, after.medical_needs) : medical_out,
                       w.now, id, stored_version)
            .run();
        if (w.db.changes() == 0) throw ChangedMeanwhile{};
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
        return stored_version + 1;
    });
}

} // namespace

PersonEditConflict::PersonEditConflict(PersonRecord current)
    : StoreError(ErrorKind::Conflict,
                 current.person.reference +
                     " was changed at another desk while you were editing. Nothing was saved.",
                 "Compare the two versions and choose which to keep, or merge them field by field."),
      current_(std::move(current)) {}

std::int64_t update_person(Store& store, PersonId id, const Person& details,
                           std::optional<std::int64_t> started_from) {
    const bool sees_medical = store.can(Permission::ViewMedicalNotes);
    const bool judges_age = store.can(Permission::RecordReferrals);
    try {
        return update_person_checked(store, id, details, started_from, sees_medical, judges_age);
    } catch (const ChangedMeanwhile&) {
        // Read after the rollback: the record as it now is, with its version.
        std::optional<PersonRecord> current = person(store, id);
        if (!current)
            throw StoreError(ErrorKind::InvalidInput,
                             "Person #" + std::to_string(id) + " was removed while you were editing.");
        spdlog::info("store: {} edit refused: changed since version {}", current->person.reference,
                     started_from.value_or(0));
        throw PersonEditConflict(std::move(*current));
    }
}

std::int64_t record_journey_step(Store& store, PersonId id, JourneyStep step, UnixSeconds at,
                                 std::optional<Destination> destination, std::string_view note,
                                 const SaveKey& key) {
    std::string reference;
    const SaveOutcome saved = store.save(
        Permission::CheckIn, key, "journey_step", [&](WriteContext& w) -> std::vector<std::int64_t> {
            auto st = w.db.cached("SELECT reference FROM people WHERE id = ?");
            st->bind(1, id);
            if (!st->step())
                throw StoreError(ErrorKind::InvalidInput, "There is no person #" + std::to_string(id) + ".");
            reference = st->text_at(0);
            st->reset();
            std::vector<JourneyEvent> events = stored_journey(w.db, w.cipher, id);
            const JourneyEvent next{step, at, destination, std::string(note)};
            std::optional<std::string> problem = journey_step_problem(events, next);
            if (!problem && at > w.now)
                problem =
                    std::string(journey_step_label(step)) + " cannot be recorded at a time in the future";
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
                throw StoreError(ErrorKind::InvalidInput,
                                 reference + ": " + text + ". Nothing was recorded.");
            }
            const std::int64_t event_id = insert_journey_event(w, id, next);
            events.push_back(next);
            update_journey_columns(w, id, events);
            return {event_id};
        });
    // A replayed save did not read the reference: the log names the person by id then.
    spdlog::info("store: {} {}", reference.empty() ? "person #" + std::to_string(id) : reference,
                 journey_step_id(step));
    return saved.ids.at(0);
}

} // namespace rc::store
