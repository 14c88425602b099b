#pragma once
// Calling partners out: where each contact of the call-out cascade stands (not called, called, no
// answer, confirmed, on site, stood down), which status may follow which, and when a call-back is due.
// Pure functions over plain values; times come in as arguments.
#include "domain/clock.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Ids in parentheses are stable (database).
enum class CalloutStatus {
    NotCalled, // (not_called) nobody has rung them yet
    Called,    // (called) got through; they have not confirmed yet
    NoAnswer,  // (no_answer) rang, nobody answered: ring again
    Confirmed, // (confirmed) coming: how many people, when
    OnSite,    // (on_site) arrived at the centre
    StoodDown, // (stood_down) told they are not (or no longer) needed
};
inline constexpr std::array<CalloutStatus, 6> all_callout_statuses{
    CalloutStatus::NotCalled, CalloutStatus::Called, CalloutStatus::NoAnswer,
    CalloutStatus::Confirmed, CalloutStatus::OnSite, CalloutStatus::StoodDown};
std::string_view callout_status_id(CalloutStatus s);    // "no_answer"
std::string_view callout_status_label(CalloutStatus s); // "No answer"
std::optional<CalloutStatus> callout_status_from_id(std::string_view id);

// Whether `to` may be recorded after `from`. Ringing again (called or no answer after either) and
// updating a confirmation are allowed; nothing goes back to not called; a partner stood down may be
// called out again.
bool callout_transition_allowed(CalloutStatus from, CalloutStatus to);
// The statuses that may be recorded next, in all_callout_statuses order (what a screen offers).
std::vector<CalloutStatus> allowed_callout_statuses(CalloutStatus from);

// Where one contact stands now.
struct CalloutState {
    CalloutStatus status = CalloutStatus::NotCalled;
    UnixSeconds since = 0;                          // when the status was recorded (0: not called)
    std::optional<int> people;                      // how many are coming (confirmed, on site)
    std::optional<UnixSeconds> expected_arrival_at; // when they said they would arrive (confirmed)
};

// What the coordinator records next for a contact.
struct CalloutUpdate {
    CalloutStatus status = CalloutStatus::Called;
    UnixSeconds at = 0;
    std::optional<int> people;                      // confirmed or on site only
    std::optional<UnixSeconds> expected_arrival_at; // confirmed only
};

inline constexpr int max_callout_people = 500; // more than this from one partner is a typing mistake

// Why `next` cannot follow `current` (a sentence for the screen), or nullopt when it can: the
// transition, time going backwards, a count out of range, details given for a status without them.
// `who` names the contact in the sentence ("British Red Cross").
std::optional<std::string> callout_update_problem(const CalloutState& current, const CalloutUpdate& next,
                                                  std::string_view who);

// The state after `next` (already checked). A confirmation without new numbers keeps the earlier ones;
// on site keeps the number confirmed unless given.
CalloutState apply_callout_update(const CalloutState& current, const CalloutUpdate& next);

// ---- Call-backs --------------------------------------------------------------------------------------

struct CalloutTimings {
    int retry_after_minutes = 15;    // no answer: ring again after this long
    int confirm_within_minutes = 30; // called: chase if not confirmed within this long
    int arrival_grace_minutes = 15;  // confirmed: chase when this long past the expected arrival
};

enum class FollowUpKind {
    RetryCall,         // (retry_call) no answer: ring again
    ChaseConfirmation, // (chase_confirmation) called, not confirmed yet
    ChaseArrival,      // (chase_arrival) confirmed, expected arrival (plus grace) passed, not on site
};
std::string_view follow_up_kind_id(FollowUpKind k);
std::string_view follow_up_kind_label(FollowUpKind k); // "Ring again"

struct FollowUp {
    FollowUpKind kind = FollowUpKind::RetryCall;
    UnixSeconds due_at = 0;
};

// The follow-up a contact's state calls for, if any (none for not called, on site, stood down, or a
// confirmation without an expected arrival).
std::optional<FollowUp> callout_follow_up(const CalloutState& state, const CalloutTimings& timings = {});
// True when a follow-up is due at or before `now`: the call-back is overdue and should stand out.
bool callout_overdue(const CalloutState& state, UnixSeconds now, const CalloutTimings& timings = {});

} // namespace rc
