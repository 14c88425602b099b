#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc::store;
using rc::store::test::TempDir;

TEST_CASE("sqlite layer: statements bind and read typed rows") {
    TempDir dir("sqlite");
    Connection db = Connection::open(dir / "t.sqlite", AccessMode::Create);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, x REAL, b BLOB)");
    Statement ins(db, "INSERT INTO t (name, n, x, b) VALUES (?, ?, ?, ?)");
    ins.bind_all("alpha", 7, 2.5, Blob{1, 2, 3}).run();
    ins.reset();
    ins.bind_all(std::optional<std::string>{}, std::optional<std::int64_t>{}, 0.0, Blob{}).run();

    Statement sel(db, "SELECT id, name, n, x, b FROM t ORDER BY id");
    REQUIRE(sel.step());
    auto [id, name, n, x, b] = sel.row<std::int64_t, std::string, int, double, Blob>();
    CHECK(id == 1);
    CHECK(name == "alpha");
    CHECK(n == 7);
    CHECK(x == doctest::Approx(2.5));
    CHECK(b == Blob{1, 2, 3});
    REQUIRE(sel.step());
    CHECK_FALSE(sel.get<std::optional<std::string>>(1).has_value());
    CHECK_FALSE(sel.get<std::optional<std::int64_t>>(2).has_value());
    CHECK_FALSE(sel.is_null(4)); // an empty blob is not NULL
    CHECK(sel.blob_at(4).empty());
    CHECK_FALSE(sel.step());
}

TEST_CASE("sqlite layer: cached statements are reused and come back reset") {
    TempDir dir("sqlite");
    Connection db = Connection::open(dir / "t.sqlite", AccessMode::Create);
    db.exec("CREATE TABLE t (v INTEGER)");
    Statement* first = nullptr;
    for (int i = 0; i < 3; ++i) {
        auto st = db.cached("INSERT INTO t (v) VALUES (?)");
        if (!first) first = &*st;
        CHECK(&*st == first);
        st->bind(1, i).run();
    }
    CHECK(db.query_int("SELECT sum(v) FROM t") == 3);
    {
        auto st = db.cached("SELECT v FROM t ORDER BY v");
        REQUIRE(st->step()); // left mid-way: the guard resets it
    }
    auto st = db.cached("SELECT v FROM t ORDER BY v");
    REQUIRE(st->step());
    CHECK(st->int64_at(0) == 0);
}

TEST_CASE("sqlite layer: a transaction rolls back unless committed") {
    TempDir dir("sqlite");
    Connection db = Connection::open(dir / "t.sqlite", AccessMode::Create);
    db.exec("CREATE TABLE t (v INTEGER NOT NULL)");
    try {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
        db.exec("INSERT INTO t VALUES (NULL)"); // throws
        tx.commit();
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Sql);
    }
    CHECK_FALSE(db.in_transaction());
    CHECK(db.query_int("SELECT count(*) FROM t") == 0);
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        tx.commit();
    }
    CHECK(db.query_int("SELECT count(*) FROM t") == 1);
    Transaction outer(db);
    CHECK_THROWS_AS(Transaction{db}, StoreError); // no nesting
}

TEST_CASE("sqlite layer: read-only connections cannot write, and URIs survive odd paths") {
    TempDir dir("sqlite");
    // Characters a URI must escape, and a letter outside ASCII. '?' (which ends a URI's path) is not
    // allowed in a Windows file name, so only the POSIX build's name carries it.
#ifdef _WIN32
    auto path = dir.path() / rc::os::path_from_utf8("odd name#%&=\u00e9.sqlite");
#else
    auto path = dir.path() / rc::os::path_from_utf8("odd name?#%&=\u00e9.sqlite");
#endif
    {
        Connection db = Connection::open(path, AccessMode::Create);
        db.exec("CREATE TABLE t (v INTEGER)");
    }
    Connection ro = Connection::open(path, AccessMode::ReadOnly);
    CHECK(ro.query_int("SELECT count(*) FROM t") == 0);
    try {
        ro.exec("INSERT INTO t VALUES (1)");
        FAIL("a read-only connection wrote");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::ReadOnly);
    }
    CHECK_THROWS_AS(Connection::open(dir / "missing.sqlite", AccessMode::ReadWrite), StoreError);
    CHECK_FALSE(std::filesystem::exists(dir / "missing.sqlite"));
}
