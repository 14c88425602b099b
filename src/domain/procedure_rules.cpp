#include "domain/procedure_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tuple>

namespace rc {

Tier propose_tier(const Procedure& p, int expected_people) {
    const int n = std::max(expected_people, 1);
    for (const TierRange& r : p.tiers)
        if (n >= r.from_people && (!r.to_people || n <= *r.to_people)) return r.tier;
    // A validated procedure covers 1..infinity, so this is only reached for hand-made structs.
    return n > p.tiers[tier_index(Tier::Medium)].from_people ? Tier::Large : Tier::Small;
}

const TierRange& tier_range(const Procedure& p, Tier t) {
    return p.tiers[tier_index(t)];
}

std::vector<PartnerAtTier> partners_for_tier(const Procedure& p, Tier t) {
    std::vector<PartnerAtTier> out;
    for (PartnerRole wanted : {PartnerRole::Lead, PartnerRole::Support})
        for (const Partner& partner : p.partners) {
            const auto& r = partner.roles[tier_index(t)];
            if (r && r->role == wanted)
                out.push_back(PartnerAtTier{partner.id, partner.name, r->role, r->on_site});
        }
    return out;
}

std::vector<Contact> call_out_cascade(const Procedure& p) {
    std::vector<Contact> out;
    for (const Contact& c : p.contacts)
        if (c.order) out.push_back(c);
    std::stable_sort(out.begin(), out.end(),
                     [](const Contact& a, const Contact& b) { return *a.order < *b.order; });
    return out;
}

bool action_applies(const ProcedureAction& a, Tier t) {
    return std::find(a.tiers.begin(), a.tiers.end(), t) != a.tiers.end();
}

DueTime action_due_time(const ProcedureAction& a, const OperationTimes& times) {
    if (!a.due) return DueTime{DueKind::NoFixedTime, 0};
    const UnixSeconds offset = static_cast<UnixSeconds>(a.due->minutes) * 60;
    if (a.due->after == DueAnchor::Activation) return DueTime{DueKind::At, times.activated_at + offset};
    if (!times.first_arrival_at) return DueTime{DueKind::AwaitingFirstArrival, 0};
    return DueTime{DueKind::At, *times.first_arrival_at + offset};
}

std::string check_action_record(const Procedure& p, const ActionRecord& r) {
    if (!find_action(p, r.action_id)) return "there is no action '" + r.action_id + "' in this procedure";
    const auto blank = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
    };
    if (blank(r.by)) return "say who did it";
    if (r.outcome == ActionOutcome::NotApplicable && blank(r.reason))
        return "say why the action does not apply";
    return {};
}

std::string_view action_status_id(ActionStatus s) {
    switch (s) {
    case ActionStatus::ToDo:
        return "to_do";
    case ActionStatus::Overdue:
        return "overdue";
    case ActionStatus::Done:
        return "done";
    case ActionStatus::NotApplicable:
        return "not_applicable";
    }
    return "to_do";
}

std::string_view action_status_label(ActionStatus s) {
    switch (s) {
    case ActionStatus::ToDo:
        return "To do";
    case ActionStatus::Overdue:
        return "Overdue";
    case ActionStatus::Done:
        return "Done";
    case ActionStatus::NotApplicable:
        return "Not applicable";
    }
    return "To do";
}

ActionState evaluate_action(const Procedure& p, std::size_t action_index, const OperationTimes& times,
                            const ActionRecord* record, UnixSeconds now) {
    ActionState s;
    s.action_index = action_index;
    s.due = action_due_time(p.actions.at(action_index), times);
    const bool has_due = s.due.kind == DueKind::At;
    if (record) {
        s.record = *record;
        if (record->outcome == ActionOutcome::NotApplicable) {
            s.status = ActionStatus::NotApplicable;
        } else {
            s.status = ActionStatus::Done;
            if (has_due && record->at > s.due.at) {
                s.done_late = true;
                s.overdue_seconds = record->at - s.due.at;
            }
        }
        return s;
    }
    if (has_due && now > s.due.at) {
        s.status = ActionStatus::Overdue;
        s.overdue_seconds = now - s.due.at;
    }
    return s;
}

std::vector<ActionState> evaluate_actions(const Procedure& p, Tier tier, const OperationTimes& times,
                                          std::span<const ActionRecord> records, const Clock& clock) {
    const UnixSeconds now = clock.now();
    // The latest record per action.
    std::vector<const ActionRecord*> latest(p.actions.size(), nullptr);
    for (const ActionRecord& r : records) {
        for (std::size_t i = 0; i < p.actions.size(); ++i) {
            if (p.actions[i].id != r.action_id) continue;
            if (!latest[i] || r.at >= latest[i]->at) latest[i] = &r;
            break;
        }
    }
    std::vector<ActionState> out;
    for (std::size_t i = 0; i < p.actions.size(); ++i)
        if (action_applies(p.actions[i], tier)) out.push_back(evaluate_action(p, i, times, latest[i], now));

    // Actions still waiting for the first arrival sort as if due then; no-fixed-time ones go last.
    const auto sort_key = [&](const ActionState& s) {
        const ProcedureAction& a = p.actions[s.action_index];
        const UnixSeconds never = std::numeric_limits<UnixSeconds>::max();
        UnixSeconds when = never;
        if (s.due.kind == DueKind::At)
            when = s.due.at;
        else if (s.due.kind == DueKind::AwaitingFirstArrival && a.due)
            when = never - 1; // after every fixed time, before "no fixed time"
        return std::tuple(static_cast<int>(a.phase), when, s.action_index);
    };
    std::sort(out.begin(), out.end(),
              [&](const ActionState& a, const ActionState& b) { return sort_key(a) < sort_key(b); });
    return out;
}

ActionCounts count_actions(const Procedure& p, std::span<const ActionState> states) {
    ActionCounts c;
    for (const ActionState& s : states) {
        const bool open = s.status == ActionStatus::ToDo || s.status == ActionStatus::Overdue;
        switch (s.status) {
        case ActionStatus::ToDo:
            ++c.to_do;
            break;
        case ActionStatus::Overdue:
            ++c.overdue;
            break;
        case ActionStatus::Done:
            ++c.done;
            if (s.done_late) ++c.done_late;
            break;
        case ActionStatus::NotApplicable:
            ++c.not_applicable;
            break;
        }
        if (open && s.action_index < p.actions.size() && p.actions[s.action_index].mandatory)
            ++c.mandatory_open;
    }
    return c;
}

std::optional<UnixSeconds> next_due_time(std::span<const ActionState> states, UnixSeconds now) {
    std::optional<UnixSeconds> next;
    for (const ActionState& s : states) {
        if (s.status != ActionStatus::ToDo || s.due.kind != DueKind::At || s.due.at < now) continue;
        if (!next || s.due.at < *next) next = s.due.at;
    }
    return next;
}

const ReferralRule& referral_rule(const Procedure& p, PersonCategory c) {
    switch (c) {
    case PersonCategory::Child:
    case PersonCategory::AgeDisputed:
        return p.referrals.child;
    case PersonCategory::AdultConsents:
        return p.referrals.adult_consents;
    case PersonCategory::AdultDeclines:
        return p.referrals.adult_declines;
    case PersonCategory::AdultUndecided:
        return p.referrals.adult_undecided;
    }
    return p.referrals.child;
}

ReferralRequirements referral_requirements(const Procedure& p, PersonCategory c) {
    const ReferralRule& rule = referral_rule(p, c);
    return ReferralRequirements{rule.required, rule.recommended, rule.no_identifying_data};
}

std::string_view referral_due_anchor_id(ReferralDueAnchor a) {
    switch (a) {
    case ReferralDueAnchor::Arrival:
        return "arrival";
    case ReferralDueAnchor::ConsentDecision:
        return "consent";
    case ReferralDueAnchor::Decline:
        return "decline";
    case ReferralDueAnchor::Departure:
        return "departure";
    }
    return "arrival";
}

std::string_view referral_due_anchor_label(ReferralDueAnchor a) {
    switch (a) {
    case ReferralDueAnchor::Arrival:
        return "after arrival";
    case ReferralDueAnchor::ConsentDecision:
        return "after the adult consents";
    case ReferralDueAnchor::Decline:
        return "after the adult declines";
    case ReferralDueAnchor::Departure:
        return "after the adult leaves undecided";
    }
    return "after arrival";
}

ReferralDueAnchor referral_due_anchor(PersonCategory c) {
    switch (c) {
    case PersonCategory::Child:
    case PersonCategory::AgeDisputed:
        return ReferralDueAnchor::Arrival;
    case PersonCategory::AdultConsents:
        return ReferralDueAnchor::ConsentDecision;
    case PersonCategory::AdultDeclines:
        return ReferralDueAnchor::Decline;
    case PersonCategory::AdultUndecided:
        return ReferralDueAnchor::Departure;
    }
    return ReferralDueAnchor::Arrival;
}

std::optional<int> referral_due_minutes(const Procedure& p, PersonCategory c, ReferralType t) {
    for (const ReferralDue& d : referral_rule(p, c).due)
        if (d.type == t) return d.minutes;
    return std::nullopt;
}

bool referral_must_not_identify(const Procedure& p, PersonCategory c, ReferralType t) {
    const auto r = referral_requirements(p, c);
    return std::find(r.no_identifying_data.begin(), r.no_identifying_data.end(), t) !=
           r.no_identifying_data.end();
}

const std::vector<BagPlanLine>& bag_plan(const Procedure& p, Tier t) {
    return p.bag_plans[tier_index(t)];
}

int bags_needed(const BagPlanLine& line, int people) {
    const int n = std::clamp(people, 0, max_people);
    const double share = std::isfinite(line.per_person) ? std::clamp(line.per_person, 0.0, 10.0) : 0.0;
    // A tiny allowance so that 0.6 * 10 (5.999...) does not round up to 7.
    const int planned = static_cast<int>(std::ceil(share * n - 1e-9));
    return std::max(planned, line.min_stock);
}

namespace {
bool longer_than_hours(int hours, UnixSeconds since, UnixSeconds now) {
    if (now <= since) return false;
    // Unsigned so that no pair of times can overflow; the true difference fits since now > since.
    const auto elapsed = static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(since);
    return elapsed > static_cast<std::uint64_t>(hours) * 3600U;
}
} // namespace

bool on_site_too_long(const Procedure& p, UnixSeconds since, UnixSeconds now) {
    return longer_than_hours(p.info.on_site_warning_hours, since, now);
}

bool shift_too_long(const Procedure& p, UnixSeconds since, UnixSeconds now) {
    return longer_than_hours(p.info.staff_shift_warning_hours, since, now);
}

} // namespace rc
