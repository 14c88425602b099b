// Taking access away from a terminal: a coordinator disables a volunteer (the console then says to
// rotate the key), rotates the data key, and the volunteer's passphrase opens nothing.
#include "cli_test_support.hpp"

using namespace rc::cli::test;

namespace {
constexpr const char* kPassphrase = "a passphrase for the rotation tests";
constexpr const char* kUser = "Cora Coordinator";
bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("cli: users disable offers the rotation; rotate-key locks the old passphrases out") {
    Scratch s;
    const std::string db = (s.dir / "centre.sqlite").string();
    Run r = run_program(s.dir, {"init", "--db", db, "--user", kUser}, kPassphrase);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = run_program(s.dir, {"users", "add", "--db", db, "--user", kUser, "--name", "Val Volunteer",
                            "--new-passphrase-fd", "0"},
                    kPassphrase, "violet harbour compass\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    // A weak new passphrase is refused by the same rule as everywhere.
    r = run_program(s.dir, {"users", "add", "--db", db, "--user", kUser, "--name", "Wes Weak",
                            "--new-passphrase-fd", "0"},
                    kPassphrase, "password\n");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "12"));

    r = run_program(s.dir, {"users", "list", "--db", db, "--user", "Val Volunteer"}, "violet harbour compass");
    CHECK(r.exit_code == 0);
    r = run_program(s.dir, {"users", "disable", "--db", db, "--user", kUser, "--name", "Val Volunteer"},
                    kPassphrase);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.out, "rotate-key"));
    r = run_program(s.dir, {"users", "list", "--db", db, "--user", kUser}, kPassphrase);
    CHECK(contains(r.out, "disabled"));
    CHECK(contains(r.out, "rotate-key"));

    r = run_program(s.dir, {"rotate-key", "--db", db, "--user", kUser, "--yes"}, kPassphrase);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.out, "re-sealed"));
    CHECK(contains(r.out, "100%"));
    r = run_program(s.dir, {"users", "list", "--db", db, "--user", kUser}, kPassphrase);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(contains(r.out, "rotate-key"));
    r = run_program(s.dir, {"users", "list", "--db", db, "--user", "Val Volunteer"}, "violet harbour compass");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "disabled"));
    // A volunteer may not rotate, and the passphrase never comes from an argument.
    r = run_program(s.dir, {"rotate-key", "--db", db, "--user", kUser, "--yes"}, "not the right passphrase");
    CHECK(r.exit_code == 1);
}
