#include "domain/alert.hpp"

#include "domain/procedure_rules.hpp"

#include <algorithm>
#include <tuple>

namespace rc {

namespace {

std::string person_key(std::string_view kind, std::int64_t person_id, std::string_view detail = {}) {
    std::string key = std::string(kind) + "/person/" + std::to_string(person_id);
    if (!detail.empty()) key += "/" + std::string(detail);
    return key;
}

AlertTarget person_target(const PersonAlertInput& who, std::string key = {}) {
    AlertTarget t;
    t.kind = AlertTargetKind::Person;
    t.id = who.person_id;
    t.key = std::move(key);
    t.person = who.person_id;
    t.label = who.reference;
    return t;
}

std::optional<UnixSeconds> due_at(const PersonReferralCheck& check, ReferralType type) {
    for (const ReferralRequirement& r : check.requirements)
        if (r.type == type && r.need == ReferralNeed::Required) return r.due_at;
    return std::nullopt;
}

} // namespace

std::string_view alert_severity_id(AlertSeverity s) {
    switch (s) {
    case AlertSeverity::Critical:
        return "critical";
    case AlertSeverity::Warning:
        return "warning";
    case AlertSeverity::Reminder:
        return "reminder";
    }
    return "warning";
}

std::string_view alert_severity_label(AlertSeverity s) {
    switch (s) {
    case AlertSeverity::Critical:
        return "Critical";
    case AlertSeverity::Warning:
        return "Warning";
    case AlertSeverity::Reminder:
        return "Reminder";
    }
    return "Warning";
}

std::string_view alert_kind_id(AlertKind k) {
    switch (k) {
    case AlertKind::ReferralMissing:
        return "referral_missing";
    case AlertKind::ReferralOverdue:
        return "referral_overdue";
    case AlertKind::ReferralContradictory:
        return "referral_contradictory";
    case AlertKind::DecisionPending:
        return "decision_pending";
    case AlertKind::OnSiteTooLong:
        return "on_site_too_long";
    case AlertKind::ActionOverdue:
        return "action_overdue";
    case AlertKind::RoleUncovered:
        return "role_uncovered";
    case AlertKind::LowStock:
        return "low_stock";
    case AlertKind::ShiftTooLong:
        return "shift_too_long";
    case AlertKind::Other:
        return "other";
    case AlertKind::TierExceeded:
        return "tier_exceeded";
    case AlertKind::FunctionMissing:
        return "function_missing";
    case AlertKind::InterpreterMissing:
        return "interpreter_missing";
    case AlertKind::ChildWithUnrelatedAdult:
        return "child_with_unrelated_adult";
    case AlertKind::DepartedWithoutReferral:
        return "departed_without_referral";
    case AlertKind::AgeNotEstablished:
        return "age_not_established";
    case AlertKind::PersonMissing:
        return "person_missing";
    }
    return "other";
}

std::string_view alert_kind_label(AlertKind k) {
    switch (k) {
    case AlertKind::ReferralMissing:
        return "Referral missing";
    case AlertKind::ReferralOverdue:
        return "Referral overdue";
    case AlertKind::ReferralContradictory:
        return "Referral contradicts the rules";
    case AlertKind::DecisionPending:
        return "NRM decision pending";
    case AlertKind::OnSiteTooLong:
        return "On site too long";
    case AlertKind::ActionOverdue:
        return "Action overdue";
    case AlertKind::RoleUncovered:
        return "Role not covered";
    case AlertKind::LowStock:
        return "Low stock";
    case AlertKind::ShiftTooLong:
        return "Shift too long";
    case AlertKind::Other:
        return "Other";
    case AlertKind::TierExceeded:
        return "Tier exceeded";
    case AlertKind::FunctionMissing:
        return "Function not on site";
    case AlertKind::InterpreterMissing:
        return "No interpreter";
    case AlertKind::ChildWithUnrelatedAdult:
        return "Child with unrelated adult";
    case AlertKind::DepartedWithoutReferral:
        return "Left without a referral";
    case AlertKind::AgeNotEstablished:
        return "Age not established";
    case AlertKind::PersonMissing:
        return "Person missing";
    }
    return "Other";
}

std::string_view alert_target_kind_id(AlertTargetKind k) {
    switch (k) {
    case AlertTargetKind::Centre:
        return "centre";
    case AlertTargetKind::Person:
        return "person";
    case AlertTargetKind::Referral:
        return "referral";
    case AlertTargetKind::Action:
        return "action";
    case AlertTargetKind::Partner:
        return "partner";
    case AlertTargetKind::Staff:
        return "staff";
    case AlertTargetKind::Stock:
        return "stock";
    }
    return "centre";
}

void add_referral_alerts(std::vector<Alert>& out, const PersonAlertInput& who) {
    if (!who.check) return;
    const PersonReferralCheck& check = *who.check;
    for (const ReferralFinding& f : check.findings) {
        Alert a;
        a.message = who.reference + ": " + f.message;
        const std::string type = f.type ? std::string(referral_type_id(*f.type)) : std::string();
        switch (f.kind) {
        case ReferralFindingKind::Contradictory: {
            a.severity = AlertSeverity::Critical;
            a.kind = AlertKind::ReferralContradictory;
            const std::string what(f.contradiction ? contradiction_id(*f.contradiction) : "contradiction");
            if (f.referral && *f.referral < who.referral_ids.size()) {
                const std::int64_t id = who.referral_ids[*f.referral];
                a.target = person_target(who, type);
                a.target.kind = AlertTargetKind::Referral;
                a.target.id = id;
                if (*f.referral < who.referral_since.size()) a.since = who.referral_since[*f.referral];
                a.key = "referral_contradictory/referral/" + std::to_string(id) + "/" + what;
            } else {
                a.target = person_target(who, type);
                a.since = who.arrived_at;
                a.key = person_key("referral_contradictory", who.person_id, what);
            }
            break;
        }
        case ReferralFindingKind::Overdue:
            a.severity = AlertSeverity::Critical;
            a.kind = AlertKind::ReferralOverdue;
            a.target = person_target(who, type);
            a.since = f.type ? due_at(check, *f.type) : who.arrived_at;
            a.key = person_key("referral_overdue", who.person_id, type);
            break;
        case ReferralFindingKind::Missing:
            a.severity = AlertSeverity::Warning;
            a.kind = AlertKind::ReferralMissing;
            a.target = person_target(who, type);
            a.since = who.arrived_at;
            a.key = person_key("referral_missing", who.person_id, type);
            break;
        case ReferralFindingKind::AgeNotEstablished:
            a.severity = f.urgent ? AlertSeverity::Critical : AlertSeverity::Warning;
            a.kind = AlertKind::AgeNotEstablished;
            a.target = person_target(who);
            a.since = f.urgent && check.age_due_at ? check.age_due_at : who.arrived_at;
            a.key = person_key("age_not_established", who.person_id);
            break;
        case ReferralFindingKind::DepartedWithoutReferral:
            a.severity = f.urgent ? AlertSeverity::Critical : AlertSeverity::Warning;
            a.kind = AlertKind::DepartedWithoutReferral;
            a.target = person_target(who, type);
            a.since = check.departure ? std::optional<UnixSeconds>(check.departure->at) : who.arrived_at;
            a.key = person_key("departed_without_referral", who.person_id);
            break;
        case ReferralFindingKind::ReportedMissing:
            a.severity = AlertSeverity::Critical;
            a.kind = AlertKind::PersonMissing;
            a.target = person_target(who);
            a.since = check.departure ? std::optional<UnixSeconds>(check.departure->at) : who.arrived_at;
            a.key = person_key("person_missing", who.person_id);
            break;
        case ReferralFindingKind::Undecided:
        case ReferralFindingKind::ConsentNotAsked:
            a.severity = AlertSeverity::Reminder;
            a.kind = AlertKind::DecisionPending;
            a.target = person_target(who, type);
            a.since = who.arrived_at;
            a.key = person_key("decision_pending", who.person_id);
            break;
        }
        out.push_back(std::move(a));
    }
}

void add_on_site_alert(std::vector<Alert>& out, const Procedure& p, const PersonAlertInput& who,
                       UnixSeconds now) {
    if (!who.in_centre || !who.arrived_at || !on_site_too_long(p, *who.arrived_at, now)) return;
    Alert a;
    a.severity = AlertSeverity::Warning;
    a.kind = AlertKind::OnSiteTooLong;
    a.message = who.reference + ": in the centre for " + format_duration(now - *who.arrived_at) +
                " (the procedure's limit is " + std::to_string(p.info.on_site_warning_hours) + " h)";
    a.target = person_target(who);
    a.since = *who.arrived_at + static_cast<UnixSeconds>(p.info.on_site_warning_hours) * 3600;
    a.key = person_key("on_site_too_long", who.person_id);
    out.push_back(std::move(a));
}

std::vector<Alert> gather_alerts(const AlertInputs& inputs) {
    std::vector<Alert> out;
    for (const PersonAlertInput& who : inputs.people) {
        add_referral_alerts(out, who);
        if (inputs.procedure) add_on_site_alert(out, *inputs.procedure, who, inputs.now);
    }
    out.insert(out.end(), inputs.others.begin(), inputs.others.end());
    sort_alerts(out);
    return out;
}

void sort_alerts(std::vector<Alert>& alerts) {
    const auto sort_key = [](const Alert& a) {
        return std::tuple(static_cast<int>(a.severity), !a.since.has_value(), a.since.value_or(0),
                          std::string_view(a.key));
    };
    std::stable_sort(alerts.begin(), alerts.end(),
                     [&](const Alert& a, const Alert& b) { return sort_key(a) < sort_key(b); });
}

AlertCounts count_alerts(std::span<const Alert> alerts) {
    AlertCounts c;
    for (const Alert& a : alerts) {
        switch (a.severity) {
        case AlertSeverity::Critical:
            ++c.critical;
            break;
        case AlertSeverity::Warning:
            ++c.warning;
            break;
        case AlertSeverity::Reminder:
            ++c.reminder;
            break;
        }
    }
    return c;
}

} // namespace rc
