// The debrief's figures as pure functions: medians, small-count suppression, waves, hourly arrivals,
// people on site, compliance, referrals by organisation; and the pseudonym codes and reference rewriting.
#include "domain/debrief_figures.hpp"
#include "domain/pseudonym.hpp"

#include <doctest/doctest.h>
#include <random>
#include <set>

using namespace rc;

TEST_CASE("debrief figures: medians and maxima of durations") {
    CHECK(duration_stats({}).count == 0);
    CHECK_FALSE(duration_stats({}).median);
    const DurationStats s = duration_stats({300, 60, 120, 600});
    CHECK(s.count == 4);
    CHECK(*s.median == 120); // the lower middle: a stay someone really had
    CHECK(*s.max == 600);
    CHECK(*duration_stats({5, 1, 3}).median == 3);
}

TEST_CASE("debrief figures: counts of 1 and 2 are shown as <3 when suppressing, and carry no value") {
    CHECK(count_display(0, true) == "0");
    CHECK(count_display(1, true) == "<3");
    CHECK(count_display(2, true) == "<3");
    CHECK(count_display(3, true) == "3");
    CHECK(count_display(2, false) == "2");
    const Figure f = count_figure("nrm_referrals", "Referrals", "NRM referrals made", 2, true);
    CHECK(f.suppressed);
    CHECK_FALSE(f.value);
    CHECK(f.display == "<3");
    const Figure g = count_figure("nrm_referrals", "Referrals", "NRM referrals made", 7, true);
    CHECK(*g.value == 7);
    CHECK(duration_figure("k", "Time", "x", 80 * 60).display == "1 h 20 min");
    CHECK(*duration_figure("k", "Time", "x", 80 * 60).value == doctest::Approx(80.0));
    CHECK(duration_figure("k", "Time", "x", std::nullopt).display == "not recorded");
}

TEST_CASE("debrief figures: arrival waves, hourly arrivals and people on site") {
    const UnixSeconds t = 1773468000; // 2026-03-14 06:00 UTC, on the hour
    const std::vector<UnixSeconds> arrivals{t + 60, t + 120, t + 600, t + 3 * 3600, t + 3 * 3600 + 300};
    const auto waves = arrival_waves(arrivals);
    REQUIRE(waves.size() == 2);
    CHECK(waves[0].people == 3);
    CHECK(waves[1].people == 2);
    CHECK(waves[1].first_at == t + 3 * 3600);

    const auto hours = arrivals_per_hour(arrivals);
    REQUIRE(hours.size() == 4); // empty hours in between are kept
    CHECK(hours[0].hour_start == t);
    CHECK(hours[0].count == 3);
    CHECK(hours[1].count == 0);
    CHECK(hours[3].count == 2);

    std::vector<JourneyEvent> a{{JourneyStep::Arrived, t, {}, {}},
                                {JourneyStep::TemporaryExit, t + 100, {}, {}},
                                {JourneyStep::Returned, t + 200, {}, {}},
                                {JourneyStep::Departed, t + 300, Destination::Home, {}}};
    std::vector<JourneyEvent> b{{JourneyStep::Arrived, t + 50, {}, {}},
                                {JourneyStep::TemporaryExit, t + 250, {}, {}},
                                {JourneyStep::Departed, t + 400, Destination::Hospital, {}}};
    auto changes = presence_changes(a);
    for (const auto& c : presence_changes(b))
        changes.push_back(c);
    const auto series = people_on_site_series(changes);
    CHECK(peak_on_site(series) == 2);
    CHECK(series.back().on_site == 0);
    REQUIRE(series.size() == 6);
    CHECK(series[1].at == t + 50);
    CHECK(series[1].on_site == 2);
}

TEST_CASE("debrief figures: compliance, referrals by organisation, outcomes and the summary") {
    DebriefData d;
    d.small_counts_suppressed = true;
    for (Compliance c : {Compliance::OnTime, Compliance::OnTime, Compliance::OnTime, Compliance::Late,
                         Compliance::Missed, Compliance::NotApplicable, Compliance::Open}) {
        DebriefAction a;
        a.compliance = c;
        d.actions.push_back(a);
    }
    for (int i = 0; i < 5; ++i) {
        DebriefPerson p;
        p.code = "P-" + std::to_string(i);
        p.arrived_at = 1000 + i;
        p.child_status = i < 4 ? ChildStatus::Adult : ChildStatus::Child;
        p.departed_at = 5000;
        p.destination = i < 3 ? Destination::SafeAccommodation : Destination::Hospital;
        p.time_in_centre = 4000 - i;
        d.people.push_back(p);
    }
    const auto referral = [](ReferralType t, std::string partner, ReferralStatus s) {
        DebriefReferral r;
        r.type = t;
        r.making_partner = partner;
        r.making_organisation = partner == "police" ? "Derbyshire Constabulary" : "Council";
        r.status = s;
        return r;
    };
    d.referrals = {referral(ReferralType::Nrm, "police", ReferralStatus::Made),
                   referral(ReferralType::Nrm, "police", ReferralStatus::Accepted),
                   referral(ReferralType::Nrm, "police", ReferralStatus::Declined),
                   referral(ReferralType::Nrm, "council", ReferralStatus::Made),
                   referral(ReferralType::Nrm, "council", ReferralStatus::InProgress), // not made
                   referral(ReferralType::DutyToNotify, "council", ReferralStatus::Made)};
    compute_debrief_figures(d);

    CHECK(d.compliance.on_time == 3);
    CHECK(*d.compliance.share_on_time() == doctest::Approx(60.0));
    REQUIRE(d.nrm_by_organisation.size() == 2);
    CHECK(d.nrm_by_organisation[0].key == "police");
    CHECK(d.nrm_by_organisation[0].count == 3);
    CHECK(d.ms1_by_organisation.at(0).count == 1);
    REQUIRE(d.outcomes_by_destination.size() == 2);
    CHECK(d.outcomes_by_destination[0].key == "safe_accommodation");
    CHECK(d.outcomes_by_destination[0].count == 3);

    CHECK(*find_figure(d.summary, "people_received")->value == 5);
    CHECK(find_figure(d.summary, "children")->display == "<3");
    CHECK_FALSE(find_figure(d.summary, "children")->value);
    CHECK(*find_figure(d.summary, "nrm_referrals")->value == 4);
    CHECK(find_figure(d.summary, "nrm_referrals.council")->display == "<3");
    CHECK(find_figure(d.summary, "ms1_reports")->display == "<3");
    CHECK(find_figure(d.summary, "actions_on_time_share")->display == "60%");
    CHECK(*find_figure(d.summary, "actions_late")->value == 1); // actions are not people: never suppressed
    CHECK(find_figure(d.summary, "time_in_centre_median")->display == "1 h 6 min");

    d.small_counts_suppressed = false;
    compute_debrief_figures(d);
    CHECK(*find_figure(d.summary, "children")->value == 1);
}

TEST_CASE("pseudonyms: unique, random per export, from an alphabet that reads aloud") {
    std::mt19937 a(1), b(2);
    const auto from = [](std::mt19937& g) {
        return [&g](std::uint32_t upper) {
            return std::uniform_int_distribution<std::uint32_t>(0, upper - 1)(g);
        };
    };
    const auto codes = make_pseudonyms(2000, from(a));
    const auto other = make_pseudonyms(2000, from(b));
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == 2000);
    CHECK(codes != other);
    for (const std::string& c : codes) {
        REQUIRE(c.size() == 6);
        CHECK(c.rfind("P-", 0) == 0);
        for (char ch : c.substr(2))
            CHECK(kPseudonymAlphabet.find(ch) != std::string_view::npos);
    }
    CHECK(make_pseudonyms(20000, from(a)).front().size() == 7); // longer codes for a very large operation
}

TEST_CASE("pseudonyms: centre references in text become the export's codes") {
    const std::map<std::string, std::string, std::less<>> codes{{"OP-0001-017", "P-7KQ2"},
                                                                {"OP-0001-1000", "P-XY34"}};
    CHECK(replace_references("OP-0001-017: NRM overdue", "OP-0001", codes) == "P-7KQ2: NRM overdue");
    CHECK(replace_references("see OP-0001-1000 and OP-0001-0170.", "OP-0001", codes) ==
          "see P-XY34 and [another person].");
    CHECK(replace_references("centre OP-0001 opened", "OP-0001", codes) == "centre OP-0001 opened");
    CHECK(replace_references("XOP-0001-017", "OP-0001", codes) == "XOP-0001-017");
}
