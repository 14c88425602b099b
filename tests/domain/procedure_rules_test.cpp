// The rules over a loaded procedure: tiers, due times, action status, referrals, bags, time on site.
#include "domain/clock.hpp"
#include "domain/procedure_rules.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::default_procedure_file;
using rc::test::load_default;
using rc::test::with_edit;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC: the call comes in
constexpr UnixSeconds minute = 60;
constexpr UnixSeconds hour = 3600;

const ActionState& state_of(const Procedure& p, const std::vector<ActionState>& states,
                            const std::string& id) {
    for (const ActionState& s : states)
        if (p.actions[s.action_index].id == id) return s;
    FAIL("no state for " << id);
    return states.front();
}

bool has_state(const Procedure& p, const std::vector<ActionState>& states, const std::string& id) {
    for (const ActionState& s : states)
        if (p.actions[s.action_index].id == id) return true;
    return false;
}

} // namespace

TEST_CASE("propose_tier at the default boundaries") {
    const Procedure p = load_default();
    CHECK(propose_tier(p, 1) == Tier::Small);
    CHECK(propose_tier(p, 10) == Tier::Small);
    CHECK(propose_tier(p, 11) == Tier::Medium);
    CHECK(propose_tier(p, 30) == Tier::Medium);
    CHECK(propose_tier(p, 31) == Tier::Large);
    CHECK(propose_tier(p, 5000) == Tier::Large);
    CHECK(propose_tier(p, 0) == Tier::Small); // not known yet: start small
    CHECK(propose_tier(p, -3) == Tier::Small);
    CHECK(tier_range(p, Tier::Medium).to_people == 30);
}

TEST_CASE("propose_tier follows the thresholds in the file") {
    std::string text =
        with_edit(default_procedure_file(), "small = { from = 1, to = 10,", "small = { from = 1, to = 5,");
    text = with_edit(text, "medium = { from = 11, to = 30,", "medium = { from = 6, to = 20,");
    text = with_edit(text, "large = { from = 31,", "large = { from = 21,");
    const auto r = parse_procedure(text, "local.toml");
    REQUIRE(r.ok());
    CHECK(propose_tier(*r.procedure, 5) == Tier::Small);
    CHECK(propose_tier(*r.procedure, 6) == Tier::Medium);
    CHECK(propose_tier(*r.procedure, 20) == Tier::Medium);
    CHECK(propose_tier(*r.procedure, 21) == Tier::Large);
}

TEST_CASE("due times count from activation or from the first arrival") {
    const Procedure p = load_default();
    const ProcedureAction& call = *find_action(p, "act-take-call");       // 15 min after activation
    const ProcedureAction& checkin = *find_action(p, "rec-check-in");     // 30 min after first arrival
    const ProcedureAction& standdown = *find_action(p, "sd-agree");       // no fixed time
    const ProcedureAction& debrief = *find_action(p, "deb-multi-agency"); // 7 days after activation

    OperationTimes times{t0, std::nullopt};
    CHECK(action_due_time(call, times).kind == DueKind::At);
    CHECK(action_due_time(call, times).at == t0 + 15 * minute);
    CHECK(action_due_time(checkin, times).kind == DueKind::AwaitingFirstArrival);
    CHECK(action_due_time(standdown, times).kind == DueKind::NoFixedTime);
    CHECK(action_due_time(debrief, times).at == t0 + 7 * 24 * hour);

    times.first_arrival_at = t0 + 2 * hour + 10 * minute; // the first bus arrives
    CHECK(action_due_time(checkin, times).kind == DueKind::At);
    CHECK(action_due_time(checkin, times).at == t0 + 2 * hour + 40 * minute);
    CHECK(action_due_time(call, times).at == t0 + 15 * minute); // unchanged by the arrival
}

TEST_CASE("action status over time with a ManualClock") {
    const Procedure p = load_default();
    ManualClock clock(t0);
    OperationTimes times{t0, std::nullopt};
    std::vector<ActionRecord> records;

    auto status = [&](const std::string& id) {
        const auto states = evaluate_actions(p, Tier::Medium, times, records, clock);
        return state_of(p, states, id);
    };

    SUBCASE("to do until the due time, overdue one second after") {
        CHECK(status("act-take-call").status == ActionStatus::ToDo);
        clock.set(t0 + 15 * minute); // exactly due: not yet overdue
        CHECK(status("act-take-call").status == ActionStatus::ToDo);
        clock.advance(1);
        const ActionState s = status("act-take-call");
        CHECK(s.status == ActionStatus::Overdue);
        CHECK(s.overdue_seconds == 1);
        clock.advance(10 * minute);
        CHECK(status("act-take-call").overdue_seconds == 10 * minute + 1);
    }
    SUBCASE("done on time, done late, not applicable") {
        records.push_back(
            ActionRecord{"act-take-call", ActionOutcome::Done, "coordinator-1", t0 + 10 * minute, ""});
        records.push_back(
            ActionRecord{"act-choose-venue", ActionOutcome::Done, "coordinator-1", t0 + 50 * minute, ""});
        records.push_back(ActionRecord{"act-health", ActionOutcome::NotApplicable, "coordinator-1",
                                       t0 + 5 * minute,
                                       "Paramedics attended the raid and screened everyone"});
        clock.set(t0 + 3 * hour);
        const ActionState call = status("act-take-call");
        CHECK(call.status == ActionStatus::Done);
        CHECK_FALSE(call.done_late);
        REQUIRE(call.record.has_value());
        CHECK(call.record->by == "coordinator-1");
        const ActionState venue = status("act-choose-venue"); // due at 30 min, done at 50
        CHECK(venue.status == ActionStatus::Done);
        CHECK(venue.done_late);
        CHECK(venue.overdue_seconds == 20 * minute);
        const ActionState health = status("act-health");
        CHECK(health.status == ActionStatus::NotApplicable);
        CHECK(health.record->reason == "Paramedics attended the raid and screened everyone");
    }
    SUBCASE("the latest record counts") {
        records.push_back(
            ActionRecord{"act-call-out", ActionOutcome::NotApplicable, "a", t0 + 20 * minute, "x"});
        records.push_back(ActionRecord{"act-call-out", ActionOutcome::Done, "b", t0 + 25 * minute, ""});
        records.push_back(ActionRecord{"no-such-action", ActionOutcome::Done, "c", t0, ""}); // ignored
        const ActionState s = status("act-call-out");
        CHECK(s.status == ActionStatus::Done);
        CHECK(s.record->by == "b");
    }
    SUBCASE("actions counted from the first arrival wait for it, then run") {
        clock.set(t0 + 20 * hour);
        CHECK(status("rec-check-in").status == ActionStatus::ToDo);
        CHECK(status("rec-check-in").due.kind == DueKind::AwaitingFirstArrival);
        times.first_arrival_at = t0 + 19 * hour;
        CHECK(status("rec-check-in").status == ActionStatus::Overdue);
        CHECK(status("rec-check-in").overdue_seconds == 30 * minute);
    }
    SUBCASE("actions with no fixed time are never overdue") {
        clock.set(t0 + 6 * 24 * hour);
        CHECK(status("sd-agree").status == ActionStatus::ToDo);
    }
}

TEST_CASE("evaluate_actions lists the tier's actions in phase and due order") {
    const Procedure p = load_default();
    const ManualClock clock(t0);
    const OperationTimes times{t0, t0 + hour};
    const auto small = evaluate_actions(p, Tier::Small, times, {}, clock);
    const auto medium = evaluate_actions(p, Tier::Medium, times, {}, clock);
    CHECK_FALSE(has_state(p, small, "act-welfare-partners")); // medium and large only
    CHECK(has_state(p, medium, "act-welfare-partners"));
    CHECK(medium.size() == p.actions.size());
    CHECK(small.size() < medium.size());
    for (std::size_t i = 1; i < medium.size(); ++i) {
        const ProcedureAction& a = p.actions[medium[i - 1].action_index];
        const ProcedureAction& b = p.actions[medium[i].action_index];
        CHECK(static_cast<int>(a.phase) <= static_cast<int>(b.phase));
        if (a.phase == b.phase && medium[i - 1].due.kind == DueKind::At && medium[i].due.kind == DueKind::At)
            CHECK(medium[i - 1].due.at <= medium[i].due.at);
    }
    CHECK(p.actions[medium.front().action_index].id == "act-take-call");
    CHECK(p.actions[medium.back().action_index].id == "deb-multi-agency");
}

TEST_CASE("counts and the next wake-up time") {
    const Procedure p = load_default();
    ManualClock clock(t0 + 16 * minute); // act-take-call (15 min) is overdue
    const OperationTimes times{t0, std::nullopt};
    const std::vector<ActionRecord> records{
        {"act-choose-tier", ActionOutcome::Done, "c", t0 + 25 * minute, ""}, // due 20: late
        {"act-health", ActionOutcome::NotApplicable, "c", t0, "not needed"}};
    const auto states = evaluate_actions(p, Tier::Medium, times, records, clock);
    const ActionCounts c = count_actions(p, states);
    CHECK(c.overdue == 1);
    CHECK(c.done == 1);
    CHECK(c.done_late == 1);
    CHECK(c.not_applicable == 1);
    CHECK(c.to_do == static_cast<int>(states.size()) - 3);
    CHECK(c.mandatory_open > 0);
    CHECK(next_due_time(states, clock.now()) == t0 + 30 * minute); // act-choose-venue, act-call-out, ...
}

TEST_CASE("check_action_record says what is wrong before a record is saved") {
    const Procedure p = load_default();
    CHECK(check_action_record(p, {"act-call-out", ActionOutcome::Done, "coordinator-1", t0, ""}).empty());
    CHECK(check_action_record(p, {"act-call-oot", ActionOutcome::Done, "c", t0, ""}) ==
          "there is no action 'act-call-oot' in this procedure");
    CHECK(check_action_record(p, {"act-call-out", ActionOutcome::Done, " ", t0, ""}) == "say who did it");
    CHECK(check_action_record(p, {"act-call-out", ActionOutcome::NotApplicable, "c", t0, ""}) ==
          "say why the action does not apply");
}

TEST_CASE("referral requirements per category") {
    const Procedure p = load_default();
    using RT = ReferralType;

    const auto child = referral_requirements(p, PersonCategory::Child);
    CHECK(child.required == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK(child.no_identifying_data.empty());
    const auto disputed = referral_requirements(p, PersonCategory::AgeDisputed);
    CHECK(disputed.required == child.required); // treated as a child
    CHECK(disputed.recommended == child.recommended);

    const auto consents = referral_requirements(p, PersonCategory::AdultConsents);
    CHECK(consents.required == std::vector<RT>{RT::Nrm});
    CHECK(std::find(consents.recommended.begin(), consents.recommended.end(), RT::SalvationArmyVictimCare) !=
          consents.recommended.end());

    const auto declines = referral_requirements(p, PersonCategory::AdultDeclines);
    CHECK(declines.required == std::vector<RT>{RT::DutyToNotify});
    CHECK(std::find(declines.recommended.begin(), declines.recommended.end(), RT::Nrm) ==
          declines.recommended.end());
    CHECK(referral_must_not_identify(p, PersonCategory::AdultDeclines, RT::DutyToNotify));
    CHECK_FALSE(referral_must_not_identify(p, PersonCategory::AdultConsents, RT::DutyToNotify));

    const auto undecided = referral_requirements(p, PersonCategory::AdultUndecided);
    CHECK(undecided.required.empty());
    CHECK(std::find(undecided.recommended.begin(), undecided.recommended.end(), RT::PreNrmSupport) !=
          undecided.recommended.end());
    CHECK(referral_must_not_identify(p, PersonCategory::AdultUndecided, RT::DutyToNotify));
}

TEST_CASE("person categories from age status and consent") {
    CHECK(person_category(AgeStatus::Child, NrmConsent::No) == PersonCategory::Child);
    CHECK(person_category(AgeStatus::Disputed, NrmConsent::No) == PersonCategory::AgeDisputed);
    CHECK(person_category(AgeStatus::Adult, NrmConsent::Yes) == PersonCategory::AdultConsents);
    CHECK(person_category(AgeStatus::Adult, NrmConsent::No) == PersonCategory::AdultDeclines);
    CHECK(person_category(AgeStatus::Adult, NrmConsent::Undecided) == PersonCategory::AdultUndecided);
    CHECK(nrm_consent_from_id("maybe") == std::nullopt);
    CHECK(nrm_consent_from_id("undecided") == NrmConsent::Undecided);
}

TEST_CASE("ids round-trip") {
    for (ReferralType t : all_referral_types)
        CHECK(referral_type_from_id(referral_type_id(t)) == t);
    for (PersonCategory c : all_person_categories)
        CHECK(person_category_from_id(person_category_id(c)) == c);
    for (Phase ph : all_phases)
        CHECK(phase_from_id(phase_id(ph)) == ph);
    CHECK(referral_type_id(ReferralType::DutyToNotify) == "duty_to_notify");
    CHECK(referral_type_label(ReferralType::DutyToNotify) == "Duty to Notify (MS1)");
    CHECK(phase_label(Phase::Interviews) == "Interviews and decisions");
    CHECK(due_anchor_from_id("first_arrival") == DueAnchor::FirstArrival);
    CHECK(partner_role_from_id("lead") == PartnerRole::Lead);
    CHECK(action_status_id(ActionStatus::NotApplicable) == "not_applicable");
}

TEST_CASE("the bag plan per tier") {
    const Procedure p = load_default();
    const auto& medium = bag_plan(p, Tier::Medium);
    REQUIRE(medium.size() == 4);
    CHECK(medium[0].kind == "adult_female");
    CHECK(medium[0].per_person == doctest::Approx(0.6));
    CHECK(bags_needed(medium[0], 25) == 20); // 0.6 * 25 = 15, but hold at least 20
    CHECK(bags_needed(medium[3], 25) == 3);  // infants: 0.1 * 25 = 2.5, rounded up; minimum 2
    const auto& large = bag_plan(p, Tier::Large);
    CHECK(bags_needed(large[1], 50) == 40); // 30 planned, minimum 40
    CHECK(bags_needed(large[1], 100) == 60);
    CHECK(bags_needed(bag_plan(p, Tier::Small)[0], 10) == 6); // exactly 6, not 7
    CHECK(bags_needed(medium[0], -4) == 20);
    CHECK(bags_needed(BagPlanLine{"x", 10.0, 0}, 2000000000) == 10 * max_people);
}

TEST_CASE("partners at a tier and the call-out cascade") {
    const Procedure p = load_default();
    const auto small = partners_for_tier(p, Tier::Small);
    REQUIRE(small.size() >= 2);
    CHECK(small[0].partner_id == "police");
    CHECK(small[0].role == PartnerRole::Lead);
    CHECK(small[1].partner_id == "council");
    CHECK(std::none_of(small.begin(), small.end(), [](const auto& x) { return x.partner_id == "emsou"; }));
    const auto large = partners_for_tier(p, Tier::Large);
    CHECK(std::any_of(large.begin(), large.end(),
                      [](const auto& x) { return x.partner_id == "emsou" && x.on_site; }));

    const auto cascade = call_out_cascade(p);
    REQUIRE(cascade.size() == 4);
    CHECK(cascade[0].id == "police-101");
    CHECK(cascade[1].id == "mshtu-advice");
    CHECK(cascade[2].id == "call-derbyshire");
    CHECK(cascade[3].id == "derby-city-council");
}

TEST_CASE("time on site and shift length") {
    const Procedure p = load_default();
    CHECK_FALSE(on_site_too_long(p, t0, t0 + 12 * hour));
    CHECK(on_site_too_long(p, t0, t0 + 12 * hour + 1));
    CHECK_FALSE(on_site_too_long(p, t0, t0 - hour)); // clock went backwards: no warning
    CHECK_FALSE(shift_too_long(p, t0, t0 + 11 * hour));
    CHECK(shift_too_long(p, t0, t0 + 13 * hour));

    const auto r =
        parse_procedure(with_edit(default_procedure_file(), "on_site_hours = 12", "on_site_hours = 6"), "x");
    REQUIRE(r.ok());
    CHECK(on_site_too_long(*r.procedure, t0, t0 + 7 * hour));
}
