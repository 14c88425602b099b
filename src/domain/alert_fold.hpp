#pragma once
// The dashboard's alert list as a tired coordinator reads it: alerts of one kind about more than three
// records fold into one line with the count ("12 people: age not established") that opens to the
// records. The folded line stands where its most urgent alert stood, so the most urgent kinds stay on
// top. Which kinds are open is the screen's to remember (settings); this only lays the list out.
#include "domain/alert.hpp"

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace rc {

// Alerts of one kind fold when they are about more records than this.
inline constexpr int alert_fold_threshold = 3;

struct AlertListRow {
    bool group = false; // a folded line standing for `members`
    AlertKind kind = AlertKind::Other;
    AlertSeverity severity = AlertSeverity::Warning; // a group's: its most urgent member's
    std::size_t alert = 0;                           // an alert row: the index into the alerts
    std::vector<std::size_t> members;                // a group: indices into the alerts, in list order
    int records = 0;                                 // a group: how many different records
    bool open = false;                               // a group: its members follow it
    bool in_group = false;                           // an alert row under an open group
    std::string summary;                             // a group: "12 people: age not established"
};

// How many different records the alerts are about (a person with two missing referrals counts once).
int distinct_records(std::span<const Alert> alerts, std::span<const std::size_t> members);

// "12 people: age not established", "5 actions: action overdue" (`alerts` when it differs from the
// records: "6 people (9 alerts): referral missing").
std::string alert_group_summary(AlertKind kind, AlertTargetKind target, int records, int alerts);

// Lays out `alerts` (sorted as sort_alerts leaves them): kinds about more than alert_fold_threshold
// records become one group row; `is_open(kind)` says whether a group shows its members beneath it.
std::vector<AlertListRow> fold_alerts(std::span<const Alert> alerts,
                                      const std::function<bool(AlertKind)>& is_open);

} // namespace rc
