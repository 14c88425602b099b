#pragma once
// Alerts: everything that needs someone to act, from every part of the console, in one list for the
// dashboard. Each alert says how urgent it is, what kind it is, one line about it, and the record it is
// about, so that the list can jump there in one keystroke. The referral checks and time on site are
// gathered here; other parts (overdue procedure actions, uncovered roles, low stock, long shifts) build
// their own Alert values and pass them in. Messages carry references (OP-0001-017) and ids, never names.
#include "domain/clock.hpp"
#include "domain/procedure.hpp"
#include "domain/referral_check.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Most urgent first; ids in parentheses.
enum class AlertSeverity {
    Critical, // (critical) act now: overdue, contradictory
    Warning,  // (warning) act soon: missing, age not established, on site too long
    Reminder, // (reminder) not a failure: an undecided adult
};
std::string_view alert_severity_id(AlertSeverity s);
std::string_view alert_severity_label(AlertSeverity s); // "Critical"

enum class AlertKind {
    ReferralMissing,       // (referral_missing)
    ReferralOverdue,       // (referral_overdue)
    ReferralContradictory, // (referral_contradictory)
    DecisionPending,       // (decision_pending) an adult undecided or not asked about the NRM
    OnSiteTooLong,         // (on_site_too_long)
    ActionOverdue,         // (action_overdue) a procedure action past its due time
    RoleUncovered,         // (role_uncovered) a role the procedure needs on site that nobody fills
    LowStock,              // (low_stock)
    ShiftTooLong,          // (shift_too_long) staff on shift too long
    Other,                 // (other)
    // Centre capacity, coverage by function and people who belong together.
    TierExceeded,       // (tier_exceeded) more people received than the tier's upper bound
    FunctionMissing,    // (function_missing) a function the procedure needs on site that nobody performs
    InterpreterMissing, // (interpreter_missing) people on site need a language no interpreter on site speaks
    ChildWithUnrelatedAdult, // (child_with_unrelated_adult) an indicator to share with children's services
    // Safeguarding at every exit and for every unknown age (issue 14, items 1 and 2).
    DepartedWithoutReferral, // (departed_without_referral) left with a required referral missing:
                             // critical for a child, a warning for an adult
    AgeNotEstablished,       // (age_not_established) presumed a child: a warning, critical once the
                             // procedure's welfare check time has passed
    PersonMissing,           // (person_missing) left to "missing": critical at once
};
std::string_view alert_kind_id(AlertKind k);
std::string_view alert_kind_label(AlertKind k); // "Referral overdue"

// What an alert is about: the screen to open and the record to select.
enum class AlertTargetKind {
    Centre,   // (centre) the centre as a whole
    Person,   // (person) id: the person
    Referral, // (referral) id: the referral; person: whose
    Action,   // (action) key: the procedure action id
    Partner,  // (partner) key: the partner id
    Staff,    // (staff) id: the staff record
    Stock,    // (stock) id and/or key: the stock item or bag kind
};
std::string_view alert_target_kind_id(AlertTargetKind k);

struct AlertTarget {
    AlertTargetKind kind = AlertTargetKind::Centre;
    std::int64_t id = 0;                // the record's id, when it has one
    std::string key;                    // a text id (action, partner, bag kind), when it has one
    std::optional<std::int64_t> person; // the person it concerns, if any (a referral's person)
    std::string label;                  // what the list shows for it: "OP-0001-017", "rec-check-in"
    bool operator==(const AlertTarget&) const = default;
};

struct Alert {
    AlertSeverity severity = AlertSeverity::Warning;
    AlertKind kind = AlertKind::Other;
    std::string message; // one line, no names
    AlertTarget target;
    std::optional<UnixSeconds> since; // when it became true or due (oldest first within a severity)
    std::string key;                  // stable identity across refreshes: "referral_overdue/person/12/nrm"
};

// One person as the alert gathering sees them.
struct PersonAlertInput {
    std::int64_t person_id = 0;
    std::string reference;                       // "OP-0001-017"
    std::optional<UnixSeconds> arrived_at;       // for time on site
    bool in_centre = false;                      // arrived and not departed (temporary exits included)
    const PersonReferralCheck* check = nullptr;  // nullptr: no referral alerts for this person
    std::span<const std::int64_t> referral_ids;  // the referrals' ids, in the order the check saw them
    std::span<const UnixSeconds> referral_since; // when each referral last changed (same order), or empty
};

struct AlertInputs {
    const Procedure* procedure = nullptr; // for the time-on-site threshold; nullptr: none
    std::span<const PersonAlertInput> people;
    std::span<const Alert> others; // from the procedure, roles, stock and staff: added as they are
    UnixSeconds now = 0;
};

// A person's referral alerts: one per contradiction (critical), overdue referral (critical) and missing
// referral not yet overdue (warning); an age not established (warning, critical after the welfare check
// time); a departure with referrals missing (critical for a child, warning for an adult); a person
// reported missing (critical); an undecided adult or one not yet asked (reminder).
void add_referral_alerts(std::vector<Alert>& out, const PersonAlertInput& person);
// A person in the centre longer than the procedure's on_site_warning_hours (warning).
void add_on_site_alert(std::vector<Alert>& out, const Procedure& p, const PersonAlertInput& person,
                       UnixSeconds now);

// Every person's alerts and the others, sorted (sort_alerts).
std::vector<Alert> gather_alerts(const AlertInputs& inputs);

// Severity first, then the oldest `since` (none last), then key.
void sort_alerts(std::vector<Alert>& alerts);

struct AlertCounts {
    int critical = 0;
    int warning = 0;
    int reminder = 0;
};
AlertCounts count_alerts(std::span<const Alert> alerts);

} // namespace rc
