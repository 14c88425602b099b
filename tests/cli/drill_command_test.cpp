// `reception-console drill`, run as the real program on the two sample drills in assets/drills: what it
// prints and exports is what docs/drills.md says; a bad drill file is refused with file:line:column and
// touches no database; a drill the data refuse part-way leaves no new database behind.
#include "cli_test_support.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using namespace rc::cli::test;
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPassphrase = "a passphrase for the drill tests";
constexpr const char* kUser = "Drill Lead";

const fs::path kDrills = fs::path(RC_SOURCE_DIR) / "assets" / "drills";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The drills' times are local; exports write UTC. The tests run in UTC so that both read the same.
Run run_console(const fs::path& scratch, std::vector<std::string> args,
                const char* passphrase = kPassphrase) {
    setenv("TZ", "UTC", 1);
    return run_program(scratch, std::move(args), passphrase);
}

json exported_json(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") return json::parse(slurp(e.path()));
    FAIL("no JSON file in " << dir);
    return {};
}

std::string figure(const json& debrief, const std::string& key) {
    for (const json& s : debrief.at("summary"))
        if (s.at("key") == key) return s.at("display").get<std::string>();
    return "(no figure " + key + ")";
}

int count_alerts(const json& debrief, const std::string& kind) {
    int n = 0;
    for (const json& a : debrief.at("open_alerts"))
        if (a.at("kind") == kind) ++n;
    return n;
}

// A copy of the Wren drill and its rolls in the scratch folder, with `edit` applied to the drill's text.
fs::path wren_copy(const Scratch& s, const std::string& from = {}, const std::string& to = {}) {
    for (const char* roll : {"wren-bus-1.csv", "wren-van-1.csv", "wren-walk-ins.csv"})
        fs::copy_file(kDrills / roll, s.dir / roll, fs::copy_options::overwrite_existing);
    std::string text = slurp(kDrills / "exercise-wren.toml");
    if (!from.empty()) {
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, "not in the drill: " << from);
        text.replace(at, from.size(), to);
    }
    const fs::path drill = s.dir / "drill.toml";
    spit(drill, text);
    return drill;
}

} // namespace

TEST_CASE("cli: drill replays Exercise Wren and its alerts and debrief are those docs/drills.md gives") {
    Scratch s;
    const fs::path db = s.dir / "wren.sqlite", out = s.dir / "debrief";
    Run r = run_console(s.dir, {"drill", (kDrills / "exercise-wren.toml").string(), "--db", db.string(),
                                "--user", kUser, "--export", out.string(), "--format", "json,csv"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "+00:00  activate        Activated Exercise Wren: Small centre for 5 expected."));
    CHECK(contains(r.out, "+00:40  import_roll     6 people imported from wren-bus-1.csv."));
    CHECK(contains(r.out, "+01:00  depart          T004 departed: Home."));
    CHECK(contains(r.out, "+03:45  import_roll     4 people imported from wren-walk-ins.csv."));
    CHECK(contains(r.out, "Open alerts at 2026-03-14 10:30 (+04:30): 6 critical, 18 warnings, 4 reminders"));
    CHECK(contains(r.out, "critical  action_overdue             act-interpreters: Overdue since 06:45"));
    CHECK(contains(r.out, "critical  action_overdue             rec-roll-reconcile: Overdue since 07:40"));
    CHECK(
        contains(r.out, "critical  role_uncovered             police: No one from Derbyshire Constabulary"));
    // T004, 16, left for home at +01:00 with no referral: the departure gate's critical alert.
    CHECK(contains(r.out,
                   "critical  departed_without_referral  OP-0001-004: Child left (Home) with no NRM and "
                   "children's services referral: Call the police on 999 now"));
    CHECK(contains(r.out, "critical  age_not_established        OP-0001-008: Age still not established"));
    CHECK(contains(r.out,
                   "warning   referral_missing           OP-0001-008: NRM referral required for a person "
                   "whose age is not established (presumed a child)"));
    CHECK(contains(
        r.out, "warning   tier_exceeded              Raise the tier: 14 people received: more than a small "
               "centre is for (up to 10)."));
    CHECK(contains(r.out,
                   "warning   function_missing           Children's social worker: 3 children (or presumed "
                   "children) on site: no children's social worker on site"));
    CHECK(contains(r.out,
                   "warning   interpreter_missing        Interpreter (Tigrinya): 2 people need Tigrinya: no "
                   "interpreter on site"));
    CHECK_FALSE(contains(r.out, "NRM first responder")); // the council's centre manager is one
    CHECK(contains(r.out, "Debrief as of 2026-03-14 10:30: Exported 14 people (Pseudonymised):"));

    const json d = exported_json(out);
    CHECK(d.at("generated_at") == "2026-03-14T10:30:00Z");
    CHECK(d.at("operation").at("name") == "Exercise Wren");
    CHECK(d.at("operation").at("expected_people") == 5);
    CHECK(figure(d, "people_received") == "14");
    CHECK(figure(d, "adults") == "10");
    CHECK(figure(d, "bags_issued") == "3");
    CHECK(figure(d, "bags_left") == "11");
    CHECK(figure(d, "actions_on_time") == "24");
    CHECK(figure(d, "actions_missed") == "2");
    CHECK(figure(d, "people_with_missing_referrals") == "7");
    CHECK(figure(d, "nrm_undecided") == "4");
    CHECK(d.at("referrals").size() == 4);
    CHECK(count_alerts(d, "action_overdue") == 2);
    CHECK(count_alerts(d, "referral_missing") == 7);
    CHECK(count_alerts(d, "departed_without_referral") == 2);
    CHECK(count_alerts(d, "age_not_established") == 1);
    CHECK(fs::exists(out / "debrief-OP-0001-20260314-1030-csv" / "people.csv"));
}

TEST_CASE("cli: drill replays Exercise Kestrel, a large centre, as docs/drills.md gives it") {
    Scratch s;
    const fs::path db = s.dir / "kestrel.sqlite", out = s.dir / "debrief";
    Run r = run_console(s.dir, {"drill", (kDrills / "exercise-kestrel.toml").string(), "--db", db.string(),
                                "--user", kUser, "--export", out.string(), "--format", "json"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Activated Exercise Kestrel: Medium centre for 24 expected."));
    CHECK(contains(r.out, "+02:48  revise_expected  Expected number revised to 31."));
    CHECK(contains(r.out, "+02:50  raise_tier      Tier raised to Large."));
    CHECK(contains(
        r.out, "warning   function_missing           Medical: No one on site performs the medical function"));
    CHECK(contains(r.out,
                   "warning   interpreter_missing        Interpreter (Albanian): 3 people need Albanian"));
    // Interpreters for Vietnamese and Romanian, a children's social worker and first responders are on site.
    CHECK_FALSE(contains(r.out, "Interpreter (Vietnamese)"));
    CHECK_FALSE(contains(r.out, "Interpreter (Romanian)"));
    CHECK_FALSE(contains(r.out, "Children's social worker:"));
    CHECK(
        contains(r.out, "+06:00  register_group  3 people registered in Van 3: OP-0001-032 to OP-0001-034."));
    CHECK(contains(r.out, "Open alerts at 2026-06-20 12:30 (+08:00): 5 critical, 22 warnings, 6 reminders"));
    CHECK(contains(r.out,
                   "critical  role_uncovered             justice_and_care: No one from Justice and Care"));
    CHECK(contains(r.out, "critical  role_uncovered             nhs: No one from NHS"));
    CHECK(contains(r.out, "critical  age_not_established        OP-0001-034: Age still not established"));
    // An adult who left undecided owes an anonymous Duty to Notify, counted from the departure.
    CHECK(contains(r.out,
                   "warning   departed_without_referral  OP-0001-017: Adult left (Left of own accord) with "
                   "no Duty to Notify (MS1) referral"));
    CHECK(contains(r.out,
                   "warning   low_stock                  Child: 1 at the centre, below the minimum of 10"));

    const json d = exported_json(out);
    CHECK(figure(d, "people_received") == "34");
    CHECK(figure(d, "nrm_referrals") == "18");
    CHECK(figure(d, "ms1_reports") == "6");
    CHECK(figure(d, "childrens_services_referrals") == "5");
    CHECK(figure(d, "bags_issued") == "30");
    CHECK(figure(d, "staff_people") == "11");
    CHECK(d.at("operation").at("expected_people") == 31);
    CHECK(count_alerts(d, "decision_pending") == 6);
    CHECK(count_alerts(d, "age_not_established") == 3);
    int departed = 0;
    for (const json& p : d.at("people"))
        if (!p.at("destination").is_null()) ++departed;
    CHECK(departed == 4);
}

TEST_CASE("cli: a bad drill file gives file:line:column and leaves the database as it was") {
    Scratch s;
    const fs::path db = s.dir / "centre.sqlite";
    Run init = run_console(s.dir, {"init", "--db", db.string(), "--user", kUser});
    REQUIRE_MESSAGE(init.exit_code == 0, init.err);
    const std::string before = slurp(db);

    // Line 96 of the sample is `depart = "home"` for T004; line 89 starts the +00:55 event for T004.
    const fs::path drill = wren_copy(s, "depart = \"home\"", "depart = \"hom\"");
    Run r = run_console(s.dir, {"drill", drill.string(), "--db", db.string(), "--user", kUser});
    CAPTURE(r.out);
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(contains(r.err, drill.string() + ":96:10: depart: 'hom' is not a destination; did you mean "
                                                   "'home'?"),
                  r.err);
    CHECK(contains(r.err, "1 problem; the drill was not run and no database was touched"));
    CHECK(slurp(db) == before);

    // A person who has not arrived yet, a time that is not one, a roll read before its arrivals.
    const fs::path later = wren_copy(s, "at = \"+00:55\"\nstep = \"welfare_check_done\"\ntag = \"T004\"",
                                     "at = \"+00:35\"\nstep = \"welfare_check_done\"\ntag = \"T004\"");
    r = run_console(s.dir, {"drill", later.string(), "--db", db.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(contains(r.err, later.string() + ":89:1: step: nobody with tag 'T004' has arrived by "
                                                   "2026-03-14 06:35"),
                  r.err);
    CHECK(slurp(db) == before);

    const fs::path bad_time = wren_copy(s, "at = \"+01:15\"", "at = \"+1:5\"");
    r = run_console(s.dir, {"drill", bad_time.string(), "--db", db.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(
        contains(r.err, bad_time.string() + ":100:6: event 16 at: '+1:5' is not a time after the start"),
        r.err);

    const fs::path early_roll = wren_copy(s, "at = \"+03:45\"", "at = \"+03:00\"");
    r = run_console(s.dir, {"drill", early_roll.string(), "--db", db.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(contains(r.err,
                           "import_roll: wren-walk-ins.csv: line 2, column arrived_at: "
                           "'2026-03-14T09:05' is in the future (the drill's clock reads 2026-03-14 09:00 "
                           "here: import the roll after its arrivals)"),
                  r.err);
    CHECK(slurp(db) == before);

    // Nor is a database made for a drill that cannot run.
    const fs::path fresh = s.dir / "never.sqlite";
    r = run_console(s.dir, {"drill", drill.string(), "--db", fresh.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("cli: a drill the data refuse part-way removes the database it made; an activated one is refused") {
    Scratch s;
    // Valid as a file, but no infant bags were ever received: the stock ledger refuses the issue.
    const fs::path drill =
        wren_copy(s, "stock = \"issue\"\nkind = \"adult_male\"", "stock = \"issue\"\nkind = \"infant\"");
    const fs::path db = s.dir / "fresh.sqlite";
    Run r = run_console(s.dir, {"drill", drill.string(), "--db", db.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(contains(r.err, drill.string() + ":"), r.err);
    CHECK(contains(r.err, "stock at +00:50 was refused"));
    CHECK(contains(r.err, "the database it created was removed"));
    CHECK_FALSE(fs::exists(db));
    CHECK_FALSE(fs::exists(s.dir / "backups"));

    // A centre that already ran an operation is not a drill's to replay into.
    const fs::path used = s.dir / "used.sqlite";
    r = run_console(
        s.dir, {"drill", (kDrills / "exercise-wren.toml").string(), "--db", used.string(), "--user", kUser});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = run_console(
        s.dir, {"drill", (kDrills / "exercise-wren.toml").string(), "--db", used.string(), "--user", kUser});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "holds a centre that has already been activated"));

    // --check reads the file and nothing else.
    r = run_console(s.dir, {"drill", (kDrills / "exercise-kestrel.toml").string(), "--check"}, nullptr);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.out,
                   "Exercise Kestrel, 101 events from 2026-06-20 04:30 to 2026-06-20 12:30 (+08:00): no "
                   "problems found"));
}
