// StoreSession: referrals against the pinned procedure's rules, and the dashboard's alert list gathered
// from every snapshot.
#include "app/store_session.hpp"
#include "app/store_session_versioned.hpp"
#include "domain/function_coverage.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/tier_capacity.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <sodium.h>

namespace rc::app {

namespace {

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

bool children_services_made(const PersonReferrals* p) {
    if (!p) return false;
    return std::any_of(p->referrals.begin(), p->referrals.end(), [](const ReferralRow& r) {
        return r.referral.type == ReferralType::ChildrensServices && referral_status_made(r.referral.status);
    });
}

} // namespace

void StoreSession::add_centre_alerts(std::vector<Alert>& all) const {
    const Procedure* p = operation_.procedure.get();
    if (!p) return;
    // More people received than the tier is for: raise the tier (Ctrl+T on the dashboard).
    if (operation_.status != CentreStatus::Closed)
        if (auto a = tier_exceeded_alert(*p, operation_.tier, people_.counts.total)) {
            // Since the arrival that took the count past the tier: it sorts with the alerts of that time.
            std::vector<UnixSeconds> arrivals;
            for (const PersonRow& row : people_.rows)
                if (row.journey.arrived_at) arrivals.push_back(*row.journey.arrived_at);
            std::sort(arrivals.begin(), arrivals.end());
            const auto bound =
                static_cast<std::size_t>(tier_range(*p, operation_.tier).to_people.value_or(0));
            if (bound < arrivals.size()) a->since = arrivals[bound];
            all.push_back(std::move(*a));
        }

    // Functions the procedure needs on site that nobody on site performs, interpreters by language.
    std::vector<StaffOnSite> staff;
    for (const StaffRow& s : partners_.staff)
        if (!s.time_out)
            staff.push_back(StaffOnSite{s.id,
                                        {},
                                        s.partner_id,
                                        s.organisation,
                                        s.role_at_centre,
                                        s.time_in,
                                        s.functions,
                                        s.languages});
    std::vector<PersonOnSiteNeeds> needs;
    std::optional<UnixSeconds> first_on_site; // a function is needed since people have been on site
    for (const PersonRow& row : people_.rows) {
        if (!row.journey.on_site) continue;
        if (row.journey.arrived_at && (!first_on_site || *row.journey.arrived_at < *first_on_site))
            first_on_site = row.journey.arrived_at;
        PersonOnSiteNeeds n;
        n.child_or_presumed = treated_as_child(row.child) || row.child == ChildStatus::Unknown;
        n.interpreter_needed = row.person.interpreter_needed == true;
        n.languages = row.person.languages;
        needs.push_back(std::move(n));
    }
    for (const FunctionGap& gap : function_gaps(*p, operation_.tier, staff, needs)) {
        all.push_back(function_gap_alert(gap));
        all.back().since = first_on_site;
    }

    // A child who arrived with an unrelated adult: an indicator for children's services, until a
    // children's services referral has been made.
    for (const PersonRow& row : people_.rows) {
        if (!row.with_unrelated_adult) continue;
        const PersonReferrals* refs = nullptr;
        for (const PersonReferrals& pr : referrals_.people)
            if (pr.person_id == row.id) refs = &pr;
        if (children_services_made(refs)) continue;
        Alert a;
        a.severity = AlertSeverity::Warning;
        a.kind = AlertKind::ChildWithUnrelatedAdult;
        a.message = row.person.reference + ": a child who arrived with an unrelated adult (" +
                    row.person.arrived_with +
                    "): an indicator of trafficking to share with children's services in their referral";
        a.target =
            AlertTarget{AlertTargetKind::Person, row.id, "childrens_services", row.id, row.person.reference};
        a.since = row.journey.arrived_at;
        a.key = "child_with_unrelated_adult/person/" + std::to_string(row.id);
        all.push_back(std::move(a));
    }
}

void StoreSession::refresh_referrals(bool signed_in) {
    for (PersonReferrals& p : referrals_.people) {
        wipe(p.name_text);
        for (ReferralRow& r : p.referrals) {
            wipe(r.referral.made_by);
            wipe(r.referral.notes);
            wipe(r.referral.reason);
            wipe(r.referral.external_reference);
        }
    }
    const std::uint64_t version = referrals_.version + 1;
    referrals_ = ReferralsSnapshot{};
    referrals_.version = version;
    if (!signed_in || !store_->can(Permission::ViewOnSite)) return;
    // Partners first, then the organisations the procedure authorises without being partners.
    if (const Procedure* p = operation_.procedure.get()) {
        for (const ReferralMaker& m : referral_makers(*p, true))
            referrals_.first_responders.emplace_back(m.id, m.name);
        for (const ReferralMaker& m : referral_makers(*p, false))
            referrals_.duty_holders.emplace_back(m.id, m.name);
    }
    try {
        const store::ReferralOverview o = store::referral_overview(*store_, clock_.now());
        referrals_.procedure_pinned = o.procedure_pinned;
        referrals_.people_with_missing = o.people_with_missing;
        referrals_.missing = o.missing;
        referrals_.overdue = o.overdue;
        referrals_.contradictions = o.contradictions;
        referrals_.age_not_established = o.age_not_established;
        referrals_.departed_without_referral = o.departed_without_referral;
        referrals_.undecided = o.undecided;
        referrals_.next_change_at = o.next_change_at;
        for (const store::PersonReferralOverview& po : o.people) {
            PersonReferrals p;
            p.person_id = po.person_id;
            p.reference = po.reference;
            p.in_centre = po.in_centre;
            p.arrived_at = po.arrived_at;
            p.check = po.check;
            for (const PersonRow& row : people_.rows)
                if (row.id == po.person_id) p.name_text = row.name_text;
            for (const store::ReferralRecord& r : po.referrals) {
                p.referrals.push_back(ReferralRow{r.id, r.referral, r.updated_at});
                if (referral_status_active(r.referral.status) || referral_status_made(r.referral.status))
                    ++referrals_.made;
            }
            referrals_.people.push_back(std::move(p));
        }
        referral_alerts_ = o.alerts;
    } catch (const store::StoreError& e) {
        failed(message_of(e));
    }
}

void StoreSession::refresh_alerts() {
    std::vector<Alert> all;
    if (store_ && store_->signed_in()) {
        all = referral_alerts_;
        const UnixSeconds now = clock_.now();
        for (const ActionView& a : operation_.actions) {
            if (a.state.status != ActionStatus::Overdue) continue;
            Alert alert;
            alert.severity = a.mandatory ? AlertSeverity::Critical : AlertSeverity::Warning;
            alert.kind = AlertKind::ActionOverdue;
            alert.message = "Overdue since " + format_local_time(a.state.due.at, "%H:%M") + ": " + a.title +
                            " (" + a.lead + ")";
            alert.target = AlertTarget{AlertTargetKind::Action, 0, a.id, std::nullopt, a.id};
            alert.since = a.state.due.at;
            alert.key = "action_overdue/" + a.id;
            all.push_back(std::move(alert));
        }
        if (partners_.roles)
            for (const CoverageAlert& c : partners_.roles->alerts) {
                Alert alert;
                alert.severity = AlertSeverity::Critical;
                alert.kind = AlertKind::RoleUncovered;
                alert.message = c.message;
                alert.target =
                    AlertTarget{AlertTargetKind::Partner, 0, c.partner_id, std::nullopt, c.partner_id};
                alert.key = "role_uncovered/" + c.partner_id;
                all.push_back(std::move(alert));
            }
        for (const StaffRow& s : partners_.staff) {
            if (!s.long_shift || s.time_out) continue;
            Alert alert;
            alert.severity = AlertSeverity::Warning;
            alert.kind = AlertKind::ShiftTooLong;
            alert.message = "A " + (s.organisation.empty() ? std::string("staff member") : s.organisation) +
                            " staff member (" + s.role_at_centre + ") has been on shift since " +
                            format_local_time(s.time_in, "%H:%M") + ": arrange a handover.";
            alert.target = AlertTarget{AlertTargetKind::Staff, s.id, {}, std::nullopt, s.organisation};
            alert.since = s.time_in;
            alert.key = "shift_too_long/" + std::to_string(s.id);
            all.push_back(std::move(alert));
        }
        for (const Alert& a : extra_alerts_)
            all.push_back(a);
        add_centre_alerts(all);
        (void)now;
        sort_alerts(all);
    }
    alerts_.alerts = std::move(all);
    alerts_.counts = count_alerts(alerts_.alerts);
    ++alerts_.version;
}

CheckInResult StoreSession::add_referral(std::int64_t person_id, const Referral& referral) {
    CheckInResult r;
    if (!store_) return {false, "No centre database is open.", {}, {}, {}, {}, 0};
    try {
        edit_parts_ = kReferralsPart;
        r.id = store::add_referral(*store_, person_id, referral);
        r.ok = true;
        r.message = std::string(referral_type_label(referral.type)) + " recorded.";
    } catch (const store::ReferralRejected& e) {
        r.problems = e.problems();
        r.message = "Nothing was saved: correct the fields marked in red.";
        if (!r.problems.empty()) r.message = r.problems.front().message;
        return r;
    } catch (const store::StoreError& e) {
        r.message = not_saved(e);
        return r;
    }
    refresh();
    return r;
}

namespace {

Referral referral_of(const store::ReferralRecord& r) {
    return r.referral;
}

} // namespace

SaveResult<Referral> StoreSession::update_referral(std::int64_t referral_id, const Referral& referral,
                                                   std::optional<std::int64_t> started_from) {
    std::vector<FieldProblem> problems;
    SaveResult<Referral> r = versioned<Referral, store::ReferralRecord>(
        [&]() -> std::int64_t {
            try {
                return store::update_referral(*store_, referral_id, referral, started_from);
            } catch (const store::ReferralRejected& e) {
                problems = e.problems(); // nothing was written
                return 0;
            }
        },
        kReferralsPart, referral, &referral_of);
    if (!problems.empty()) {
        r.ok = false;
        r.version = 0;
        r.message = problems.front().message;
        r.problems = std::move(problems);
    } else if (r.ok) {
        r.id = referral_id;
        r.message = "Saved.";
    }
    return r;
}

EditResult StoreSession::set_referral_status(std::int64_t referral_id, ReferralStatus status,
                                             std::string_view reason) {
    return guarded([&] { store::set_referral_status(*store_, referral_id, status, reason); }, kReferralsPart);
}

std::optional<PromptSheet> StoreSession::prompt_sheet(std::int64_t referral_id) const {
    if (!store_ || !store_->signed_in()) return std::nullopt;
    try {
        return store::referral_prompt_sheet(*store_, referral_id);
    } catch (const store::StoreError&) {
        return std::nullopt;
    }
}

} // namespace rc::app
