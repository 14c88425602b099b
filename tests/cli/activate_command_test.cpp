// `reception-console activate` and `venues import|list`, run as the real program with the passphrase in
// RECEPTION_CONSOLE_PASSPHRASE: the venue register imported all or nothing, an invalid procedure
// refused with its file:line:column messages, a valid one pinned.
#include "domain/procedure_loader.hpp"

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

constexpr const char* kPassphrase = "a passphrase for the activate tests";
constexpr const char* kUser = "Coordinator One";

std::string replace_once(std::string text, const std::string& old, const std::string& replacement) {
    const auto at = text.find(old);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the text: " << old);
    text.replace(at, old.size(), replacement);
    return text;
}

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

} // namespace

TEST_CASE("cli: venues import is all or nothing; venues list shows the register") {
    Scratch s;
    const fs::path db = init_database(s);
    const std::string u = kUser;

    Run empty = run_console(s.dir, {"venues", "list", "--db", db.string(), "--user", u});
    CHECK_MESSAGE(empty.exit_code == 0, empty.err);
    CHECK(contains(empty.out, "register is empty"));

    spit(s.dir / "bad.csv",
         "name,capacity,kitchen\nGood Hall,40,yes\nBad Hall,forty,no\nOther Hall,10,maybe\n");
    Run bad = run_console(
        s.dir, {"venues", "import", "--db", db.string(), "--user", u, (s.dir / "bad.csv").string()});
    CHECK(bad.exit_code == 1);
    CHECK_MESSAGE(contains(bad.err, "bad.csv: line 3, column capacity: 'forty' is not a whole number"),
                  bad.err);
    CHECK(contains(bad.err, "bad.csv: line 4, column kitchen: 'maybe' is not yes or no"));
    CHECK(contains(bad.err, "2 problems; no venue was imported"));
    Run still_empty = run_console(s.dir, {"venues", "list", "--db", db.string(), "--user", u});
    CHECK(contains(still_empty.out, "register is empty"));

    spit(s.dir / "venues.csv", "name,address,capacity,showers,keyholder_name,keyholder_phone\n"
                               "Matlock Hall,\"Bank Road, Matlock\",60,yes,Pat Keyholder,07700 900123\n"
                               "Small Room,Town Hall,8,no,,\n");
    Run good = run_console(
        s.dir, {"venues", "import", "--db", db.string(), "--user", u, (s.dir / "venues.csv").string()});
    CHECK_MESSAGE(good.exit_code == 0, good.err);
    CHECK(contains(good.out, "2 added, 0 updated"));
    Run list = run_console(s.dir, {"venues", "list", "--db", db.string(), "--user", u});
    CHECK_MESSAGE(list.exit_code == 0, list.err);
    CHECK(contains(list.out, "Matlock Hall: capacity 60"));
    CHECK(contains(list.out, "Address: Bank Road, Matlock"));
    CHECK(contains(list.out, "Keyholder: Pat Keyholder, 07700 900123"));
    CHECK(contains(list.out, "2 venues"));

    Run wrong =
        run_console(s.dir, {"venues", "list", "--db", db.string(), "--user", u}, "not the passphrase");
    CHECK(wrong.exit_code == 1);
    CHECK(contains(wrong.err, "do not match"));
    CHECK(wrong.out.empty());
}

TEST_CASE("cli: activate refuses an invalid procedure, then pins a valid one and opens the centre") {
    Scratch s;
    const fs::path db = init_database(s);
    const std::string u = kUser;
    spit(s.dir / "venues.csv", "name,capacity\nMatlock Hall,60\nSmall Room,8\n");
    REQUIRE(run_console(s.dir, {"venues", "import", "--db", db.string(), "--user", u,
                                (s.dir / "venues.csv").string()})
                .exit_code == 0);

    const std::string original = slurp(fs::path(RC_PROCEDURES_DIR) / "derbyshire-template.toml");
    const fs::path file = s.dir / "procedure.toml";
    spit(file, replace_once(original, "small = { from = 1, to = 10", "small = { from = 1, to = 12"));
    const std::string before = slurp(db);
    Run invalid = run_console(s.dir, {"activate", "--db", db.string(), "--user", u, "--name",
                                      "Operation Larch", "--expected", "20", "--procedure", file.string()});
    CHECK(invalid.exit_code == 1);
    CHECK_MESSAGE(contains(invalid.err, file.string() + ":35:19: tiers overlap"), invalid.err);
    CHECK(contains(invalid.err, "the centre was not activated"));
    CHECK(invalid.out.empty());
    CHECK(slurp(db) == before);

    // A venue not in the register, or a time that is not one: refused, nothing written.
    spit(file, original);
    Run no_venue =
        run_console(s.dir, {"activate", "--db", db.string(), "--user", u, "--name", "Operation Larch",
                            "--expected", "20", "--venue", "Nowhere", "--procedure", file.string()});
    CHECK(no_venue.exit_code == 1);
    CHECK(contains(no_venue.err, "no venue called 'Nowhere'"));
    Run bad_time = run_console(s.dir, {"activate", "--db", db.string(), "--user", u, "--name",
                                       "Operation Larch", "--expected", "20", "--arrival", "half past two"});
    CHECK(bad_time.exit_code == 1);
    CHECK(contains(bad_time.err, "is not a time"));

    Run ok = run_console(s.dir, {"activate", "--db", db.string(), "--user", u, "--name", "Operation Larch",
                                 "--expected", "20", "--venue", "matlock hall", "--arrival", "14:30",
                                 "--procedure", file.string()});
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(contains(ok.out, "Activated Operation Larch (OP-0001): the centre is Open."));
    CHECK(contains(ok.out, "Tier: Medium. The procedure proposes Medium for 20 people expected (11 to 30)."));
    CHECK(contains(ok.out, "Venue: Matlock Hall, capacity 60"));
    CHECK(contains(ok.out, "First arrivals expected: "));
    CHECK(contains(ok.out, "14:30"));
    CHECK(contains(ok.out, "Procedure pinned: "));
    CHECK(contains(ok.out, "from procedure.toml"));
    CHECK(contains(ok.out, "SHA-256: " + rc::procedure_hash(original)));

    // Activation happens once, whatever the file says now.
    spit(file, original + "\n# edited after activation\n");
    Run again = run_console(s.dir, {"activate", "--db", db.string(), "--user", u, "--name", "Operation Larch",
                                    "--expected", "40", "--procedure", file.string()});
    CHECK(again.exit_code == 1);
    CHECK(contains(again.err, "already open"));
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);
}

TEST_CASE("cli: activate with the built-in procedure lists the venues that fit when none is chosen") {
    Scratch s;
    const fs::path db = init_database(s);
    spit(s.dir / "venues.csv", "name,capacity\nBig Hall,100\nMid Hall,40\nTiny Room,5\n");
    REQUIRE(run_console(s.dir, {"venues", "import", "--db", db.string(), "--user", kUser,
                                (s.dir / "venues.csv").string()})
                .exit_code == 0);
    Run ok = run_console(s.dir, {"activate", "--db", db.string(), "--user", kUser, "--name", "Drill",
                                 "--expected", "35", "--tier", "medium"});
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(contains(ok.out,
                   "Tier: Medium. The procedure proposes Large for 35 people expected (31 to any number)."));
    CHECK(contains(ok.out, "Venue: none chosen. Venues that fit: Mid Hall (40), Big Hall (100)"));
    CHECK(contains(ok.out, "(built in)"));

    Run no_user = run_console(s.dir, {"activate", "--db", db.string(), "--name", "Drill", "--expected", "5"});
    CHECK(no_user.exit_code != 0);
    CHECK(contains(no_user.err, "--user"));
}
