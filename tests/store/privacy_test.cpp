// A distinctive name stored through the API never appears in clear in the database, its WAL, a
// backup, or the log.
#include "store/backup_scheduler.hpp"
#include "store/error.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kName = "Zubeida Quaxfordshire-Ngata";
constexpr const char* kDistinctive = "Quaxfordshire";

void check_clean(const std::filesystem::path& p) {
    CAPTURE(p.string());
    REQUIRE(std::filesystem::exists(p));
    std::string bytes = read_file(p);
    CHECK(bytes.find(kDistinctive) == std::string::npos);
    CHECK(bytes.find("quaxfordshire") == std::string::npos);
    CHECK(bytes.find("QUAXFORDSHIRE") == std::string::npos);
}

} // namespace

TEST_CASE("privacy: personal values never reach the file, the WAL, a backup or the log") {
    TempDir dir("privacy");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    const auto log_path = dir / "console.log";

    auto previous = spdlog::default_logger();
    auto logger = spdlog::basic_logger_mt("privacy-test", log_path.string(), true);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::trace);

    std::filesystem::path backup, manual;
    {
        CreateOptions o = quick_options(db);
        o.coordinator_name = kName; // a user's name is personal
        auto s = Store::create(o, clock);
        BackupScheduler sched(*s, clock);
        s->append_log(std::string("Arrived with her sister; ") + kName + " asked for a Romanian interpreter");
        s->add_user(NewUser{std::string(kName) + " Junior", UserRole::Volunteer, "volunteer words", "9876"});
        s->lock();
        clock.advance(1);
        CHECK_FALSE(s->unlock_with_pin(kName, "0000").ok()); // a failed PIN with the name typed
        clock.advance(5);
        CHECK(s->unlock_with_pin(kName, "2468").ok());
        s->sign_out();
        CHECK_FALSE(s->sign_in(kName, "wrong words").ok());
        clock.advance(5);
        CHECK(s->sign_in(std::string(kName) + " Junior", "volunteer words").ok());
        s->append_log(std::string("Seen by the nurse: ") + kName);
        clock.advance(3600);
        auto b = sched.tick();
        REQUIRE(b);
        backup = b->file;
        manual = backup_database(db, dir / "usb", clock).file;
        // The WAL holds the recent commits now, before the close checkpoints it.
        std::filesystem::path wal = db;
        wal += "-wal";
        REQUIRE(std::filesystem::file_size(wal) > 0);
        check_clean(wal);
        std::filesystem::path shm = db;
        shm += "-shm";
        if (std::filesystem::exists(shm)) check_clean(shm);
        // And the name really is in there, sealed: it decrypts.
        auto entries = s->log_entries();
        REQUIRE(entries.size() == 2);
        CHECK(entries[0].text.find(kName) != std::string::npos);
    }
    logger->flush();
    spdlog::set_default_logger(previous);
    spdlog::drop("privacy-test");
    spdlog::set_level(spdlog::level::warn);

    check_clean(db);
    check_clean(backup);
    check_clean(manual);
    check_clean(log_path);
    CHECK(std::filesystem::file_size(log_path) > 0); // the store did log (by reference)
    CHECK(file_contains(log_path, "user #2 signed in"));
}
