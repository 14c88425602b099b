// `server move`: a centre's file onto an empty shared centre on the throwaway server. Tested on the
// schema-12 fixture after its upgrade (people on site, out and departed, journeys, referrals and their
// history, a medical note under the coordinator key) and on a new centre: everything reads back the
// same through the store, each table's rows match, the file is refused for writing afterwards naming
// where the centre went, and a database that holds a centre is refused.
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/server_move.hpp"
#include "store/stock.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
namespace fs = std::filesystem;

namespace {

const fs::path kFixture = fs::path(RC_TEST_DATA_DIR) / ".." / "fixtures" / "centre-v12.sqlite";
constexpr const char* kFixtureUser = "Fixture Coordinator";
constexpr const char* kFixturePassphrase = "fixture passphrase v12 roll";

// What the store reads of a centre, as text: people with every field the roll fills, their journeys'
// state, referrals with their notes (coordinator key), stock.
std::string read_back(Store& s) {
    std::string out;
    for (const PersonRecord& p : people(s))
        out += p.person.reference + "|" + p.person.tag + "|" + p.person.name + "|" + p.person.alias + "|" +
               p.person.nationality + "|" + p.person.medical_needs + "|" + p.person.property_held + "|" +
               std::to_string(p.created_at) + "|" + std::to_string(p.person.journey.size()) + "\n";
    for (const ReferralRecord& r : referrals(s))
        out += std::to_string(r.id) + "|" + r.referral.made_by + "|" + r.referral.external_reference + "|" +
               r.referral.notes + "\n";
    for (const StockBalance& b : stock_balances(s))
        out += b.bag_kind + "|" + std::to_string(b.store) + "|" + std::to_string(b.on_hand) + "\n";
    return out;
}

} // namespace

TEST_CASE(
    "server move: the upgraded v12 fixture reads back the same from the server; the file is kept read-only") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    TempDir dir("move-v12");
    const fs::path file = dir / "centre.sqlite";
    fs::copy_file(kFixture, file);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    ManualClock clock(kT0 + 400 * 86400);
    std::string before;
    {
        auto s = Store::open(file, {}, clock);
        REQUIRE(s->sign_in(kFixtureUser, kFixturePassphrase).ok()); // upgrades to 13 with the data key
        REQUIRE(s->schema_version() == latest_schema_version());
        before = read_back(*s);
    }
    REQUIRE(before.find("OP-") != std::string::npos);

    rc::test::PgTestDatabase db(*server, "move_v12");
    const MoveResult r = move_to_server(file, db.target(), clock);
    CHECK(r.total_rows > 50);
    bool people_table = false;
    for (const TableCount& t : r.tables)
        if (t.table == "people") people_table = t.rows > 10;
    CHECK(people_table);

    {
        auto s = Store::open(db.target(), {}, clock);
        REQUIRE(s->sign_in(kFixtureUser, kFixturePassphrase).ok());
        CHECK(s->holds_coordinator_key());
        std::string after = read_back(*s);
        // (The audit trail is compared by its row count in the move itself; each sign-in adds a row.)
        CHECK(after == before);
        // And the server goes on numbering after the moved rows.
        Person p;
        p.tag = "MOVED-1";
        p.name = "First On The Server";
        p.nationality = "GB";
        clock.advance(60);
        const CheckedIn in = check_in(*s, p, clock.now());
        CHECK(in.id > static_cast<PersonId>(people(*s).size() - 1));
    }

    // The file: read-only, and refused for writing with where the centre went.
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0400);
    CHECK(moved_to(file) == r.target);
    try {
        Store::open(file, {}, clock);
        FAIL("the moved file was opened for writing");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::ReadOnly);
        CHECK(e.problem().find("moved to the shared centre") != std::string::npos);
        CHECK(e.advice().find(r.target) != std::string::npos);
    }
    // Looking at it read-only still works.
    auto look = Store::open(file, OpenOptions{OpenMode::ReadOnly, {}}, clock);
    REQUIRE(look->sign_in(kFixtureUser, kFixturePassphrase).ok());
    CHECK(read_back(*look) == before);
    // A second move of the same file is refused.
    rc::test::PgTestDatabase other(*server, "move_again");
    CHECK_THROWS_AS(move_to_server(file, other.target(), clock), StoreError);
}

TEST_CASE(
    "server move: refused into a database that holds a centre, and for an older file; nothing changes") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    TempDir dir("move-refused");
    ManualClock clock(kT0);
    const fs::path file = dir / "centre.sqlite";
    make_store(file, clock).reset();
    rc::test::PgTestDatabase taken(*server, "move_taken");
    make_store(taken.target(), clock).reset();
    try {
        move_to_server(file, taken.target(), clock);
        FAIL("moved into a database holding a centre");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::AlreadyExists);
        CHECK(e.problem().find("already holds a centre") != std::string::npos);
    }
    CHECK_FALSE(moved_to(file).has_value());
    CHECK(Store::open(file, {}, clock) != nullptr); // still the live file

    // The v12 fixture before its upgrade: refused, saying how to upgrade it.
    const fs::path old = dir / "old.sqlite";
    fs::copy_file(kFixture, old);
    fs::permissions(old, fs::perms::owner_read | fs::perms::owner_write);
    rc::test::PgTestDatabase empty(*server, "move_old");
    try {
        move_to_server(old, empty.target(), clock);
        FAIL("moved a file at an older schema");
    } catch (const StoreError& e) {
        CHECK(e.problem().find("schema version 12") != std::string::npos);
    }
    Connection c = Connection::open_postgres(empty.target(), AccessMode::ReadOnly);
    CHECK_FALSE(c.has_table("people"));
}
