#pragma once
// The rules the rest of the console runs over a loaded procedure: which tier to propose, when each
// action is due, whether it is done or overdue, which referrals a person needs, how many support bags
// to hold. Pure functions over plain structs; time comes in as arguments or an rc::Clock.
#include "domain/clock.hpp"
#include "domain/procedure.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rc {

// ---- Tiers -------------------------------------------------------------------------------------------

// The tier whose range holds `expected_people` (fewer than 1 counts as 1).
Tier propose_tier(const Procedure& p, int expected_people);
const TierRange& tier_range(const Procedure& p, Tier t);

// ---- Partners and contacts --------------------------------------------------------------------------

struct PartnerAtTier {
    std::string partner_id;
    std::string name;
    PartnerRole role = PartnerRole::Support;
    bool on_site = false;
};
// The partners involved at a tier: leads first, then support, each in file order.
std::vector<PartnerAtTier> partners_for_tier(const Procedure& p, Tier t);

// The call-out cascade: contacts with an order, by order (equal orders are called together) then file
// order. Contacts without an order are reference numbers and are left out.
std::vector<Contact> call_out_cascade(const Procedure& p);

// ---- Action timing and status ---------------------------------------------------------------------

// When the operation started and when the first person arrived (if anyone has yet).
struct OperationTimes {
    UnixSeconds activated_at = 0;
    std::optional<UnixSeconds> first_arrival_at;
};

enum class DueKind {
    At,                   // due at `at`
    NoFixedTime,          // the action has no due time (never overdue)
    AwaitingFirstArrival, // counts from the first arrival, which has not happened yet
};
struct DueTime {
    DueKind kind = DueKind::NoFixedTime;
    UnixSeconds at = 0; // only for DueKind::At
};

bool action_applies(const ProcedureAction& a, Tier t);
DueTime action_due_time(const ProcedureAction& a, const OperationTimes& times);

// What the operation recorded about an action (the store keeps these; the latest one counts).
enum class ActionOutcome { Done, NotApplicable };
struct ActionRecord {
    std::string action_id;
    ActionOutcome outcome = ActionOutcome::Done;
    std::string by;     // who did it or decided it does not apply (a user name or staff reference)
    UnixSeconds at = 0; // when it was recorded
    std::string reason; // why it does not apply (required for NotApplicable)
};
// What is wrong with a record before it is saved ("" when fine): unknown action, no one named, a
// not-applicable without a reason.
std::string check_action_record(const Procedure& p, const ActionRecord& r);

enum class ActionStatus {
    ToDo,          // not done, not yet past its due time (or no due time)
    Overdue,       // not done and now > due time
    Done,          // done (see done_late)
    NotApplicable, // marked not applicable, with a reason
};
std::string_view action_status_id(ActionStatus s); // "to_do", "overdue", "done", "not_applicable"
std::string_view action_status_label(ActionStatus s);

struct ActionState {
    std::size_t action_index = 0; // into Procedure::actions
    DueTime due;
    ActionStatus status = ActionStatus::ToDo;
    std::optional<ActionRecord> record; // the record that decided the status, if any
    bool done_late = false;             // done after its due time
    UnixSeconds overdue_seconds = 0;    // how far past due (Overdue), or how late it was done
};

// One action's state. `record` is the latest record for this action, or nullptr.
ActionState evaluate_action(const Procedure& p, std::size_t action_index, const OperationTimes& times,
                            const ActionRecord* record, UnixSeconds now);

// Every action that applies at `tier`, in phase order, then by due time (actions without a fixed time
// last within their phase), then file order. For each action the latest record (by `at`; later in the
// span on a tie) counts; records of unknown actions are ignored.
std::vector<ActionState> evaluate_actions(const Procedure& p, Tier tier, const OperationTimes& times,
                                          std::span<const ActionRecord> records, const Clock& clock);

struct ActionCounts {
    int to_do = 0;
    int overdue = 0;
    int done = 0;
    int done_late = 0; // also counted in done
    int not_applicable = 0;
    int mandatory_open = 0; // mandatory actions still to do or overdue
};
ActionCounts count_actions(const Procedure& p, std::span<const ActionState> states);

// The earliest due time still ahead of `now` among open actions: when the screen next needs to wake
// to show something turning overdue.
std::optional<UnixSeconds> next_due_time(std::span<const ActionState> states, UnixSeconds now);

// ---- Referrals ---------------------------------------------------------------------------------------

struct ReferralRequirements {
    std::vector<ReferralType> required;
    std::vector<ReferralType> recommended;
    std::vector<ReferralType> no_identifying_data; // must be made without identifying details
};
// The rule for a category; age-disputed people get the child rule.
ReferralRequirements referral_requirements(const Procedure& p, PersonCategory c);
bool referral_must_not_identify(const Procedure& p, PersonCategory c, ReferralType t);
const ReferralRule& referral_rule(const Procedure& p, PersonCategory c);

// What a required referral's due time counts from, by the rule that requires it: a child's (and an
// age-disputed or age-not-established person's) from arrival; an adult's who consents from the consent
// decision; an adult's who declines from the decline; the MS1 owed when an undecided adult leaves, from
// the departure.
enum class ReferralDueAnchor { Arrival, ConsentDecision, Decline, Departure };
std::string_view referral_due_anchor_id(ReferralDueAnchor a); // "arrival", "consent", "decline", "departure"
std::string_view referral_due_anchor_label(ReferralDueAnchor a); // "after arrival"
ReferralDueAnchor referral_due_anchor(PersonCategory c);

// The procedure's minutes for a referral type under a category's rule; nullopt when the rule sets none.
std::optional<int> referral_due_minutes(const Procedure& p, PersonCategory c, ReferralType t);

// ---- Support bags ------------------------------------------------------------------------------------

const std::vector<BagPlanLine>& bag_plan(const Procedure& p, Tier t);
// Bags of one kind to hold for `people` expected: the plan's share, rounded up, but never below the
// minimum stock. `people` is clamped to 0..max_people.
int bags_needed(const BagPlanLine& line, int people);

// ---- Time on site ------------------------------------------------------------------------------------

// True when someone who arrived (or signed in) at `since` has been on site longer than the procedure's
// threshold at `now`.
bool on_site_too_long(const Procedure& p, UnixSeconds since, UnixSeconds now);
bool shift_too_long(const Procedure& p, UnixSeconds since, UnixSeconds now);

} // namespace rc
