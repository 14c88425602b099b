// The safeguarding case table (tests/domain/safeguarding_cases.hpp), run end to end through the drill
// machinery: each case becomes a drill file (one person checked in at the start, the decision, the
// referrals and the exit at their minutes, the end at the case's clock), read by the drill reader and
// replayed by app::DrillRunner through a StoreSession into a new database. What the Referrals screen and
// the dashboard hold at the end must be what the case says: the required, missing and overdue referrals,
// and every alert about the person.
#include "app/drill_runner.hpp"
#include "domain/safeguarding_cases.hpp"
#include "store/test_support.hpp"

#include <algorithm>
#include <cstdio>
#include <doctest/doctest.h>
#include <string>
#include <utility>
#include <vector>

using namespace rc;
using rc::store::test::TempDir;

namespace {

std::string offset(int minutes) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "+%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

bool follows_child_rules(cases::CaseAge age) {
    return age != cases::CaseAge::Adult30 && age != cases::CaseAge::ClearlyAdult;
}

// The check-in's fields for what is recorded about the age (the arrival is on 2026-03-14).
std::string age_fields(cases::CaseAge age) {
    switch (age) {
    case cases::CaseAge::Child15:
        return "dob = \"2010-06-01\"\n";
    case cases::CaseAge::Turns18DayAfterArrival:
        return "dob = \"2008-03-15\"\n";
    case cases::CaseAge::Adult30:
        return "dob = \"1996-01-10\"\n";
    case cases::CaseAge::AgeDisputed:
        return "child = \"disputed\"\n";
    case cases::CaseAge::NotEstablished:
        return "";
    case cases::CaseAge::ClearlyAdult:
        return "adult_judgement = \"Grey beard, grown-up children with him; says he is in his forties\"\n";
    }
    return "";
}

std::string event(int minute, const std::string& body) {
    return "\n[[events]]\nat = \"" + offset(minute) + "\"\n" + body;
}

std::string drill_for(const cases::SafeguardingCase& c) {
    std::string t = "[drill]\nname = \"Case\"\nstart = \"2026-03-14T06:00\"\nexpected = 1\nend = \"" +
                    offset(c.clock_minute) + "\"\n";
    t += event(0, "check_in = \"P1\"\n" + age_fields(c.age));
    if (c.consent)
        t += event(c.decision_minute,
                   "decision = \"" + std::string(nrm_consent_id(*c.consent)) + "\"\ntag = \"P1\"\n");
    for (ReferralType type : c.made) {
        std::string body = "referral = \"" + std::string(referral_type_id(type)) + "\"\ntag = \"P1\"\n";
        body += type == ReferralType::ChildrensServices ? "by = \"council\"\n" : "by = \"police\"\n";
        if (type == ReferralType::Nrm && follows_child_rules(c.age)) body += "consent = \"not_needed\"\n";
        t += event(c.made_minute, body);
    }
    if (c.exit)
        t +=
            event(c.exit_minute, "depart = \"" + std::string(destination_id(*c.exit)) + "\"\ntag = \"P1\"\n");
    return t;
}

app::StoreSession::Options fast() {
    app::StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    return o;
}

std::vector<std::pair<AlertKind, AlertSeverity>> sorted(std::vector<std::pair<AlertKind, AlertSeverity>> v) {
    std::sort(v.begin(), v.end());
    return v;
}

std::string text(const std::vector<std::pair<AlertKind, AlertSeverity>>& alerts) {
    std::string out;
    for (const auto& [kind, severity] : alerts)
        out += std::string(alert_kind_id(kind)) + "/" + std::string(alert_severity_id(severity)) + " ";
    return out;
}

std::string text(const std::vector<ReferralType>& types) {
    std::string out;
    for (ReferralType t : types)
        out += std::string(referral_type_id(t)) + " ";
    return out;
}

} // namespace

TEST_CASE("every safeguarding case runs end to end through a drill") {
    REQUIRE(cases::safeguarding_cases.size() >= 40);
    int n = 0;
    for (const cases::SafeguardingCase& c : cases::safeguarding_cases) {
        CAPTURE(c.name);
        const std::string drill = drill_for(c);
        CAPTURE(drill);
        TempDir dir("safeguarding-drill-" + std::to_string(n++));
        ManualClock clock{0};
        app::StoreSession session(dir / "case.sqlite", clock, fast());
        const DrillLoadResult loaded = parse_drill(drill, "case.toml", dir.path());
        for (const Diagnostic& d : loaded.diagnostics)
            MESSAGE(format_diagnostic(d));
        REQUIRE(loaded.ok());
        clock.set(loaded.script->start);
        app::NewCentreForm form;
        form.centre_name = "Case hall";
        form.coordinator_name = "Drill Lead";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);

        const app::DrillRunResult run = app::DrillRunner(session, clock).run(*loaded.script);
        REQUIRE_MESSAGE(run.ok(), *run.failure);

        REQUIRE(session.people().rows.size() == 1);
        const std::int64_t id = session.people().rows.front().id;
        const auto& people = session.referrals().people;
        const auto it =
            std::find_if(people.begin(), people.end(), [&](const auto& p) { return p.person_id == id; });
        REQUIRE(it != people.end());
        CHECK_MESSAGE(it->check.required == c.required, text(it->check.required));
        CHECK_MESSAGE(it->check.missing == c.missing, text(it->check.missing));
        CHECK_MESSAGE(it->check.overdue == c.overdue, text(it->check.overdue));

        std::vector<std::pair<AlertKind, AlertSeverity>> got, want;
        for (const Alert& a : session.alerts().alerts)
            if ((a.target.kind == AlertTargetKind::Person && a.target.id == id) || a.target.person == id)
                got.emplace_back(a.kind, a.severity);
        for (const cases::ExpectedAlert& e : c.alerts)
            want.emplace_back(e.kind, e.severity);
        CHECK_MESSAGE(sorted(got) == sorted(want),
                      "got " << text(sorted(got)) << "; want " << text(sorted(want)));
    }
}
