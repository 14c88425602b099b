#include "domain/alert_fold.hpp"

#include <map>
#include <set>
#include <tuple>

namespace rc {

namespace {

std::string noun(AlertTargetKind target, int n) {
    const bool one = n == 1;
    switch (target) {
    case AlertTargetKind::Person:
    case AlertTargetKind::Referral:
        return one ? "person" : "people";
    case AlertTargetKind::Action:
        return one ? "action" : "actions";
    case AlertTargetKind::Partner:
        return one ? "role" : "roles";
    case AlertTargetKind::Staff:
        return one ? "staff member" : "staff members";
    case AlertTargetKind::Stock:
        return one ? "bag kind" : "bag kinds";
    case AlertTargetKind::Centre:
        break;
    }
    return one ? "item" : "items";
}

// "Age not established" -> "age not established"; "NRM decision pending" keeps its capitals.
std::string lower_label(std::string_view label) {
    std::string s(label);
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

} // namespace

int distinct_records(std::span<const Alert> alerts, std::span<const std::size_t> members) {
    std::set<std::tuple<int, std::int64_t, std::string>> seen;
    for (std::size_t i : members) {
        const AlertTarget& t = alerts[i].target;
        if (t.person)
            seen.emplace(static_cast<int>(AlertTargetKind::Person), *t.person, std::string());
        else
            seen.emplace(static_cast<int>(t.kind), t.id, t.key.empty() ? alerts[i].key : t.key);
    }
    return static_cast<int>(seen.size());
}

std::string alert_group_summary(AlertKind kind, AlertTargetKind target, int records, int alerts) {
    std::string s = std::to_string(records) + " " + noun(target, records);
    if (alerts != records) s += " (" + std::to_string(alerts) + " alerts)";
    return s + ": " + lower_label(alert_kind_label(kind));
}

std::vector<AlertListRow> fold_alerts(std::span<const Alert> alerts,
                                      const std::function<bool(AlertKind)>& is_open) {
    std::map<AlertKind, std::vector<std::size_t>> by_kind;
    for (std::size_t i = 0; i < alerts.size(); ++i)
        by_kind[alerts[i].kind].push_back(i);
    std::map<AlertKind, int> records;
    for (const auto& [kind, members] : by_kind)
        records[kind] = distinct_records(alerts, members);

    std::vector<AlertListRow> rows;
    std::set<AlertKind> emitted;
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        const Alert& a = alerts[i];
        if (records[a.kind] <= alert_fold_threshold) {
            AlertListRow row;
            row.kind = a.kind;
            row.severity = a.severity;
            row.alert = i;
            rows.push_back(std::move(row));
            continue;
        }
        if (!emitted.insert(a.kind).second) continue; // shown with its group
        const std::vector<std::size_t>& members = by_kind[a.kind];
        AlertListRow group;
        group.group = true;
        group.kind = a.kind;
        group.severity = a.severity; // the first in list order is the most urgent
        group.members = members;
        group.records = records[a.kind];
        group.open = is_open && is_open(a.kind);
        group.summary = alert_group_summary(a.kind, a.target.person ? AlertTargetKind::Person : a.target.kind,
                                            group.records, static_cast<int>(members.size()));
        const bool open = group.open;
        rows.push_back(std::move(group));
        if (!open) continue;
        for (std::size_t m : members) {
            AlertListRow row;
            row.kind = a.kind;
            row.severity = alerts[m].severity;
            row.alert = m;
            row.in_group = true;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

} // namespace rc
