// The drill machinery in one process: a drill read from text (domain/drill_script) and replayed by
// app::DrillRunner through a StoreSession on a ManualClock. What the session holds afterwards is what
// the events say, at the events' times; a refusal names the event's line and column.
#include "app/drill_runner.hpp"
#include "store/test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace rc;
using rc::store::test::TempDir;

namespace {

struct DrillCentre {
    explicit DrillCentre(const std::string& name)
        : dir(name), session(dir / "drill.sqlite", clock, options()) {
        app::NewCentreForm form;
        form.centre_name = "Drill hall";
        form.coordinator_name = "Drill Lead";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);
    }
    static app::StoreSession::Options options() {
        app::StoreSession::Options o;
        o.passphrase_kdf = store::KdfLimits::minimum();
        o.pin_kdf = store::KdfLimits::minimum();
        return o;
    }
    app::DrillRunResult run(const std::string& text) {
        const DrillLoadResult loaded = parse_drill(text, "case.toml", dir.path());
        for (const Diagnostic& d : loaded.diagnostics)
            MESSAGE(format_diagnostic(d));
        REQUIRE(loaded.ok());
        script = *loaded.script;
        clock.set(script.start);
        app::DrillRunner runner(session, clock);
        return runner.run(script);
    }
    const app::PersonRow& person(const std::string& tag) const {
        const auto& rows = session.people().rows;
        const auto it = std::find_if(rows.begin(), rows.end(),
                                     [&](const app::PersonRow& r) { return r.person.tag == tag; });
        REQUIRE(it != rows.end());
        return *it;
    }
    std::vector<const Alert*> alerts_about(std::int64_t person) const {
        std::vector<const Alert*> out;
        for (const Alert& a : session.alerts().alerts)
            if ((a.target.kind == AlertTargetKind::Person && a.target.id == person) ||
                a.target.person == person)
                out.push_back(&a);
        return out;
    }
    TempDir dir;
    ManualClock clock{1795000000};
    app::StoreSession session;
    DrillScript script;
};

UnixSeconds local(const char* text) {
    UnixSeconds t = 0;
    REQUIRE(parse_local_time(text, t));
    return t;
}

} // namespace

TEST_CASE("a drill replays check-in, decision, referral and departure at the events' times") {
    DrillCentre c("drill-replay");
    const app::DrillRunResult r = c.run(R"(
[drill]
name = "Exercise Test"
start = "2026-03-14T06:00"
expected = 3
end = "+05:00"

[[events]]
at = "+00:30"
check_in = "A1"
dob = "1990-01-01"
sex = "female"
languages = ["ro"]

[[events]]
at = "+00:30"
check_in = "C1"
age = 15

[[events]]
at = "+01:00"
decision = "yes"
tag = "A1"

[[events]]
at = "+01:10"
referral = "nrm"
tag = "A1"
by = "police"

[[events]]
at = "+01:20"
depart = "safe_accommodation"
tag = "A1"

[[events]]
at = "2026-03-14T07:30"
referral = "childrens_services"
tag = "C1"
by = "council"
)");
    CHECK(r.ok());
    CHECK(r.events_run == 6);
    CHECK(c.clock.now() == local("2026-03-14T11:00"));
    CHECK(c.session.operation().activated_at == local("2026-03-14T06:00"));
    CHECK(c.session.operation().name == "Exercise Test");

    const app::PersonRow& a1 = c.person("A1");
    CHECK(a1.journey.arrived_at == local("2026-03-14T06:30"));
    CHECK(a1.journey.departed_at == local("2026-03-14T07:20"));
    CHECK(a1.journey.destination == Destination::SafeAccommodation);
    CHECK(a1.journey.decision_recorded);
    CHECK(a1.person.nrm_consent == NrmConsent::Yes);
    CHECK(a1.person.languages == std::vector<std::string>{"ro"});

    const auto& people = c.session.referrals().people;
    const auto a1_refs =
        std::find_if(people.begin(), people.end(), [&](const auto& p) { return p.person_id == a1.id; });
    REQUIRE(a1_refs != people.end());
    REQUIRE(a1_refs->referrals.size() == 1);
    CHECK(a1_refs->referrals[0].referral.made_at == local("2026-03-14T07:10"));
    CHECK(a1_refs->referrals[0].referral.making_partner == "police");

    // The child's NRM is still missing at the end: the alerts name it.
    const app::PersonRow& c1 = c.person("C1");
    CHECK(c1.child == ChildStatus::Child);
    const auto about = c.alerts_about(c1.id);
    CHECK(std::any_of(about.begin(), about.end(), [](const Alert* a) {
        return a->kind == AlertKind::ReferralMissing || a->kind == AlertKind::ReferralOverdue;
    }));
}

TEST_CASE("a refusal by the data stops the drill at that event and names its line and column") {
    DrillCentre c("drill-refused");
    const app::DrillRunResult r = c.run(R"([drill]
name = "Exercise Refused"
start = "2026-03-14T06:00"
expected = 3
end = "+02:00"

[[events]]
at = "+00:10"
check_in = "A1"
age = 40

[[events]]
at = "+00:20"
stock = "issue"
kind = "infant"
tag = "A1"

[[events]]
at = "+00:30"
check_in = "A2"
)");
    REQUIRE_FALSE(r.ok());
    CHECK(r.events_run == 1);
    CHECK_MESSAGE(r.failure->rfind("case.toml:12:1: stock at +00:20 was refused: ", 0) == 0, *r.failure);
    CHECK(c.session.people().rows.size() == 1); // A2 never came
    CHECK(c.clock.now() == local("2026-03-14T06:20"));
}
