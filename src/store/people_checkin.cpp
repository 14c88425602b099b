// Checking people in: one person, a group arriving together, the checks on a record, and the inserts
// the roll import shares.
#include "domain/tag_sequence.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/people.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace rc::store {

std::vector<FieldProblem> person_problems(Connection& db, const FieldCipher& c, const Person& p,
                                          UnixSeconds arrived_at, UnixSeconds now,
                                          std::optional<PersonId> exclude) {
    Person checked = p;
    checked.reference.clear(); // assigned here, never taken from the caller
    checked.journey.clear();   // recorded step by step, checked by journey_step_problem
    std::vector<FieldProblem> out = validate_person(checked, local_date_of(now), local_date_of(arrived_at));
    if (arrived_at > now) out.push_back({"arrived_at", "in the future"});
    if (auto other = reference_with_tag(db, c, p.tag, exclude))
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

std::optional<std::string> reference_with_tag(Connection& db, const FieldCipher& c, std::string_view tag,
                                              std::optional<PersonId> exclude) {
    const std::optional<Blob> index = tag_index(c, tag);
    if (!index) return std::nullopt;
    // The tag is sealed; its blind index finds the row (and keeps tags unique, ignoring case).
    auto st = db.cached("SELECT reference FROM people WHERE tag_index = ? AND id <> ?");
    st->bind_all(*index, exclude.value_or(0));
    if (!st->step()) return std::nullopt;
    std::string reference = st->text_at(0);
    st->reset();
    return reference;
}

std::int64_t insert_journey_event(WriteContext& w, PersonId person_id, const JourneyEvent& e) {
    const std::int64_t id = w.next_id("journey_events");
    std::optional<Blob> note;
    if (!e.note.empty()) note = w.cipher.seal("journey_events", "note", id, e.note);
    w.db.cached("INSERT INTO journey_events (id, person_id, at, event_enc, note_enc, by_user, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, person_id, e.at, w.cipher.seal("journey_events", "event", id, encode_journey_event(e)),
                   note, w.user, w.now)
        .run();
    // Which step and where to are facts about the person: named, never given (audit_names_only).
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
    const std::int64_t sequence = w.next_number("people");
    std::string number = std::to_string(sequence);
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    CheckedIn out{id, std::string(centre_code) + "-" + number};

    const JourneySummary s = summarise_journey(events);
    const UnixSeconds arrived_at = s.arrived_at.value_or(w.now);
    std::optional<UnixSeconds> consent_at;
    if (p.nrm_consent) consent_at = std::max(w.now, arrived_at);
    w.db.cached("INSERT INTO people (id, sequence, reference, tag_index, arrived_at, departed_at, "
                "nrm_consent_at, personal_enc, medical_enc, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, sequence, out.reference, tag_index(w.cipher, p.tag), arrived_at, s.departed_at,
                   consent_at,
                   w.cipher.seal("people", "personal", id,
                                 encode_personal(p, s.departed ? s.destination : std::nullopt)),
                   seal_medical(w.cipher, id, p.medical_needs), w.now, w.now)
        .run();

    // The audit row of a person names the fields, never their values (audit_names_only).
    AuditChanges a;
    a.value("reference", out.reference);
    for (const char* field : {"tag", "sex"})
        a.personal(field);
    if (p.claimed_age) a.personal("claimed_age");
    for (const char* field : {"age_band", "child_status", "nationality", "languages", "interpreter_needed",
                              "exploitation", "indicators", "nrm_consent"})
        a.personal(field);
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

// The people a save made, read back by id (a save replayed under its key).
std::vector<CheckedIn> checked_in_rows(Store& store, const std::vector<std::int64_t>& ids) {
    std::vector<CheckedIn> out;
    auto st = store.connection_for_reading().cached("SELECT reference FROM people WHERE id = ?");
    for (std::int64_t id : ids) {
        st->bind(1, id);
        if (!st->step())
            throw StoreError(ErrorKind::InvalidInput, "The person this save made (#" + std::to_string(id) +
                                                          ") is no longer on record.");
        out.push_back({id, st->text_at(0)});
        st->reset();
    }
    return out;
}

CheckedIn check_in(Store& store, const Person& details, UnixSeconds arrived_at, const SaveKey& key) {
    if (!details.adult_judgement.empty() && !store.can(Permission::RecordReferrals))
        throw StoreError(ErrorKind::NotPermitted,
                         "Only a coordinator may record that a person is clearly an adult.");
    CheckedIn out;
    const SaveOutcome saved = store.save(Permission::CheckIn, key, "check_in", [&](WriteContext& w) {
        if (auto problems = person_problems(w.db, w.cipher, details, arrived_at, w.now, std::nullopt);
            !problems.empty())
            throw PersonRejected(std::move(problems));
        out = insert_person(w, details, {{JourneyStep::Arrived, arrived_at, std::nullopt, {}}},
                            read_centre(w.db).code);
        return std::vector<std::int64_t>{out.id};
    });
    if (saved.replayed) out = checked_in_rows(store, saved.ids).at(0);
    spdlog::info("store: checked in {}", out.reference);
    return out;
}

std::vector<CheckedIn> register_group(Store& store, int count, std::string_view group, UnixSeconds arrived_at,
                                      std::optional<std::string> first_tag, const SaveKey& key) {
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
    std::vector<CheckedIn> out;
    const SaveOutcome saved = store.save(Permission::CheckIn, key, "register_group", [&](WriteContext& w) {
        std::vector<FieldProblem> problems;
        for (const std::string& tag : tags) {
            Person placeholder;
            placeholder.tag = tag;
            placeholder.arrival_group = std::string(group);
            for (FieldProblem& fp :
                 person_problems(w.db, w.cipher, placeholder, arrived_at, w.now, std::nullopt))
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
        out = added;
        std::vector<std::int64_t> ids;
        for (const CheckedIn& c : added)
            ids.push_back(c.id);
        return ids;
    });
    if (saved.replayed) out = checked_in_rows(store, saved.ids);
    spdlog::info("store: registered a group of {} ({} to {})", out.size(), out.front().reference,
                 out.back().reference);
    return out;
}

} // namespace rc::store
