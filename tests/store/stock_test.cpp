// Support bag stock in the store: stores, deliveries, a bag issued to a person (and shown on their
// record), a refused over-issue that names the store holding the kind and writes nothing, transfers,
// reversals, a stocktake, the forecast and its alerts, a delivery note imported whole or not at all,
// roles, the append-only ledger, sealed notes, and an upgraded file.
#include "store/stock.hpp"

// Screens include the stock header: it must not bring SQLite or libsodium with it.
#ifdef SQLITE_VERSION
#error "store/stock.hpp includes sqlite3.h"
#endif
#ifdef sodium_H
#error "store/stock.hpp includes sodium.h"
#endif

#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kVolunteer = "Val Volunteer";
constexpr const char* kVolunteerWords = "volunteer passphrase";

Person adult(Sex sex, int age, std::string tag) {
    Person p;
    p.tag = std::move(tag);
    p.sex = sex;
    p.claimed_age = age;
    return p;
}

int movement_count(const Store& s) {
    return static_cast<int>(s.connection_for_reading().query_int("SELECT count(*) FROM stock_movements"));
}

StockStoreId add_depot(Store& s) {
    return add_stock_store(s, {"depot", "Council depot", StockStoreKind::Depot});
}

void activate_medium(Store& s, int expected) {
    ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = expected;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = std::string(default_procedure_name);
    r.tier = Tier::Medium;
    activate(s, r);
}

template <class F> StoreError refused(F&& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e;
    }
    FAIL("expected a StoreError");
    return StoreError(ErrorKind::Sql, "");
}

const KindForecast& kind(const StockForecast& f, const std::string& id) {
    const KindForecast* k = f.find(id);
    REQUIRE(k != nullptr);
    return *k;
}

} // namespace

TEST_CASE("stock: the centre's store exists from the start; stores are added, renamed, removed when unused") {
    TempDir dir("stock-stores");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);

    std::vector<StockStore> stores = stock_stores(*s);
    REQUIRE(stores.size() == 1);
    CHECK(stores[0].id == kCentreStockStore);
    CHECK(stores[0].details == StockStoreDetails{"centre", "The centre", StockStoreKind::Centre});

    const StockStoreId police =
        add_stock_store(*s, {" Ripley-Police ", " Ripley police station", StockStoreKind::Police});
    const StockStoreId depot = add_depot(*s);
    stores = stock_stores(*s);
    REQUIRE(stores.size() == 3);
    CHECK(stores[0].id == kCentreStockStore); // the centre's first, then by name
    CHECK(stores[1].id == depot);
    CHECK(stores[2].details.code == "ripley-police");
    CHECK(stores[2].details.name == "Ripley police station");
    CHECK(find_stock_store(*s, "RIPLEY-POLICE")->id == police);

    CHECK(refused([&] {
              add_stock_store(*s, {"depot", "Another", StockStoreKind::Depot});
          }).problem() == "There is already a store with the code 'depot'.");
    CHECK(refused([&] {
              add_stock_store(*s, {"d2", "council DEPOT", StockStoreKind::Depot});
          }).problem() == "There is already a store called 'council DEPOT'.");
    CHECK(refused([&] {
              add_stock_store(*s, {"no spaces", "X", StockStoreKind::Depot});
          }).kind() == ErrorKind::InvalidInput);
    CHECK(refused([&] { remove_stock_store(*s, kCentreStockStore); }).problem() ==
          "The centre's own store cannot be removed.");
    CHECK(refused([&] {
              update_stock_store(*s, kCentreStockStore, {"centre", "The centre", StockStoreKind::Depot});
          }).kind() == ErrorKind::InvalidInput);

    update_stock_store(*s, kCentreStockStore, {"centre", "Matlock hall", StockStoreKind::Centre});
    CHECK(stock_store(*s, kCentreStockStore)->details.name == "Matlock hall");

    record_movement(*s, receipt("child", 5, depot, "Mothers' Union"));
    CHECK(refused([&] { remove_stock_store(*s, depot); }).problem() ==
          "Council depot has movements in the stock ledger, so it cannot be removed.");
    remove_stock_store(*s, police);
    CHECK(stock_stores(*s).size() == 2);
}

TEST_CASE("stock: a delivery, a bag issued to a person, shown on their record") {
    TempDir dir("stock-issue");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const CheckedIn anna = check_in(*s, adult(Sex::Female, 30, "T001"), kT0 - 60);

    // The desk suggests the kind that fits, then issues it with one keystroke.
    const BagKindSuggestion fits = suggest_bag_for(*s, *person(*s, anna.id));
    CHECK(fits.bag_kind == "adult_female");
    CHECK(fits.sure);
    const StockMovementId delivery =
        record_movement(*s, receipt("adult_female", 10, kCentreStockStore, "Mothers' Union"));
    clock.advance(60);
    const StockMovementId given = issue_bag(*s, anna.id, "adult_female");
    CHECK(given == delivery + 1);

    CHECK(stock_balances(*s) == std::vector<StockBalance>{{"adult_female", kCentreStockStore, 9}});
    CHECK(bags_held_by(*s, anna.id) == 1);
    const std::vector<IssuedBag> bags = bags_issued_to(*s, anna.id);
    REQUIRE(bags.size() == 1);
    CHECK(bags[0].movement == given);
    CHECK(bags[0].kind == MovementKind::Issued);
    CHECK(bags[0].bag_kind == "adult_female");
    CHECK(bags[0].quantity == 1);
    CHECK(bags[0].store == kCentreStockStore);
    CHECK(bags[0].at == kT0 + 60);
    CHECK_FALSE(bags[0].reversed);

    const std::vector<StockMovementRecord> all = stock_movements(*s);
    REQUIRE(all.size() == 2);
    CHECK(all[0].movement.supplier == "Mothers' Union");
    CHECK(all[1].movement.person == anna.id);
    CHECK(all[1].person_reference == anna.reference);
    CHECK(all[1].by_user == s->session().user);

    // The audit trail names the movement and the person's id, never a personal value.
    const auto audit = s->audit_entries(5);
    const auto issued = std::find_if(audit.begin(), audit.end(), [&](const AuditEntry& a) {
        return a.table == "stock_movements" && a.record == given;
    });
    REQUIRE(issued != audit.end());
    CHECK(issued->changes.find("\"kind\":\"issued\"") != std::string::npos);
    CHECK(issued->changes.find("\"person_id\":" + std::to_string(anna.id)) != std::string::npos);

    // An unknown kind or person is refused plainly.
    CHECK(refused([&] { issue_bag(*s, anna.id, "tent"); }).problem() ==
          "'tent' is not a bag kind of the procedure.");
    CHECK(refused([&] { issue_bag(*s, 999, "adult_female"); }).problem() == "There is no person #999.");
}

TEST_CASE("stock: an over-issue is refused, names the store that holds the kind, and writes nothing") {
    TempDir dir("stock-refused");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const StockStoreId depot = add_depot(*s);
    const CheckedIn ben = check_in(*s, adult(Sex::Male, 40, "T002"), kT0 - 60);
    record_movement(*s, receipt("adult_male", 30, depot, "Clewer Initiative"));

    const auto version = s->data_version();
    const StoreError e = refused([&] { issue_bag(*s, ben.id, "adult_male", kCentreStockStore); });
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(e.problem() == "Cannot issue 1 Adult (male) bag from The centre: it holds none.");
    CHECK(e.advice() ==
          "Other stores holding Adult (male) bags: Council depot (30). Issue from one of them, or "
          "transfer some to The centre first.");
    CHECK(s->data_version() == version);
    CHECK(movement_count(*s) == 1);
    CHECK(bags_held_by(*s, ben.id) == 0);

    // Transfer, then the same issue works.
    record_movement(*s, transfer("adult_male", 5, depot, kCentreStockStore));
    issue_bag(*s, ben.id, "adult_male", kCentreStockStore);
    CHECK(stock_balances(*s) ==
          std::vector<StockBalance>{{"adult_male", kCentreStockStore, 4}, {"adult_male", depot, 25}});

    // A transfer of more than the store holds is refused too.
    const StoreError t =
        refused([&] { record_movement(*s, transfer("adult_male", 26, depot, kCentreStockStore)); });
    CHECK(t.problem() == "Cannot transfer 26 Adult (male) bags from Council depot: it holds 25.");
    CHECK(t.advice() ==
          "Other stores holding Adult (male) bags: The centre (4). Transfer from one of them instead.");
}

TEST_CASE("stock: a reversal undoes a movement once, with a reason; a volunteer issues but cannot correct") {
    TempDir dir("stock-reversal");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    s->add_user(NewUser{kVolunteer, UserRole::Volunteer, kVolunteerWords, ""});
    const CheckedIn anna = check_in(*s, adult(Sex::Female, 30, "T001"), kT0 - 60);
    const CheckedIn bea = check_in(*s, adult(Sex::Female, 25, "T002"), kT0 - 60);
    record_movement(*s, receipt("adult_female", 3, kCentreStockStore, "Mothers' Union"));

    REQUIRE(s->sign_in(kVolunteer, kVolunteerWords).ok());
    const StockMovementId wrong = issue_bag(*s, anna.id, "adult_female");
    CHECK(refused([&] { reverse_movement(*s, wrong, "meant for T002"); }).kind() == ErrorKind::NotPermitted);
    CHECK(refused([&] {
              record_movement(*s, write_off("adult_female", 1, kCentreStockStore, WriteOffReason::Damaged));
          }).kind() == ErrorKind::NotPermitted);
    const std::vector<StockCount> counts{{"adult_female", kCentreStockStore, 2}};
    CHECK(refused([&] { apply_stocktake(*s, counts); }).kind() == ErrorKind::NotPermitted);
    CHECK(refused([&] { add_depot(*s); }).kind() == ErrorKind::NotPermitted);

    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    CHECK(refused([&] { reverse_movement(*s, wrong, "  "); }).problem() ==
          "Say why the movement is reversed.");
    const StockMovementId undo = reverse_movement(*s, wrong, "meant for T002");
    issue_bag(*s, bea.id, "adult_female");
    CHECK(bags_held_by(*s, anna.id) == 0);
    CHECK(bags_held_by(*s, bea.id) == 1);
    const std::vector<IssuedBag> annas = bags_issued_to(*s, anna.id);
    REQUIRE(annas.size() == 2);
    CHECK(annas[0].reversed);
    CHECK(annas[1].kind == MovementKind::Reversal);
    CHECK(annas[1].quantity == -1);

    CHECK(refused([&] { reverse_movement(*s, wrong, "again"); }).problem() ==
          "Movement #" + std::to_string(wrong) + " was already reversed by #" + std::to_string(undo) + ".");
    CHECK(refused([&] { reverse_movement(*s, undo, "undo the undo"); }).advice() ==
          "Record the movement again instead.");
    CHECK(refused([&] { reverse_movement(*s, 999, "x"); }).problem() ==
          "There is no movement #999 to reverse.");

    const std::vector<StockMovementRecord> all = stock_movements(*s);
    CHECK(all[1].reversed_by == undo);
    CHECK(all[2].movement.note == "meant for T002");
    CHECK(all[2].movement.reverses == wrong);
    CHECK(stock_balances(*s) == std::vector<StockBalance>{{"adult_female", kCentreStockStore, 2}});

    // A reversal of the delivery is refused now that bags have left.
    const StoreError late = refused([&] { reverse_movement(*s, all[0].movement.id, "wrong delivery"); });
    CHECK(late.problem() ==
          "Cannot reverse movement #1: it would take 3 Adult (female) bags out of The centre, "
          "and it holds 2.");
}

TEST_CASE("stock: a stocktake records the differences as adjustments, in one transaction") {
    TempDir dir("stock-stocktake");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const StockStoreId depot = add_depot(*s);
    record_movement(*s, receipt("child", 10, kCentreStockStore, "Mothers' Union"));
    record_movement(*s, receipt("infant", 4, depot, "Mothers' Union"));

    const std::vector<StockCount> counts{
        {"child", kCentreStockStore, 7}, {"infant", depot, 4}, {"adult_male", depot, 2}};
    const std::vector<StockMovementId> ids = apply_stocktake(*s, counts, "count at 14:00");
    REQUIRE(ids.size() == 2);
    const std::vector<StockMovementRecord> all = stock_movements(*s);
    REQUIRE(all.size() == 4);
    CHECK(all[2].movement.kind == MovementKind::Adjustment);
    CHECK(all[2].movement.from_store == kCentreStockStore);
    CHECK(all[2].movement.quantity == 3);
    CHECK(all[2].movement.note == "count at 14:00");
    CHECK(all[3].movement.to_store == depot);
    CHECK(all[3].movement.bag_kind == "adult_male");
    CHECK(stock_balances(*s) == std::vector<StockBalance>{{"adult_male", depot, 2},
                                                          {"child", kCentreStockStore, 7},
                                                          {"infant", depot, 4}});

    // One bad count and nothing is recorded.
    const std::vector<StockCount> bad{{"child", kCentreStockStore, 1}, {"tent", depot, 2}};
    CHECK(refused([&] { apply_stocktake(*s, bad); }).problem() ==
          "'tent' is not a bag kind of the procedure.");
    CHECK(movement_count(*s) == 4);
    const std::vector<StockCount> negative{{"child", kCentreStockStore, -1}};
    CHECK(refused([&] { apply_stocktake(*s, negative); }).kind() == ErrorKind::InvalidInput);
    CHECK(movement_count(*s) == 4);
}

TEST_CASE(
    "stock: the forecast shows a shortfall for the people expected and on site, cleared by a delivery") {
    TempDir dir("stock-forecast");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_medium(*s, 20);
    const CheckedIn anna = check_in(*s, adult(Sex::Female, 30, "T001"), kT0);
    check_in(*s, adult(Sex::Male, 12, "T002"), kT0);

    StockForecast f = stock_forecast(*s);
    CHECK(f.tier == Tier::Medium);
    CHECK(f.expected_people == 20);
    CHECK(f.received_people == 2);
    CHECK(f.still_expected == 18);
    CHECK(f.waiting_for_bag == 2);
    CHECK(kind(f, "adult_female").for_waiting == 1);
    CHECK(kind(f, "child").for_waiting == 1);
    CHECK(kind(f, "adult_female").for_expected == 11); // 0.6 x 18, rounded up
    CHECK(kind(f, "adult_female").shortfall == 12);
    CHECK(f.has_shortfall());
    CHECK_FALSE(low_stock_alerts(*s).empty());

    // The delivery note covers it; bags at the depot count towards the shortfall but not the minimum.
    const StockStoreId depot = add_depot(*s);
    const StockImportResult r = import_stock_csv(*s, "kind,store,quantity,from\n"
                                                     "adult_female,centre,20,Mothers' Union\n"
                                                     "adult_male,centre,20,Mothers' Union\n"
                                                     "child,depot,7,Clewer Initiative\n"
                                                     "infant,centre,2,Clewer Initiative\n");
    REQUIRE(r.ok());
    CHECK(r.imported.size() == 4);
    CHECK(r.bags == 49);
    f = stock_forecast(*s);
    CHECK_FALSE(f.has_shortfall());
    CHECK(kind(f, "child").on_hand == 7);
    CHECK(kind(f, "child").at_centre == 0);
    CHECK(kind(f, "child").to_bring_in == 7);
    CHECK(kind(f, "child").below_minimum); // medium minimum 6 at the centre
    const std::vector<StockAlert> alerts = low_stock_alerts(*s);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].bag_kind == "child");
    CHECK(alerts[0].message == "Child: 0 at the centre, below the minimum of 6 for a medium centre. Transfer "
                               "some from Council depot (7).");

    // Issuing Anna's bag takes her off the waiting list.
    issue_bag(*s, anna.id, "adult_female");
    CHECK(stock_forecast(*s).waiting_for_bag == 1);

    // The adult female stock dropping below the minimum raises the alert.
    record_movement(*s, transfer("adult_female", 19, kCentreStockStore, depot));
    bool female_low = false;
    for (const StockAlert& a : low_stock_alerts(*s))
        female_low = female_low || (a.bag_kind == "adult_female" && a.kind == StockAlertKind::BelowMinimum);
    CHECK(female_low);
    record_movement(*s, transfer("child", 7, depot, kCentreStockStore));
    record_movement(*s, transfer("adult_female", 19, depot, kCentreStockStore));
    CHECK(low_stock_alerts(*s).size() == 1); // 19 at the centre, the minimum is 20
    clock.advance(3600);
    record_movement(*s, receipt("adult_female", 1, kCentreStockStore, "Mothers' Union"));
    CHECK(low_stock_alerts(*s).empty());

    // Stock over time: the total per kind after each change, transfers left out.
    const std::vector<StockSeries> series = stock_over_time(*s);
    const auto female = std::find_if(series.begin(), series.end(),
                                     [](const StockSeries& x) { return x.bag_kind == "adult_female"; });
    REQUIRE(female != series.end());
    // The delivery and the issue happened in the same second; the second delivery an hour later.
    CHECK(female->points == std::vector<StockPoint>{{kT0, 19}, {kT0 + 3600, 20}});
}

TEST_CASE("stock: a delivery note with bad rows is refused whole, each row named, valid ids listed") {
    TempDir dir("stock-import");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    add_depot(*s);
    const auto version = s->data_version();
    const StockImportResult r = import_stock_csv(*s, "kind,store,quantity,from\n"
                                                     "adult_female,centre,20,Mothers' Union\n"
                                                     "adult_f,centre,5,Mothers' Union\n"
                                                     "child,ripley,x,Mothers' Union\n");
    CHECK_FALSE(r.ok());
    CHECK(r.imported.empty());
    REQUIRE(r.errors.size() == 3);
    CHECK(format_delivery_problem(r.errors[0]) == "line 3, column kind: 'adult_f' is not a bag kind; the "
                                                  "kinds are adult_female, adult_male, child, infant");
    CHECK(format_delivery_problem(r.errors[1]) ==
          "line 4, column store: 'ripley' is not a store; the stores are centre, depot");
    CHECK(format_delivery_problem(r.errors[2]) == "line 4, column quantity: 'x' is not a whole number");
    CHECK(movement_count(*s) == 0);
    CHECK(s->data_version() == version);

    // The coordinator's file import; a volunteer may not import.
    s->add_user(NewUser{kVolunteer, UserRole::Volunteer, kVolunteerWords, ""});
    REQUIRE(s->sign_in(kVolunteer, kVolunteerWords).ok());
    CHECK(refused([&] { import_stock_csv(*s, "kind,store,quantity,from\nchild,centre,1,X\n"); }).kind() ==
          ErrorKind::NotPermitted);
    CHECK(movement_count(*s) == 0);
}

TEST_CASE(
    "stock: the ledger is append-only, notes are sealed, a purge keeps the bag and forgets the person") {
    TempDir dir("stock-append-only");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    const CheckedIn anna = check_in(*s, adult(Sex::Female, 30, "T001"), kT0 - 60);
    record_movement(*s, receipt("adult_female", 5, kCentreStockStore, "Mothers' Union"));
    const std::string secret = "Zebulon Quaestor-Whitfield";
    const StockMovementId lost = record_movement(
        *s, write_off("adult_female", 1, kCentreStockStore, WriteOffReason::Lost, "left with " + secret));
    issue_bag(*s, anna.id, "adult_female");

    Connection& c = s->connection_for_reading();
    CHECK_THROWS_AS(c.exec("UPDATE stock_movements SET quantity = 50 WHERE id = 1"), StoreError);
    CHECK_THROWS_AS(c.exec("DELETE FROM stock_movements WHERE id = 1"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE stock_movements SET person_id = NULL WHERE person_id IS NOT NULL"),
                    StoreError);
    CHECK(stock_movements(*s)[lost - 1].movement.note == "left with " + secret);
    const auto audit = s->audit_entries(10);
    for (const AuditEntry& a : audit)
        CHECK(a.changes.find(secret) == std::string::npos);

    // A purge of the person (the retention feature's DELETE) keeps the movement, without the person.
    c.exec("DELETE FROM people WHERE id = " + std::to_string(anna.id));
    CHECK(stock_balances(*s) == std::vector<StockBalance>{{"adult_female", kCentreStockStore, 3}});
    CHECK(stock_movements(*s).back().movement.person == std::nullopt);

    s.reset();
    std::string bytes = read_file(db) + read_file(std::filesystem::path(db.string() + "-wal"));
    CHECK(bytes.find(secret) == std::string::npos);
}

TEST_CASE("stock: a database from version 6 upgrades with the centre's store and takes movements") {
    TempDir dir("stock-upgrade");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    Store::create(quick_options(db, 6), clock).reset();
    auto s = open_signed_in(db, clock);
    CHECK(s->upgraded_from() == 6);
    REQUIRE(stock_stores(*s).size() == 1);
    CHECK(stock_stores(*s)[0].details.name == "The centre");
    record_movement(*s, receipt("infant", 2, kCentreStockStore, "Mothers' Union"));
    CHECK(stock_balances(*s) == std::vector<StockBalance>{{"infant", kCentreStockStore, 2}});
}
