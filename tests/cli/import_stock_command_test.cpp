// `reception-console import stock`, run as the real program with the passphrase in
// RECEPTION_CONSOLE_PASSPHRASE: a delivery note with bad rows refused before any passphrase, each row
// named with the valid ids and the database untouched; the corrected note imported whole; --help names
// the kinds and stores.
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

constexpr const char* kPassphrase = "a passphrase for the stock tests";
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

std::string database_bytes(const fs::path& db) {
    return slurp(db) + "|wal|" + slurp(fs::path(db.string() + "-wal"));
}

} // namespace

TEST_CASE("cli: import stock refuses a note with bad rows before asking a passphrase, naming the valid ids") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path note = s.dir / "delivery.csv";
    spit(note, "kind,store,quantity,from\r\n"
               "adult_female,centre,20,Mothers' Union\r\n"
               "adult_f,centre,5,Mothers' Union\r\n"
               "child,ripley,twelve,Clewer Initiative\r\n");
    const std::string before = database_bytes(db);

    // No passphrase at all: the file's problems are found first.
    Run r =
        run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()}, nullptr);
    CHECK(r.exit_code == 1);
    CAPTURE(r.err);
    CHECK(contains(r.err, note.string() + ": line 3, column kind: 'adult_f' is not a bag kind; the kinds are "
                                          "adult_female, adult_male, child, infant\n"));
    CHECK(contains(r.err, note.string() +
                              ": line 4, column store: 'ripley' is not a store; the stores are centre\n"));
    CHECK(contains(r.err, note.string() + ": line 4, column quantity: 'twelve' is not a whole number\n"));
    CHECK(contains(r.err, "3 problems; nothing was imported"));
    CHECK(database_bytes(db) == before);
}

TEST_CASE("cli: import stock records a good delivery note whole") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path note = s.dir / "delivery.csv";
    spit(note, "Kind,Store,Quantity,From\n"
               "adult_female,centre,20,Mothers' Union\n"
               "infant,CENTRE,5,\"Clewer Initiative, Derby\"\n");
    Run r = run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Imported 2 delivery lines from " + note.string() + ": 25 bags received.\n"));

    // The wrong passphrase changes nothing.
    Run wrong = run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()},
                            "not the passphrase");
    CHECK(wrong.exit_code == 1);
}

TEST_CASE("cli: import stock --help names the columns, the kinds and the store ids") {
    Scratch s;
    Run r = run_console(s.dir, {"import", "stock", "--help"});
    CHECK(r.exit_code == 0);
    CAPTURE(r.out);
    CHECK(contains(r.out, "kind,store,quantity,from"));
    CHECK(contains(r.out, "adult_female, adult_male, child, infant"));
    CHECK(contains(r.out, "centre"));
}
