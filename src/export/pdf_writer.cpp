// The debrief report (libharu): A4 pages a chair can read aloud at the debrief meeting. The operation
// in figures, the timeline, arrivals per hour and people on site (charts drawn with path operations),
// procedure compliance, referral outcomes with the Duty to Notify count, where people went, support
// bags used and left, partner attendance, and the issues raised (open alerts, the log). Text is set in
// DejaVu Sans through libharu's UTF-8 encoder: Latin (with Vietnamese), Greek and Cyrillic print
// correctly. libharu neither joins nor reorders, so Arabic prints unjoined and reversed, and scripts
// DejaVu lacks (Ethiopic, most Asian scripts) do not print: the report says so on its first page.
#include "domain/printed_scripts.hpp"
#include "export/pdf_report.hpp"

namespace rc::exports {

namespace {

using namespace pdf;

void opening(Report& r) {
    const DebriefData& d = r.data();
    r.title("Debrief: " + d.centre_name);
    std::string sub = d.centre_code + " · " + std::string(tier_label(d.tier)) + " tier · " +
                      std::string(centre_status_label(d.status));
    if (d.activated_at) sub += " · activated " + local(*d.activated_at);
    if (d.closed_at) sub += " · closed " + local(*d.closed_at);
    r.paragraph(sub, kMuted);
    if (!d.procedure_name.empty())
        r.paragraph("Run under the procedure " + d.procedure_name + " v" + d.procedure_version + ".", kMuted,
                    9);
    if (d.mode == DebriefMode::Identifiable) {
        r.paragraph("IDENTIFIABLE EXPORT: this report names people. Keep it secure and share it only as the "
                    "reason allows. Reason given: " +
                        d.reason,
                    kWarning, 10);
        r.paragraph(
            "Names in Latin (with Vietnamese), Greek and Cyrillic letters print correctly here; Arabic "
            "prints unjoined and reversed, and other scripts (Ethiopic, Chinese, Thai, ...) do not "
            "print, so for such a name the report prints the name in Latin letters recorded with it. The "
            "workbook, CSV and JSON files hold every name as written and in Latin letters.",
            kMuted, 9);
    } else {
        r.paragraph(
            "Pseudonymised: people are shown as codes made for this export only; no names, dates of "
            "birth, notes or tags." +
                std::string(d.small_counts_suppressed ? " Counts of 1 and 2 people are shown as <3." : ""),
            kMuted, 9);
    }
    if (d.purged_at)
        r.paragraph("Personal details were purged at the end of the retention period, " +
                        local(*d.purged_at) + ".",
                    kMuted, 9);
    r.paragraph("Generated " + local(d.generated_at) + ".", kMuted, 9);
}

void figures(Report& r) {
    const DebriefData& d = r.data();
    r.heading("The operation in figures");
    r.paragraph("People received: " + figure(d, "people_received") + " (adults " + figure(d, "adults") +
                ", children " + figure(d, "children") + ", age disputed " + figure(d, "age_disputed") +
                ", age not established " + figure(d, "age_unknown") + "); " +
                figure(d, "interpreter_needed") +
                " needed an interpreter. Most on site at once: " + figure(d, "peak_on_site") + ".");
    std::vector<std::vector<std::string>> rows{{"Time from arrival", "Median", "Longest", "Recorded for"}};
    rows.push_back({"To the welfare check", figure(d, "arrival_to_welfare_check_median"),
                    figure(d, "arrival_to_welfare_check_max"), figure(d, "welfare_checks")});
    rows.push_back({"To the interview", figure(d, "arrival_to_interview_median"),
                    figure(d, "arrival_to_interview_max"), figure(d, "interviews")});
    rows.push_back({"To a recorded decision", figure(d, "arrival_to_decision_median"),
                    figure(d, "arrival_to_decision_max"), figure(d, "decisions")});
    rows.push_back({"Time in centre", figure(d, "time_in_centre_median"), figure(d, "time_in_centre_max"),
                    figure(d, "people_received")});
    r.table({0, 190, 300, 410}, rows);
    r.paragraph("Procedure actions on time: " + figure(d, "actions_on_time_share") +
                ". NRM referrals made: " + figure(d, "nrm_referrals") + ". Duty to Notify (MS1) reports: " +
                figure(d, "ms1_reports") + ". Bags issued: " + figure(d, "bags_issued") + " (" +
                figure(d, "bags_per_person") + " per person); left in stock: " + figure(d, "bags_left") +
                ". Partners called out: " + figure(d, "partners_called") +
                "; staff and volunteers on site: " + figure(d, "staff_people") + " (" +
                figure(d, "person_hours") + " person-hours).");
}

// A name the report can print: as written when its script prints, else the name in Latin letters.
std::string printable_name(const DebriefPerson& p) {
    if (p.name.empty()) return p.latin_name.empty() ? std::string("not given") : p.latin_name;
    if (prints_in_report(p.name)) return p.name;
    if (!p.latin_name.empty()) return p.latin_name + " (in Latin letters)";
    return "(another script: see the workbook)";
}

// Identifiable reports only: who was received, by reference and a name the report can print.
void people(Report& r) {
    const DebriefData& d = r.data();
    if (d.mode != DebriefMode::Identifiable) return;
    r.heading("People received");
    if (d.people.empty()) {
        r.paragraph("Nobody recorded.", kMuted);
        return;
    }
    std::vector<std::vector<std::string>> rows{{"Reference", "Name", "Age band", "Went to"}};
    for (const DebriefPerson& p : d.people)
        rows.push_back(
            {p.reference, printable_name(p), std::string(age_band_label(p.age_band)),
             p.destination ? std::string(destination_label(*p.destination)) : (p.on_site ? "on site" : "")});
    r.table({0, 110, 330, 400}, rows);
}

void timeline(Report& r) {
    const DebriefData& d = r.data();
    r.heading("Timeline");
    if (d.timeline.empty()) {
        r.paragraph("Nothing recorded yet.", kMuted);
        return;
    }
    std::vector<std::vector<std::string>> rows;
    std::string last_day;
    for (const TimelineEvent& e : d.timeline) {
        const std::string day = local(e.at, "%Y-%m-%d");
        rows.push_back({day == last_day ? local(e.at, "%H:%M") : local(e.at, "%d %b %H:%M"), e.text});
        last_day = day;
    }
    r.table({0, 80}, rows, false);
}

void charts(Report& r) {
    const DebriefData& d = r.data();
    r.heading("Arrivals per hour", kChartHeight + 40);
    if (d.arrivals_per_hour.empty())
        r.paragraph("No arrivals recorded.", kMuted);
    else
        r.bar_chart(d.arrivals_per_hour);
    r.heading("People on site", kChartHeight + 40);
    if (d.people_on_site.empty())
        r.paragraph("No arrivals recorded.", kMuted);
    else
        r.line_chart(d.people_on_site, d.measured_until);
}

void procedure(Report& r) {
    const DebriefData& d = r.data();
    const ComplianceCounts& c = d.compliance;
    r.heading("Procedure compliance");
    if (d.actions.empty()) {
        r.paragraph("No procedure was pinned: the centre was not activated.", kMuted);
        return;
    }
    const int due = c.on_time + c.late + c.missed;
    const auto were = [](int n) { return std::to_string(n) + (n == 1 ? " was" : " were"); };
    r.paragraph("Of " + actions(due) + " that came due, " + were(c.on_time) + " done on time (" +
                figure(d, "actions_on_time_share") + "), " + std::to_string(c.late) + " late and " +
                std::to_string(c.missed) + " missed" + (d.closed_at ? " by the close" : "") + ". " +
                were(c.not_applicable) + " marked not applicable; " + actions(c.done_without_due_time) +
                " without a due time done; " + actions(c.open) + " not yet due.");
    std::size_t listed = 0;
    for (const DebriefAction& a : d.actions) {
        if (a.compliance != Compliance::Missed && a.compliance != Compliance::Late &&
            a.compliance != Compliance::NotApplicable)
            continue;
        if (++listed > kMaxListed) break;
        std::string text;
        if (a.compliance == Compliance::Missed)
            text = "Missed: " + a.title + (a.due_at ? " (due " + local(*a.due_at, "%H:%M") + ")" : "");
        else if (a.compliance == Compliance::Late)
            text = "Late by " + format_duration(a.late_by) + ": " + a.title;
        else
            text = "Not applicable: " + a.title + (a.skip_reason.empty() ? "" : " (" + a.skip_reason + ")");
        r.bullet(text, a.compliance == Compliance::Missed ? kWarning : kInk);
    }
}

void referrals(Report& r) {
    const DebriefData& d = r.data();
    const bool sup = d.small_counts_suppressed;
    r.heading("Referrals and the Duty to Notify");
    const auto by_org = [&](const std::vector<CountByName>& v) {
        std::string s;
        for (const CountByName& c : v)
            s += (s.empty() ? "" : ", ") + c.name + " " + shown_count(c.count, sup);
        return s.empty() ? std::string() : " (" + s + ")";
    };
    r.paragraph("NRM referrals made: " + figure(d, "nrm_referrals") + by_org(d.nrm_by_organisation) + ".");
    r.paragraph("Duty to Notify (MS1) reports: " + figure(d, "ms1_reports") + by_org(d.ms1_by_organisation) +
                ".");
    r.paragraph(
        "People with a required referral still missing: " + figure(d, "people_with_missing_referrals") +
        "; adults undecided about the NRM: " + figure(d, "nrm_undecided") + ".");
    if (!d.referral_outcomes.empty()) {
        std::vector<std::vector<std::string>> rows{
            {"Referral", "To do", "In progress", "Made", "Accepted", "Declined", "Withdrawn"}};
        for (const ReferralOutcomeRow& o : d.referral_outcomes)
            rows.push_back({std::string(referral_type_label(o.type)), shown_count(o.to_do, sup),
                            shown_count(o.in_progress, sup), shown_count(o.made, sup),
                            shown_count(o.accepted, sup), shown_count(o.declined, sup),
                            shown_count(o.withdrawn, sup)});
        r.table({0, 190, 240, 300, 345, 400, 450}, rows);
    }
    r.heading("Where people went");
    if (d.outcomes_by_destination.empty()) {
        r.paragraph("Nobody recorded.", kMuted);
    } else {
        std::vector<std::vector<std::string>> rows{{"Destination", "People"}};
        for (const CountByName& o : d.outcomes_by_destination)
            rows.push_back({o.name, shown_count(o.count, sup)});
        r.table({0, 250}, rows);
    }
}

void stock(Report& r) {
    const DebriefData& d = r.data();
    r.heading("Support bags: used and left");
    if (d.stock.empty()) {
        r.paragraph("No stock recorded.", kMuted);
        return;
    }
    std::vector<std::vector<std::string>> rows{
        {"Bag", "Received", "Issued", "Written off", "Adjusted", "Left"}};
    for (const StockKindSummary& k : d.stock)
        rows.push_back({k.bag_kind_name, std::to_string(k.received), std::to_string(k.issued),
                        std::to_string(k.written_off), std::to_string(k.adjusted),
                        std::to_string(k.on_hand)});
    r.table({0, 190, 250, 305, 370, 430}, rows);
    r.paragraph("Bags per person received: " + figure(d, "bags_per_person") +
                ". People who left without a bag: " + figure(d, "people_without_bag") + ".");
}

void partners(Report& r) {
    const DebriefData& d = r.data();
    r.heading("Partners and staff");
    if (d.attendance.empty()) {
        r.paragraph("Nobody was signed in on the staff list.", kMuted);
    } else {
        std::vector<std::vector<std::string>> rows{
            {"Organisation", "Sign-ins", "People", "First in", "Last out", "Hours"}};
        for (const PartnerAttendance& a : d.attendance) {
            char hours[32];
            std::snprintf(hours, sizeof hours, "%.1f", a.person_hours);
            rows.push_back({a.organisation, std::to_string(a.records), std::to_string(a.people),
                            a.first_in ? local(*a.first_in, "%d %b %H:%M") : "",
                            a.last_out ? local(*a.last_out, "%d %b %H:%M") : "still signed in", hours});
        }
        r.table({0, 175, 225, 270, 345, 430}, rows);
    }
    std::vector<std::vector<std::string>> rows{{"Called out", "Status", "First called", "On site"}};
    for (const DebriefCallout& c : d.callouts)
        if (c.first_called_at)
            rows.push_back({c.organisation, c.status, local(*c.first_called_at, "%d %b %H:%M"),
                            c.on_site_at ? local(*c.on_site_at, "%d %b %H:%M") : ""});
    if (rows.size() > 1) r.table({0, 200, 290, 390}, rows);
}

void issues(Report& r) {
    const DebriefData& d = r.data();
    r.heading("Issues raised");
    const AlertCounts counts = [&] {
        AlertCounts c;
        for (const DebriefAlert& a : d.alerts) {
            if (a.severity == AlertSeverity::Critical)
                ++c.critical;
            else if (a.severity == AlertSeverity::Warning)
                ++c.warning;
            else
                ++c.reminder;
        }
        return c;
    }();
    if (d.alerts.empty()) {
        r.paragraph("No alert was open when this report was made.");
    } else {
        r.paragraph(std::to_string(d.alerts.size()) + " alerts were open when this report was made: " +
                    std::to_string(counts.critical) + " critical, " + std::to_string(counts.warning) +
                    " warnings, " + std::to_string(counts.reminder) + " reminders.");
        // How many of each kind; overdue actions are listed under procedure compliance above.
        std::vector<std::pair<AlertKind, int>> kinds;
        for (const DebriefAlert& a : d.alerts) {
            auto it =
                std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == a.kind; });
            if (it == kinds.end())
                kinds.emplace_back(a.kind, 1);
            else
                ++it->second;
        }
        std::string by_kind;
        for (const auto& [kind, n] : kinds)
            by_kind += (by_kind.empty() ? "" : "; ") + std::string(alert_kind_label(kind)) + ": " +
                       std::to_string(n);
        r.paragraph(by_kind + ".", kMuted, 9);
        std::size_t listed = 0, others = 0;
        for (const DebriefAlert& a : d.alerts) {
            if (a.kind == AlertKind::ActionOverdue) continue;
            if (++listed > kMaxListed) {
                ++others;
                continue;
            }
            r.bullet(std::string(alert_severity_label(a.severity)) + ": " + a.message,
                     a.severity == AlertSeverity::Critical ? kWarning : kInk);
        }
        if (others > 0)
            r.paragraph("… and " + std::to_string(others) + " more (see the workbook or JSON).", kMuted);
    }
    r.paragraph("The activity log holds " + std::to_string(d.manual_log_entries + d.automatic_log_entries) +
                " entries: " + std::to_string(d.manual_log_entries) + " written by staff and " +
                std::to_string(d.automatic_log_entries) + " recorded automatically.");
    if (d.mode == DebriefMode::Identifiable) {
        std::size_t listed = 0;
        for (const DebriefLogEntry& e : d.log) {
            if (e.automatic) continue;
            if (++listed > kMaxListed) break;
            r.bullet(local(e.at, "%d %b %H:%M") + ": " + e.text);
        }
    } else if (d.manual_log_entries > 0) {
        r.paragraph("Entries written by staff are free text and appear only in an identifiable export.",
                    kMuted, 9);
    }
}

} // namespace

void write_pdf(const DebriefData& data, const std::filesystem::path& path) {
    Report report(data, path);
    opening(report);
    figures(report);
    people(report);
    timeline(report);
    charts(report);
    procedure(report);
    referrals(report);
    stock(report);
    partners(report);
    issues(report);
    report.save();
}

} // namespace rc::exports
