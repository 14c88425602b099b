#pragma once
// What the people code shares between its source files (check-in and the roll import). Not for use
// outside src/store.
#include "store/people.hpp"
#include "store/store_internal.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

// The sealed part of a person's row except the medical note: one record, so that reading a person
// costs one decryption.
struct PersonalFields {
    std::string name;
    std::string alias;
    std::string latin_name; // format 3
    std::optional<Date> date_of_birth;
    std::string diet;
    std::string property_held;
    std::string arrival_group;
    std::string arrived_with; // the adult's reference (format 2)
    std::optional<CompanionRelation> arrived_with_relation;
    bool urgent_medical = false;
    std::string adult_judgement; // a coordinator's reason the person is clearly an adult
    bool has_medical = false;    // whether medical_enc holds a note, known without opening it
};

// Length-prefixed fields padded to a multiple of 64 bytes: the sealed size hides most of the lengths.
std::string encode_personal(const Person& p);
std::optional<PersonalFields> decode_personal(std::string_view plain);
std::string encode_medical(std::string_view text);
std::optional<std::string> decode_medical(std::string_view plain);

// nullopt when the blob fails to open (altered, another row's, another key) or does not decode.
std::optional<PersonalFields> open_personal(const FieldCipher& c, PersonId id, const Blob& sealed);
std::optional<std::string> open_medical(const FieldCipher& c, PersonId id, const Blob& sealed);
void apply_personal(PersonalFields f, Person& p);

// The reference of someone else (not `exclude`) with this tag, ignoring case; nothing for an empty tag.
std::optional<std::string> reference_with_tag(Connection& db, std::string_view tag,
                                              std::optional<PersonId> exclude);

// Inserts a checked person with the next reference and their journey events, with audit rows.
CheckedIn insert_person(WriteContext& w, const Person& p, const std::vector<JourneyEvent>& events,
                        std::string_view centre_code);
std::int64_t insert_journey_event(WriteContext& w, PersonId person_id, const JourneyEvent& e);

} // namespace rc::store
