// The JSON export: one file, described by docs/export-schema.json. Times are UTC ("...Z"), durations
// whole seconds, enumerations their stable ids. Keys that identify people are present only in an
// identifiable export.
#include "export/debrief_export.hpp"
#include "export/debrief_tables.hpp"
#include "export/output_files.hpp"

#include <nlohmann/json.hpp>

namespace rc::exports {

namespace {

using nlohmann::json;

constexpr const char* kFormatName = "reception-console-debrief";
constexpr int kSchemaVersion = 1;

json time_or_null(const std::optional<UnixSeconds>& t) {
    return t ? json(iso_utc_time(*t)) : json(nullptr);
}

json ids(const std::vector<ReferralType>& types) {
    json a = json::array();
    for (ReferralType t : types)
        a.push_back(referral_type_id(t));
    return a;
}

json operation_json(const DebriefData& d) {
    return json{
        {"name", d.centre_name},
        {"code", d.centre_code},
        {"venue", d.venue},
        {"tier", tier_id(d.tier)},
        {"status", centre_status_id(d.status)},
        {"expected_people", d.expected_people},
        {"activated_at", time_or_null(d.activated_at)},
        {"first_arrival_at", time_or_null(d.first_arrival_at)},
        {"stood_down_at", time_or_null(d.stood_down_at)},
        {"closed_at", time_or_null(d.closed_at)},
        {"measured_until", iso_utc_time(d.measured_until)},
        {"procedure",
         {{"name", d.procedure_name}, {"version", d.procedure_version}, {"sha256", d.procedure_sha256}}}};
}

json summary_json(const DebriefData& d) {
    json a = json::array();
    for (const Figure& f : d.summary)
        a.push_back({{"key", f.key},
                     {"group", f.group},
                     {"label", f.label},
                     {"unit", figure_unit_id(f.unit)},
                     {"value", f.value ? json(*f.value) : json(nullptr)},
                     {"suppressed", f.suppressed},
                     {"display", f.display}});
    return a;
}

json counts_json(const std::vector<CountByName>& v) {
    json a = json::array();
    for (const CountByName& c : v)
        a.push_back({{"key", c.key}, {"name", c.name}, {"count", c.count}});
    return a;
}

json figures_json(const DebriefData& d) {
    json outcomes = json::array();
    for (const ReferralOutcomeRow& r : d.referral_outcomes)
        outcomes.push_back({{"type", referral_type_id(r.type)},
                            {"to_do", r.to_do},
                            {"in_progress", r.in_progress},
                            {"made", r.made},
                            {"accepted", r.accepted},
                            {"declined", r.declined},
                            {"withdrawn", r.withdrawn}});
    json hours = json::array();
    for (const HourCount& h : d.arrivals_per_hour)
        hours.push_back({{"hour_start", iso_utc_time(h.hour_start)}, {"arrivals", h.count}});
    json on_site = json::array();
    for (const OnSitePoint& p : d.people_on_site)
        on_site.push_back({{"at", iso_utc_time(p.at)}, {"on_site", p.on_site}});
    const ComplianceCounts& c = d.compliance;
    const auto share = c.share_on_time();
    return json{{"compliance",
                 {{"on_time", c.on_time},
                  {"late", c.late},
                  {"missed", c.missed},
                  {"not_applicable", c.not_applicable},
                  {"done_without_due_time", c.done_without_due_time},
                  {"open", c.open},
                  {"share_on_time_percent", share ? json(*share) : json(nullptr)}}},
                {"nrm_by_organisation", counts_json(d.nrm_by_organisation)},
                {"ms1_by_organisation", counts_json(d.ms1_by_organisation)},
                {"outcomes_by_destination", counts_json(d.outcomes_by_destination)},
                {"referral_outcomes", outcomes},
                {"arrivals_per_hour", hours},
                {"people_on_site", on_site}};
}

json people_json(const DebriefData& d) {
    const bool named = d.mode == DebriefMode::Identifiable;
    json a = json::array();
    for (const DebriefPerson& p : d.people) {
        json languages = json::array();
        for (const std::string& l : p.languages)
            languages.push_back(l);
        json exploitation = json::array();
        for (ExploitationType t : all_exploitation_types)
            if (p.exploitation.contains(t)) exploitation.push_back(exploitation_type_id(t));
        json due = json::array();
        for (const DebriefReferralDue& r : p.referrals_due)
            due.push_back({{"type", referral_type_id(r.type)},
                           {"due_at", time_or_null(r.due_at)},
                           {"made", r.made},
                           {"made_late", r.made_late},
                           {"overdue", r.overdue}});
        json o{{"code", p.code},
               {"sex", sex_id(p.sex)},
               {"age_band", age_band_id(p.age_band)},
               {"child_status", child_status_id(p.child_status)},
               {"nationality", p.nationality},
               {"languages", languages},
               {"interpreter_needed", p.interpreter_needed ? json(*p.interpreter_needed) : json(nullptr)},
               {"exploitation", exploitation},
               {"nrm_consent", p.nrm_consent ? json(nrm_consent_id(*p.nrm_consent)) : json("not_asked")},
               {"arrived_at", time_or_null(p.arrived_at)},
               {"welfare_check_at", time_or_null(p.welfare_check_at)},
               {"interviewed_at", time_or_null(p.interviewed_at)},
               {"decision_at", time_or_null(p.decision_at)},
               {"departed_at", time_or_null(p.departed_at)},
               {"destination", p.destination ? json(destination_id(*p.destination)) : json(nullptr)},
               {"on_site", p.on_site},
               {"time_in_centre_seconds", p.time_in_centre},
               {"bags", p.bags},
               {"referrals",
                {{"checked", p.referrals_checked},
                 {"required", ids(p.referrals_required)},
                 {"recommended", ids(p.referrals_recommended)},
                 {"made", ids(p.referrals_made)},
                 {"missing", ids(p.referrals_missing)},
                 {"overdue", ids(p.referrals_overdue)},
                 {"due", due}}}};
        if (named) {
            o["reference"] = p.reference;
            o["tag"] = p.tag;
            o["name"] = p.name;
            o["latin_name"] = p.latin_name;
            o["alias"] = p.alias;
            o["date_of_birth"] = p.date_of_birth ? json(format_iso_date(*p.date_of_birth)) : json(nullptr);
        }
        a.push_back(std::move(o));
    }
    return a;
}

json referrals_json(const DebriefData& d) {
    const bool named = d.mode == DebriefMode::Identifiable;
    json a = json::array();
    for (const DebriefReferral& r : d.referrals) {
        json o{{"person", r.person_code},
               {"type", referral_type_id(r.type)},
               {"making_partner", r.making_partner},
               {"making_organisation", r.making_organisation},
               {"receiving_organisation", r.receiving_organisation},
               {"status", referral_status_id(r.status)},
               {"consent", referral_consent_id(r.consent)},
               {"consent_explained", r.consent_explained},
               {"interpreter_language", r.interpreter_language},
               {"status_at", iso_utc_time(r.status_at)},
               {"made_at", time_or_null(r.made_at)},
               {"outcome_at", time_or_null(r.outcome_at)},
               {"identifying", r.identifying}};
        if (named) {
            o["made_by"] = r.made_by;
            o["external_reference"] = r.external_reference;
            o["reason"] = r.reason;
            o["notes"] = r.notes;
        }
        a.push_back(std::move(o));
    }
    return a;
}

json actions_json(const DebriefData& d) {
    const bool named = d.mode == DebriefMode::Identifiable;
    json a = json::array();
    for (const DebriefAction& x : d.actions) {
        json o{{"action_id", x.action_id},
               {"title", x.title},
               {"phase", phase_id(x.phase)},
               {"lead", x.lead},
               {"mandatory", x.mandatory},
               {"due_at", time_or_null(x.due_at)},
               {"recorded_at", time_or_null(x.recorded_at)},
               {"status", action_status_id(x.status)},
               {"compliance", compliance_id(x.compliance)},
               {"late_by_seconds", x.late_by},
               {"skipped", x.status == ActionStatus::NotApplicable}};
        if (named) {
            o["skip_reason"] = x.skip_reason;
            o["done_by"] = x.done_by;
        }
        a.push_back(std::move(o));
    }
    return a;
}

json partners_json(const DebriefData& d) {
    const bool named = d.mode == DebriefMode::Identifiable;
    json callouts = json::array();
    for (const DebriefCallout& c : d.callouts)
        callouts.push_back({{"contact_id", c.contact_id},
                            {"organisation", c.organisation},
                            {"role", c.role},
                            {"status", c.status},
                            {"first_called_at", time_or_null(c.first_called_at)},
                            {"confirmed_at", time_or_null(c.confirmed_at)},
                            {"on_site_at", time_or_null(c.on_site_at)},
                            {"calls", c.attempts},
                            {"people", c.people ? json(*c.people) : json(nullptr)}});
    json attendance = json::array();
    for (const PartnerAttendance& a : d.attendance)
        attendance.push_back({{"organisation", a.organisation},
                              {"partner_id", a.partner_id},
                              {"sign_ins", a.records},
                              {"people", a.people},
                              {"first_in", time_or_null(a.first_in)},
                              {"last_out", time_or_null(a.last_out)},
                              {"person_hours", a.person_hours},
                              {"all_awareness_trained", a.awareness_trained_all}});
    json staff = json::array();
    for (const DebriefStaff& s : d.staff) {
        json o{{"staff", s.person_key},
               {"organisation", s.organisation},
               {"partner_id", s.partner_id},
               {"role_at_centre", s.role_at_centre},
               {"awareness_trained", s.awareness_trained},
               {"functions", s.functions},
               {"languages", s.languages},
               {"time_in", iso_utc_time(s.time_in)},
               {"time_out", time_or_null(s.time_out)},
               {"on_site_seconds", s.on_site_seconds}};
        if (named) o["name"] = s.name;
        staff.push_back(std::move(o));
    }
    return json{{"callouts", callouts}, {"attendance", attendance}, {"staff", staff}};
}

json stock_json(const DebriefData& d) {
    const bool named = d.mode == DebriefMode::Identifiable;
    json movements = json::array();
    for (const DebriefMovement& m : d.movements) {
        json o{{"id", m.id},
               {"at", iso_utc_time(m.at)},
               {"kind", movement_kind_id(m.kind)},
               {"bag_kind", m.bag_kind},
               {"quantity", m.quantity},
               {"from_store", m.from_store.empty() ? json(nullptr) : json(m.from_store)},
               {"to_store", m.to_store.empty() ? json(nullptr) : json(m.to_store)},
               {"person", m.person_code.empty() ? json(nullptr) : json(m.person_code)},
               {"write_off", m.write_off ? json(write_off_reason_id(*m.write_off)) : json(nullptr)},
               {"supplier", m.supplier.empty() ? json(nullptr) : json(m.supplier)},
               {"reverses", m.reverses ? json(*m.reverses) : json(nullptr)},
               {"reversed", m.reversed}};
        if (named) o["note"] = m.note;
        movements.push_back(std::move(o));
    }
    json balances = json::array();
    for (const DebriefBalance& b : d.balances)
        balances.push_back({{"bag_kind", b.bag_kind}, {"store", b.store}, {"on_hand", b.on_hand}});
    json kinds = json::array();
    for (const StockKindSummary& k : d.stock)
        kinds.push_back({{"bag_kind", k.bag_kind},
                         {"name", k.bag_kind_name},
                         {"received", k.received},
                         {"issued", k.issued},
                         {"written_off", k.written_off},
                         {"adjusted", k.adjusted},
                         {"on_hand", k.on_hand}});
    return json{{"movements", movements}, {"balances", balances}, {"kinds", kinds}};
}

json log_json(const DebriefData& d) {
    json entries = json::array();
    for (const DebriefLogEntry& e : d.log)
        entries.push_back({{"id", e.id},
                           {"at", iso_utc_time(e.at)},
                           {"kind", e.automatic ? "automatic" : "manual"},
                           {"text", e.text}});
    return json{{"manual_entries", d.manual_log_entries},
                {"automatic_entries", d.automatic_log_entries},
                {"entries", entries}};
}

json alerts_json(const DebriefData& d) {
    json a = json::array();
    for (const DebriefAlert& x : d.alerts)
        a.push_back({{"severity", alert_severity_id(x.severity)},
                     {"kind", alert_kind_id(x.kind)},
                     {"message", x.message},
                     {"target_kind", alert_target_kind_id(x.target_kind)},
                     {"target", x.target},
                     {"since", time_or_null(x.since)}});
    return a;
}

json timeline_json(const DebriefData& d) {
    json a = json::array();
    for (const TimelineEvent& e : d.timeline)
        a.push_back({{"at", iso_utc_time(e.at)}, {"kind", e.kind}, {"text", e.text}});
    return a;
}

} // namespace

std::string debrief_json_text(const DebriefData& d) {
    json root{{"format", kFormatName},
              {"schema_version", kSchemaVersion},
              {"program_version", RC_VERSION},
              {"generated_at", iso_utc_time(d.generated_at)},
              {"mode", debrief_mode_id(d.mode)},
              {"small_counts_suppressed", d.small_counts_suppressed},
              {"small_count_threshold", kSmallCountThreshold},
              {"purged_at", time_or_null(d.purged_at)},
              {"operation", operation_json(d)},
              {"summary", summary_json(d)},
              {"figures", figures_json(d)},
              {"timeline", timeline_json(d)},
              {"people", people_json(d)},
              {"referrals", referrals_json(d)},
              {"procedure_actions", actions_json(d)},
              {"partners", partners_json(d)},
              {"stock", stock_json(d)},
              {"log", log_json(d)},
              {"open_alerts", alerts_json(d)}};
    if (d.mode == DebriefMode::Identifiable) root["reason"] = d.reason;
    // Invalid UTF-8 in stored text must not stop the export: replace it.
    return root.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

void write_json(const DebriefData& data, const std::filesystem::path& path) {
    write_whole_file(path, debrief_json_text(data));
}

} // namespace rc::exports
