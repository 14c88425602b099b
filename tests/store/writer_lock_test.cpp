#include "os/process.hpp"
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/writer_lock.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

TEST_CASE("one writer: a second copy gets a clear message naming the other process") {
    TempDir dir("lock");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    auto first = make_store(db, clock);
    first->append_log("written by the first copy");
    CHECK(WriterLock::holder(db) == rc::os::process_id());
    try {
        Store::open(db, {}, clock);
        FAIL("a second writer opened the file");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Locked);
        CHECK(e.problem().find("already open") != std::string::npos);
        CHECK(e.problem().find("process " + std::to_string(rc::os::process_id())) != std::string::npos);
        CHECK(e.advice().find("read-only") != std::string::npos);
        CHECK(std::string(e.what()).find("database is locked") == std::string::npos);
    }
    // Read-only works alongside the writer, and sees what it committed.
    {
        auto reader = open_signed_in(db, clock, OpenMode::ReadOnly);
        CHECK(reader->log_entries().size() == 1);
        first->append_log("a second entry");
        CHECK(reader->log_entries().size() == 2);
    }
    first.reset();
    CHECK_FALSE(WriterLock::holder(db));
    auto second = Store::open(db, {}, clock); // free again
    CHECK_FALSE(second->read_only());
}
