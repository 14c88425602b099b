#include "export/debrief_tables.hpp"

#include "domain/debrief_figures.hpp"
#include "os/local_time.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace rc::exports {

namespace {

constexpr const char* kSummary = "Summary";
constexpr const char* kTimeline = "Timeline";
constexpr const char* kPeople = "People";
constexpr const char* kReferrals = "Referrals";
constexpr const char* kProcedure = "Procedure";
constexpr const char* kPartners = "Partners & staff";
constexpr const char* kStock = "Stock";
constexpr const char* kLog = "Log";

std::string types_text(const std::vector<ReferralType>& types) {
    std::string out;
    for (ReferralType t : types) {
        if (!out.empty()) out += ';';
        out += referral_type_id(t);
    }
    return out;
}

std::string list_text(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) {
        if (!out.empty()) out += ';';
        out += s;
    }
    return out;
}

std::string exploitation_text(ExploitationTypes set) {
    std::string out;
    for (ExploitationType t : all_exploitation_types)
        if (set.contains(t)) {
            if (!out.empty()) out += ';';
            out += exploitation_type_id(t);
        }
    return out;
}

// "nrm 2026-03-14 10:40; childrens_services 2026-03-14 10:40" (local time; "no time set" when none).
std::string due_text(const std::vector<DebriefReferralDue>& due) {
    std::string out;
    for (const DebriefReferralDue& r : due) {
        if (!out.empty()) out += "; ";
        out += std::string(referral_type_id(r.type)) + " " +
               (r.due_at ? iso_local_time(*r.due_at) : "no time set");
    }
    return out;
}

Cell consent_cell(NrmConsentAnswer c) {
    return Cell::choice(c ? nrm_consent_id(*c) : "not_asked", nrm_consent_answer_label(c));
}

bool identifiable(const DebriefData& d) {
    return d.mode == DebriefMode::Identifiable;
}

DebriefTable summary_table(const DebriefData& d) {
    DebriefTable t{"summary",
                   kSummary,
                   true,
                   {{"group", "Group", 12},
                    {"key", "Key", 30},
                    {"figure", "Figure", 46},
                    {"value", "Value", 10},
                    {"shown_as", "Shown as", 16},
                    {"unit", "Unit", 9}},
                   {}};
    for (const Figure& f : d.summary) {
        Cell value = f.value ? Cell::num(*f.value) : (f.suppressed ? Cell::str(f.display) : Cell::empty());
        t.rows.push_back({Cell::str(f.group), Cell::str(f.key), Cell::str(f.label), value,
                          Cell::str(f.display), Cell::str(std::string(figure_unit_id(f.unit)))});
    }
    return t;
}

DebriefTable about_table(const DebriefData& d) {
    DebriefTable t{"about", kSummary, false, {{"item", "About this export", 24}, {"value", "", 44}}, {}};
    const auto add = [&](std::string item, Cell value) {
        t.rows.push_back({Cell::str(std::move(item)), value});
    };
    add("Centre", Cell::str(d.centre_name));
    add("Code", Cell::str(d.centre_code));
    add("Venue", Cell::str(d.venue));
    add("Tier", Cell::choice(tier_id(d.tier), tier_label(d.tier)));
    add("Status", Cell::choice(centre_status_id(d.status), centre_status_label(d.status)));
    add("People expected", Cell::num(d.expected_people));
    add("Activated", Cell::at(d.activated_at));
    add("Closed", Cell::at(d.closed_at));
    add("Procedure",
        Cell::str(d.procedure_name.empty() ? "" : d.procedure_name + " v" + d.procedure_version));
    add("Procedure SHA-256", Cell::str(d.procedure_sha256));
    add("Export", Cell::choice(debrief_mode_id(d.mode), debrief_mode_label(d.mode)));
    if (identifiable(d)) add("Reason", Cell::str(d.reason));
    add("Generated", Cell::at(d.generated_at));
    add("Small counts", Cell::str(d.small_counts_suppressed ? "1 and 2 shown as <3" : "shown as they are"));
    add("Personal details purged", Cell::at(d.purged_at));
    return t;
}

DebriefTable timeline_table(const DebriefData& d) {
    DebriefTable t{"timeline",
                   kTimeline,
                   true,
                   {{"at", "When", 18}, {"kind", "Kind", 16}, {"event", "What happened", 70}},
                   {}};
    for (const TimelineEvent& e : d.timeline)
        t.rows.push_back({Cell::at(e.at), Cell::str(e.kind), Cell::str(e.text)});
    return t;
}

DebriefTable people_table(const DebriefData& d) {
    DebriefTable t{"people", kPeople, true, {}, {}};
    const bool named = identifiable(d);
    t.columns.push_back({"person", "Person", 12});
    if (named) {
        t.columns.insert(t.columns.end(), {{"reference", "Reference", 14},
                                           {"tag", "Tag", 8},
                                           {"name", "Name as written", 24},
                                           {"latin_name", "Name in Latin letters", 24},
                                           {"alias", "Alias", 16},
                                           {"date_of_birth", "Date of birth", 12}});
    }
    t.columns.insert(t.columns.end(), {{"sex", "Sex", 9},
                                       {"age_band", "Age band", 9},
                                       {"child_status", "Child or adult", 16},
                                       {"nationality", "Nationality", 11},
                                       {"languages", "Languages", 11},
                                       {"interpreter_needed", "Interpreter", 11},
                                       {"exploitation", "Exploitation", 18},
                                       {"nrm_consent", "NRM consent", 11},
                                       {"arrived_at", "Arrived", 17},
                                       {"welfare_check_at", "Welfare check", 17},
                                       {"interviewed_at", "Interviewed", 17},
                                       {"decision_at", "Decision", 17},
                                       {"departed_at", "Departed", 17},
                                       {"destination", "Went to", 18},
                                       {"time_in_centre_minutes", "Time in centre (min)", 12},
                                       {"bags", "Bags", 6},
                                       {"referrals_required", "Referrals required", 24},
                                       {"referrals_made", "Referrals made", 24},
                                       {"referrals_missing", "Referrals missing", 24},
                                       {"referrals_overdue", "Referrals overdue", 20},
                                       {"referrals_due", "Required referrals due by", 36}});
    for (const DebriefPerson& p : d.people) {
        std::vector<Cell> row{Cell::str(p.code)};
        if (named) {
            row.insert(row.end(), {Cell::str(p.reference), Cell::str(p.tag), Cell::str(p.name),
                                   Cell::str(p.latin_name), Cell::str(p.alias), Cell::day(p.date_of_birth)});
        }
        row.insert(row.end(),
                   {Cell::choice(sex_id(p.sex), sex_label(p.sex)),
                    Cell::choice(age_band_id(p.age_band), age_band_label(p.age_band)),
                    Cell::choice(child_status_id(p.child_status), child_status_label(p.child_status)),
                    Cell::str(p.nationality),
                    Cell::str(list_text(p.languages)),
                    Cell::yes_no(p.interpreter_needed),
                    Cell::str(exploitation_text(p.exploitation)),
                    consent_cell(p.nrm_consent),
                    Cell::at(p.arrived_at),
                    Cell::at(p.welfare_check_at),
                    Cell::at(p.interviewed_at),
                    Cell::at(p.decision_at),
                    Cell::at(p.departed_at),
                    p.destination
                        ? Cell::choice(destination_id(*p.destination), destination_label(*p.destination))
                        : Cell::empty(),
                    Cell::minutes(p.time_in_centre),
                    Cell::num(p.bags),
                    Cell::str(types_text(p.referrals_required)),
                    Cell::str(types_text(p.referrals_made)),
                    Cell::str(types_text(p.referrals_missing)),
                    Cell::str(types_text(p.referrals_overdue)),
                    Cell::str(due_text(p.referrals_due))});
        t.rows.push_back(std::move(row));
    }
    return t;
}

DebriefTable referrals_table(const DebriefData& d) {
    DebriefTable t{"referrals",
                   kReferrals,
                   true,
                   {{"person", "Person", 12},
                    {"type", "Referral", 30},
                    {"making_organisation", "Made by (organisation)", 24},
                    {"making_partner", "Partner id", 14},
                    {"receiving_organisation", "Receiving organisation", 28},
                    {"status", "Status", 12},
                    {"consent", "Consent", 11},
                    {"consent_explained", "Consent explained", 10},
                    {"interpreter_language", "Explained in", 10},
                    {"status_at", "Status since", 17},
                    {"made_at", "Made", 17},
                    {"outcome_at", "Outcome", 17},
                    {"identifying", "Identifying", 10}},
                   {}};
    const bool named = identifiable(d);
    if (named)
        t.columns.insert(t.columns.end(), {{"made_by", "Made by (person)", 20},
                                           {"external_reference", "External reference", 18},
                                           {"reason", "Reason (declined, withdrawn)", 30},
                                           {"notes", "Notes", 40}});
    for (const DebriefReferral& r : d.referrals) {
        std::vector<Cell> row{Cell::str(r.person_code),
                              Cell::choice(referral_type_id(r.type), referral_type_label(r.type)),
                              Cell::str(r.making_organisation),
                              Cell::str(r.making_partner),
                              Cell::str(r.receiving_organisation),
                              Cell::choice(referral_status_id(r.status), referral_status_label(r.status)),
                              Cell::choice(referral_consent_id(r.consent), referral_consent_label(r.consent)),
                              Cell::yes_no(r.consent_explained),
                              Cell::str(r.interpreter_language),
                              Cell::at(r.status_at),
                              Cell::at(r.made_at),
                              Cell::at(r.outcome_at),
                              Cell::yes_no(r.identifying)};
        if (named)
            row.insert(row.end(), {Cell::str(r.made_by), Cell::str(r.external_reference), Cell::str(r.reason),
                                   Cell::str(r.notes)});
        t.rows.push_back(std::move(row));
    }
    return t;
}

DebriefTable procedure_table(const DebriefData& d) {
    DebriefTable t{"procedure",
                   kProcedure,
                   true,
                   {{"phase", "Phase", 18},
                    {"action_id", "Action", 20},
                    {"title", "What", 48},
                    {"lead", "Lead", 22},
                    {"mandatory", "Mandatory", 10},
                    {"due_at", "Due", 17},
                    {"recorded_at", "Done or skipped", 17},
                    {"status", "Status", 14},
                    {"compliance", "Against the procedure", 18},
                    {"late_by_minutes", "Late by (min)", 10},
                    {"skipped", "Skipped", 8}},
                   {}};
    const bool named = identifiable(d);
    if (named) t.columns.insert(t.columns.end(), {{"skip_reason", "Why skipped", 36}, {"done_by", "By", 20}});
    for (const DebriefAction& a : d.actions) {
        std::vector<Cell> row{Cell::choice(phase_id(a.phase), phase_label(a.phase)),
                              Cell::str(a.action_id),
                              Cell::str(a.title),
                              Cell::str(a.lead),
                              Cell::yes_no(a.mandatory),
                              Cell::at(a.due_at),
                              Cell::at(a.recorded_at),
                              Cell::choice(action_status_id(a.status), action_status_label(a.status)),
                              Cell::choice(compliance_id(a.compliance), compliance_label(a.compliance)),
                              a.late_by > 0 ? Cell::minutes(a.late_by) : Cell::empty(),
                              Cell::yes_no(a.status == ActionStatus::NotApplicable)};
        if (named) row.insert(row.end(), {Cell::str(a.skip_reason), Cell::str(a.done_by)});
        t.rows.push_back(std::move(row));
    }
    return t;
}

DebriefTable staff_table(const DebriefData& d) {
    DebriefTable t{"staff",
                   kPartners,
                   true,
                   {{"staff", "Staff", 8},
                    {"organisation", "Organisation", 26},
                    {"partner_id", "Partner id", 14},
                    {"role_at_centre", "Role", 22},
                    {"awareness_trained", "Awareness trained", 10},
                    {"functions", "Functions on site", 24},
                    {"languages", "Languages interpreted", 12},
                    {"time_in", "Signed in", 17},
                    {"time_out", "Signed out", 17},
                    {"on_site_minutes", "On site (min)", 10}},
                   {}};
    const bool named = identifiable(d);
    if (named) t.columns.push_back({"name", "Name", 24});
    for (const DebriefStaff& s : d.staff) {
        std::vector<Cell> row{Cell::num(static_cast<double>(s.person_key)),
                              Cell::str(s.organisation),
                              Cell::str(s.partner_id),
                              Cell::str(s.role_at_centre),
                              Cell::yes_no(s.awareness_trained),
                              Cell::str(s.functions),
                              Cell::str(s.languages),
                              Cell::at(s.time_in),
                              Cell::at(s.time_out),
                              Cell::minutes(s.on_site_seconds)};
        if (named) row.push_back(Cell::str(s.name));
        t.rows.push_back(std::move(row));
    }
    return t;
}

DebriefTable attendance_table(const DebriefData& d) {
    DebriefTable t{"attendance",
                   kPartners,
                   false,
                   {{"organisation", "Organisation", 26},
                    {"sign_ins", "Sign-ins", 8},
                    {"people", "People", 8},
                    {"first_in", "First in", 17},
                    {"last_out", "Last out", 17},
                    {"person_hours", "Person-hours", 10},
                    {"all_awareness_trained", "All trained", 8}},
                   {}};
    for (const PartnerAttendance& a : d.attendance)
        t.rows.push_back({Cell::str(a.organisation), Cell::num(a.records), Cell::num(a.people),
                          Cell::at(a.first_in), Cell::at(a.last_out),
                          Cell::num(std::round(a.person_hours * 10.0) / 10.0),
                          Cell::yes_no(a.awareness_trained_all)});
    return t;
}

DebriefTable callouts_table(const DebriefData& d) {
    DebriefTable t{"callouts",
                   kPartners,
                   false,
                   {{"contact_id", "Contact", 16},
                    {"organisation", "Called out", 26},
                    {"role", "Contact's role", 22},
                    {"status", "Status", 12},
                    {"first_called_at", "First called", 17},
                    {"confirmed_at", "Confirmed", 17},
                    {"on_site_at", "On site", 17},
                    {"calls", "Calls", 6},
                    {"people", "People", 7}},
                   {}};
    for (const DebriefCallout& c : d.callouts)
        t.rows.push_back({Cell::str(c.contact_id), Cell::str(c.organisation), Cell::str(c.role),
                          Cell::str(c.status), Cell::at(c.first_called_at), Cell::at(c.confirmed_at),
                          Cell::at(c.on_site_at), Cell::num(c.attempts),
                          c.people ? Cell::num(*c.people) : Cell::empty()});
    return t;
}

DebriefTable movements_table(const DebriefData& d) {
    DebriefTable t{"stock_movements",
                   kStock,
                   true,
                   {{"id", "Movement", 9},
                    {"at", "When", 17},
                    {"kind", "Kind", 12},
                    {"bag_kind", "Bag", 18},
                    {"quantity", "Quantity", 8},
                    {"from_store", "From", 18},
                    {"to_store", "To", 18},
                    {"person", "Person", 10},
                    {"write_off", "Written off as", 14},
                    {"supplier", "Delivered by", 20},
                    {"reverses", "Reverses", 9},
                    {"reversed", "Reversed", 8}},
                   {}};
    const bool named = identifiable(d);
    if (named) t.columns.push_back({"note", "Note", 30});
    t.rows.reserve(d.movements.size());
    for (const DebriefMovement& m : d.movements) {
        std::vector<Cell> row{Cell::num(static_cast<double>(m.id)),
                              Cell::at(m.at),
                              Cell::choice(movement_kind_id(m.kind), movement_kind_label(m.kind)),
                              Cell::choice(m.bag_kind, m.bag_kind_name),
                              Cell::num(m.quantity),
                              Cell::str(m.from_store),
                              Cell::str(m.to_store),
                              Cell::str(m.person_code),
                              m.write_off ? Cell::choice(write_off_reason_id(*m.write_off),
                                                         write_off_reason_label(*m.write_off))
                                          : Cell::empty(),
                              Cell::str(m.supplier),
                              m.reverses ? Cell::num(static_cast<double>(*m.reverses)) : Cell::empty(),
                              Cell::yes_no(m.reversed)};
        if (named) row.push_back(Cell::str(m.note));
        t.rows.push_back(std::move(row));
    }
    return t;
}

DebriefTable stock_kinds_table(const DebriefData& d) {
    DebriefTable t{"stock_by_kind",
                   kStock,
                   false,
                   {{"bag_kind", "Bag", 18},
                    {"received", "Received", 9},
                    {"issued", "Issued", 8},
                    {"written_off", "Written off", 9},
                    {"adjusted", "Adjusted", 9},
                    {"on_hand", "Left at the end", 9}},
                   {}};
    for (const StockKindSummary& k : d.stock)
        t.rows.push_back({Cell::choice(k.bag_kind, k.bag_kind_name), Cell::num(k.received),
                          Cell::num(k.issued), Cell::num(k.written_off), Cell::num(k.adjusted),
                          Cell::num(k.on_hand)});
    return t;
}

DebriefTable balances_table(const DebriefData& d) {
    DebriefTable t{"stock_balances",
                   kStock,
                   false,
                   {{"bag_kind", "Bag", 18}, {"store", "Store", 20}, {"on_hand", "On hand at the end", 9}},
                   {}};
    for (const DebriefBalance& b : d.balances)
        t.rows.push_back(
            {Cell::choice(b.bag_kind, b.bag_kind_name), Cell::str(b.store), Cell::num(b.on_hand)});
    return t;
}

DebriefTable log_table(const DebriefData& d) {
    DebriefTable t{"log",
                   kLog,
                   true,
                   {{"id", "Entry", 7}, {"at", "When", 17}, {"kind", "Kind", 10}, {"text", "Entry", 90}},
                   {}};
    for (const DebriefLogEntry& e : d.log)
        t.rows.push_back(
            {Cell::num(static_cast<double>(e.id)), Cell::at(e.at),
             Cell::choice(e.automatic ? "automatic" : "manual", e.automatic ? "Automatic" : "Manual"),
             Cell::str(e.text)});
    return t;
}

DebriefTable alerts_table(const DebriefData& d) {
    DebriefTable t{"open_alerts",
                   "",
                   true,
                   {{"severity", "Severity", 10},
                    {"kind", "Kind", 20},
                    {"message", "Message", 60},
                    {"target_kind", "About", 10},
                    {"target", "Which", 16},
                    {"since", "Since", 17}},
                   {}};
    for (const DebriefAlert& a : d.alerts)
        t.rows.push_back({Cell::choice(alert_severity_id(a.severity), alert_severity_label(a.severity)),
                          Cell::choice(alert_kind_id(a.kind), alert_kind_label(a.kind)), Cell::str(a.message),
                          Cell::str(std::string(alert_target_kind_id(a.target_kind))), Cell::str(a.target),
                          Cell::at(a.since)});
    return t;
}

DebriefTable arrivals_table(const DebriefData& d) {
    DebriefTable t{"arrivals_per_hour", "", true, {{"hour", "Hour", 17}, {"arrivals", "Arrivals", 8}}, {}};
    for (const HourCount& h : d.arrivals_per_hour)
        t.rows.push_back({Cell::at(h.hour_start), Cell::num(h.count)});
    return t;
}

DebriefTable on_site_table(const DebriefData& d) {
    DebriefTable t{"people_on_site", "", true, {{"at", "When", 17}, {"on_site", "On site", 8}}, {}};
    for (const OnSitePoint& p : d.people_on_site)
        t.rows.push_back({Cell::at(p.at), Cell::num(p.on_site)});
    return t;
}

} // namespace

Cell Cell::str(std::string s) {
    Cell c;
    c.type = CellType::Text;
    c.text = std::move(s);
    return c;
}

Cell Cell::choice(std::string_view id, std::string_view label) {
    Cell c = str(std::string(label));
    c.id = std::string(id);
    return c;
}

Cell Cell::num(double v) {
    Cell c;
    c.type = CellType::Number;
    c.number = v;
    return c;
}

Cell Cell::at(std::optional<UnixSeconds> t) {
    if (!t) return {};
    Cell c;
    c.type = CellType::DateTime;
    c.time = *t;
    return c;
}

Cell Cell::day(std::optional<Date> d) {
    if (!d) return {};
    Cell c;
    c.type = CellType::Date;
    c.date = *d;
    return c;
}

Cell Cell::yes_no(std::optional<bool> b) {
    if (!b) return {};
    return choice(*b ? "yes" : "no", *b ? "yes" : "no");
}

Cell Cell::minutes(std::optional<UnixSeconds> seconds) {
    if (!seconds) return {};
    return num(std::round(static_cast<double>(*seconds) / 60.0));
}

std::vector<DebriefTable> debrief_tables(const DebriefData& d) {
    std::vector<DebriefTable> out;
    out.push_back(summary_table(d));
    out.push_back(about_table(d));
    out.push_back(timeline_table(d));
    out.push_back(people_table(d));
    out.push_back(referrals_table(d));
    out.push_back(procedure_table(d));
    out.push_back(staff_table(d));
    out.push_back(attendance_table(d));
    out.push_back(callouts_table(d));
    out.push_back(movements_table(d));
    out.push_back(stock_kinds_table(d));
    out.push_back(balances_table(d));
    out.push_back(log_table(d));
    out.push_back(alerts_table(d));
    out.push_back(arrivals_table(d));
    out.push_back(on_site_table(d));
    return out;
}

std::string iso_local_time(UnixSeconds t) {
    const auto tt = static_cast<std::time_t>(t);
    const std::tm tm = os::local_calendar(tt);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    const long offset = os::utc_offset_seconds(tt);
    const int minutes = static_cast<int>((offset < 0 ? -offset : offset) / 60) % (24 * 60);
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    return std::string(buf) + zone; // e.g. +01:00
}

std::string iso_utc_time(UnixSeconds t) {
    const auto tt = static_cast<std::time_t>(t);
    const std::tm tm = os::utc_calendar(tt);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string cell_text(const Cell& c) {
    switch (c.type) {
    case CellType::Empty:
        return {};
    case CellType::Text:
        return c.id.empty() ? c.text : c.id;
    case CellType::Number: {
        if (c.number == std::floor(c.number) && std::fabs(c.number) < 1e15)
            return std::to_string(static_cast<long long>(c.number));
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10g", c.number);
        return buf;
    }
    case CellType::DateTime:
        return iso_local_time(c.time);
    case CellType::Date:
        return format_iso_date(c.date);
    }
    return {};
}

} // namespace rc::exports
