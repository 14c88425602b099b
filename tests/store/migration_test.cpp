#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/operation.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

TEST_CASE("migrations: numbered from 1 in ascending order, and there is history to upgrade from") {
    // Branches developed side by side reserve their numbers, so a version may be missing for a while.
    auto m = schema_migrations();
    REQUIRE(m.size() >= 2);
    CHECK(m[0].version == 1);
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (i > 0) CHECK(m[i].version > m[i - 1].version);
        CHECK_FALSE(m[i].description.empty());
        CHECK_FALSE(m[i].sql.empty());
    }
    CHECK(latest_schema_version() == m.back().version);
}

TEST_CASE("migrations: a database from every earlier version opens, upgraded after a backup") {
    for (const Migration& migration : schema_migrations()) {
        const int version = migration.version;
        if (version == latest_schema_version()) break;
        CAPTURE(version);
        TempDir dir("migrate");
        ManualClock clock(kT0);
        const auto db = dir / "centre.sqlite";
        const auto backups = dir / "upgrade-backups";
        UserId volunteer = 0;
        {
            auto old = Store::create(quick_options(db, version), clock);
            CHECK(old->schema_version() == version);
            // Data that exists at every version: the centre, users, settings, the audit trail.
            old->update_centre(CentreDetails{"Old centre", "OP-0007", "Old venue", Tier::Large, 40});
            volunteer =
                old->add_user(NewUser{"Old Volunteer", UserRole::Volunteer, "amber kettle horizon", "1111"});
            Settings s = old->settings();
            s.backups_kept = 7;
            old->update_settings(s);
        }
        REQUIRE(inspect_database(db, CheckDepth::Full).schema_version == version);
        const auto old_audit_rows =
            Connection::open(db, AccessMode::ReadOnly).query_int("SELECT count(*) FROM audit");

        clock.advance(3600);
        auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, backups}, clock);
        // Opening runs the migrations that need no key; sealing values waits for a sign-in.
        CHECK(s->schema_version() == version_reachable_without_key(version));
        if (s->schema_version() > version) {
            REQUIRE(s->upgraded_from() == version);
            REQUIRE(std::filesystem::exists(s->upgrade_backup()));
        }
        REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
        CHECK(s->schema_version() == latest_schema_version());
        REQUIRE(s->upgraded_from() == version);
        // The backup was taken first, is healthy and still at the old version.
        REQUIRE(std::filesystem::exists(s->upgrade_backup()));
        CHECK(s->upgrade_backup().parent_path() == backups);
        CHECK(s->upgrade_backup().filename().string().find("before-upgrade-v" + std::to_string(version)) !=
              std::string::npos);
        DatabaseReport b = inspect_database(s->upgrade_backup(), CheckDepth::Full);
        CHECK(b.ok);
        CHECK(b.schema_version == version);
        // The data survived.
        CHECK(s->centre().name == "Old centre");
        CHECK(s->centre().tier == Tier::Large);
        CHECK(s->settings().backups_kept == 7);
        auto users = s->users();
        REQUIRE(users.size() == 2);
        CHECK(users[1].id == volunteer);
        CHECK(users[1].name == "Old Volunteer");
        // The new tables work, and the upgrade is in the audit trail.
        s->append_log("after the upgrade");
        CHECK(s->log_entries().size() == 1);
        // Venues and activation (version 4) work on an upgraded file too.
        VenueDetails hall;
        hall.name = "Upgraded Hall";
        hall.capacity = 50;
        hall.keyholder_name = "Kim Keyholder";
        add_venue(*s, hall);
        ActivationRequest request;
        request.name = "After upgrade";
        request.expected_people = 20;
        request.venue = "Upgraded Hall";
        request.procedure_text = std::string(default_procedure_text());
        request.procedure_source = "p.toml";
        ActivationResult activated = activate(*s, request);
        CHECK(activated.activation.tier == Tier::Medium);
        CHECK(s->centre().status == CentreStatus::Open);
        REQUIRE(pinned_procedure(*s));
        CHECK(pinned_procedure(*s)->source_sha256 == activated.pinned.sha256);
        CHECK(venues(*s)[0].details.keyholder_name == "Kim Keyholder");
        auto audit = s->audit_entries(1000);
        CHECK(static_cast<std::int64_t>(audit.size()) > old_audit_rows);
        // One row per step: from the old version (at open, or at sign-in), and to the latest (at sign-in).
        bool from_recorded = false, to_recorded = false;
        for (auto& a : audit) {
            if (a.action != "schema_upgrade") continue;
            if (a.changes.find("{\"from\":" + std::to_string(version) + ",") != std::string::npos)
                from_recorded = true;
            if (a.changes.find(",\"to\":" + std::to_string(latest_schema_version()) + "}") !=
                std::string::npos)
                to_recorded = true;
        }
        CHECK(from_recorded);
        CHECK(to_recorded);
        s.reset();
        // Opening again does not upgrade (or back up) again.
        auto again = Store::open(db, OpenOptions{OpenMode::ReadWrite, backups}, clock);
        CHECK_FALSE(again->upgraded_from());
        CHECK(std::distance(std::filesystem::directory_iterator(backups),
                            std::filesystem::directory_iterator()) == 1);
    }
}

TEST_CASE("migrations: an older file opened read-only is refused, not upgraded") {
    TempDir dir("migrate");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    { Store::create(quick_options(db, 1), clock); }
    const auto before = file_hash(db);
    try {
        Store::open(db, OpenOptions{OpenMode::ReadOnly, {}}, clock);
        FAIL("opened an old schema read-only");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::ReadOnly);
        CHECK(e.problem().find("older schema") != std::string::npos);
    }
    CHECK(file_hash(db) == before);
}

TEST_CASE("migrations: a failing upgrade leaves the file at its old version") {
    TempDir dir("migrate");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    { Store::create(quick_options(db, 1), clock); }
    {
        // Something in the way of migration 2 (a table it wants to create): the upgrade must fail whole.
        Connection c = Connection::open(db, AccessMode::ReadWrite);
        c.exec("CREATE TABLE activity_log (x INTEGER)");
    }
    CHECK_THROWS_AS(Store::open(db, {}, clock), StoreError);
    Connection c = Connection::open(db, AccessMode::ReadOnly);
    CHECK(c.query_int("PRAGMA user_version") == 1);
    CHECK(c.query_int("SELECT count(*) FROM audit WHERE action = 'schema_upgrade'") == 0);
}
