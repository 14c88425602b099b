// Files that are not healthy Reception Console databases are refused with a clear message, and are
// never written to: their bytes are the same afterwards.
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

std::filesystem::path make_good(const TempDir& dir, const Clock& clock) {
    auto db = dir / "good.sqlite";
    auto s = make_store(db, clock);
    for (int i = 0; i < 200; ++i)
        s->append_log("Entry number " + std::to_string(i) + std::string(200, '.'));
    return db;
}

std::filesystem::path copy_of(const std::filesystem::path& good, const TempDir& dir,
                              const std::string& name) {
    auto p = dir / name;
    std::filesystem::copy_file(good, p);
    return p;
}

struct Expectation {
    ErrorKind kind;
    std::string problem_contains;
};

void expect_refused(const std::filesystem::path& file, const Expectation& want, const Clock& clock) {
    CAPTURE(file.filename().string());
    const std::string before = file_hash(file);
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        try {
            Store::open(file, OpenOptions{mode, {}}, clock);
            FAIL("the file was opened");
        } catch (const StoreError& e) {
            CHECK(e.kind() == want.kind);
            CHECK_MESSAGE(e.problem().find(want.problem_contains) != std::string::npos, e.problem());
            CHECK(e.problem().find(file.string()) != std::string::npos); // says where
            CHECK_FALSE(e.advice().empty());                             // says what to do
        }
    }
    // Refused on its header alone: not even a lock file is created beside it.
    std::filesystem::path lock = file;
    lock += ".lock";
    if (want.kind != ErrorKind::Corrupt) CHECK_FALSE(std::filesystem::exists(lock));
    DatabaseReport r = inspect_database(file, CheckDepth::Full);
    CHECK_FALSE(r.ok);
    CHECK(r.problem_kind == want.kind);
    CHECK(file_hash(file) == before);
}

} // namespace

TEST_CASE("refusal: truncated, corrupt, foreign, newer, empty and non-SQLite files") {
    TempDir dir("refuse");
    ManualClock clock(kT0);
    const auto good = make_good(dir, clock);
    const auto good_hash = file_hash(good);
    const auto size = std::filesystem::file_size(good);
    REQUIRE(size >= 8 * 4096);
    REQUIRE(inspect_database(good, CheckDepth::Full).ok);

    SUBCASE("truncated to whole pages") {
        auto f = copy_of(good, dir, "truncated.sqlite");
        std::filesystem::resize_file(f, (size / 4096 / 2) * 4096);
        expect_refused(f, {ErrorKind::Truncated, "truncated"}, clock);
    }
    SUBCASE("truncated mid-page") {
        auto f = copy_of(good, dir, "cut.sqlite");
        std::filesystem::resize_file(f, size - 1000);
        expect_refused(f, {ErrorKind::Truncated, "truncated"}, clock);
    }
    SUBCASE("truncated inside the header") {
        auto f = copy_of(good, dir, "stub.sqlite");
        std::filesystem::resize_file(f, 50);
        expect_refused(f, {ErrorKind::Truncated, "truncated"}, clock);
    }
    SUBCASE("corrupt b-tree pages") {
        auto f = copy_of(good, dir, "corrupt.sqlite");
        std::string bytes = read_file(f);
        for (std::size_t page = 1; page * 4096 < bytes.size(); ++page)
            for (std::size_t i = 0; i < 12; ++i)
                bytes[page * 4096 + i] = '\xEE';
        write_file(f, bytes);
        expect_refused(f, {ErrorKind::Corrupt, "damaged"}, clock);
    }
    SUBCASE("another program's SQLite database") {
        auto f = dir / "recipes.sqlite";
        {
            Connection other = Connection::open(f, AccessMode::Create);
            other.exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); "
                       "INSERT INTO recipes (title) VALUES ('bread')");
        }
        expect_refused(f, {ErrorKind::NotOurs, "another program"}, clock);
    }
    SUBCASE("another program's SQLite database with its own application id") {
        auto f = dir / "geo.gpkg";
        {
            Connection other = Connection::open(f, AccessMode::Create);
            other.exec("PRAGMA application_id = 1196444487; CREATE TABLE features (id INTEGER PRIMARY KEY)");
        }
        expect_refused(f, {ErrorKind::NotOurs, "0x47504B47"}, clock);
    }
    SUBCASE("made by a newer version") {
        auto f = copy_of(good, dir, "newer.sqlite");
        {
            Connection c = Connection::open(f, AccessMode::ReadWrite);
            c.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
        }
        expect_refused(f, {ErrorKind::NewerVersion, "newer version"}, clock);
    }
    SUBCASE("empty file") {
        auto f = dir / "empty.sqlite";
        write_file(f, "");
        expect_refused(f, {ErrorKind::Empty, "empty"}, clock);
    }
    SUBCASE("not SQLite at all") {
        auto f = dir / "notes.sqlite";
        write_file(f, std::string(5000, 'x'));
        expect_refused(f, {ErrorKind::NotOurs, "not an SQLite database"}, clock);
    }
    SUBCASE("missing") {
        try {
            Store::open(dir / "absent.sqlite", {}, clock);
            FAIL("opened a missing file");
        } catch (const StoreError& e) {
            CHECK(e.kind() == ErrorKind::NotFound);
            CHECK(e.advice().find("reception-console init") != std::string::npos);
        }
        CHECK_FALSE(std::filesystem::exists(dir / "absent.sqlite"));
    }
    // The good file was never touched by any of this.
    CHECK(file_hash(good) == good_hash);
}
