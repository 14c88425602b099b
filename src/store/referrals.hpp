#pragma once
// Referrals in the store: recording them, moving them through their statuses, reading them back, each
// person's referrals checked against the pinned procedure's rules, and the prompt sheet for the Home
// Office form.
//
//   rc::Referral r;  r.type = rc::ReferralType::Nrm;  r.making_partner = "police";  r.consent = ...;
//   auto id = rc::store::add_referral(*store, person_id, r);              // refused whole, with fields
//   rc::store::set_referral_status(*store, id, rc::ReferralStatus::Made);
//   auto overview = rc::store::referral_overview(*store, clock.now());    // per person, and alerts
//   auto sheet = rc::store::referral_prompt_sheet(*store, id);            // NRM or MS1 only
//
// Writes need Permission::RecordReferrals (a coordinator: see permissions.cpp for why), each one
// Store::write() transaction with its audit row and a referral_events row; who made it, reasons, external
// references and notes are sealed and only named in the audit trail. A Duty to Notify (MS1), and any
// referral the procedure says must be anonymous for the person, is refused identifying details: the
// identifying flag, and free text that mentions the person's name, alias, tag or date of birth. Nothing
// copies the person's details into a referral. Messages name references and fields, never a person.
#include "domain/alert.hpp"
#include "domain/person.hpp"
#include "domain/referral_check.hpp"
#include "domain/referral_prompt_sheet.hpp"
#include "domain/referral_record.hpp"
#include "store/edit_conflict.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

using ReferralId = std::int64_t;

struct ReferralRecord {
    ReferralId id = 0;
    PersonId person_id = 0;
    std::string person_reference; // "OP-0001-017"
    Referral referral;            // sealed fields decrypted (empty in an overview read)
    UnixSeconds created_at = 0;
    UserId created_by = 0;
    UnixSeconds updated_at = 0;
    UserId updated_by = 0;
    // Goes up by one with every edit of the details and every change of status: an edit states the
    // version it started from.
    std::int64_t version = 1;
};

enum class ReferralEventAction { Created, Updated, Status };

struct ReferralEvent {
    std::int64_t id = 0;
    ReferralId referral_id = 0;
    ReferralEventAction action = ReferralEventAction::Created;
    UnixSeconds at = 0; // when it happened (a status change may be recorded after the fact)
    std::optional<ReferralStatus> from_status;
    ReferralStatus to_status = ReferralStatus::ToDo;
    std::vector<std::string> fields; // Updated: the fields that changed, by id
    std::string reason;              // Status to declined or withdrawn: decrypted
    UserId by_user = 0;
    UnixSeconds recorded_at = 0;
};

// A referral refused; each problem names its field (validate_referral's ids, and "person", "at") for
// the screen to show beside it. Nothing was saved.
class ReferralRejected : public StoreError {
public:
    explicit ReferralRejected(std::vector<FieldProblem> problems);
    const std::vector<FieldProblem>& problems() const { return problems_; }

private:
    std::vector<FieldProblem> problems_;
};

// ---- writes (Permission::RecordReferrals; the centre must be activated: the rules and partners are
// the pinned procedure's) ------------------------------------------------------------------------------

// Records a referral for a person. Its status may start at to do, in progress or made (recorded after
// the fact; `made_at` when given, else now). `status_at`, `outcome_at` and `reason` are ignored. Throws
// ReferralRejected (bad details; identifying details on an anonymous referral), or StoreError.
// `key`: the form's save key (save_key.hpp); a retry under the same key returns the first referral.
ReferralId add_referral(Store& store, PersonId person, const Referral& details,
                        const SaveKey& key = SaveKey::make());

// Replaces the details (organisations, who made it, consent, external reference, notes, identifying).
// The type and the person stay; the status and its times change only through set_referral_status.
// `started_from`: the version the edit began with (ReferralRecord::version). When another desk changed
// the referral since (its details or its status), nothing is written and EditConflict<ReferralRecord>
// (edit_conflict.hpp) carries it as it now is; without it, the version read in the edit's own
// transaction. Details equal to the referral as it is save nothing. Returns the version after the edit.
std::int64_t update_referral(Store& store, ReferralId id, const Referral& details,
                             std::optional<std::int64_t> started_from = std::nullopt);

// Moves a referral to `to` (referral_transition_allowed), at `at` (default now; not in the future, not
// before its last change). Declined and withdrawn need a reason (sealed). Made sets made_at; accepted,
// declined and withdrawn set outcome_at. An NRM or MS1 can be made only once the organisation making it
// is recorded. Throws ReferralRejected, or StoreError. It states no version: the move is checked against
// the status as it is when saved (two desks moving it at once: the second is checked against the
// first's status, or refused with ErrorKind::Conflict if they commit in between).
void set_referral_status(Store& store, ReferralId id, ReferralStatus to, std::string_view reason = {},
                         std::optional<UnixSeconds> at = std::nullopt);

// ---- reads ---------------------------------------------------------------------------------------------

// Every referral, by person then in the order recorded, decrypted. Permission::RecordReferrals.
std::vector<ReferralRecord> referrals(const Store& store);
std::vector<ReferralRecord> referrals_for(const Store& store, PersonId person);
std::optional<ReferralRecord> referral(const Store& store, ReferralId id);
// The referral's history, oldest first. Permission::RecordReferrals.
std::vector<ReferralEvent> referral_history(const Store& store, ReferralId id);

struct ReferralOverviewOptions {
    std::function<Date(UnixSeconds)> date_of = local_date_of; // arrival dates, in the centre's time zone
};

struct PersonReferralOverview {
    PersonId person_id = 0;
    std::string reference;
    std::optional<UnixSeconds> arrived_at;
    bool in_centre = false; // arrived and not departed
    bool departed = false;
    PersonReferralCheck check;               // required, recommended, made, missing, overdue, findings
    std::vector<ReferralRecord> referrals;   // in the order the check saw them; sealed fields left empty
    std::vector<ReferralId> referral_ids;    // the same order (for alert targets)
    std::vector<UnixSeconds> referral_since; // each referral's status_at (same order)
};

struct ReferralOverview {
    bool procedure_pinned = false; // false before activation: nothing to check against, `people` empty
    std::vector<PersonReferralOverview> people; // check-in order
    // Missing, overdue and contradictory referrals, ages not established, departures without a referral,
    // people reported missing, pending decisions, people in the centre
    // too long: sorted (rc::sort_alerts). The dashboard adds its other alerts and sorts again.
    std::vector<Alert> alerts;
    int people_with_missing = 0;
    int missing = 0;
    int overdue = 0;
    int contradictions = 0;
    int age_not_established = 0;       // presumed children
    int departed_without_referral = 0; // people who left with a required referral missing
    int undecided = 0;                 // adults undecided or not asked yet
    // When an alert will next appear without any data changing (a due time or the on-site limit
    // passing): when to recompute.
    std::optional<UnixSeconds> next_change_at;
};

// Everyone's referrals checked against the pinned procedure, at `now`: two queries, one decryption per
// person (the sealed record with the date of birth; never the medical note), none per referral.
// Permission::ViewOnSite: it holds no sealed referral field, so the dashboard can show it to anyone signed
// in.
ReferralOverview referral_overview(const Store& store, UnixSeconds now,
                                   const ReferralOverviewOptions& options = {});

// The prompt sheet for an NRM or MS1 referral; nullopt for other types. An MS1's sheet carries nothing
// that identifies the person. Permission::RecordReferrals.
std::optional<PromptSheet>
referral_prompt_sheet(const Store& store, ReferralId id,
                      const std::function<Date(UnixSeconds)>& date_of = local_date_of);

} // namespace rc::store
