// The alert list a tired coordinator reads: more than three records of one kind fold into one line
// with the count, standing where its most urgent alert stood; open kinds show their records beneath.
#include "domain/alert_fold.hpp"
#include "domain/tier_capacity.hpp"
#include "procedure_test_support.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>
#include <vector>

using namespace rc;

namespace {

Alert person_alert(AlertKind kind, AlertSeverity severity, std::int64_t person, UnixSeconds since,
                   std::string detail = {}) {
    Alert a;
    a.kind = kind;
    a.severity = severity;
    a.message = "OP-0001-" + std::to_string(person) + ": " + std::string(alert_kind_label(kind));
    a.target.kind = AlertTargetKind::Person;
    a.target.id = person;
    a.target.person = person;
    a.since = since;
    a.key = std::string(alert_kind_id(kind)) + "/person/" + std::to_string(person) + "/" + detail;
    return a;
}

// 12 people of one group with an unknown age, two overdue referrals, three partners' roles uncovered.
std::vector<Alert> wave() {
    std::vector<Alert> all;
    for (std::int64_t p = 1; p <= 12; ++p)
        all.push_back(person_alert(AlertKind::AgeNotEstablished, AlertSeverity::Warning, p, 100 + p));
    all.push_back(person_alert(AlertKind::ReferralOverdue, AlertSeverity::Critical, 3, 50, "nrm"));
    all.push_back(person_alert(AlertKind::ReferralOverdue, AlertSeverity::Critical, 4, 60, "nrm"));
    for (const char* partner : {"red_cross", "nhs", "interpreters"}) {
        Alert a;
        a.kind = AlertKind::RoleUncovered;
        a.severity = AlertSeverity::Critical;
        a.message = std::string("No one from ") + partner + " is on site";
        a.target = AlertTarget{AlertTargetKind::Partner, 0, partner, std::nullopt, partner};
        a.key = std::string("role_uncovered/") + partner;
        all.push_back(a);
    }
    // Six missing referrals for three people: three records, so they do not fold.
    for (std::int64_t p = 5; p <= 7; ++p)
        for (const char* type : {"nrm", "childrens_services"})
            all.push_back(person_alert(AlertKind::ReferralMissing, AlertSeverity::Warning, p, 100 + p, type));
    sort_alerts(all);
    return all;
}

} // namespace

TEST_CASE("alert fold: 12 of one kind fold into one line with the count; small kinds stay as they are") {
    const std::vector<Alert> all = wave();
    const auto rows = fold_alerts(all, [](AlertKind) { return false; });
    // 2 overdue + 3 roles (critical), then the folded age line and the 6 missing (warnings).
    REQUIRE(rows.size() == 2 + 3 + 1 + 6);
    for (std::size_t i = 0; i < 5; ++i)
        CHECK(rows[i].severity == AlertSeverity::Critical);
    const AlertListRow& folded = rows[5];
    CHECK(folded.group);
    CHECK(folded.kind == AlertKind::AgeNotEstablished);
    CHECK(folded.records == 12);
    CHECK(folded.members.size() == 12);
    CHECK(folded.summary == "12 people: age not established");
    CHECK_FALSE(folded.open);
    for (std::size_t i = 6; i < rows.size(); ++i) {
        CHECK_FALSE(rows[i].group);
        CHECK(all[rows[i].alert].kind == AlertKind::ReferralMissing);
    }
    // Every alert is either shown or in a folded group.
    std::set<std::size_t> covered;
    for (const AlertListRow& r : rows) {
        if (r.group)
            covered.insert(r.members.begin(), r.members.end());
        else
            covered.insert(r.alert);
    }
    CHECK(covered.size() == all.size());
}

TEST_CASE("alert fold: an open kind shows its records beneath the line, in the list's order") {
    const std::vector<Alert> all = wave();
    const auto rows = fold_alerts(all, [](AlertKind k) { return k == AlertKind::AgeNotEstablished; });
    REQUIRE(rows.size() == 5 + 1 + 12 + 6);
    CHECK(rows[5].group);
    CHECK(rows[5].open);
    for (std::size_t i = 0; i < 12; ++i) {
        const AlertListRow& r = rows[6 + i];
        CHECK(r.in_group);
        CHECK(all[r.alert].target.person == static_cast<std::int64_t>(i + 1)); // oldest first
    }
}

TEST_CASE("alert fold: the most urgent kinds stay on top, a mixed group stands at its most urgent") {
    std::vector<Alert> all;
    for (std::int64_t p = 1; p <= 5; ++p)
        all.push_back(person_alert(AlertKind::DecisionPending, AlertSeverity::Reminder, p, 10));
    for (std::int64_t p = 1; p <= 4; ++p)
        all.push_back(person_alert(AlertKind::OnSiteTooLong,
                                   p == 4 ? AlertSeverity::Critical : AlertSeverity::Warning, p, 20));
    all.push_back(person_alert(AlertKind::ReferralMissing, AlertSeverity::Warning, 9, 5, "nrm"));
    sort_alerts(all);
    const auto rows = fold_alerts(all, {});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].group);
    CHECK(rows[0].kind == AlertKind::OnSiteTooLong);
    CHECK(rows[0].severity == AlertSeverity::Critical);
    CHECK(rows[1].kind == AlertKind::ReferralMissing);
    CHECK(rows[2].kind == AlertKind::DecisionPending);
    CHECK(rows[2].summary == "5 people: NRM decision pending");
}

TEST_CASE("alert fold: records are counted once; four alerts about three people do not fold") {
    std::vector<Alert> all;
    for (std::int64_t p = 1; p <= 3; ++p)
        all.push_back(person_alert(AlertKind::ReferralMissing, AlertSeverity::Warning, p, 1, "nrm"));
    all.push_back(
        person_alert(AlertKind::ReferralMissing, AlertSeverity::Warning, 1, 1, "childrens_services"));
    CHECK(fold_alerts(all, {}).size() == 4);
    all.push_back(person_alert(AlertKind::ReferralMissing, AlertSeverity::Warning, 4, 1, "nrm"));
    const auto rows = fold_alerts(all, {});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].summary == "4 people (5 alerts): referral missing");
    CHECK(alert_group_summary(AlertKind::ActionOverdue, AlertTargetKind::Action, 5, 5) ==
          "5 actions: action overdue");
}

TEST_CASE("tier exceeded: a warning when people received pass the tier's upper bound") {
    const Procedure p = rc::test::load_default();
    CHECK_FALSE(tier_exceeded_alert(p, Tier::Small, 10));
    CHECK(people_over_tier(p, Tier::Small, 10) == 0);
    const auto a = tier_exceeded_alert(p, Tier::Small, 31);
    REQUIRE(a);
    CHECK(people_over_tier(p, Tier::Small, 31) == 21);
    CHECK(a->kind == AlertKind::TierExceeded);
    CHECK(alert_kind_id(a->kind) == "tier_exceeded");
    CHECK(a->severity == AlertSeverity::Warning);
    CHECK(a->target.kind == AlertTargetKind::Centre);
    CHECK(a->target.key == "large");
    CHECK(a->message ==
          "31 people received: more than a small centre is for (up to 10). Raise the tier to large "
          "(Ctrl+T on the dashboard) so its roles, actions and bag plan apply.");
    CHECK(tier_exceeded_alert(p, Tier::Medium, 31)->target.key == "large");
    CHECK(tier_exceeded_alert(p, Tier::Small, 11)->target.key == "medium");
    CHECK_FALSE(tier_exceeded_alert(p, Tier::Large, 5000)); // no upper bound
}
