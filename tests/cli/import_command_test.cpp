// `reception-console import arrivals`, run as the real program with the passphrase in
// RECEPTION_CONSOLE_PASSPHRASE: the scenario's roll (one bad row) refused with its line and column and
// the database untouched; the corrected roll imported whole; the same tags again refused.
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

#include "cli_test_support.hpp"

namespace {

using namespace rc::cli::test;

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "a passphrase for the import tests";
constexpr const char* kUser = "Coordinator One";

Run run_console(const fs::path& scratch, std::vector<std::string> args,
                const char* passphrase = kPassphrase) {
    return run_program(scratch, std::move(args), passphrase);
}

fs::path init_database(const Scratch& s) {
    fs::path db = s.dir / "centre.sqlite";
    Run r = run_console(s.dir, {"init", "--db", db.string(), "--user", kUser, "--centre", "Test hall"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return db;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

// The database and its WAL, as bytes (an absent file reads as empty).
std::string database_bytes(const fs::path& db) {
    return slurp(db) + "|wal|" + slurp(fs::path(db.string() + "-wal"));
}

} // namespace

TEST_CASE("cli: import arrivals refuses the scenario's roll for its one bad row and changes nothing") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path roll = fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv";
    const std::string before = database_bytes(db);

    Run r = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    CHECK(r.exit_code == 1);
    CAPTURE(r.err);
    CHECK(contains(r.err, roll.string() +
                              ": line 15, column consent_nrm: 'maybe' is not one of yes, no, undecided\n"));
    CHECK(occurrences(r.err, ": line ") == 1); // the only bad row
    CHECK(contains(r.err, roll.string() + ": 1 problem; nobody was imported"));
    CHECK(r.out.starts_with("Columns:\n  1 'tag' -> tag (same name)\n")); // each column and its field
    CHECK_FALSE(contains(r.err, "Popescu")); // a message names the line and column, not the person
    CHECK(database_bytes(db) == before);     // checked before signing in: not a byte written
}

TEST_CASE("cli: import arrivals imports a corrected roll whole, then refuses the same tags again") {
    Scratch s;
    const fs::path db = init_database(s);
    std::string text = slurp(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
    const auto at = text.find(",maybe");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, ",undecided");
    const fs::path roll = s.dir / "roll.csv";
    spit(roll, text);

    Run ok = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(contains(ok.out, "Imported 14 people from " + roll.string() + ": OP-0001-001 to OP-0001-014."));
    // Names are sealed in the file.
    for (const char* name : {"Popescu", "Dumitru", "Hoxha", "Kovács", "Yusuf"}) {
        CAPTURE(name);
        CHECK_FALSE(contains(database_bytes(db), name));
    }

    Run again =
        run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    CHECK(again.exit_code == 1);
    CHECK_MESSAGE(
        contains(again.err, roll.string() + ": line 2, column tag: tag T001 is already on OP-0001-001"),
        again.err);
    CHECK(contains(again.err, roll.string() + ": 14 problems; nobody was imported"));
    CHECK(again.out.find("Imported") == std::string::npos); // only the columns

    Run wrong =
        run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()},
                    "not the passphrase");
    CHECK(wrong.exit_code == 1);
    CHECK(contains(wrong.err, "do not match"));

    Run missing = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser,
                                      (s.dir / "nowhere.csv").string()});
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "Cannot read " + (s.dir / "nowhere.csv").string()));

    Run no_kind = run_console(s.dir, {"import", "--db", db.string()});
    CHECK(no_kind.exit_code != 0);
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);
}

TEST_CASE("cli: a roll in another layout is mapped; a column with data that fills nothing stops it, named") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path roll = s.dir / "partner-roll.csv";
    spit(roll, "Surname,Forename,D.O.B.,Country,Language spoken,Arrival time,Shoe size\n"
               "Popescu,Andrei,12/03/1994,Romania,Romanian,2026-03-14 06:40,42\n"
               "Wiśniewski,Łukasz,1980-11-30,PL,pl,2026-03-14T07:15,\n");
    const std::string before = database_bytes(db);

    Run stopped =
        run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    CHECK(stopped.exit_code == 1);
    CAPTURE(stopped.err);
    CHECK(contains(stopped.err, "column 7 'Shoe size' holds data but fills no field"));
    CHECK(contains(stopped.out, "  1 'Surname' -> surname (same name)\n"));
    CHECK(contains(stopped.out, "  3 'D.O.B.' -> dob (same name)\n"));
    CHECK(contains(stopped.out, "  5 'Language spoken' -> languages (other name for it)\n"));
    CHECK(contains(stopped.out, "  7 'Shoe size' -> nothing\n"));
    CHECK(database_bytes(db) == before);

    Run ok = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, "--map",
                                 "Shoe size=ignore", roll.string()});
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(contains(ok.out, "  7 'Shoe size' -> ignore (chosen)\n"));
    CHECK(contains(ok.out, "Imported 2 people"));

    Run bad_map = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, "--map",
                                      "Hat=medical", roll.string()});
    CHECK(bad_map.exit_code == 1);
    CHECK(contains(bad_map.err, "the file has no column 'Hat'"));
}
