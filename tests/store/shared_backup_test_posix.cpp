// Backups, restores and the retention purge of a shared centre, against the throwaway PostgreSQL
// server ctest starts: pg_dump in custom format checked with pg_restore --list, 0600, the same names
// and pruning as the file's backups, a restore into a fresh database (a live centre only when asked),
// no password on a tool's command line, and the purge clearing the server and the dumps before it.
#include "domain/default_procedure.hpp"
#include "store/backup_scheduler.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/purge.hpp"
#include "store/shared_backup.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kName = "Ozymandra Pelligrew";

// Skips the test (with a message) when this run has no server.
#define REQUIRE_PG_SERVER(var)                                                                               \
    const auto var = rc::test::test_pg_conninfo();                                                           \
    if (!var) {                                                                                              \
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");                            \
        return;                                                                                              \
    }

void use_backup_folder(Store& s, const std::filesystem::path& dir) {
    Settings settings = s.settings();
    settings.backup_folder = dir.string();
    s.update_settings(settings);
}

PersonId check_in_named(Store& s, const std::string& tag, const std::string& name, UnixSeconds at) {
    ActivationRequest a;
    a.name = "Operation Larch";
    a.expected_people = 12;
    a.procedure_text = std::string(default_procedure_text());
    a.procedure_source = std::string(default_procedure_name);
    if (s.centre().status == CentreStatus::Standby) activate(s, a);
    Person p;
    p.tag = tag;
    p.name = name;
    p.sex = Sex::Female;
    p.age_band = AgeBand::From18To24;
    p.nationality = "RO";
    return check_in(s, p, at).id;
}

int mode_of(const std::filesystem::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

} // namespace

TEST_CASE("shared centre backup: pg_dump in custom format, checked, 0600, named and pruned as the file's") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "backup");
    TempDir dir("pg-backup");
    ManualClock clock(kT0);
    auto s = make_store(db.target(), clock);
    use_backup_folder(*s, dir.path());
    check_in_named(*s, "T001", kName, kT0);

    const BackupResult manual = s->backup_now(BackupKind::Manual);
    CHECK(manual.file.parent_path() == dir.path());
    CHECK(manual.file.filename().string().rfind(db.name() + "-manual-", 0) == 0);
    CHECK(manual.file.extension() == ".dump");
    CHECK(mode_of(manual.file) == 0600);
    CHECK(manual.bytes > 1000);
    const DumpCheck check = check_shared_backup(manual.file);
    CHECK(check.ok);
    CHECK(check.entries > 20);
    // Sealed on the desk: the dump holds no name in clear.
    CHECK_FALSE(file_contains(manual.file, kName));
    // Recorded on the server, so a purge finds it.
    const auto recorded = s->recorded_backup_copies();
    CHECK(std::find(recorded.begin(), recorded.end(), manual.file) != recorded.end());

    // Automatic ones are pruned to "backups kept"; manual ones stay.
    Settings keep2 = s->settings();
    keep2.backups_kept = 2;
    s->update_settings(keep2);
    for (int i = 0; i < 3; ++i) {
        clock.advance(60);
        s->backup_now(BackupKind::Automatic);
    }
    CHECK(list_automatic_backups(dir.path(), s->path()).size() == 2);
    CHECK(std::filesystem::exists(manual.file));

    // A file that is not a dump of a centre fails the check.
    write_file(dir / "garbage.dump", "not a dump at all");
    CHECK_FALSE(check_shared_backup(dir / "garbage.dump").ok);
}

TEST_CASE("shared centre backup: the scheduler dumps a shared centre after a change, and on exit") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "scheduler");
    TempDir dir("pg-scheduler");
    ManualClock clock(kT0);
    auto s = make_store(db.target(), clock);
    use_backup_folder(*s, dir.path());
    BackupScheduler scheduler(*s, clock);
    check_in_named(*s, "T001", kName, kT0);
    REQUIRE(scheduler.seconds_until_due().has_value());
    CHECK_FALSE(scheduler.tick().has_value()); // not yet due
    clock.advance(UnixSeconds{s->settings().backup_interval_minutes} * 60);
    const auto r = scheduler.tick();
    REQUIRE(r.has_value());
    CHECK(r->file.extension() == ".dump");
    CHECK_FALSE(scheduler.backup_on_exit().has_value()); // nothing changed since
    check_in_named(*s, "T002", "Someone Else", clock.now());
    CHECK(scheduler.backup_on_exit().has_value());
    CHECK(list_automatic_backups(dir.path(), s->path()).size() == 2);
}

TEST_CASE("shared centre backup: no password on a tool's command line; it goes to a private password file") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "password");
    // The test server trusts local connections, so a password in the line is carried and ignored.
    const std::string secret = "Sw0rdf1sh-not-on-argv";
    Connection conn = Connection::open_postgres(db.target() + " password=" + secret, AccessMode::ReadOnly);
    const PgToolInvocation call = pg_tool_invocation(conn, {"pg_dump", "--format=custom"});
    CHECK(call.password == secret);
    for (const std::string& arg : call.argv)
        CHECK(arg.find(secret) == std::string::npos);
    bool has_database = false;
    for (const auto& [name, value] : call.environment) {
        CHECK(name != "PGPASSWORD");
        CHECK(value.find(secret) == std::string::npos);
        if (name == "PGDATABASE") has_database = value == db.name();
    }
    CHECK(has_database);
    CHECK(redact_postgres_target(db.target() + " password=" + secret).find(secret) == std::string::npos);
}

TEST_CASE("shared centre restore: into a fresh database; over a live centre only when asked, kept aside") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "source");
    rc::test::PgTestDatabase fresh(*server, "fresh");
    TempDir dir("pg-restore");
    ManualClock clock(kT0);
    std::filesystem::path dump;
    {
        auto s = make_store(db.target(), clock);
        use_backup_folder(*s, dir.path());
        check_in_named(*s, "T001", kName, kT0);
        dump = s->backup_now(BackupKind::Manual).file;
        clock.advance(60);
        check_in_named(*s, "T002", "Made After The Backup", clock.now());
    }

    // Into a fresh database: everything back, signed in with the same users.
    const SharedRestoreResult r = restore_shared_centre(fresh.target(), dump, false, dir.path(), clock);
    CHECK(r.kept_aside.empty());
    CHECK(r.schema_version == latest_schema_version());
    {
        auto s = open_signed_in(fresh.target(), clock);
        const auto all = people(*s);
        REQUIRE(all.size() == 1);
        CHECK(all[0].person.name == kName);
        const auto audit = s->audit_entries(5);
        CHECK(std::any_of(audit.begin(), audit.end(),
                          [](const AuditEntry& e) { return e.action == "restore"; }));
    }

    // A database that holds a centre is refused without the flag, and nothing changes.
    try {
        restore_shared_centre(db.target(), dump, false, dir.path(), clock);
        FAIL("restored over a live centre without being asked to");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::AlreadyExists);
        CHECK(e.advice().find("--replace-live-centre") != std::string::npos);
    }
    CHECK(people(*open_signed_in(db.target(), clock)).size() == 2);

    // With it: the live centre is dumped aside first, then replaced in one transaction.
    const SharedRestoreResult over = restore_shared_centre(db.target(), dump, true, dir.path(), clock);
    REQUIRE_FALSE(over.kept_aside.empty());
    CHECK(over.kept_aside.filename().string().find("-before-restore-") != std::string::npos);
    CHECK(check_shared_backup(over.kept_aside).ok);
    CHECK(people(*open_signed_in(db.target(), clock)).size() == 1);

    // A file that is not a dump changes nothing.
    write_file(dir / "not-a-dump.dump", "SQLite format 3");
    CHECK_THROWS_AS(restore_shared_centre(fresh.target(), dir / "not-a-dump.dump", true, dir.path(), clock),
                    StoreError);
    CHECK(people(*open_signed_in(fresh.target(), clock)).size() == 1);
}

TEST_CASE("shared centre restore: the window's restore replaces the live centre and signs out") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "window");
    TempDir dir("pg-window-restore");
    ManualClock clock(kT0);
    auto s = make_store(db.target(), clock);
    use_backup_folder(*s, dir.path());
    check_in_named(*s, "T001", kName, kT0);
    const auto dump = s->backup_now(BackupKind::Manual).file;
    clock.advance(60);
    check_in_named(*s, "T002", "Made After The Backup", clock.now());
    const RestoreResult r = s->restore_from(dump);
    CHECK_FALSE(s->signed_in());
    REQUIRE(std::filesystem::exists(r.kept_aside));
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    CHECK(people(*s).size() == 1);
    // Still writable afterwards on the same connection.
    clock.advance(60);
    check_in_named(*s, "T003", "After The Restore", clock.now());
    CHECK(people(*s).size() == 2);
}

TEST_CASE("shared centre purge: personal fields cleared on the server, dumps before it removed, one after") {
    REQUIRE_PG_SERVER(server);
    rc::test::PgTestDatabase db(*server, "purge");
    TempDir dir("pg-purge");
    ManualClock clock(kT0);
    auto s = make_store(db.target(), clock);
    use_backup_folder(*s, dir.path());
    const PersonId id = check_in_named(*s, "T001", kName, kT0);
    const auto before_dump = s->backup_now(BackupKind::Manual).file;
    clock.advance(60);
    s->backup_now(BackupKind::Automatic);
    Blob sealed_before;
    {
        auto st = s->connection_for_reading().cached("SELECT personal_enc FROM people WHERE id = ?");
        st->bind(1, id);
        REQUIRE(st->step());
        sealed_before = st->blob_at(0);
    }
    s->set_centre_status(CentreStatus::StandingDown);
    s->set_centre_status(CentreStatus::Closed);
    clock.advance(31 * 86400);

    const PurgeResult r = purge_personal_data(*s, {});
    CHECK(r.counts.people == 1);
    CHECK(r.backups_unreachable.empty());
    CHECK(r.backups_removed.size() == 2);
    CHECK_FALSE(std::filesystem::exists(before_dump));
    REQUIRE(std::filesystem::exists(r.backup_after));
    CHECK(r.backup_after.extension() == ".dump");
    CHECK(check_shared_backup(r.backup_after).ok);
    CHECK(r.bytes_before > 0);
    CHECK(r.bytes_after > 0);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        ++files;
        CHECK(e.path() == r.backup_after);
    }
    CHECK(files == 1);

    // On the server: the row no longer holds the sealed value it held; the name is gone.
    {
        auto st = s->connection_for_reading().cached("SELECT personal_enc FROM people WHERE id = ?");
        st->bind(1, id);
        REQUIRE(st->step());
        CHECK(st->blob_at(0) != sealed_before);
    }
    const auto after = people(*s);
    REQUIRE(after.size() == 1);
    CHECK(after[0].person.name.empty());
    CHECK(after[0].person.reference == "OP-0001-001");
    CHECK(retention_purges(*s).size() == 1);

    // The fresh dump restores the purged centre, nameless.
    rc::test::PgTestDatabase fresh(*server, "purged_copy");
    restore_shared_centre(fresh.target(), r.backup_after, false, dir.path(), clock);
    auto copy = open_signed_in(fresh.target(), clock);
    REQUIRE(people(*copy).size() == 1);
    CHECK(people(*copy)[0].person.name.empty());
}
