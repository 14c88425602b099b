// The command line on a shared centre: init -> activate -> import arrivals -> export --format json
// against a PostgreSQL database on the suite's throwaway server gives the same debrief as against an
// SQLite file (times, which differ between the two runs, and the per-export pseudonyms set aside).
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

#include "cli_test_support.hpp"
#include "support/pg_test_server.hpp"

namespace {

using namespace rc::cli::test;
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPassphrase = "a passphrase for the shared centre tests";
constexpr const char* kUser = "Coordinator One";

// Runs the round trip on `db` and returns the debrief's JSON.
json round_trip(const Scratch& s, const std::string& db, const fs::path& roll, const std::string& out_name) {
    auto run = [&](std::vector<std::string> args) {
        Run r = run_program(s.dir, std::move(args), kPassphrase);
        INFO(r.out);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return r;
    };
    run({"init", "--db", db, "--user", kUser, "--centre", "Test hall"});
    run({"activate", "--db", db, "--user", kUser, "--name", "Operation Larch", "--expected", "14"});
    Run imported = run({"import", "arrivals", "--db", db, "--user", kUser, roll.string()});
    CHECK(imported.out.find("Imported 14 people") != std::string::npos);
    const fs::path out = s.dir / out_name;
    run({"export", "--db", db, "--user", kUser, "--format", "json", "--out", out.string()});
    for (const auto& f : fs::directory_iterator(out))
        if (f.path().extension() == ".json") return json::parse(slurp(f.path()));
    FAIL("no JSON written");
    return {};
}

// Times taken from the clock (the export's, the activation's, durations up to now) and the pseudonyms
// made for each export are replaced; everything else must match.
void normalise(json& j, std::map<std::string, std::string>& pseudonyms) {
    static const std::regex now_stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
    static const std::regex pseudonym(R"(\bP-[0-9A-Z]{4}\b)");
    if (j.is_object()) {
        const bool minutes = j.contains("unit") && j["unit"] == "minutes";
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& key = it.key();
            if (key.ends_with("_seconds") || (minutes && (key == "value" || key == "display"))) {
                it.value() = "TIME";
                continue;
            }
            normalise(it.value(), pseudonyms);
        }
    } else if (j.is_array()) {
        for (auto& v : j)
            normalise(v, pseudonyms);
    } else if (j.is_string()) {
        std::string s = j.get<std::string>();
        // The roll's own times (2026-03-14) stay; any other time came from the clock.
        std::string out;
        auto last = s.cbegin();
        for (std::sregex_iterator it(s.begin(), s.end(), now_stamp), end; it != end; ++it) {
            out.append(last, s.cbegin() + it->position(0));
            out += it->str().starts_with("2026-03-14") ? it->str() : "TIME";
            last = s.cbegin() + it->position(0) + it->length(0);
        }
        out.append(last, s.cend());
        std::string named;
        last = out.cbegin();
        for (std::sregex_iterator it(out.begin(), out.end(), pseudonym), end; it != end; ++it) {
            named.append(last, out.cbegin() + it->position(0));
            auto [p, added] = pseudonyms.emplace(it->str(), "P-" + std::to_string(pseudonyms.size()));
            named += p->second;
            last = out.cbegin() + it->position(0) + it->length(0);
        }
        named.append(last, out.cend());
        j = named;
    }
}

} // namespace

TEST_CASE("cli: init, activate, import arrivals and export JSON on a shared centre match the SQLite file") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    Scratch s;
    std::string roll_text = slurp(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
    const auto bad = roll_text.find(",maybe");
    REQUIRE(bad != std::string::npos);
    roll_text.replace(bad, 6, ",undecided");
    const fs::path roll = s.dir / "roll.csv";
    spit(roll, roll_text);

    json on_file = round_trip(s, (s.dir / "centre.sqlite").string(), roll, "export-sqlite");
    rc::test::PgTestDatabase pg(*server, "cli");
    json on_server = round_trip(s, pg.target(), roll, "export-postgres");

    CHECK(on_file["people"].size() == 14);
    std::map<std::string, std::string> a, b;
    normalise(on_file, a);
    normalise(on_server, b);
    CHECK(a.size() == b.size());
    CHECK(on_file.dump(1) == on_server.dump(1));
    // The same database again: init refuses to make a second centre there.
    Run again = run_program(s.dir, {"init", "--db", pg.target(), "--user", kUser}, kPassphrase);
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("already a centre") != std::string::npos);
}

TEST_CASE("cli: backup and restore of a shared centre: a checked dump, restored into a fresh database") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    Scratch s;
    std::string roll_text = slurp(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
    const auto bad = roll_text.find(",maybe");
    REQUIRE(bad != std::string::npos);
    roll_text.replace(bad, 6, ",undecided");
    const fs::path roll = s.dir / "roll.csv";
    spit(roll, roll_text);
    rc::test::PgTestDatabase live(*server, "cli_backup");
    const json before = round_trip(s, live.target(), roll, "export-live");

    const fs::path backups = s.dir / "dumps";
    Run backup = run_program(s.dir, {"backup", "--db", live.target(), "--to", backups.string()});
    INFO(backup.err);
    REQUIRE(backup.exit_code == 0);
    CHECK(backup.out.find("pg_restore --list") != std::string::npos);
    fs::path dump;
    for (const auto& f : fs::directory_iterator(backups))
        dump = f.path();
    REQUIRE(dump.extension() == ".dump");
    CHECK((fs::status(dump).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));

    // Over the live centre: refused without the flag, saying how to.
    Run refused = run_program(s.dir, {"restore", "--db", live.target(), "--from", dump.string()});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("already holds a centre") != std::string::npos);
    CHECK(refused.err.find("--replace-live-centre") != std::string::npos);

    // Into a fresh database: the same debrief comes out of it.
    rc::test::PgTestDatabase fresh(*server, "cli_restored");
    Run restored = run_program(s.dir, {"restore", "--db", fresh.target(), "--from", dump.string()});
    INFO(restored.err);
    REQUIRE(restored.exit_code == 0);
    CHECK(restored.out.find("Restored the shared centre") != std::string::npos);
    Run verify = run_program(s.dir, {"verify", "--db", fresh.target()});
    CHECK(verify.exit_code == 0);
    const fs::path out = s.dir / "export-restored";
    Run exported = run_program(
        s.dir, {"export", "--db", fresh.target(), "--user", kUser, "--format", "json", "--out", out.string()},
        kPassphrase);
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
    json after;
    for (const auto& f : fs::directory_iterator(out))
        if (f.path().extension() == ".json") after = json::parse(slurp(f.path()));
    REQUIRE(after["people"].size() == before["people"].size());
    CHECK(after["people"].size() == 14);
}

TEST_CASE("cli: server move takes the sample roll's centre from its file onto the server") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    Scratch s;
    std::string roll_text = slurp(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
    const auto bad = roll_text.find(",maybe");
    REQUIRE(bad != std::string::npos);
    roll_text.replace(bad, 6, ",undecided");
    const fs::path roll = s.dir / "roll.csv";
    spit(roll, roll_text);
    const fs::path file = s.dir / "centre.sqlite";
    json on_file = round_trip(s, file.string(), roll, "export-file");

    rc::test::PgTestDatabase pg(*server, "cli_move");
    Run moved = run_program(s.dir, {"server", "move", "--from", file.string(), "--to", pg.target()});
    INFO(moved.err);
    REQUIRE(moved.exit_code == 0);
    CHECK(moved.out.find("people") != std::string::npos);
    CHECK(moved.out.find("read-only") != std::string::npos);

    const fs::path out = s.dir / "export-server";
    Run exported = run_program(
        s.dir, {"export", "--db", pg.target(), "--user", kUser, "--format", "json", "--out", out.string()},
        kPassphrase);
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
    json on_server;
    for (const auto& f : fs::directory_iterator(out))
        if (f.path().extension() == ".json") on_server = json::parse(slurp(f.path()));
    std::map<std::string, std::string> a, b;
    normalise(on_file, a);
    normalise(on_server, b);
    CHECK(on_file["people"].size() == 14);
    CHECK(on_file["people"].dump(1) == on_server["people"].dump(1));

    // The file refuses to be written to, naming where the centre is now.
    Run stale = run_program(
        s.dir, {"activate", "--db", file.string(), "--user", kUser, "--name", "Again", "--expected", "3"},
        kPassphrase);
    CHECK(stale.exit_code == 1);
    CHECK(stale.err.find("moved to the shared centre") != std::string::npos);
    // Moving into a database that holds a centre is refused.
    Run again = run_program(s.dir, {"server", "move", "--from", file.string(), "--to", pg.target()});
    CHECK(again.exit_code == 1);
}
