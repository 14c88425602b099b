// Several desks saving at once, and saves tried again: save keys (a retry after a lost acknowledgement
// makes nothing twice), references from a counter, the last bag issued by two desks at once, and a
// connection to the server that breaks inside a save. The key and counter tests run on both engines;
// the ones with several desks at once on PostgreSQL (the suite's throwaway server), each desk a Store
// of its own with its own connection, on a thread of its own.
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

Referral nrm() {
    Referral r;
    r.type = ReferralType::Nrm;
    r.making_partner = "police";
    r.made_by = "PC 1234 Okafor";
    r.receiving_organisation = "Home Office (Single Competent Authority)";
    r.consent_explained = true;
    r.consent = ReferralConsent::Given;
    return r;
}

int on_hand(const Store& s, const std::string& kind, StockStoreId store) {
    for (const StockBalance& b : stock_balances(s))
        if (b.bag_kind == kind && b.store == store) return b.on_hand;
    return 0;
}

// A desk of its own on the same shared centre: its own Store, connection and sign-in.
std::unique_ptr<Store> desk(const std::string& target, const Clock& clock) {
    return open_signed_in(target, clock);
}

} // namespace

TEST_CASE("save keys: a save tried again under its key returns the first attempt's rows, made once") {
    on_both_engines("save_keys", [](const std::filesystem::path& db) {
        ManualClock clock(kT0);
        auto s = Store::create(quick_options(db), clock);
        activate_default(*s);

        Person p;
        p.tag = "T001";
        const SaveKey key = SaveKey::make();
        const CheckedIn first = check_in(*s, p, kT0, key);
        const std::int64_t audit_rows = rows_in(*s, "audit");
        const CheckedIn again = check_in(*s, p, kT0, key); // the acknowledgement was lost: tried again
        CHECK(again.id == first.id);
        CHECK(again.reference == first.reference);
        CHECK(rows_in(*s, "people") == 1);
        CHECK(rows_in(*s, "journey_events") == 1);
        CHECK(rows_in(*s, "audit") == audit_rows);

        const SaveKey group = SaveKey::make();
        const auto bus = register_group(*s, 3, "Bus 1", kT0, std::string("B01"), group);
        const auto bus_again = register_group(*s, 3, "Bus 1", kT0, std::string("B01"), group);
        REQUIRE(bus_again.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(bus_again[i].id == bus[i].id);
            CHECK(bus_again[i].reference == bus[i].reference);
        }
        CHECK(rows_in(*s, "people") == 4);

        record_movement(*s, receipt("adult_male", 2, kCentreStockStore, "Mothers' Union"));
        const SaveKey bag = SaveKey::make();
        const StockMovementId issued = issue_bag(*s, first.id, "adult_male", kCentreStockStore, bag);
        CHECK(issue_bag(*s, first.id, "adult_male", kCentreStockStore, bag) == issued);
        CHECK(on_hand(*s, "adult_male", kCentreStockStore) == 1);

        const SaveKey referral = SaveKey::make();
        const ReferralId r = add_referral(*s, first.id, nrm(), referral);
        CHECK(add_referral(*s, first.id, nrm(), referral) == r);
        CHECK(rows_in(*s, "referrals") == 1);

        const SaveKey step = SaveKey::make();
        const std::int64_t event = record_journey_step(*s, first.id, JourneyStep::Departed, kT0,
                                                       Destination::SafeAccommodation, {}, step);
        CHECK(record_journey_step(*s, first.id, JourneyStep::Departed, kT0, Destination::SafeAccommodation,
                                  {}, step) == event);

        const SaveKey log = SaveKey::make();
        const std::int64_t entry = s->append_log("Coach of 12 arrived", LogKind::Manual, log);
        CHECK(s->append_log("Coach of 12 arrived", LogKind::Manual, log) == entry);

        // A key belongs to one save: used for another kind, it is refused and nothing is written.
        const std::int64_t logs = rows_in(*s, "activity_log");
        CHECK_THROWS_AS(s->append_log("Another entry", LogKind::Manual, key), StoreError);
        CHECK(rows_in(*s, "activity_log") == logs);
        // A new key is a new save.
        Person q;
        q.tag = "T002";
        CHECK(check_in(*s, q, kT0).id != first.id);
        CHECK(rows_in(*s, "saves") == 8);

        // The key is random and only lower-case hex digits are taken back.
        CHECK(SaveKey::make() != SaveKey::make());
        CHECK(SaveKey::parse(key.text()) == key);
        CHECK_FALSE(SaveKey::parse("not a key").has_value());
        CHECK_FALSE(SaveKey::parse(std::string(32, 'G')).has_value());
    });
}

TEST_CASE("references come from a counter: no number twice, a refused check-in gives its number back") {
    on_both_engines("counter", [](const std::filesystem::path& db) {
        ManualClock clock(kT0);
        auto s = Store::create(quick_options(db), clock);
        Person p;
        p.tag = "T001";
        CHECK(check_in(*s, p, kT0).reference == "OP-0001-001");
        CHECK_THROWS_AS(check_in(*s, p, kT0), PersonRejected); // the tag is in use: rolled back
        p.tag = "T002";
        CHECK(check_in(*s, p, kT0).reference == "OP-0001-002");
        CHECK(s->connection_for_reading().query_int("SELECT value FROM counters WHERE name = 'people'") == 2);
    });
}

TEST_CASE("references: a schema 12 file goes on from its highest reference after the upgrade") {
    TempDir dir("counter-v12");
    ManualClock clock(kT0 + 86400);
    const auto db = dir / "centre.sqlite";
    std::filesystem::copy_file(std::filesystem::path(RC_TEST_DATA_DIR) / "../fixtures/centre-v12.sqlite", db);
    std::filesystem::permissions(db,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, dir / "backups"}, clock);
    REQUIRE(s->sign_in("Fixture Coordinator", "fixture passphrase v12 roll").ok());
    REQUIRE(s->schema_version() == latest_schema_version());
    const std::int64_t highest = s->connection_for_reading().query_int("SELECT max(sequence) FROM people");
    REQUIRE(highest >= 14);
    Person p;
    p.tag = "NEW-1";
    const CheckedIn in = check_in(*s, p, kT0 + 86000);
    CHECK(s->connection_for_reading().query_int("SELECT sequence FROM people WHERE id = " +
                                                std::to_string(in.id)) == highest + 1);
}

TEST_CASE("shared centre: four desks checking in at once never take the same reference") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "desks");
    SystemClock clock;
    Store::create(quick_options(db.target()), clock);
    constexpr int kDesks = 4, kEach = 15;
    std::mutex m;
    std::vector<std::string> references;
    std::vector<std::string> failures;
    std::vector<std::thread> desks;
    for (int d = 0; d < kDesks; ++d)
        desks.emplace_back([&, d] {
            try {
                auto s = desk(db.target(), clock);
                for (int i = 0; i < kEach; ++i) {
                    Person p;
                    p.tag = "D" + std::to_string(d) + "-" + std::to_string(i);
                    const CheckedIn in = check_in(*s, p, clock.now());
                    std::lock_guard lock(m);
                    references.push_back(in.reference);
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(m);
                failures.push_back(e.what());
            }
        });
    for (auto& t : desks)
        t.join();
    CHECK(failures.empty());
    for (const auto& f : failures)
        MESSAGE(f);
    CHECK(references.size() == kDesks * kEach);
    CHECK(std::set<std::string>(references.begin(), references.end()).size() == references.size());
    auto s = desk(db.target(), clock);
    CHECK(rows_in(*s, "people") == kDesks * kEach);
    CHECK(s->connection_for_reading().query_int("SELECT max(sequence) FROM people") == kDesks * kEach);
}

TEST_CASE("shared centre: desks issuing the last bags at once never take the stock below zero") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "lastbag");
    SystemClock clock;
    std::vector<PersonId> people;
    {
        auto s = Store::create(quick_options(db.target()), clock);
        for (int i = 0; i < 4; ++i)
            people.push_back(check_in(*s, Person{}, clock.now()).id);
        record_movement(*s, receipt("adult_male", 5, kCentreStockStore, "Mothers' Union"));
    }
    // Four desks each try to issue three bags as fast as they can: twelve tries for five bags.
    constexpr int kDesks = 4, kTries = 3;
    std::mutex m;
    int issued = 0, refused = 0;
    std::vector<std::string> failures;
    std::vector<std::thread> desks;
    for (int d = 0; d < kDesks; ++d)
        desks.emplace_back([&, d] {
            try {
                auto s = desk(db.target(), clock);
                for (int i = 0; i < kTries; ++i) {
                    try {
                        issue_bag(*s, people[static_cast<std::size_t>(d)], "adult_male");
                        std::lock_guard lock(m);
                        ++issued;
                    } catch (const StoreError& e) {
                        std::lock_guard lock(m);
                        if (e.kind() == ErrorKind::InvalidInput)
                            ++refused; // "The centre holds none": the refusal a desk shows
                        else
                            failures.push_back(e.what());
                    }
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(m);
                failures.push_back(e.what());
            }
        });
    for (auto& t : desks)
        t.join();
    for (const auto& f : failures)
        MESSAGE(f);
    CHECK(failures.empty());
    CHECK(issued == 5);
    CHECK(refused == kDesks * kTries - 5);
    auto s = desk(db.target(), clock);
    CHECK(on_hand(*s, "adult_male", kCentreStockStore) == 0);
}

TEST_CASE("shared centre: a connection broken before or inside a save is noticed and the save made once") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "broken");
    SystemClock clock;
    auto s = Store::create(quick_options(db.target()), clock);
    Connection admin = Connection::open_postgres(*server, AccessMode::ReadWrite);
    auto cut = [&] {
        const std::int64_t pid = s->connection_for_reading().query_int("SELECT pg_backend_pid()");
        admin.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    };

    // Cut while the desk was idle: the save's first statement finds the connection gone, the desk
    // reconnects and makes the save under its key.
    cut();
    Person p;
    p.tag = "T001";
    const SaveKey key = SaveKey::make();
    const CheckedIn in = check_in(*s, p, clock.now(), key);
    CHECK(s->connected());
    CHECK(rows_in(*s, "people") == 1);

    // The commit went through but its acknowledgement was lost: the desk tries the same save again
    // under the same key after reconnecting, and gets the first attempt's person back.
    cut();
    const CheckedIn again = check_in(*s, p, clock.now(), key);
    CHECK(again.id == in.id);
    CHECK(again.reference == in.reference);
    CHECK(rows_in(*s, "people") == 1);

    // A write without a save key (an edit) is not tried again: it says plainly that it was not saved,
    // and the next write reconnects.
    cut();
    Person edited = p;
    edited.name = "Someone";
    try {
        update_person(*s, in.id, edited);
        FAIL("an edit on a broken connection was reported as saved");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Disconnected);
        CHECK(std::string(e.what()).find("Not connected to the shared centre's server") != std::string::npos);
    }
    CHECK_FALSE(s->connected());
    update_person(*s, in.id, edited);
    CHECK(s->connected());
}
