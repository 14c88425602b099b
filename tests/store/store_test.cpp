#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "support/owner_only.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

TEST_CASE("store: create, then reopen with the durability pragmas") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        CHECK(s->signed_in());
        CHECK(s->session().role == UserRole::Coordinator);
        CHECK(s->schema_version() == latest_schema_version());
        Centre c = s->centre();
        CHECK(c.name == "Test reception centre");
        CHECK(c.code == "OP-0001");
        CHECK(c.status == CentreStatus::Standby);
        CHECK(c.created_at == kT0);
    }
    rc::test::check_owner_only(db);
    auto s = Store::open(db, {}, clock);
    CHECK(s->session().state == SessionState::SignedOut);
    Connection& c = s->connection_for_reading();
    CHECK(c.query_text("PRAGMA journal_mode") == "wal");
    CHECK(c.query_int("PRAGMA synchronous") == 2); // FULL
    CHECK(c.query_int("PRAGMA foreign_keys") == 1);
    CHECK(c.query_int("PRAGMA busy_timeout") == 5000);
    CHECK(c.query_int("PRAGMA application_id") == kApplicationId);
    CHECK(c.query_int("PRAGMA user_version") == latest_schema_version());
    CHECK(s->centre().name == "Test reception centre"); // readable while signed out: nothing personal
    CHECK_THROWS_AS(s->append_log("x"), StoreError);
    CHECK_THROWS_AS(s->log_entries(), StoreError);
}

TEST_CASE("store: create refuses an existing path and leaves it alone") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    write_file(db, "something else");
    try {
        make_store(db, clock);
        FAIL("created over an existing file");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::AlreadyExists);
    }
    CHECK(read_file(db) == "something else");
    auto o = quick_options(dir / "new.sqlite");
    o.passphrase = "short";
    CHECK_THROWS_AS(Store::create(o, clock), StoreError);
    CHECK_FALSE(std::filesystem::exists(dir / "new.sqlite"));
}

TEST_CASE("store: centre details and status move with audit rows and automatic log entries") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    auto v0 = s->data_version();
    s->update_centre(CentreDetails{"Matlock reception centre", "OP-0042", "Leisure centre, sports hall",
                                   Tier::Medium, 25});
    CHECK(s->data_version() == v0 + 1);
    clock.advance(60);
    s->set_centre_status(CentreStatus::Open);
    Centre c = s->centre();
    CHECK(c.code == "OP-0042");
    CHECK(c.tier == Tier::Medium);
    CHECK(c.expected_people == 25);
    CHECK(c.status == CentreStatus::Open);
    CHECK(c.activated_at == kT0 + 60);
    CHECK_THROWS_AS(s->set_centre_status(CentreStatus::Standby), StoreError);
    s->set_centre_status(CentreStatus::StandingDown);
    clock.advance(60);
    s->set_centre_status(CentreStatus::Closed);
    CHECK(s->centre().closed_at == kT0 + 120);
    CHECK_THROWS_AS(s->update_centre(CentreDetails{"", "OP-1", "", Tier::Small, 0}), StoreError);
    CHECK_THROWS_AS(s->update_centre(CentreDetails{"Name", "OP 1 !", "", Tier::Small, 0}), StoreError);

    auto audit = s->audit_entries(100);
    REQUIRE(audit.size() >= 5);
    // Newest first: the closing.
    CHECK(audit[0].table == "activity_log"); // the automatic entry written with it
    CHECK(audit[1].table == "centre");
    CHECK(audit[1].changes.find("\"status\":{\"from\":\"standing_down\",\"to\":\"closed\"}") !=
          std::string::npos);
    CHECK(audit[1].user == s->session().user);
    CHECK(audit[1].at == kT0 + 120);
    bool saw_update = false;
    for (auto& a : audit)
        if (a.action == "update" &&
            a.changes.find("\"code\":{\"from\":\"OP-0001\",\"to\":\"OP-0042\"}") != std::string::npos)
            saw_update = true;
    CHECK(saw_update);
    auto log = s->log_entries();
    REQUIRE(log.size() == 3);
    CHECK(log[0].text == "Centre status: Closed");
    CHECK(log[0].kind == LogKind::Automatic);
}

TEST_CASE("store: settings round-trip, are validated and audited") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        CHECK(s->settings().idle_lock_minutes == 5);
        CHECK(s->backup_directory() == dir.path() / "backups");
        Settings next = s->settings();
        next.backup_folder = (dir / "elsewhere").string();
        next.backup_interval_minutes = 3;
        next.backups_kept = 4;
        next.idle_lock_minutes = 2;
        s->update_settings(next);
        Settings bad = next;
        bad.idle_lock_minutes = 0;
        CHECK_THROWS_AS(s->update_settings(bad), StoreError);
        CHECK(s->audit_entries(1)[0].changes.find("\"idle_lock_minutes\":{\"from\":5,\"to\":2}") !=
              std::string::npos);
    }
    auto s = Store::open(db, {}, clock);
    CHECK(s->settings().backup_interval_minutes == 3);
    CHECK(s->settings().backups_kept == 4);
    CHECK(s->settings().idle_lock_minutes == 2);
    CHECK(s->backup_directory() == dir.path() / "elsewhere");
}

TEST_CASE("store: activity log entries are encrypted, attributed and audited") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    auto id1 = s->append_log("Coach of 12 arrived at the side door");
    clock.advance(5);
    auto id2 = s->append_log("Interpreter (Romanian) on the phone", LogKind::Manual);
    CHECK(id2 == id1 + 1);
    auto e = s->log_entry(id1);
    REQUIRE(e);
    CHECK(e->text == "Coach of 12 arrived at the side door");
    CHECK(e->author == s->session().user);
    CHECK(e->at == kT0);
    CHECK_THROWS_AS(s->append_log("   "), StoreError);

    // In the file the text is a sealed blob.
    Connection raw = Connection::open(db, AccessMode::ReadOnly);
    CHECK(raw.query_int("SELECT count(*) FROM activity_log WHERE instr(text_enc, 'Coach') > 0") == 0);
    // Each write has its audit row, naming the field but not its value.
    auto st =
        raw.cached("SELECT action, changes FROM audit WHERE table_name = 'activity_log' AND record_id = ?");
    st->bind(1, id1);
    REQUIRE(st->step());
    CHECK(st->text_at(0) == "insert");
    CHECK(st->text_at(1) == "{\"kind\":\"manual\",\"text\":\"(personal, not recorded)\"}");
}

TEST_CASE("store: the audit trail is append-only, enforced by triggers") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        s->append_log("entry");
    }
    Connection raw = Connection::open(db, AccessMode::ReadWrite);
    auto n = raw.query_int("SELECT count(*) FROM audit");
    CHECK(n >= 2);
    try {
        raw.exec("UPDATE audit SET action = 'nothing happened'");
        FAIL("an audit row was updated");
    } catch (const StoreError& e) {
        CHECK(std::string(e.what()).find("append-only") != std::string::npos);
    }
    CHECK_THROWS_AS(raw.exec("DELETE FROM audit"), StoreError);
    CHECK(raw.query_int("SELECT count(*) FROM audit") == n);
    raw.exec("INSERT INTO audit (at, action, table_name) VALUES (1, 'test', 'x')"); // appending is fine
}

TEST_CASE("store: a read-only store reads but never writes") {
    TempDir dir("store");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    { make_store(db, clock)->append_log("entry one"); }
    auto before = file_hash(db);
    auto s = open_signed_in(db, clock, OpenMode::ReadOnly);
    CHECK(s->read_only());
    CHECK(s->log_entries().size() == 1);
    try {
        s->append_log("entry two");
        FAIL("a read-only store wrote");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::ReadOnly);
    }
    s.reset();
    CHECK(file_hash(db) == before);
}
