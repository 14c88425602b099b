// Alerts gathered from the referral checks and time on site, with alerts from elsewhere passed in:
// severities, targets, keys, order, and no names.
#include "domain/alert.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::load_default;
using RT = ReferralType;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC
constexpr UnixSeconds hour = 3600;
constexpr Date arrival{2026, 3, 14};

Person person_with(std::optional<NrmConsent> consent, std::optional<Date> dob) {
    Person p;
    p.name = "Zubeida Quaxfordshire";
    p.tag = "T9";
    p.date_of_birth = dob;
    p.nrm_consent = consent;
    return p;
}

const Alert* find(const std::vector<Alert>& alerts, AlertKind kind, std::int64_t person) {
    for (const Alert& a : alerts)
        if (a.kind == kind && a.target.person == person) return &a;
    return nullptr;
}

} // namespace

TEST_CASE("alerts: referral findings become alerts that point at the person or the referral") {
    const Procedure p = load_default();
    const UnixSeconds now = t0 + 5 * hour;

    // A child past the deadline with nothing made.
    const PersonReferralCheck child =
        check_person_referrals(p, person_with(std::nullopt, Date{2012, 1, 1}), arrival, t0, {}, now);
    // An adult who declined, with an NRM marked made (referral #40) and no MS1 yet, arrived later.
    Referral nrm;
    nrm.type = RT::Nrm;
    nrm.status = ReferralStatus::Made;
    nrm.making_partner = "police";
    nrm.consent = ReferralConsent::Given;
    nrm.consent_explained = true;
    nrm.made_at = t0 + 4 * hour;
    const std::vector<Referral> adult_refs = {nrm};
    const PersonReferralCheck adult = check_person_referrals(p, person_with(NrmConsent::No, Date{1990, 1, 1}),
                                                             arrival, t0 + 3 * hour, adult_refs, now);
    // Undecided, and unknown age.
    const PersonReferralCheck undecided =
        check_person_referrals(p, person_with(NrmConsent::Undecided, Date{1990, 1, 1}), arrival, t0, {}, now);
    const PersonReferralCheck unknown =
        check_person_referrals(p, person_with(NrmConsent::Yes, std::nullopt), arrival, t0, {}, now);

    const std::vector<std::int64_t> adult_ids = {40};
    const std::vector<UnixSeconds> adult_since = {t0 + 4 * hour};
    const std::vector<PersonAlertInput> people = {
        {1, "OP-0001-001", t0, true, &child, {}, {}},
        {2, "OP-0001-002", t0 + 3 * hour, true, &adult, adult_ids, adult_since},
        {3, "OP-0001-003", t0, true, &undecided, {}, {}},
        {4, "OP-0001-004", t0, false, &unknown, {}, {}},
    };
    Alert stock;
    stock.severity = AlertSeverity::Warning;
    stock.kind = AlertKind::LowStock;
    stock.message = "Adult (female) bags: 3 left, 20 planned";
    stock.target = AlertTarget{AlertTargetKind::Stock, 0, "adult_female", std::nullopt, "Adult (female)"};
    stock.key = "low_stock/adult_female";
    const std::vector<Alert> others = {stock};

    const std::vector<Alert> alerts = gather_alerts(AlertInputs{&p, people, others, now});

    // The child: two overdue referrals, critical, aimed at the person with the type as the key.
    std::vector<const Alert*> child_overdue;
    for (const Alert& a : alerts)
        if (a.kind == AlertKind::ReferralOverdue && a.target.person == 1) child_overdue.push_back(&a);
    REQUIRE(child_overdue.size() == 2);
    // Same severity and time: by key.
    CHECK(child_overdue[0]->key == "referral_overdue/person/1/childrens_services");
    const Alert& nrm_overdue = *child_overdue[1];
    CHECK(nrm_overdue.key == "referral_overdue/person/1/nrm");
    CHECK(nrm_overdue.severity == AlertSeverity::Critical);
    CHECK(nrm_overdue.target.kind == AlertTargetKind::Person);
    CHECK(nrm_overdue.target.id == 1);
    CHECK(nrm_overdue.target.key == "nrm");
    CHECK(nrm_overdue.target.label == "OP-0001-001");
    CHECK(nrm_overdue.since == t0 + 4 * hour);
    CHECK(nrm_overdue.message ==
          "OP-0001-001: NRM referral not made within 4 h after arrival (overdue by 1 h)");

    // The adult: the contradiction points at referral #40; the MS1 is missing but not yet overdue.
    const Alert* contradiction = find(alerts, AlertKind::ReferralContradictory, 2);
    REQUIRE(contradiction);
    CHECK(contradiction->severity == AlertSeverity::Critical);
    CHECK(contradiction->target.kind == AlertTargetKind::Referral);
    CHECK(contradiction->target.id == 40);
    CHECK(contradiction->since == t0 + 4 * hour);
    CHECK(contradiction->key == "referral_contradictory/referral/40/nrm_without_consent");
    const Alert* missing = find(alerts, AlertKind::ReferralMissing, 2);
    REQUIRE(missing);
    CHECK(missing->severity == AlertSeverity::Warning);
    CHECK(missing->target.key == "duty_to_notify");
    CHECK_FALSE(find(alerts, AlertKind::ReferralOverdue, 2));

    // Undecided: a reminder. Age not established 5 h after arrival (past the welfare check time):
    // critical, and presumed a child, so the child's referrals are overdue too.
    const Alert* pending = find(alerts, AlertKind::DecisionPending, 3);
    REQUIRE(pending);
    CHECK(pending->severity == AlertSeverity::Reminder);
    const Alert* age = find(alerts, AlertKind::AgeNotEstablished, 4);
    REQUIRE(age);
    CHECK(age->severity == AlertSeverity::Critical);
    CHECK(age->since == t0 + 3600);
    CHECK(find(alerts, AlertKind::ReferralOverdue, 4));

    // Others are passed through; the list is sorted by severity, then oldest first.
    CHECK(std::any_of(alerts.begin(), alerts.end(),
                      [](const Alert& a) { return a.key == "low_stock/adult_female"; }));
    CHECK(std::is_sorted(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    }));
    CHECK(alerts.back().severity == AlertSeverity::Reminder);
    const AlertCounts counts = count_alerts(alerts);
    CHECK(counts.critical == 6);
    CHECK(counts.reminder == 1);
    CHECK(counts.critical + counts.warning + counts.reminder == static_cast<int>(alerts.size()));

    for (const Alert& a : alerts) {
        CAPTURE(a.message);
        CHECK_FALSE(a.message.find("Quaxfordshire") != std::string::npos);
        CHECK_FALSE(a.message.find("Zubeida") != std::string::npos);
        CHECK_FALSE(a.key.empty());
    }
}

TEST_CASE("alerts: people in the centre longer than the procedure's limit") {
    const Procedure p = load_default(); // on_site_warning_hours = 12 in the template
    REQUIRE(p.info.on_site_warning_hours == 12);
    std::vector<Alert> out;
    PersonAlertInput who{7, "OP-0001-007", t0, true, nullptr, {}, {}};
    add_on_site_alert(out, p, who, t0 + 12 * hour);
    CHECK(out.empty());
    add_on_site_alert(out, p, who, t0 + 13 * hour + 30 * 60);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == AlertKind::OnSiteTooLong);
    CHECK(out[0].severity == AlertSeverity::Warning);
    CHECK(out[0].message == "OP-0001-007: in the centre for 13 h 30 min (the procedure's limit is 12 h)");
    CHECK(out[0].since == t0 + 12 * hour);
    // Someone who has left is not on site too long.
    out.clear();
    who.in_centre = false;
    add_on_site_alert(out, p, who, t0 + 20 * hour);
    CHECK(out.empty());
}

TEST_CASE("alerts: sorting puts the most urgent and oldest first; ids round-trip") {
    std::vector<Alert> alerts(4);
    alerts[0].severity = AlertSeverity::Reminder;
    alerts[0].key = "a";
    alerts[1].severity = AlertSeverity::Critical;
    alerts[1].since = 200;
    alerts[1].key = "b";
    alerts[2].severity = AlertSeverity::Critical;
    alerts[2].since = 100;
    alerts[2].key = "c";
    alerts[3].severity = AlertSeverity::Critical;
    alerts[3].key = "d"; // no time: after those with one
    sort_alerts(alerts);
    CHECK(alerts[0].key == "c");
    CHECK(alerts[1].key == "b");
    CHECK(alerts[2].key == "d");
    CHECK(alerts[3].key == "a");
    CHECK(alert_kind_id(AlertKind::ReferralOverdue) == "referral_overdue");
    CHECK(alert_severity_id(AlertSeverity::Reminder) == "reminder");
    CHECK(alert_target_kind_id(AlertTargetKind::Referral) == "referral");
}
