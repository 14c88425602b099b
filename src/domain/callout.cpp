#include "domain/callout.hpp"

#include <algorithm>

namespace rc {

namespace {

constexpr UnixSeconds kMinute = 60;
constexpr UnixSeconds kHour = 60 * kMinute;

std::string lower_label(CalloutStatus s) {
    std::string label(callout_status_label(s));
    if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return label;
}

} // namespace

std::string_view callout_status_id(CalloutStatus s) {
    switch (s) {
    case CalloutStatus::NotCalled:
        return "not_called";
    case CalloutStatus::Called:
        return "called";
    case CalloutStatus::NoAnswer:
        return "no_answer";
    case CalloutStatus::Confirmed:
        return "confirmed";
    case CalloutStatus::OnSite:
        return "on_site";
    case CalloutStatus::StoodDown:
        return "stood_down";
    }
    return "not_called";
}

std::string_view callout_status_label(CalloutStatus s) {
    switch (s) {
    case CalloutStatus::NotCalled:
        return "Not called";
    case CalloutStatus::Called:
        return "Called";
    case CalloutStatus::NoAnswer:
        return "No answer";
    case CalloutStatus::Confirmed:
        return "Confirmed";
    case CalloutStatus::OnSite:
        return "On site";
    case CalloutStatus::StoodDown:
        return "Stood down";
    }
    return "Not called";
}

std::optional<CalloutStatus> callout_status_from_id(std::string_view id) {
    for (CalloutStatus s : all_callout_statuses)
        if (callout_status_id(s) == id) return s;
    return std::nullopt;
}

bool callout_transition_allowed(CalloutStatus from, CalloutStatus to) {
    using S = CalloutStatus;
    if (to == S::NotCalled) return false;
    switch (from) {
    case S::NotCalled:
        // A partner may turn up before anyone rings them (police arriving with the coach).
        return to != S::StoodDown;
    case S::Called:
    case S::NoAnswer:
        return true;
    case S::Confirmed:
        return to == S::Confirmed || to == S::OnSite || to == S::StoodDown;
    case S::OnSite:
        return to == S::StoodDown;
    case S::StoodDown:
        // Called out again, e.g. after the tier is raised.
        return to != S::StoodDown;
    }
    return false;
}

std::vector<CalloutStatus> allowed_callout_statuses(CalloutStatus from) {
    std::vector<CalloutStatus> out;
    for (CalloutStatus to : all_callout_statuses)
        if (callout_transition_allowed(from, to)) out.push_back(to);
    return out;
}

std::optional<std::string> callout_update_problem(const CalloutState& current, const CalloutUpdate& next,
                                                  std::string_view who) {
    const std::string name = who.empty() ? std::string("this contact") : std::string(who);
    if (!callout_transition_allowed(current.status, next.status)) {
        if (current.status == next.status) return name + " is already " + lower_label(current.status) + ".";
        return name + " cannot go from " + lower_label(current.status) + " to " + lower_label(next.status) +
               ".";
    }
    if (current.status != CalloutStatus::NotCalled && next.at < current.since)
        return "The time given for " + name + " is before their last status (" +
               format_local_time(current.since) + "); time cannot go backwards.";
    if (next.people) {
        if (next.status != CalloutStatus::Confirmed && next.status != CalloutStatus::OnSite)
            return "A number of people goes with a confirmation or an arrival, not with " +
                   lower_label(next.status) + ".";
        if (*next.people < 1 || *next.people > max_callout_people)
            return "The number of people coming from " + name + " must be from 1 to " +
                   std::to_string(max_callout_people) + ".";
    }
    if (next.expected_arrival_at) {
        if (next.status != CalloutStatus::Confirmed)
            return "An expected arrival time goes with a confirmation only.";
        if (*next.expected_arrival_at < next.at - 12 * kHour ||
            *next.expected_arrival_at > next.at + 48 * kHour)
            return "The expected arrival time for " + name +
                   " is more than 12 hours ago or more than two days ahead; check the date.";
    }
    return std::nullopt;
}

CalloutState apply_callout_update(const CalloutState& current, const CalloutUpdate& next) {
    CalloutState out;
    out.status = next.status;
    out.since = next.at;
    switch (next.status) {
    case CalloutStatus::NotCalled:
    case CalloutStatus::Called:
    case CalloutStatus::NoAnswer:
        break; // a fresh call: earlier numbers no longer hold
    case CalloutStatus::Confirmed: {
        const bool was_confirmed = current.status == CalloutStatus::Confirmed;
        out.people = next.people ? next.people : (was_confirmed ? current.people : std::nullopt);
        out.expected_arrival_at = next.expected_arrival_at
                                      ? next.expected_arrival_at
                                      : (was_confirmed ? current.expected_arrival_at : std::nullopt);
        break;
    }
    case CalloutStatus::OnSite:
    case CalloutStatus::StoodDown:
        out.people = next.people ? next.people : current.people;
        out.expected_arrival_at = current.expected_arrival_at; // kept for the debrief: expected vs arrived
        break;
    }
    return out;
}

std::string_view follow_up_kind_id(FollowUpKind k) {
    switch (k) {
    case FollowUpKind::RetryCall:
        return "retry_call";
    case FollowUpKind::ChaseConfirmation:
        return "chase_confirmation";
    case FollowUpKind::ChaseArrival:
        return "chase_arrival";
    }
    return "retry_call";
}

std::string_view follow_up_kind_label(FollowUpKind k) {
    switch (k) {
    case FollowUpKind::RetryCall:
        return "Ring again";
    case FollowUpKind::ChaseConfirmation:
        return "Chase confirmation";
    case FollowUpKind::ChaseArrival:
        return "Chase arrival";
    }
    return "Ring again";
}

std::optional<FollowUp> callout_follow_up(const CalloutState& state, const CalloutTimings& timings) {
    const auto minutes = [](int m) { return static_cast<UnixSeconds>(std::max(m, 0)) * kMinute; };
    switch (state.status) {
    case CalloutStatus::NoAnswer:
        return FollowUp{FollowUpKind::RetryCall, state.since + minutes(timings.retry_after_minutes)};
    case CalloutStatus::Called:
        return FollowUp{FollowUpKind::ChaseConfirmation,
                        state.since + minutes(timings.confirm_within_minutes)};
    case CalloutStatus::Confirmed:
        if (state.expected_arrival_at)
            return FollowUp{FollowUpKind::ChaseArrival,
                            *state.expected_arrival_at + minutes(timings.arrival_grace_minutes)};
        return std::nullopt;
    case CalloutStatus::NotCalled:
    case CalloutStatus::OnSite:
    case CalloutStatus::StoodDown:
        return std::nullopt;
    }
    return std::nullopt;
}

bool callout_overdue(const CalloutState& state, UnixSeconds now, const CalloutTimings& timings) {
    const auto f = callout_follow_up(state, timings);
    return f && now >= f->due_at;
}

} // namespace rc
