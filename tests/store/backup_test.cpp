#include "store/backup_scheduler.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {
std::size_t count_files(const std::filesystem::path& dir) {
    if (!std::filesystem::exists(dir)) return 0;
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()));
}
} // namespace

TEST_CASE("backup: a verified, self-contained copy through the online backup API") {
    TempDir dir("backup");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    s->append_log("before the backup");
    BackupResult r = s->backup_now();
    CHECK(r.file.parent_path() == dir.path() / "backups");
    CHECK(r.file.filename() == "centre-20260314-064000.sqlite");
    CHECK(r.bytes > 0);
    CHECK_FALSE(std::filesystem::exists(r.file.string() + "-wal"));
    CHECK_FALSE(std::filesystem::exists(r.file.string() + ".partial"));
    DatabaseReport rep = inspect_database(r.file, CheckDepth::Full);
    CHECK(rep.ok);
    CHECK(rep.schema_version == latest_schema_version());
    Connection b = Connection::open(r.file, AccessMode::ReadOnly);
    CHECK(b.query_text("PRAGMA journal_mode") == "delete");
    CHECK(b.query_int("SELECT count(*) FROM activity_log") == 1);
    // A second backup in the same second gets its own name.
    CHECK(s->backup_now().file.filename() == "centre-20260314-064000-2.sqlite");
}

TEST_CASE("backup: only the last K automatic backups are kept; others are never pruned") {
    TempDir dir("backup");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    Settings st = s->settings();
    st.backups_kept = 3;
    s->update_settings(st);
    auto manual = s->backup_now(BackupKind::Manual);
    std::vector<std::filesystem::path> made;
    for (int i = 0; i < 6; ++i) {
        clock.advance(60);
        made.push_back(s->backup_now().file);
    }
    const auto stale = dir.path() / "backups" / "centre-20260101-000000.sqlite.partial";
    const auto fresh = dir.path() / "backups" / "centre-manual-20260101-000000.sqlite.partial";
    write_file(stale, "left by a crash");
    write_file(fresh, "another process is writing this one");
    std::filesystem::last_write_time(stale,
                                     std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
    clock.advance(60);
    made.push_back(s->backup_now().file);
    auto kept = list_automatic_backups(dir.path() / "backups", s->path());
    REQUIRE(kept.size() == 3);
    CHECK(kept[0] == made[4]);
    CHECK(kept[2] == made[6]);
    CHECK(std::filesystem::exists(manual.file));
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK(std::filesystem::exists(fresh));
}

TEST_CASE("backup scheduler: every N minutes while data change, and on exit") {
    TempDir dir("backup");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    Settings st = s->settings();
    st.backup_interval_minutes = 10;
    s->update_settings(st);
    const auto backups = dir.path() / "backups";
    BackupScheduler sched(*s, clock);
    CHECK_FALSE(sched.seconds_until_due()); // nothing changed yet
    clock.advance(3600);
    CHECK_FALSE(sched.tick()); // an hour with no change: no backup
    s->append_log("a change");
    CHECK(sched.seconds_until_due() == 0); // the interval has long passed
    auto r = sched.tick();
    REQUIRE(r);
    CHECK(count_files(backups) == 1);
    CHECK_FALSE(sched.tick());
    s->append_log("another change");
    CHECK(sched.seconds_until_due() == 600);
    clock.advance(599);
    CHECK_FALSE(sched.tick());
    clock.advance(1);
    CHECK(sched.tick());
    CHECK(count_files(backups) == 2);
    CHECK_FALSE(sched.backup_on_exit()); // nothing new
    s->append_log("a last change");
    CHECK(sched.backup_on_exit());
    CHECK(count_files(backups) == 3);
}

TEST_CASE("backup scheduler: a failing backup is reported and retried, never thrown") {
    TempDir dir("backup");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    write_file(dir / "not-a-folder", "x");
    Settings st = s->settings();
    st.backup_folder = (dir / "not-a-folder" / "backups").string();
    s->update_settings(st);
    BackupScheduler sched(*s, clock);
    s->append_log("a change");
    clock.advance(600);
    CHECK_FALSE(sched.tick());
    REQUIRE(sched.last_error());
    CHECK(sched.seconds_until_due() == BackupScheduler::kRetryAfterFailureSeconds);
    st.backup_folder = (dir / "good").string();
    s->update_settings(st);
    clock.advance(60);
    CHECK(sched.tick());
    CHECK_FALSE(sched.last_error());
}

TEST_CASE("backup from the command line works while the console has the file open") {
    TempDir dir("backup");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    s->append_log("in the WAL, not yet checkpointed");
    BackupResult r = backup_database(db, dir / "usb", clock);
    CHECK(r.file.filename() == "centre-manual-20260314-064000.sqlite");
    Connection b = Connection::open(r.file, AccessMode::ReadOnly);
    CHECK(b.query_int("SELECT count(*) FROM activity_log") == 1);
}

TEST_CASE("restore: the live file is kept aside first, then replaced by the backup") {
    TempDir dir("restore");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    std::filesystem::path backup;
    {
        auto s = make_store(db, clock);
        s->append_log("kept");
        backup = s->backup_now().file;
        s->append_log("made after the backup");
        // While the console runs, the command line cannot restore over it.
        try {
            restore_database(db, backup, clock);
            FAIL("restored under a running console");
        } catch (const StoreError& e) {
            CHECK(e.kind() == ErrorKind::Locked);
        }
    }
    clock.advance(60);
    RestoreResult r = restore_database(db, backup, clock);
    REQUIRE(std::filesystem::exists(r.kept_aside));
    CHECK_FALSE(r.kept_aside_by_rename);
    CHECK(r.kept_aside.filename() == "centre-before-restore-20260314-064100.sqlite");
    {
        Connection aside = Connection::open(r.kept_aside, AccessMode::ReadOnly);
        CHECK(aside.query_int("SELECT count(*) FROM activity_log") == 2);
    }
    auto s = open_signed_in(db, clock);
    auto log = s->log_entries();
    REQUIRE(log.size() == 1);
    CHECK(log[0].text == "kept");
    CHECK(s->connection_for_reading().query_text("PRAGMA journal_mode") == "wal");
    CHECK(s->audit_entries(5)[1].action == "restore"); // [0] is this sign-in
}

TEST_CASE("restore: an unreadable live file is moved aside untouched") {
    TempDir dir("restore");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    std::filesystem::path backup;
    {
        auto s = make_store(db, clock);
        s->append_log("in the backup");
        backup = s->backup_now().file;
    }
    std::filesystem::resize_file(db, 3000); // damaged
    const auto damaged_hash = file_hash(db);
    RestoreResult r = restore_database(db, backup, clock);
    CHECK(r.kept_aside_by_rename);
    CHECK(file_hash(r.kept_aside) == damaged_hash);
    auto s = open_signed_in(db, clock);
    CHECK(s->log_entries().size() == 1);
}

TEST_CASE("restore: a bad backup is refused before anything changes") {
    TempDir dir("restore");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    { make_store(db, clock)->append_log("live"); }
    const auto live_hash = file_hash(db);
    write_file(dir / "bad.sqlite", "not a database at all, just text that is long enough to have a header");
    CHECK_THROWS_AS(restore_database(db, dir / "bad.sqlite", clock), StoreError);
    CHECK(file_hash(db) == live_hash);
    CHECK(count_files(dir.path()) == 3); // centre.sqlite, its .lock, bad.sqlite: nothing kept aside
}

TEST_CASE("restore from the running console (the menu item)") {
    TempDir dir("restore");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    s->append_log("first");
    auto backup = s->backup_now().file;
    s->append_log("second");
    s->add_user(NewUser{"Later User", UserRole::Volunteer, "quiet lantern meadow", ""});
    clock.advance(5);
    RestoreResult r = s->restore_from(backup);
    CHECK(std::filesystem::exists(r.kept_aside));
    CHECK(s->session().state == SessionState::SignedOut); // the restored file has its own users
    CHECK(s->sign_in("Later User", "quiet lantern meadow").status == SignInStatus::WrongCredentials);
    clock.advance(5);
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    CHECK(s->log_entries().size() == 1);
    CHECK(s->users().size() == 1);
    s->append_log("after the restore");
    CHECK(s->log_entries().size() == 2);
}
