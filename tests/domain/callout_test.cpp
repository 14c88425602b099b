// Call-out statuses: ids, the transitions a coordinator may record, and when a call-back is overdue.
#include "domain/callout.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>

using namespace rc;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC
constexpr UnixSeconds minute = 60;

CalloutState state(CalloutStatus s, UnixSeconds since) {
    CalloutState st;
    st.status = s;
    st.since = since;
    return st;
}

} // namespace

TEST_CASE("callout statuses: ids and labels are distinct and round-trip") {
    std::set<std::string> ids, labels;
    for (CalloutStatus s : all_callout_statuses) {
        ids.insert(std::string(callout_status_id(s)));
        labels.insert(std::string(callout_status_label(s)));
        CHECK(callout_status_from_id(callout_status_id(s)) == s);
    }
    CHECK(ids.size() == all_callout_statuses.size());
    CHECK(labels.size() == all_callout_statuses.size());
    CHECK(callout_status_id(CalloutStatus::NoAnswer) == "no_answer");
    CHECK(callout_status_label(CalloutStatus::StoodDown) == "Stood down");
    CHECK_FALSE(callout_status_from_id("No answer"));
    CHECK_FALSE(callout_status_from_id(""));
}

TEST_CASE("callout transitions: the usual paths are allowed") {
    using S = CalloutStatus;
    CHECK(callout_transition_allowed(S::NotCalled, S::Called));
    CHECK(callout_transition_allowed(S::NotCalled, S::NoAnswer));
    CHECK(callout_transition_allowed(S::NotCalled, S::Confirmed)); // confirmed at the first ring
    CHECK(callout_transition_allowed(S::NotCalled, S::OnSite));    // turned up with the coach
    CHECK(callout_transition_allowed(S::NoAnswer, S::NoAnswer));   // rang again, still nothing
    CHECK(callout_transition_allowed(S::NoAnswer, S::Called));
    CHECK(callout_transition_allowed(S::Called, S::Confirmed));
    CHECK(callout_transition_allowed(S::Confirmed, S::Confirmed)); // numbers updated
    CHECK(callout_transition_allowed(S::Confirmed, S::OnSite));
    CHECK(callout_transition_allowed(S::OnSite, S::StoodDown));
    CHECK(callout_transition_allowed(S::StoodDown, S::Called)); // needed again after a tier change
}

TEST_CASE("callout transitions: nothing goes back to not called, and no skipping back from on site") {
    using S = CalloutStatus;
    for (CalloutStatus from : all_callout_statuses)
        CHECK_FALSE(callout_transition_allowed(from, S::NotCalled));
    CHECK_FALSE(callout_transition_allowed(S::NotCalled, S::StoodDown)); // nothing to stand down
    CHECK_FALSE(callout_transition_allowed(S::Confirmed, S::Called));
    CHECK_FALSE(callout_transition_allowed(S::Confirmed, S::NoAnswer));
    CHECK_FALSE(callout_transition_allowed(S::OnSite, S::Confirmed));
    CHECK_FALSE(callout_transition_allowed(S::OnSite, S::OnSite));
    CHECK_FALSE(callout_transition_allowed(S::StoodDown, S::StoodDown));
}

TEST_CASE("allowed_callout_statuses lists what may follow, in order") {
    using S = CalloutStatus;
    CHECK(allowed_callout_statuses(S::OnSite) == std::vector<S>{S::StoodDown});
    CHECK(allowed_callout_statuses(S::Confirmed) == std::vector<S>{S::Confirmed, S::OnSite, S::StoodDown});
    CHECK(allowed_callout_statuses(S::NotCalled) ==
          std::vector<S>{S::Called, S::NoAnswer, S::Confirmed, S::OnSite});
    for (CalloutStatus from : all_callout_statuses)
        for (CalloutStatus to : allowed_callout_statuses(from))
            CHECK(callout_transition_allowed(from, to));
}

TEST_CASE("callout updates: problems are sentences naming the contact, never accepted silently") {
    const CalloutState called = state(CalloutStatus::Called, t0);
    CalloutUpdate next{CalloutStatus::Confirmed, t0 + 10 * minute, 4, t0 + 60 * minute};
    CHECK_FALSE(callout_update_problem(called, next, "British Red Cross"));

    SUBCASE("a refused transition") {
        const CalloutState on_site = state(CalloutStatus::OnSite, t0);
        auto p = callout_update_problem(on_site, next, "British Red Cross");
        REQUIRE(p);
        CHECK(*p == "British Red Cross cannot go from on site to confirmed.");
        next.status = CalloutStatus::OnSite;
        next.expected_arrival_at.reset();
        CHECK(*callout_update_problem(on_site, next, "British Red Cross") ==
              "British Red Cross is already on site.");
    }
    SUBCASE("time going backwards") {
        next.at = t0 - minute;
        auto p = callout_update_problem(called, next, "NHS");
        REQUIRE(p);
        CHECK(p->find("time cannot go backwards") != std::string::npos);
        // From not called there is no earlier time to compare with.
        CHECK_FALSE(callout_update_problem(CalloutState{}, next, "NHS"));
    }
    SUBCASE("counts out of range or on the wrong status") {
        next.people = 0;
        CHECK(callout_update_problem(called, next, "NHS")->find("from 1 to 500") != std::string::npos);
        next.people = max_callout_people + 1;
        CHECK(callout_update_problem(called, next, "NHS"));
        next.people = 3;
        next.status = CalloutStatus::NoAnswer;
        next.expected_arrival_at.reset();
        CHECK(callout_update_problem(called, next, "NHS")->find("not with no answer") != std::string::npos);
    }
    SUBCASE("an expected arrival with a confirmation only, and not days away") {
        next.expected_arrival_at = next.at + 3 * 24 * 3600;
        CHECK(callout_update_problem(called, next, "NHS")->find("two days ahead") != std::string::npos);
        next.status = CalloutStatus::OnSite;
        next.expected_arrival_at = next.at;
        CHECK(callout_update_problem(called, next, "NHS")->find("confirmation only") != std::string::npos);
    }
}

TEST_CASE("apply_callout_update keeps confirmed numbers unless new ones are given") {
    CalloutState s = apply_callout_update(state(CalloutStatus::Called, t0),
                                          CalloutUpdate{CalloutStatus::Confirmed, t0 + minute, 4, t0 + 3600});
    CHECK(s.status == CalloutStatus::Confirmed);
    CHECK(s.since == t0 + minute);
    CHECK(s.people == 4);
    CHECK(s.expected_arrival_at == t0 + 3600);
    // A later call moves the arrival time only.
    s = apply_callout_update(
        s, CalloutUpdate{CalloutStatus::Confirmed, t0 + 2 * minute, std::nullopt, t0 + 5400});
    CHECK(s.people == 4);
    CHECK(s.expected_arrival_at == t0 + 5400);
    s = apply_callout_update(s, CalloutUpdate{CalloutStatus::OnSite, t0 + 5000, std::nullopt, std::nullopt});
    CHECK(s.people == 4);
    // Stood down and called again: a fresh call, no numbers carried over.
    s = apply_callout_update(s,
                             CalloutUpdate{CalloutStatus::StoodDown, t0 + 6000, std::nullopt, std::nullopt});
    s = apply_callout_update(s, CalloutUpdate{CalloutStatus::Called, t0 + 7000, std::nullopt, std::nullopt});
    CHECK_FALSE(s.people);
    CHECK_FALSE(s.expected_arrival_at);
}

TEST_CASE("call-backs: no answer is due again after 15 minutes, an unconfirmed call after 30") {
    const CalloutState no_answer = state(CalloutStatus::NoAnswer, t0);
    auto f = callout_follow_up(no_answer);
    REQUIRE(f);
    CHECK(f->kind == FollowUpKind::RetryCall);
    CHECK(f->due_at == t0 + 15 * minute);
    CHECK_FALSE(callout_overdue(no_answer, t0 + 15 * minute - 1));
    CHECK(callout_overdue(no_answer, t0 + 15 * minute));

    const CalloutState called = state(CalloutStatus::Called, t0);
    CHECK(callout_follow_up(called)->kind == FollowUpKind::ChaseConfirmation);
    CHECK_FALSE(callout_overdue(called, t0 + 29 * minute));
    CHECK(callout_overdue(called, t0 + 30 * minute));

    // The timings are the centre's to choose.
    CalloutTimings quick{5, 10, 0};
    CHECK(callout_overdue(no_answer, t0 + 5 * minute, quick));
    CHECK(callout_overdue(called, t0 + 10 * minute, quick));
}

TEST_CASE("call-backs: a confirmed partner late past the grace is chased; settled states never are") {
    CalloutState confirmed = state(CalloutStatus::Confirmed, t0);
    CHECK_FALSE(callout_follow_up(confirmed)); // no arrival time given: nothing to chase
    confirmed.expected_arrival_at = t0 + 60 * minute;
    CHECK(callout_follow_up(confirmed)->kind == FollowUpKind::ChaseArrival);
    CHECK_FALSE(callout_overdue(confirmed, t0 + 70 * minute));
    CHECK(callout_overdue(confirmed, t0 + 75 * minute));
    for (CalloutStatus s : {CalloutStatus::NotCalled, CalloutStatus::OnSite, CalloutStatus::StoodDown})
        CHECK_FALSE(callout_overdue(state(s, t0), t0 + 100 * 3600));
    CHECK(follow_up_kind_label(FollowUpKind::RetryCall) == "Ring again");
}
