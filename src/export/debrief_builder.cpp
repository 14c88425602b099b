// build_debrief: the store's data turned into DebriefData. Only this file decides what a pseudonymised
// export holds: every identifying or free-text field is copied only in identifiable mode.
#include "domain/debrief_figures.hpp"
#include "domain/pseudonym.hpp"
#include "domain/referral_check.hpp"
#include "domain/text_match.hpp"
#include "export/debrief_export.hpp"
#include "export/open_alerts.hpp"
#include "store/debrief_exports.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/purge.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <sodium.h>

namespace rc::exports {

namespace {

using store::Store;
using store::StoreError;

constexpr std::string_view kTierRaisedPrefix = "Tier raised from ";
constexpr std::string_view kCentreStatusPrefix = "Centre status: ";

std::uint32_t secure_uniform(std::uint32_t upper) {
    return randombytes_uniform(upper);
}

std::optional<UnixSeconds> first_step(const std::vector<JourneyEvent>& events, JourneyStep step) {
    for (const JourneyEvent& e : events)
        if (e.step == step) return e.at;
    return std::nullopt;
}

std::string partner_name(const Procedure* p, const std::string& id) {
    if (p)
        if (const std::optional<ReferralMaker> maker = find_referral_maker(*p, id)) return maker->name;
    return id;
}

// An automatic log entry as a pseudonymised export may show it: references become the export's codes,
// and the free text a coordinator typed as a tier change's reason is left out.
std::string automatic_text(const std::string& text, const store::Centre& centre, DebriefMode mode,
                           const std::map<std::string, std::string, std::less<>>& codes) {
    if (mode == DebriefMode::Identifiable) return text;
    std::string out = text;
    if (out.rfind(kTierRaisedPrefix, 0) == 0) {
        const std::size_t colon = out.find(": ", kTierRaisedPrefix.size());
        if (colon != std::string::npos) out = out.substr(0, colon) + ".";
    }
    return replace_references(out, centre.code, codes);
}

struct Progress {
    const ProgressCallback& callback;
    void operator()(double fraction, std::string step) const {
        if (callback) callback(ExportProgress{fraction, std::move(step)});
    }
};

void add_timeline(DebriefData& d, const std::vector<store::LogEntry>& log,
                  const std::vector<store::TierChange>& tiers, const std::vector<UnixSeconds>& arrivals,
                  const std::vector<DebriefPerson>& people,
                  const std::optional<store::Activation>& activation) {
    std::vector<TimelineEvent>& t = d.timeline;
    if (activation) {
        t.push_back({activation->activated_at, "activation",
                     "Centre activated at the " + std::string(tier_label(activation->tier)) + " tier for " +
                         std::to_string(activation->expected_people) + " people expected" +
                         (activation->venue_name.empty() ? "" : " at " + activation->venue_name)});
    }
    for (const store::TierChange& c : tiers)
        t.push_back(
            {c.at, "tier_change",
             "Tier raised from " + std::string(tier_label(c.from)) + " to " + std::string(tier_label(c.to))});
    for (const DebriefCallout& c : d.callouts) {
        if (c.first_called_at) t.push_back({*c.first_called_at, "callout", c.organisation + " called out"});
        if (c.on_site_at) t.push_back({*c.on_site_at, "partner_on_site", c.organisation + " on site"});
    }
    const std::vector<ArrivalWave> waves = arrival_waves(arrivals);
    if (!waves.empty()) t.push_back({waves.front().first_at, "first_arrival", "First arrival"});
    for (std::size_t i = 0; i < waves.size(); ++i) {
        const ArrivalWave& w = waves[i];
        std::string text = "Wave " + std::to_string(i + 1) + ": " + std::to_string(w.people) +
                           (w.people == 1 ? " person arrived" : " people arrived");
        if (w.last_at > w.first_at) text += " over " + format_duration(w.last_at - w.first_at);
        t.push_back({w.first_at, "wave", text});
    }
    if (!arrivals.empty())
        t.push_back({*std::max_element(arrivals.begin(), arrivals.end()), "last_arrival", "Last arrival"});
    const bool all_departed = !people.empty() && std::all_of(people.begin(), people.end(),
                                                             [](const auto& p) { return p.departed_at; });
    if (all_departed) {
        UnixSeconds last = 0;
        for (const DebriefPerson& p : people)
            last = std::max(last, *p.departed_at);
        t.push_back({last, "last_departure", "Last person left the centre"});
    }
    // Stand-down and closing are known from the log's automatic entries (the centre keeps only closed_at).
    bool stood_down = false, closed_logged = false;
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
        if (it->kind != store::LogKind::Automatic || it->text.rfind(kCentreStatusPrefix, 0) != 0) continue;
        const std::string status = it->text.substr(kCentreStatusPrefix.size());
        if (status == centre_status_label(CentreStatus::StandingDown)) {
            t.push_back({it->at, "standing_down", "Standing down"});
            if (!d.stood_down_at) d.stood_down_at = it->at;
            stood_down = true;
        } else if (status == centre_status_label(CentreStatus::Open) && stood_down) {
            t.push_back({it->at, "reopened", "Reopened after standing down"});
        } else if (status == centre_status_label(CentreStatus::Closed)) {
            t.push_back({it->at, "closed", "Centre closed"});
            closed_logged = true;
        }
    }
    if (d.closed_at && !closed_logged) t.push_back({*d.closed_at, "closed", "Centre closed"});
    if (d.purged_at)
        t.push_back({*d.purged_at, "retention_purge", "Personal details purged at the end of retention"});
    std::stable_sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
}

// The movements, balances and per-kind totals; returns the bags each person holds (issued, less
// returned and reversed).
std::map<store::PersonId, int> add_stock(DebriefData& d, const Store& store,
                                         const std::map<store::PersonId, std::string>& code_of) {
    std::map<StockStoreId, std::string> store_names;
    for (const store::StockStore& s : store::stock_stores(store))
        store_names[s.id] = s.details.name;
    std::map<std::string, std::string, std::less<>> kind_names;
    for (const BagKind& k : store::stock_bag_kinds(store))
        kind_names[k.id] = k.name;
    const auto kind_name = [&](const std::string& id) {
        auto it = kind_names.find(id);
        return it == kind_names.end() ? id : it->second;
    };
    const auto store_name = [&](const std::optional<StockStoreId>& id) {
        if (!id) return std::string();
        auto it = store_names.find(*id);
        return it == store_names.end() ? "store #" + std::to_string(*id) : it->second;
    };

    const std::vector<store::StockMovementRecord> records = store::stock_movements(store);
    std::map<StockMovementId, const StockMovement*> by_id;
    for (const store::StockMovementRecord& r : records)
        by_id[r.movement.id] = &r.movement;
    std::map<std::string, StockKindSummary> kinds;
    std::map<store::PersonId, int> held;
    const auto summary_for = [&](const std::string& kind) -> StockKindSummary& {
        StockKindSummary& k = kinds[kind];
        k.bag_kind = kind;
        k.bag_kind_name = kind_name(kind);
        return k;
    };
    for (const store::StockMovementRecord& r : records) {
        const StockMovement& m = r.movement;
        DebriefMovement row;
        row.id = m.id;
        row.at = m.at;
        row.kind = m.kind;
        row.bag_kind = m.bag_kind;
        row.bag_kind_name = kind_name(m.bag_kind);
        row.quantity = m.quantity;
        row.from_store = store_name(m.from_store);
        row.to_store = store_name(m.to_store);
        if (m.person) {
            auto it = code_of.find(*m.person);
            row.person_code = it == code_of.end() ? "" : it->second;
            held[*m.person] += bags_to_person(m);
        }
        row.write_off = m.write_off;
        row.supplier = m.supplier;
        row.reverses = m.reverses;
        row.reversed = r.reversed_by.has_value();
        if (d.mode == DebriefMode::Identifiable) row.note = m.note;
        d.movements.push_back(std::move(row));

        // A reversal counts against what it undoes.
        const StockMovement* counted = &m;
        int sign = 1;
        if (m.kind == MovementKind::Reversal && m.reverses) {
            auto it = by_id.find(*m.reverses);
            if (it == by_id.end()) continue;
            counted = it->second;
            sign = -1;
        }
        StockKindSummary& k = summary_for(m.bag_kind);
        switch (counted->kind) {
        case MovementKind::Received:
            k.received += sign * m.quantity;
            break;
        case MovementKind::WrittenOff:
            k.written_off += sign * m.quantity;
            break;
        case MovementKind::Adjustment:
            k.adjusted += sign * (counted->to_store ? m.quantity : -m.quantity);
            break;
        default:
            break;
        }
        k.issued += bags_to_person(m);
    }
    for (const StockBalance& b : store::stock_balances(store)) {
        d.balances.push_back({b.bag_kind, kind_name(b.bag_kind), store_name(b.store), b.on_hand});
        summary_for(b.bag_kind).on_hand += b.on_hand;
    }
    for (auto& [id, k] : kinds)
        d.stock.push_back(std::move(k));
    return held;
}

void add_partners(DebriefData& d, const Store& store, const Procedure* procedure) {
    if (procedure) {
        std::map<std::string, std::pair<std::optional<UnixSeconds>, std::optional<UnixSeconds>>> reached;
        for (const store::CalloutEvent& e : store::callout_history(store)) {
            auto& [confirmed, on_site] = reached[e.contact_id];
            if (e.to == CalloutStatus::Confirmed && !confirmed) confirmed = e.at;
            if (e.to == CalloutStatus::OnSite && !on_site) on_site = e.at;
        }
        for (const store::CalloutBoardEntry& e : store::callout_board(store, *procedure)) {
            DebriefCallout c;
            c.contact_id = e.contact.id;
            c.organisation = e.contact.organisation;
            c.role = e.contact.role;
            c.status = std::string(callout_status_label(e.state.status));
            c.first_called_at = e.first_called_at;
            c.attempts = e.attempts;
            c.people = e.state.people;
            if (auto it = reached.find(e.contact.id); it != reached.end()) {
                c.confirmed_at = it->second.first;
                c.on_site_at = it->second.second;
            }
            d.callouts.push_back(std::move(c));
        }
    }

    // One number per person who signed in, in order of first sign-in: returns link, record ids do not show.
    std::map<store::StaffId, std::int64_t> person_keys;
    std::map<std::string, PartnerAttendance> by_org;
    std::map<std::string, std::map<std::int64_t, bool>> org_people;
    for (const store::StaffRecord& r : store::staff(store)) {
        DebriefStaff s;
        s.partner_id = r.partner_id;
        s.organisation = !r.organisation.empty() ? r.organisation : partner_name(procedure, r.partner_id);
        s.role_at_centre = r.role_at_centre;
        s.awareness_trained = r.awareness_trained;
        s.functions = site_functions_text(r.functions);
        for (const std::string& code : r.languages)
            s.languages += (s.languages.empty() ? "" : ";") + code;
        s.time_in = r.time_in;
        s.time_out = r.time_out;
        s.on_site_seconds = std::max<UnixSeconds>(0, r.time_out.value_or(d.measured_until) - r.time_in);
        s.person_key =
            person_keys.emplace(r.person_id, static_cast<std::int64_t>(person_keys.size() + 1)).first->second;
        if (d.mode == DebriefMode::Identifiable) s.name = r.name;

        PartnerAttendance& a = by_org[s.organisation];
        if (a.records == 0) a.awareness_trained_all = true;
        a.organisation = s.organisation;
        a.partner_id = s.partner_id;
        ++a.records;
        a.first_in = a.first_in ? std::min(*a.first_in, s.time_in) : s.time_in;
        a.person_hours += static_cast<double>(s.on_site_seconds) / 3600.0;
        auto& trained = org_people[s.organisation][s.person_key];
        trained = trained || s.awareness_trained;
        d.staff.push_back(std::move(s));
    }
    for (auto& [org, a] : by_org) {
        a.people = static_cast<int>(org_people[org].size());
        a.awareness_trained_all = std::all_of(org_people[org].begin(), org_people[org].end(),
                                              [](const auto& kv) { return kv.second; });
        bool all_out = true;
        UnixSeconds last = 0;
        for (const DebriefStaff& s : d.staff) {
            if (s.organisation != org) continue;
            if (!s.time_out)
                all_out = false;
            else
                last = std::max(last, *s.time_out);
        }
        if (all_out) a.last_out = last;
        d.attendance.push_back(a);
    }
}

} // namespace

DebriefData build_debrief(Store& store, const DebriefRequest& request, const Clock& clock,
                          const ProgressCallback& progress_callback) {
    const Progress progress{progress_callback};
    if (!store.signed_in())
        throw StoreError(store::ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (!store.can(Permission::Export))
        throw StoreError(store::ErrorKind::NotPermitted, "Only a coordinator can export data.",
                         "Ask the coordinator on duty.");
    const bool identifiable = request.mode == DebriefMode::Identifiable;
    if (identifiable && std::string(trim_space(request.reason)).empty())
        throw StoreError(store::ErrorKind::InvalidInput, "An identifiable export needs a reason.",
                         "Say why names are needed, or export pseudonymised.");

    progress(0.0, "Reading the operation");
    const UnixSeconds now = clock.now();
    DebriefData d;
    d.mode = request.mode;
    if (identifiable) d.reason = std::string(trim_space(request.reason));
    d.generated_at = now;
    d.small_counts_suppressed = request.suppress_small_counts;

    const store::Centre centre = store.centre();
    d.centre_name = centre.name;
    d.centre_code = centre.code;
    d.venue = centre.venue;
    d.tier = centre.tier;
    d.status = centre.status;
    d.expected_people = centre.expected_people;
    d.activated_at = centre.activated_at;
    d.closed_at = centre.closed_at;
    d.measured_until = centre.closed_at && *centre.closed_at < now ? *centre.closed_at : now;
    const auto purges = store::retention_purges(store);
    if (!purges.empty()) d.purged_at = purges.back().at;

    const std::optional<store::Activation> activation = store::activation(store);
    const std::optional<Procedure> procedure = store::pinned_procedure(store);
    if (const auto info = store::pinned_procedure_info(store)) {
        d.procedure_name = info->name;
        d.procedure_version = info->version;
        d.procedure_sha256 = info->sha256;
    }
    const Procedure* proc = procedure ? &*procedure : nullptr;

    // ---- people
    progress(0.1, "Reading the people received");
    std::vector<store::PersonRecord> records = store::people(store);
    std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
        return a.journey.arrived_at.value_or(0) < b.journey.arrived_at.value_or(0);
    });
    std::vector<std::string> codes;
    if (!identifiable) {
        if (sodium_init() < 0)
            throw StoreError(store::ErrorKind::Crypto, "The random number source could not be started.");
        codes = make_pseudonyms(records.size(), secure_uniform);
    }
    std::map<store::PersonId, std::string> code_of;
    std::map<std::string, std::string, std::less<>> code_of_reference;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string& code = identifiable ? records[i].person.reference : codes[i];
        code_of[records[i].id] = code;
        code_of_reference[records[i].person.reference] = code;
    }

    progress(0.25, "Checking referrals");
    const store::ReferralOverview overview = store::referral_overview(store, now);
    std::map<store::PersonId, const store::PersonReferralOverview*> overview_of;
    for (const store::PersonReferralOverview& o : overview.people)
        overview_of[o.person_id] = &o;

    progress(0.3, "Reading the stock ledger");
    const std::map<store::PersonId, int> bags = add_stock(d, store, code_of);
    std::vector<std::pair<UnixSeconds, int>> presence;
    std::vector<UnixSeconds> arrivals;
    for (const store::PersonRecord& r : records) {
        const Person& p = r.person;
        DebriefPerson out;
        out.code = code_of[r.id];
        if (identifiable) {
            out.reference = p.reference;
            out.tag = p.tag;
            out.name = p.name;
            out.latin_name = p.latin_name;
            out.alias = p.alias;
            out.date_of_birth = p.date_of_birth;
        }
        const Date arrival_date = local_date_of(r.journey.arrived_at.value_or(r.created_at));
        out.sex = p.sex;
        out.age_band = effective_age_band(p, arrival_date);
        out.child_status = child_status(p, arrival_date);
        out.nationality = p.nationality;
        out.languages = p.languages;
        out.interpreter_needed = p.interpreter_needed;
        out.exploitation = p.exploitation;
        out.nrm_consent = p.nrm_consent;
        out.arrived_at = r.journey.arrived_at;
        out.welfare_check_at = first_step(p.journey, JourneyStep::WelfareCheckDone);
        out.interviewed_at = first_step(p.journey, JourneyStep::Interviewed);
        out.decision_at = first_step(p.journey, JourneyStep::DecisionRecorded);
        out.departed_at = r.journey.departed_at;
        out.destination = r.journey.destination;
        out.on_site = r.journey.arrived && !r.journey.departed;
        out.time_in_centre = time_in_centre(p.journey, d.measured_until);
        if (auto it = bags.find(r.id); it != bags.end()) out.bags = it->second;
        if (auto it = overview_of.find(r.id); it != overview_of.end()) {
            const PersonReferralCheck& c = it->second->check;
            out.referrals_checked = true;
            out.referrals_required = c.required;
            out.referrals_recommended = c.recommended;
            out.referrals_made = c.made;
            out.referrals_missing = c.missing;
            out.referrals_overdue = c.overdue;
            for (const ReferralRequirement& req : c.requirements) {
                if (req.need != ReferralNeed::Required) continue;
                const bool made = req.status && (*req.status == ReferralStatus::Made ||
                                                 *req.status == ReferralStatus::Accepted);
                out.referrals_due.push_back(
                    DebriefReferralDue{req.type, req.due_at, made, req.made_late, req.overdue});
            }
        }
        if (out.arrived_at) arrivals.push_back(*out.arrived_at);
        for (const auto& change : presence_changes(p.journey))
            presence.push_back(change);
        d.people.push_back(std::move(out));
    }
    if (!arrivals.empty()) d.first_arrival_at = *std::min_element(arrivals.begin(), arrivals.end());

    // ---- referrals
    progress(0.35, "Reading referrals");
    for (const store::ReferralRecord& rec : store::referrals(store)) {
        const Referral& r = rec.referral;
        DebriefReferral out;
        out.person_code = code_of.count(rec.person_id) ? code_of[rec.person_id] : "";
        out.type = r.type;
        out.making_partner = r.making_partner;
        out.making_organisation = r.making_partner.empty() ? "" : partner_name(proc, r.making_partner);
        out.receiving_organisation = r.receiving_organisation;
        out.status = r.status;
        out.consent = r.consent;
        out.consent_explained = r.consent_explained;
        out.interpreter_language = r.interpreter_language;
        out.status_at = r.status_at;
        out.made_at = r.made_at;
        out.outcome_at = r.outcome_at;
        out.identifying = r.identifying;
        if (identifiable) {
            out.made_by = r.made_by;
            out.external_reference = r.external_reference;
            out.reason = r.reason;
            out.notes = r.notes;
        }
        d.referrals.push_back(std::move(out));
    }

    // ---- the procedure
    progress(0.45, "Checking the procedure");
    std::vector<ActionState> states;
    if (proc) {
        if (const auto times = store::operation_times(store)) {
            const std::vector<ActionRecord> action_records = store::action_records(store);
            // As things stood at the close (or now, while open): a closed centre's actions stop running late.
            const ManualClock at_close(d.measured_until);
            states = evaluate_actions(*proc, centre.tier, *times, action_records, at_close);
        }
        for (const ActionState& s : states) {
            const ProcedureAction& a = proc->actions[s.action_index];
            DebriefAction out;
            out.action_id = a.id;
            out.title = a.title;
            out.phase = a.phase;
            out.lead = partner_name(proc, a.lead);
            out.mandatory = a.mandatory;
            if (s.due.kind == DueKind::At) out.due_at = s.due.at;
            if (s.record) out.recorded_at = s.record->at;
            out.status = s.status;
            out.compliance = compliance_of(s);
            if (out.compliance == Compliance::Late || out.compliance == Compliance::Missed)
                out.late_by = s.overdue_seconds;
            if (identifiable && s.record) {
                out.done_by = s.record->by;
                if (s.status == ActionStatus::NotApplicable) out.skip_reason = s.record->reason;
            }
            d.actions.push_back(std::move(out));
        }
    }

    // ---- partners, staff, stock
    progress(0.55, "Reading partners and staff");
    add_partners(d, store, proc);

    // ---- the log
    progress(0.75, "Reading the activity log");
    std::vector<store::LogEntry> log = store.log_entries(std::numeric_limits<std::int32_t>::max());
    std::reverse(log.begin(), log.end()); // oldest first
    for (const store::LogEntry& e : log) {
        const bool automatic = e.kind == store::LogKind::Automatic;
        ++(automatic ? d.automatic_log_entries : d.manual_log_entries);
        if (!automatic && !identifiable) continue;
        d.log.push_back({e.id, e.at, automatic,
                         automatic ? automatic_text(e.text, centre, d.mode, code_of_reference) : e.text});
    }
    std::vector<store::TierChange> tiers = store::tier_changes(store);
    add_timeline(d, log, tiers, arrivals, d.people, activation);

    // ---- alerts open now
    progress(0.85, "Gathering open alerts");
    for (const Alert& a : open_alerts(store, proc, overview, states, now)) {
        DebriefAlert out;
        out.severity = a.severity;
        out.kind = a.kind;
        out.target_kind = a.target.kind;
        out.since = a.since;
        out.message =
            identifiable ? a.message : replace_references(a.message, centre.code, code_of_reference);
        const bool about_person =
            a.target.kind == AlertTargetKind::Person || a.target.kind == AlertTargetKind::Referral;
        if (about_person) {
            const store::PersonId who = a.target.person.value_or(a.target.id);
            auto it = code_of.find(who);
            out.target = it != code_of.end() ? it->second : "";
        } else {
            out.target = a.target.label;
        }
        d.alerts.push_back(std::move(out));
    }

    progress(0.95, "Working out the figures");
    d.people_on_site = people_on_site_series(std::move(presence));
    compute_debrief_figures(d);

    if (identifiable) {
        // Recorded before the data leave the store: an identifiable export is never unaccounted for.
        d.export_record = store::record_debrief_export(
            store, store::DebriefExportDetails{
                       true, request.formats.empty() ? "preview" : export_formats_text(request.formats),
                       static_cast<int>(d.people.size()), d.reason});
    }
    progress(1.0, "Ready");
    return d;
}

} // namespace rc::exports
