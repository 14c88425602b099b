#pragma once
// The people received at the centre and their journey through it: check-in (one person, or a group of
// placeholders to complete later), edits, journey steps, the nominal roll import, and reading them back.
//
//   auto in = rc::store::check_in(*store, person, arrived_at);      // in.reference == "OP-0001-017"
//   auto bus = rc::store::register_group(*store, 12, "Bus 1", at, "T001");   // 12 placeholders
//   rc::store::update_person(*store, bus[0].id, details, record.version);  // refused if changed since
//   rc::store::record_journey_step(*store, id, rc::JourneyStep::Departed, at, rc::Destination::Hospital);
//   for (const PersonRecord& r : rc::store::people(*store)) ...    // all, decrypted, one query
//   auto roll = rc::store::import_roll(*store, text, {});           // all rows or none; roll.errors
//
// Each write is one Store::write() transaction with its audit rows, which name personal fields without
// their values. The saves that create rows (check-in, a group, a journey step) take a save key
// (save_key.hpp): the form makes it once and passes the same key when it tries the save again, so a
// retried save returns the rows the first attempt made; the default is a fresh key per call. Check-in, edits
// and journey steps need Permission::CheckIn; the roll import needs Permission::Import. Messages name
// references, tags and lines, never what identifies a person.
#include "domain/journey.hpp"
#include "domain/nominal_roll.hpp"
#include "domain/person.hpp"
#include "store/error.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

using PersonId = std::int64_t;

struct CheckedIn {
    PersonId id = 0;
    std::string reference; // "OP-0001-017": the centre's code and a sequence of at least 3 digits
};

struct PersonRecord {
    PersonId id = 0;
    // Reference, tag, every field decrypted, and the journey in order (notes decrypted).
    Person person;
    JourneySummary journey; // summarise_journey(person.journey)
    // A medical note exists that the signed-in role may not read: person.medical_needs is left empty.
    bool medical_withheld = false;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    // Goes up by one with every edit of the details: an edit states the version it started from.
    std::int64_t version = 1;
};

struct JourneyRecord {
    std::int64_t id = 0;
    PersonId person = 0;
    JourneyEvent event; // the note decrypted
    UserId recorded_by = 0;
    UnixSeconds recorded_at = 0;
};

// A check-in or an edit refused; each problem names its field (validate_person's ids, and
// "arrived_at" for the arrival time) for the screen to show beside it. Nothing was saved.
class PersonRejected : public StoreError {
public:
    explicit PersonRejected(std::vector<FieldProblem> problems);
    const std::vector<FieldProblem>& problems() const { return problems_; }

private:
    std::vector<FieldProblem> problems_;
};

// An edit refused because someone (another desk, or another window) changed the same person after the
// edit started: nothing was saved. `current()` is the record as it now is, decrypted on this desk, with
// its version: save again stating that version to keep one's own values over it.
class PersonEditConflict : public StoreError {
public:
    explicit PersonEditConflict(PersonRecord current);
    const PersonRecord& current() const { return current_; }

private:
    PersonRecord current_;
};

// ---- writes -----------------------------------------------------------------------------------------

// Checks a person in: validates them (validate_person, ages on the arrival date; a tag already in use;
// an arrival in the future), assigns the next reference and records the 'arrived' step at `arrived_at`.
// `person.reference` and `person.journey` are ignored. Throws PersonRejected, or StoreError.
CheckedIn check_in(Store& store, const Person& person, UnixSeconds arrived_at,
                   const SaveKey& key = SaveKey::make());

inline constexpr int kMaxGroupSize = 500;

// `count` (1..kMaxGroupSize) placeholders arrived together in `group` ("Bus 1"), in one transaction.
// With `first_tag` ("T015", "B1-07"), each gets the next tag: its trailing number counts up keeping
// its width. Refused whole when a tag is already in use. Returns them in order.
std::vector<CheckedIn> register_group(Store& store, int count, std::string_view group, UnixSeconds arrived_at,
                                      std::optional<std::string> first_tag = std::nullopt,
                                      const SaveKey& key = SaveKey::make());

// Replaces a person's details (the reference and the journey stay as they are). Validated as at
// check-in. A role that may not read medical notes cannot see or clear the stored note: an empty
// `medical_needs` keeps it, and text is added to it on a new line. Throws PersonRejected, or StoreError
// (InvalidInput) for an unknown id.
// `started_from` is the version the edit began with (PersonRecord::version): when the record has
// changed since, and the edit differs from it, nothing is written and PersonEditConflict carries the
// record as it now is. Without it, the edit applies to the version read in its own transaction (for
// writers that read and write at once: the demo, drills, the command line); a change committed between
// that read and the write is still refused, never overwritten. Returns the record's version after
// the edit (unchanged when the edit changed nothing).
std::int64_t update_person(Store& store, PersonId id, const Person& person,
                           std::optional<std::int64_t> started_from = std::nullopt);

// Appends a step to a person's journey, refused (StoreError InvalidInput, with journey_step_problem's
// reason) when it cannot follow the steps before it or is in the future. A departure needs a
// destination. The note is sealed. Returns the event's id.
std::int64_t record_journey_step(Store& store, PersonId id, JourneyStep step, UnixSeconds at,
                                 std::optional<Destination> destination = std::nullopt,
                                 std::string_view note = {}, const SaveKey& key = SaveKey::make());

// ---- reads (signed in) -----------------------------------------------------------------------------

// Everyone in check-in order, decrypted, with their journeys: one query, one decryption per person
// (two for a role that may read medical notes). Permission::ViewOnSite.
std::vector<PersonRecord> people(const Store& store);
std::optional<PersonRecord> person(const Store& store, PersonId id);
// With who recorded each step and when.
std::vector<JourneyRecord> journey(const Store& store, PersonId id);

// Warnings to show before saving `person` (leaving out `exclude`, the record being edited): the same
// tag as someone else (field "tag"), a record that looks like the same person (field "name": names alike
// as NameLikeness compares them, with the same date of birth or age band), saying why. The messages name
// the other person's reference only.
std::vector<FieldProblem> duplicate_warnings(const Store& store, const Person& person,
                                             std::optional<PersonId> exclude = std::nullopt);

// The earliest arrival recorded; empty before anyone arrives. Nothing personal: readable while locked.
std::optional<UnixSeconds> earliest_arrival_at(const Store& store);

// ---- the nominal roll -------------------------------------------------------------------------------

struct RollImportOptions {
    LocalTimeToUnixSeconds to_unix_seconds = unix_seconds_from_local; // the centre's time zone
    std::function<Date(UnixSeconds)> date_of = local_date_of;         // "today", in the same zone
    CsvLimits limits;
    std::size_t max_problems = 500;
    std::vector<std::string> column_choices; // "Header=field", over the matches (roll_mapping.hpp)
};

// The roll as import_roll reads it, before any database is involved (for a check before signing in):
// parse_nominal_roll, plus the same tag on two rows as an error (tags are unique in the operation).
NominalRoll check_roll(std::string_view text, const RollImportOptions& options, UnixSeconds now);

struct RollImportResult {
    std::vector<RollProblem> errors;   // any error: nothing was imported; sorted by line
    std::vector<RollProblem> warnings; // empty unknown columns; someone who looks like someone
    std::vector<CheckedIn> imported;   // in file order; empty whenever there are errors
    // This import had already been made under its save key (a retry after a lost acknowledgement):
    // `imported` is what the first attempt made, and nothing was written this time.
    bool already_imported = false;
    bool ok() const { return errors.empty(); }
};

// Imports the roll in one transaction, all rows or none. Errors: every problem check_roll finds; once
// the file has none, each tag already in the database. A roll with nobody in it writes nothing. A row
// without arrived_at arrives now; a row with departed_at has departed. Permission::Import. Throws
// StoreError for anything but the file's problems. `attempt`: made when the import is first tried and
// kept by the caller across its retries; with the file's contents it makes the import's save key
// (SaveKey::of_contents), so a retry after a lost acknowledgement returns the first attempt's people
// (already_imported) and imports no one twice.
RollImportResult import_roll(Store& store, std::string_view text, const RollImportOptions& options = {},
                             const SaveKey& attempt = SaveKey::make());

} // namespace rc::store
