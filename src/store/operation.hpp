#pragma once
// Running the centre as an operation against the agreed procedure: activation (the tier, the venue,
// the procedure pinned in the database), raising the tier, and what was done about each action.
//
//   auto proposal = rc::store::propose_activation(*store, 20, text, "procedure.toml"); // tier, venues
//   auto result = rc::store::activate(*store, request);    // one transaction; throws InvalidProcedure
//   std::optional<rc::Procedure> p = rc::store::pinned_procedure(*store); // never re-reads the file
//   rc::store::raise_tier(*store, rc::Tier::Large, "second coach of 14 on its way");
//   rc::store::record_action(*store, "rec-check-in", rc::ActionOutcome::Done);
//   auto states = rc::evaluate_actions(*p, store->centre().tier, *rc::store::operation_times(*store),
//                                      rc::store::action_records(*store), clock);
//
// Every write is one transaction with its audit rows and, for activation and tier changes, an
// automatic activity-log entry. Coordinator only (Permission::ManageCentre).
#include "domain/diagnostic.hpp"
#include "domain/procedure.hpp"
#include "domain/procedure_rules.hpp"
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/venues.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

// ---- activation -------------------------------------------------------------------------------------

struct ActivationRequest {
    std::string name;        // the operation's name, shown as the centre's name
    int expected_people = 0; // 1..rc::max_people
    std::optional<UnixSeconds> expected_arrival_at;
    std::string venue;            // a venue in the register, by name; empty: none chosen
    std::string procedure_text;   // the whole procedure file, exactly as read
    std::string procedure_source; // what messages call it: the file's path, or default_procedure_name
    std::optional<Tier> tier;     // the coordinator's choice; empty: accept the proposed tier
};

// What activation would do, before anything is written (for the confirmation step).
struct ActivationProposal {
    std::vector<Diagnostic> diagnostics; // the procedure's problems: non-empty means it cannot be used
    std::optional<Tier> proposed_tier;   // set when the procedure is valid
    std::vector<Venue> venues_that_fit;  // capacity >= expected, smallest first
    bool ok() const { return diagnostics.empty(); }
};

// Read-only; signed in (the venues' keyholders are decrypted).
ActivationProposal propose_activation(const Store& store, int expected_people,
                                      std::string_view procedure_text, std::string_view procedure_source);

// Activation refused because the procedure has problems; each is file:line:column.
class InvalidProcedure : public StoreError {
public:
    InvalidProcedure(std::string_view source, std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

struct PinnedProcedureInfo {
    std::string name;        // [procedure] name
    std::string version;     // [procedure] version
    std::string source_name; // the file name it was read from (no folder)
    std::string sha256;      // rc::procedure_hash() of the text
    UnixSeconds pinned_at = 0;
    UserId pinned_by = 0;
};

struct Activation {
    UnixSeconds activated_at = 0;
    UserId activated_by = 0;
    int expected_people = 0;
    std::optional<UnixSeconds> expected_arrival_at;
    Tier proposed_tier = Tier::Small;
    Tier tier = Tier::Small; // the tier it opened at; the current one is Store::centre().tier
    std::optional<VenueId> venue_id;
    std::string venue_name; // as it was called at activation
};

struct ActivationResult {
    Activation activation;
    PinnedProcedureInfo pinned;
    std::optional<Venue> venue;
    bool venue_fits = true; // false when the venue's capacity is below the expected number
    std::int64_t log_entry = 0;
};

// Validates the procedure (throws InvalidProcedure with the loader's messages, writing nothing), then
// in one transaction: sets the centre's name, tier, expected number and venue, pins the procedure's
// text and hash, opens the centre (activated_at = now) and logs it. Only from standby, once.
// ManageCentre. Throws StoreError(InvalidInput) for bad values or an unknown venue.
ActivationResult activate(Store& store, const ActivationRequest& request);

// What was recorded at activation; empty before. (Nothing personal: readable while locked.)
std::optional<Activation> activation(const Store& store);
std::optional<PinnedProcedureInfo> pinned_procedure_info(const Store& store);
std::optional<std::string> pinned_procedure_text(const Store& store);
// The procedure parsed from the pinned text (the file is never read again). Parsing takes a few
// milliseconds: call it when data_version() changes, not per frame. Throws StoreError(Corrupt) when
// the text no longer matches its hash.
std::optional<Procedure> pinned_procedure(const Store& store);

// When the first person arrived (the people table's earliest arrived_at); empty until then.
std::optional<UnixSeconds> first_arrival_at(const Store& store);
// What due times count from; empty before activation.
std::optional<OperationTimes> operation_times(const Store& store);

// ---- tier ---------------------------------------------------------------------------------------------

struct TierChange {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    UserId by = 0;
    Tier from = Tier::Small;
    Tier to = Tier::Small;
    std::string reason; // decrypted (may be personal)
};

// Raises the centre's tier (small -> medium or large, medium -> large) while it is open or standing
// down; records it in tier_changes and logs it. The reason is required. ManageCentre.
void raise_tier(Store& store, Tier new_tier, std::string_view reason);
std::vector<TierChange> tier_changes(const Store& store); // oldest first; signed in

// ---- the expected number ------------------------------------------------------------------------------

// Revises the number of people expected (1..rc::max_people) at any time after activation until the
// centre closes: the bag forecast and the tier proposal follow it. Audited, and written in the activity
// log with the old and new numbers and the reason, when one is given (e.g. "a second coach of 9").
// The tier is not changed: when the new number is past the tier, the dashboard says so. ManageCentre.
// Throws StoreError(InvalidInput) before activation, after closing, or for a number out of range.
void revise_expected(Store& store, int expected_people, std::string_view reason = {});

// ---- action records -----------------------------------------------------------------------------------

// What the store records about an action. Reopened undoes the record before it.
enum class RecordedOutcome { Done, NotApplicable, Reopened };
std::string_view recorded_outcome_id(RecordedOutcome o); // "done", "not_applicable", "reopened"
std::optional<RecordedOutcome> recorded_outcome_from_id(std::string_view id);

struct StoredActionRecord {
    std::int64_t id = 0;
    std::string action_id;
    RecordedOutcome outcome = RecordedOutcome::Done;
    UserId by_user = 0;
    std::string by; // who, as shown (decrypted; personal)
    UnixSeconds at = 0;
    std::string reason; // decrypted (personal); required for NotApplicable
};

// Appends a record for an action of the pinned procedure (after activation). `by` is who did it as it
// should be shown (a staff reference, "Red Cross team"); empty: the signed-in user's name. A
// not-applicable record needs a reason. ManageCentre. Returns the record's id.
std::int64_t record_action(Store& store, std::string_view action_id, ActionOutcome outcome,
                           std::string_view reason = {}, std::string_view by = {});
// Undoes the action's current record (the action is to do again). Refused when nothing counts for it.
std::int64_t reopen_action(Store& store, std::string_view action_id, std::string_view reason = {});

// Every record, oldest first (signed in).
std::vector<StoredActionRecord> action_history(const Store& store);
// The records that count, ready for rc::evaluate_actions: the latest per action, leaving out actions
// whose latest record reopened them (signed in).
std::vector<ActionRecord> action_records(const Store& store);

} // namespace rc::store
