// Reading a drill: times after the start or local, the events in time order, and every mistake a planner
// makes reported at its line and column before anything runs.
#include "domain/drill_script.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>

using namespace rc;

namespace {

const std::string kHeader = R"([drill]
name = "Exercise Test"
start = "2026-03-14T06:00"
expected = 5
end = "+04:00"
)";

DrillLoadResult parse(const std::string& text, const std::filesystem::path& folder = {}) {
    return parse_drill(text, "d.toml", folder);
}

std::string messages(const DrillLoadResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics)
        out += format_diagnostic(d) + "\n";
    return out;
}

bool has(const DrillLoadResult& r, const std::string& line) {
    return messages(r).find(line) != std::string::npos;
}

UnixSeconds local(const char* text) {
    UnixSeconds t = 0;
    REQUIRE(parse_local_time(text, t));
    return t;
}

} // namespace

TEST_CASE("drill times: +HH:MM after the start, or a local date and time") {
    const UnixSeconds start = local("2026-03-14T06:00");
    CHECK(parse_drill_time("+00:00", start) == start);
    CHECK(parse_drill_time("+01:30", start) == start + 90 * 60);
    CHECK(parse_drill_time("+26:05", start) == start + (26 * 60 + 5) * 60);
    CHECK(parse_drill_time("2026-03-14T07:15", start) == local("2026-03-14T07:15"));
    for (const char* bad : {"+1:5", "+01:60", "+01", "+-1:00", "+01:30x", "01:30", "+", "tomorrow"})
        CHECK_MESSAGE(!parse_drill_time(bad, start), bad);
}

TEST_CASE("a drill's events are read, kind by kind, and put in time order") {
    const DrillLoadResult r = parse(kHeader + R"(
[[events]]
at = "+01:00"
depart = "with police"
tag = "T1"

[[events]]
at = 2026-03-14T06:30:00
check_in = "T1"
age = 30
interpreter = true
languages = ["ro", "en"]

[[events]]
at = "+00:30"
staff_in = "Sam"
partner = "council"

[[events]]
at = "+00:45"
referral = "duty_to_notify"
tag = "T1"
by = "police"

[[events]]
at = "+02:00"
staff_out = "Sam"

[[events]]
at = "+02:00"
action = ["act-take-call", "act-choose-tier"]
)");
    INFO(messages(r));
    REQUIRE(r.ok());
    const DrillScript& s = *r.script;
    CHECK(s.name == "Exercise Test");
    CHECK(s.expected == 5);
    CHECK(s.end == s.start + 4 * 3600);
    REQUIRE(s.events.size() == 6);
    CHECK(drill_action_key(s.events[0].action) == "check_in"); // 06:30, written second
    CHECK(drill_action_key(s.events[1].action) == "staff_in"); // 06:30, written third: file order kept
    CHECK(drill_action_key(s.events[2].action) == "referral");
    CHECK(drill_action_key(s.events[3].action) == "depart");
    CHECK(drill_action_key(s.events[4].action) == "staff_out");
    CHECK(drill_action_key(s.events[5].action) == "action");
    const auto& in = std::get<DrillCheckIn>(s.events[0].action);
    CHECK(in.person.tag == "T1");
    CHECK(in.person.claimed_age == 30);
    CHECK(in.person.interpreter_needed == true);
    CHECK(in.person.languages == std::vector<std::string>{"ro", "en"});
    CHECK(std::get<DrillDepart>(s.events[3].action).destination == Destination::WithPolice);
    const auto& ms1 = std::get<DrillReferral>(s.events[2].action);
    CHECK(ms1.referral.type == ReferralType::DutyToNotify);
    CHECK(ms1.referral.status == ReferralStatus::Made);
    CHECK(ms1.referral.consent == ReferralConsent::NotNeeded);
    CHECK(s.events[3].line == 7);
    CHECK(s.events[3].column == 1);
}

TEST_CASE("mistakes in a drill are reported at their line and column, all of them") {
    const DrillLoadResult r = parse(kHeader + R"(
[[events]]
at = "+00:10"
check_in = "T1"
age = "thirty"
sexx = "male"

[[events]]
at = "+05:00"
check_in = "T2"

[[events]]
at = "+00:20"
depart = "home"
referral = "nrm"
tag = "T1"

[[events]]
at = "+00:30"
stock = "issue"
kind = "adult_mail"
tag = "T1"

[[events]]
at = "+00:40"
dance = "T1"

[[events]]
at = "+00:50"
raise_tier = "small"
reason = "x"

[[events]]
at = "+00:55"
referral = "nrm"
tag = "T1"
by = "nobody"
)");
    INFO(messages(r));
    CHECK_FALSE(r.ok());
    CHECK(has(r, "d.toml:11:1: event 1 (check_in): unknown key 'sexx'; did you mean 'sex'?"));
    CHECK(has(r, "d.toml:10:7: check_in age: 'thirty' is not a whole number"));
    CHECK(has(
        r, "d.toml:14:6: event 2 at: '+05:00' is outside the drill (2026-03-14 06:00 to 2026-03-14 10:00)"));
    CHECK(has(r, "d.toml:17:1: event 3: one event per [[events]] table, but this one has both 'referral' and "
                 "'depart'"));
    CHECK(has(r, "d.toml:26:8: stock kind: 'adult_mail' is not a bag kind in the procedure; did you mean "
                 "'adult_male'?"));
    CHECK(has(r, "d.toml:31:1: event 5: unknown key 'dance' (expected one of: at, import_roll,"));
    CHECK(has(r, "d.toml:29:1: event 5: say what happens with one of: import_roll, check_in"));
    CHECK(has(r, "d.toml:35:14: raise_tier: medium or large"));
    CHECK(has(r, "d.toml:42:6: referral by: 'nobody' is not a partner in the procedure"));
}

TEST_CASE("staff functions and languages, and the expected number revised") {
    const DrillLoadResult good = parse(kHeader + R"(
[[events]]
at = "+00:10"
staff_in = "Linh"
partner = "interpreters"
functions = ["interpreter", "medical"]
languages = ["vi", "Tigrinya"]

[[events]]
at = "+00:20"
revise_expected = 31
reason = "a second coach"
)");
    INFO(messages(good));
    REQUIRE(good.ok());
    const auto& linh = std::get<DrillStaffIn>(good.script->events[0].action);
    CHECK(linh.functions.contains(SiteFunction::Interpreter));
    CHECK(linh.functions.contains(SiteFunction::Medical));
    CHECK(linh.languages == std::vector<std::string>{"vi", "ti"});
    CHECK(std::get<DrillReviseExpected>(good.script->events[1].action).expected == 31);

    const DrillLoadResult bad = parse(kHeader + R"(
[[events]]
at = "+00:10"
staff_in = "Linh"
partner = "interpreters"
functions = ["interpretor"]
languages = ["klingon"]

[[events]]
at = "+00:20"
staff_in = "Sam"
partner = "council"
languages = ["ro"]

[[events]]
at = "+00:30"
revise_expected = 0
)");
    INFO(messages(bad));
    CHECK(has(
        bad,
        "d.toml:11:14: staff_in functions: 'interpretor' is not a function; did you mean 'interpreter'?"));
    CHECK(has(bad, "d.toml:12:14: staff_in languages: 'klingon' is not a language"));
    CHECK(has(bad, "d.toml:18:13: staff_in languages: only an interpreter interprets"));
    CHECK(has(bad, "d.toml:22:19: revise_expected: the number of people now expected, from 1 to"));
}

TEST_CASE("the replay in miniature refuses what the data would: unknown tags, steps out of order, doubles") {
    const DrillLoadResult r = parse(kHeader + R"(
[[events]]
at = "+00:10"
check_in = "T1"

[[events]]
at = "+00:05"
step = "interviewed"
tag = "T1"

[[events]]
at = "+00:20"
check_in = "T1"

[[events]]
at = "+00:30"
depart = "home"
tag = "T1"

[[events]]
at = "+00:40"
step = "returned"
tag = "T1"

[[events]]
at = "+00:50"
staff_out = "Nobody"

[[events]]
at = "+01:00"
raise_tier = "medium"
reason = "more came"

[[events]]
at = "+01:10"
raise_tier = "medium"
reason = "again"
)");
    INFO(messages(r));
    CHECK_FALSE(r.ok());
    CHECK(has(r, "d.toml:11:1: step: nobody with tag 'T1' has arrived by 2026-03-14 06:05"));
    CHECK(has(r, "d.toml:16:1: tag 'T1' is already in the centre (from the event at line 7)"));
    CHECK(has(r, "d.toml:25:1: step 'T1': "));
    CHECK(has(r, "d.toml:30:1: staff_out: nobody called 'Nobody' is signed in at this time"));
    CHECK(
        has(r, "d.toml:39:1: raise_tier: the centre is already Medium at this time; a tier can only go up"));
    CHECK_FALSE(has(r, "d.toml:34:1"));
}

TEST_CASE("a drill's rolls are read when the drill is, with the clock at the import") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "rc-drill-script-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "roll.csv") << "tag,age,arrived_at\nR1,30,2026-03-14T06:30\nR2,12,2026-03-14T07:30\n";
    const DrillLoadResult early = parse(kHeader + R"(
[[events]]
at = "+01:00"
import_roll = "roll.csv"

[[events]]
at = "+01:10"
import_roll = "missing.csv"
)",
                                        dir);
    INFO(messages(early));
    CHECK(has(early,
              "d.toml:9:15: import_roll: roll.csv: line 3, column arrived_at: '2026-03-14T07:30' is in the "
              "future (the drill's clock reads 2026-03-14 07:00 here: import the roll after its arrivals)"));
    CHECK(has(early, "d.toml:13:15: import_roll: " + (dir / "missing.csv").string() + " cannot be opened"));

    const DrillLoadResult later = parse(kHeader + R"(
[[events]]
at = "+01:30"
import_roll = "roll.csv"

[[events]]
at = "+01:40"
depart = "home"
tag = "R2"
)",
                                        dir);
    INFO(messages(later));
    REQUIRE(later.ok());
    CHECK(std::get<DrillImportRoll>(later.script->events[0].action).people == 2);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a drill without its header, or that is not TOML, says so") {
    CHECK(has(parse("[[events]]\nat = \"+00:10\"\ncheck_in = \"T1\"\n"),
              "d.toml:1:1: missing section [drill]"));
    CHECK(has(parse(kHeader), "no events"));
    CHECK(has(parse(kHeader + "[[events]\n"), "d.toml:6:"));
    const DrillLoadResult r = parse(R"([drill]
name = "X"
start = "14/03/2026 06:00"
expected = 0
end = "+01:00"
)");
    CHECK(has(r, "d.toml:3:9: [drill] start: write a local date and time"));
    CHECK(has(r, "d.toml:4:12: [drill]: 'expected' must be a whole number from 1 to"));
}
