// The offline roll: check-ins saved on the desk while the shared centre is away survive a restart,
// hold nothing in clear, refuse a damaged or foreign file without changing it, and are imported whole
// or not at all with the roll import's duplicate warnings.
#include "store/error.hpp"
#include "store/offline_roll.hpp"
#include "support/owner_only.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

Person someone(std::string tag, std::string name) {
    Person p;
    p.tag = std::move(tag);
    p.name = std::move(name);
    p.sex = Sex::Female;
    p.date_of_birth = Date{1994, 5, 17};
    p.medical_needs = "Asthma, needs an inhaler";
    return p;
}

} // namespace

TEST_CASE(
    "offline roll: check-ins survive a restart, sealed, owner-only, then import whole and the file goes") {
    TempDir dir("offline-roll");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    const auto file = OfflineRoll::path_in(dir.path(), "Ripley Community Hall");
    CHECK(file.filename() == "offline-roll-ripley-community-hall.rcroll");
    {
        auto s = make_store(db, clock);
        OfflineRoll roll(file);
        CHECK(roll.count() == 0);
        roll.append(s->cipher(), someone("T101", "Mihaela Ionescu"), kT0 - 300);
        roll.append(s->cipher(), someone("T102", "Oksana Kovalenko"), kT0 - 200);
    }
    // Nothing personal in clear.
    const std::string bytes = read_file(file);
    CHECK(bytes.find("Mihaela") == std::string::npos);
    CHECK(bytes.find("Kovalenko") == std::string::npos);
    CHECK(bytes.find("T101") == std::string::npos);
    CHECK(bytes.find("Asthma") == std::string::npos);
    rc::test::check_owner_only(file); // 0600 on Linux, an owner-only access list on Windows

    // The desk restarts: a new store object, signed in again, reads both back.
    auto s = open_signed_in(db, clock);
    OfflineRoll roll(file);
    CHECK(roll.count() == 2);
    const auto entries = roll.read(s->cipher());
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].person.name == "Mihaela Ionescu");
    CHECK(entries[0].person.tag == "T101");
    CHECK(entries[0].person.medical_needs == "Asthma, needs an inhaler");
    CHECK(entries[0].arrived_at == kT0 - 300);
    CHECK(entries[1].person.name == "Oksana Kovalenko");

    const auto preview = preview_offline_roll(*s, entries);
    CHECK(preview.ok());
    CHECK(preview.imported.empty());
    CHECK(people(*s).empty());

    const auto result = import_offline_roll(*s, entries, roll.save_key());
    REQUIRE(result.ok());
    REQUIRE(result.imported.size() == 2);
    CHECK_FALSE(result.already_imported);
    const auto all = people(*s);
    REQUIRE(all.size() == 2);
    CHECK(all[0].person.name == "Mihaela Ionescu");
    CHECK(all[0].journey.arrived_at == kT0 - 300);

    // The file is still there (its removal failed, or the acknowledgement was lost): importing it
    // again, even from a desk started afresh, finds the first import by the file's key.
    const OfflineRoll same_file(roll.path());
    const auto again = import_offline_roll(*s, same_file.read(s->cipher()), same_file.save_key());
    REQUIRE(again.ok());
    CHECK(again.already_imported);
    REQUIRE(again.imported.size() == 2);
    CHECK(again.imported[0].reference == result.imported[0].reference);
    CHECK(again.imported[1].reference == result.imported[1].reference);
    CHECK(people(*s).size() == 2);
    roll.remove();
    CHECK_FALSE(roll.exists());
}

TEST_CASE("offline roll: one bad entry imports nobody; a look-alike is warned of") {
    TempDir dir("offline-roll-all-or-none");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    check_in(*s, someone("T001", "Mihaela Ionescu"), kT0 - 900);

    OfflineRoll roll(OfflineRoll::path_in(dir.path(), "Test reception centre"));
    roll.append(s->cipher(), someone("T201", "Mihaela Ionescu"), kT0 - 100); // looks like OP-0001-001
    roll.append(s->cipher(), someone("T001", "Ana Marin"), kT0 - 50);        // tag already in use
    const auto entries = roll.read(s->cipher());

    const auto refused = import_offline_roll(*s, entries, roll.save_key());
    CHECK_FALSE(refused.ok());
    CHECK(refused.imported.empty());
    REQUIRE(refused.errors.size() == 1);
    CHECK(refused.errors[0].line == 2);
    CHECK(refused.errors[0].column == "tag");
    REQUIRE(refused.warnings.size() == 1);
    CHECK(refused.warnings[0].line == 1);
    CHECK(refused.warnings[0].message.find("OP-0001-001") != std::string::npos);
    CHECK(refused.warnings[0].message.find("Mihaela") == std::string::npos);
    CHECK(people(*s).size() == 1); // nobody from the offline roll
    CHECK(roll.count() == 2);      // and the file kept

    // Two entries with the same tag are refused too.
    std::vector<OfflineCheckIn> twice = {{someone("T300", "A"), kT0}, {someone("t300", "B"), kT0}};
    const auto dup = import_offline_roll(*s, twice, SaveKey::make());
    REQUIRE(dup.errors.size() == 1);
    CHECK(dup.errors[0].line == 2);

    // With the look-alike alone, the warning stays and the import goes ahead.
    // The refused import under the file's key wrote nothing, so the key is free.
    const auto ok = import_offline_roll(*s, {entries[0]}, roll.save_key());
    REQUIRE(ok.ok());
    CHECK(ok.warnings.size() == 1);
    CHECK(people(*s).size() == 2);
}

TEST_CASE("offline roll: a foreign, altered or cut-short file is refused and left as it was") {
    TempDir dir("offline-roll-damaged");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    auto other = make_store(dir / "other.sqlite", clock);
    const auto file = dir / "offline-roll-test.rcroll";
    OfflineRoll roll(file);
    roll.append(s->cipher(), someone("T1", "Mihaela Ionescu"), kT0);
    roll.append(s->cipher(), someone("T2", "Ana Marin"), kT0);
    const std::string good = read_file(file);

    // Another centre's key.
    try {
        (void)roll.read(other->cipher());
        FAIL("read under another key");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Crypto);
        CHECK(std::string(e.what()).find("Entry 1") != std::string::npos);
    }
    CHECK(read_file(file) == good);

    // An altered byte.
    std::string altered = good;
    altered[altered.size() - 5] = static_cast<char>(altered[altered.size() - 5] ^ 1);
    write_file(file, altered);
    CHECK_THROWS_AS((void)roll.read(s->cipher()), StoreError);
    CHECK(read_file(file) == altered);

    // Cut short.
    write_file(file, good.substr(0, good.size() - 10));
    try {
        (void)roll.read(s->cipher());
        FAIL("read a cut-short file");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Truncated);
    }
    // Not an offline roll at all; appending to it is refused too, so nothing is mixed into it.
    write_file(file, "name,tag\nsomeone,T9\n");
    CHECK_THROWS_AS((void)roll.read(s->cipher()), StoreError);
    CHECK_THROWS_AS(roll.append(s->cipher(), someone("T3", "X"), kT0), StoreError);
    CHECK(read_file(file) == "name,tag\nsomeone,T9\n");
}
