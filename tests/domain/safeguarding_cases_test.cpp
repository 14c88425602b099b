// The safeguarding case table (safeguarding_cases.hpp) run through the referral check and the alert
// gathering against the built-in procedure; and the departure gate the Arrivals desk asks with.
#include "domain/alert.hpp"
#include "domain/referral_check.hpp"
#include "procedure_test_support.hpp"
#include "safeguarding_cases.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::load_default;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC
constexpr Date arrival{2026, 3, 14};

UnixSeconds at_minute(int minute) {
    return t0 + static_cast<UnixSeconds>(minute) * 60;
}

Person person_for(const cases::SafeguardingCase& c) {
    Person p;
    p.tag = "T1";
    switch (c.age) {
    case cases::CaseAge::Child15:
        p.date_of_birth = Date{2010, 6, 1};
        break;
    case cases::CaseAge::Turns18DayAfterArrival:
        p.date_of_birth = Date{2008, 3, 15};
        break;
    case cases::CaseAge::Adult30:
        p.date_of_birth = Date{1995, 6, 1};
        break;
    case cases::CaseAge::AgeDisputed:
        p.stated_child = ChildStatus::AgeDisputed;
        break;
    case cases::CaseAge::NotEstablished:
        break;
    case cases::CaseAge::ClearlyAdult:
        p.stated_child = ChildStatus::Adult;
        p.adult_judgement = "visibly in their forties; confirmed by the police lead";
        break;
    }
    p.nrm_consent = c.consent;
    if (c.consent) p.nrm_consent_at = at_minute(c.decision_minute);
    p.journey.push_back({JourneyStep::Arrived, t0, std::nullopt, {}});
    if (c.exit) {
        const JourneyStep step =
            destination_is_temporary(*c.exit) ? JourneyStep::TemporaryExit : JourneyStep::Departed;
        p.journey.push_back({step, at_minute(c.exit_minute), c.exit, {}});
    }
    return p;
}

std::vector<Referral> referrals_for(const cases::SafeguardingCase& c) {
    std::vector<Referral> out;
    for (ReferralType t : c.made) {
        Referral r;
        r.type = t;
        r.making_partner = t == ReferralType::ChildrensServices ? "council" : "police";
        r.status = ReferralStatus::Made;
        r.status_at = at_minute(c.made_minute);
        r.made_at = r.status_at;
        const bool adult_nrm = t == ReferralType::Nrm && c.consent == NrmConsent::Yes &&
                               (c.age == cases::CaseAge::Adult30 || c.age == cases::CaseAge::ClearlyAdult);
        r.consent = adult_nrm ? ReferralConsent::Given : ReferralConsent::NotNeeded;
        r.consent_explained = adult_nrm;
        out.push_back(r);
    }
    return out;
}

std::string kinds_text(std::vector<std::pair<AlertKind, AlertSeverity>> v) {
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto& [k, s] : v)
        out += std::string(alert_kind_id(k)) + "/" + std::string(alert_severity_id(s)) + " ";
    return out;
}

std::string types_text(const std::vector<ReferralType>& v) {
    std::string out;
    for (ReferralType t : v)
        out += std::string(referral_type_id(t)) + " ";
    return out;
}

} // namespace

TEST_CASE("safeguarding cases: the table is large enough and names each case once") {
    CHECK(cases::safeguarding_cases.size() >= 40);
    std::vector<std::string_view> names;
    for (const auto& c : cases::safeguarding_cases)
        names.push_back(c.name);
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
}

TEST_CASE("safeguarding cases: every case gives the referrals and alerts the rules call for") {
    const Procedure p = load_default();
    for (const cases::SafeguardingCase& c : cases::safeguarding_cases) {
        CAPTURE(c.name);
        const Person person = person_for(c);
        const std::vector<Referral> refs = referrals_for(c);
        const UnixSeconds now = at_minute(c.clock_minute);
        const PersonReferralCheck check = check_person_referrals(p, person, arrival, t0, refs, now);
        CHECK(types_text(check.required) == types_text(c.required));
        CHECK(types_text(check.missing) == types_text(c.missing));
        CHECK(types_text(check.overdue) == types_text(c.overdue));
        CHECK(check.contradictions == 0);

        const JourneySummary journey = summarise_journey(person.journey);
        std::vector<std::int64_t> ids;
        for (std::size_t i = 0; i < refs.size(); ++i)
            ids.push_back(static_cast<std::int64_t>(i + 1));
        const PersonAlertInput who{1, "OP-0001-001", t0, !journey.departed, &check, ids, {}};
        const std::vector<Alert> alerts = gather_alerts(AlertInputs{&p, std::span(&who, 1), {}, now});
        std::vector<std::pair<AlertKind, AlertSeverity>> got, want;
        for (const Alert& a : alerts) {
            got.emplace_back(a.kind, a.severity);
            CHECK(a.message.find("OP-0001-001") == 0);
        }
        for (const cases::ExpectedAlert& e : c.alerts)
            want.emplace_back(e.kind, e.severity);
        CHECK(kinds_text(got) == kinds_text(want));
    }
}

TEST_CASE("departure gate: what the desk is told before a departure is recorded") {
    const Procedure p = load_default();
    Person child;
    child.date_of_birth = Date{2010, 6, 1};
    child.journey.push_back({JourneyStep::Arrived, t0, std::nullopt, {}});

    SUBCASE("a child going home alone: confirm, critical, call 999 first, both referrals named") {
        const DepartureGate g = departure_gate(p, child, arrival, t0, {}, Destination::Home, at_minute(60));
        CHECK(g.needs_confirmation);
        CHECK(g.critical);
        CHECK(g.child);
        CHECK(g.missing == std::vector<ReferralType>{ReferralType::Nrm, ReferralType::ChildrensServices});
        CHECK(g.first_step.find("999") != std::string::npos);
        CHECK(g.summary == "Still missing: NRM and children's services.");
    }
    SUBCASE("a temporary exit to hospital asks nothing") {
        const DepartureGate g =
            departure_gate(p, child, arrival, t0, {}, Destination::HospitalTemporary, at_minute(60));
        CHECK(g.temporary);
        CHECK_FALSE(g.needs_confirmation);
    }
    SUBCASE("an undecided adult leaving: the MS1 becomes required, due 24 h after leaving") {
        Person adult;
        adult.date_of_birth = Date{1990, 1, 1};
        adult.nrm_consent = NrmConsent::Undecided;
        adult.journey = child.journey;
        const DepartureGate g = departure_gate(p, adult, arrival, t0, {}, Destination::Home, at_minute(100));
        CHECK(g.needs_confirmation);
        CHECK_FALSE(g.critical);
        CHECK(g.ms1_becomes_required);
        CHECK(g.ms1_due_at == at_minute(100 + 1440));
        CHECK(g.missing == std::vector<ReferralType>{ReferralType::DutyToNotify});
    }
    SUBCASE("missing is critical even with every referral made") {
        Referral nrm, cs;
        nrm.type = ReferralType::Nrm;
        nrm.making_partner = "police";
        nrm.status = ReferralStatus::Made;
        nrm.consent = ReferralConsent::NotNeeded;
        cs = nrm;
        cs.type = ReferralType::ChildrensServices;
        cs.making_partner = "council";
        const std::vector<Referral> refs{nrm, cs};
        const DepartureGate g =
            departure_gate(p, child, arrival, t0, refs, Destination::Missing, at_minute(60));
        CHECK(g.needs_confirmation);
        CHECK(g.critical);
        CHECK(g.missing.empty());
        CHECK(g.first_step.find("999") != std::string::npos);
    }
}
