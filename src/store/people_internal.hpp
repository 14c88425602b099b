#pragma once
// What the people code shares between its source files (the sealed records, check-in and edits, reads,
// the roll import, the purge, the referrals and the schema upgrade). Not for use outside src/store.
#include "store/people.hpp"
#include "store/store_internal.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

// Everything about a person except the medical note, the reference and the times: one sealed record
// (people.personal_enc), so that reading a person costs one decryption. Formats 1 and 2 (schema 12 and
// before) held only the identifying part; the facts (tag, sex, ages, nationality, languages,
// exploitation, consent, where the person went) were clear columns until schema 13, and such a record
// reads with facts_sealed false.
struct PersonalFields {
    std::string name;
    std::string alias;
    std::string latin_name; // format 3, field kLatinName
    std::optional<Date> date_of_birth;
    std::string diet;
    std::string property_held;
    std::string arrival_group;
    std::string arrived_with; // the adult's reference (format 2)
    std::optional<CompanionRelation> arrived_with_relation;
    bool urgent_medical = false;
    std::string adult_judgement; // a coordinator's reason the person is clearly an adult
    bool has_medical = false;    // whether medical_enc holds a note, known without opening it

    // Format 3: the facts.
    bool facts_sealed = false;
    std::string tag;
    Sex sex = Sex::Unknown;
    std::optional<int> claimed_age;
    AgeBand age_band = AgeBand::Unknown;
    ChildStatus stated_child = ChildStatus::Unknown;
    std::string nationality;
    std::vector<std::string> languages;
    std::optional<bool> interpreter_needed;
    ExploitationTypes exploitation;
    ForcedLabourIndicators indicators;
    NrmConsentAnswer nrm_consent;
    std::optional<Destination> departed_to; // where a departed person went (the journey says it too)
};

// Format 3 (a sealed record, see sealed_record.hpp), padded to a multiple of 64 bytes: the sealed size
// hides most of the lengths. `departed_to` is where the journey ended, for a departed person.
std::string encode_personal(const Person& p, std::optional<Destination> departed_to);
std::optional<PersonalFields> decode_personal(std::string_view plain);
std::string encode_medical(std::string_view text);
std::optional<std::string> decode_medical(std::string_view plain);

// nullopt when the blob fails to open (altered, another row's, another key) or does not decode.
std::optional<PersonalFields> open_personal(const FieldCipher& c, PersonId id, const Blob& sealed);
std::optional<std::string> open_medical(const FieldCipher& c, PersonId id, const Blob& sealed);
Blob seal_medical(const FieldCipher& c, PersonId id, const std::string& text);
// Copies every sealed field (identifying and facts) into `p`.
void apply_personal(PersonalFields f, Person& p);
// The fields of `f` as a Person (reference, journey and medical note left empty).
Person person_from_fields(const PersonalFields& f);

// people.tag_index: the blind index of the tag, case-folded (tags are unique ignoring case); nothing
// for a person without a tag.
std::optional<Blob> tag_index(const FieldCipher& c, std::string_view tag);

// A journey step's sealed record (journey_events.event_enc): the step and the destination.
std::string encode_journey_event(const JourneyEvent& e);
// nullopt when it does not decode; the note is not part of it.
std::optional<JourneyEvent> decode_journey_event(std::string_view plain);

// The reference of someone else (not `exclude`) with this tag, ignoring case; nothing for an empty tag.
std::optional<std::string> reference_with_tag(Connection& db, const FieldCipher& c, std::string_view tag,
                                              std::optional<PersonId> exclude);

// The people a save made, read back by id (a save replayed under its key), in the order given.
std::vector<CheckedIn> checked_in_rows(Store& store, const std::vector<std::int64_t>& ids);

// validate_person's problems, plus an arrival in the future, a tag already in use and an adult's
// reference that names no one.
std::vector<FieldProblem> person_problems(Connection& db, const FieldCipher& c, const Person& p,
                                          UnixSeconds arrived_at, UnixSeconds now,
                                          std::optional<PersonId> exclude);

// Inserts a checked person with the next reference and their journey events, with audit rows.
CheckedIn insert_person(WriteContext& w, const Person& p, const std::vector<JourneyEvent>& events,
                        std::string_view centre_code);
std::int64_t insert_journey_event(WriteContext& w, PersonId person_id, const JourneyEvent& e);

// Warns (in line order) of rows that look like someone already checked in (NameLikeness), naming the
// other person's reference only. Used by the roll import and the offline roll's.
void warn_of_people_already_in(WriteContext& w, const std::vector<PersonDraft>& rows,
                               std::vector<RollProblem>& warnings);

} // namespace rc::store
