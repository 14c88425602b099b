// Imports under a save key: the nominal roll, a delivery note, the venue register and the offline roll
// tried again after a lost acknowledgement are recognised and reported as already imported (with the
// first attempt's counts), never imported twice. On both engines by retrying under the same attempt;
// on PostgreSQL also with the server's answer to the COMMIT really lost on the way (LostAckProxy).
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/offline_roll.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/stock.hpp"
#include "store/venues.hpp"
#include "support/lost_ack_proxy.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <functional>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

const std::string kRoll = "tag,name,dob\nA1,Mihaela Ionescu,1990-02-03\nA2,Oksana Kovalenko,1985-07-21\n"
                          "A3,Nguyen Van Anh,2001-11-30\n";
const std::string kDelivery = "kind,store,quantity,from\nadult_female,centre,20,Mothers' Union\n"
                              "child,centre,7,Clewer Initiative\n";
const std::string kVenues = "Name,Capacity\nMatlock Community Hall,60\nSmall Room,12\n";

int bags_received(const Store& s) {
    return static_cast<int>(
        s.connection_for_reading().query_int("SELECT COALESCE(sum(quantity), 0) FROM stock_movements"));
}

} // namespace

TEST_CASE("import save keys: each import tried again under its attempt is reported as already imported") {
    on_both_engines("import_keys", [](const std::filesystem::path& target) {
        SystemClock clock;
        auto s = Store::create(quick_options(target), clock);
        activate_default(*s);

        SUBCASE("the nominal roll") {
            const SaveKey attempt = SaveKey::make();
            const RollImportResult first = import_roll(*s, kRoll, {}, attempt);
            REQUIRE(first.ok());
            REQUIRE(first.imported.size() == 3);
            CHECK_FALSE(first.already_imported);
            const RollImportResult again = import_roll(*s, kRoll, {}, attempt);
            REQUIRE(again.ok());
            CHECK(again.already_imported);
            REQUIRE(again.imported.size() == 3);
            for (std::size_t i = 0; i < 3; ++i) {
                CHECK(again.imported[i].id == first.imported[i].id);
                CHECK(again.imported[i].reference == first.imported[i].reference);
            }
            CHECK(rows_in(*s, "people") == 3);
            // A new attempt with the same file is a new import: refused here for its tags, as before.
            const RollImportResult new_attempt = import_roll(*s, kRoll, {}, SaveKey::make());
            CHECK_FALSE(new_attempt.ok());
            CHECK(rows_in(*s, "people") == 3);
        }
        SUBCASE("a delivery note") {
            const SaveKey attempt = SaveKey::make();
            const StockImportResult first = import_stock_csv(*s, kDelivery, {}, attempt);
            REQUIRE(first.ok());
            CHECK(first.bags == 27);
            const StockImportResult again = import_stock_csv(*s, kDelivery, {}, attempt);
            REQUIRE(again.ok());
            CHECK(again.already_imported);
            CHECK(again.imported == first.imported);
            CHECK(again.bags == 27);
            CHECK(bags_received(*s) == 27);
            // The same note again on purpose (a second, identical delivery) is a new attempt: imported.
            const StockImportResult second_delivery = import_stock_csv(*s, kDelivery, {}, SaveKey::make());
            REQUIRE(second_delivery.ok());
            CHECK_FALSE(second_delivery.already_imported);
            CHECK(bags_received(*s) == 54);
            // A changed file under the first attempt is not taken for it.
            const StockImportResult changed = import_stock_csv(
                *s, "kind,store,quantity,from\nchild,centre,1,Clewer Initiative\n", {}, attempt);
            REQUIRE(changed.ok());
            CHECK_FALSE(changed.already_imported);
            CHECK(bags_received(*s) == 55);
        }
        SUBCASE("the venue register") {
            const SaveKey attempt = SaveKey::make();
            const VenueImportResult first = import_venues_csv_text(*s, kVenues, attempt);
            REQUIRE(first.ok());
            CHECK(first.added == 2);
            const std::int64_t venues_before = rows_in(*s, "venues");
            const VenueImportResult again = import_venues_csv_text(*s, kVenues, attempt);
            REQUIRE(again.ok());
            CHECK(again.already_imported);
            CHECK(again.added == 2);
            CHECK(again.updated == 0);
            CHECK(again.unchanged == 0);
            CHECK(rows_in(*s, "venues") == venues_before);
            // An update keeps its count on the retry too.
            const std::string bigger = "Name,Capacity\nMatlock Community Hall,80\nSmall Room,12\n";
            const SaveKey second = SaveKey::make();
            const VenueImportResult update = import_venues_csv_text(*s, bigger, second);
            CHECK(update.updated == 1);
            CHECK(update.unchanged == 1);
            const VenueImportResult update_again = import_venues_csv_text(*s, bigger, second);
            CHECK(update_again.already_imported);
            CHECK(update_again.added == 0);
            CHECK(update_again.updated == 1);
            CHECK(update_again.unchanged == 1);
        }
    });
}

TEST_CASE("import save keys: the server's answer to an import's COMMIT lost, the import is made once") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "import_lost_ack");
    rc::test::LostAckProxy proxy(rc::test::conninfo_value(*server, "host"),
                                 rc::test::conninfo_value(*server, "port"));
    // The desk goes through the proxy (libpq takes the last host= given).
    const std::string through_proxy = db.target() + " host=" + proxy.host();
    SystemClock clock;
    Store::create(quick_options(db.target()), clock).reset();
    auto s = open_signed_in(through_proxy, clock);
    activate_default(*s);
    auto direct = open_signed_in(db.target(), clock); // a desk that sees what the server holds

    SUBCASE("the nominal roll: the store's own retry finds the committed import") {
        proxy.drop_next_commit_answer();
        const RollImportResult r = import_roll(*s, kRoll, {}, SaveKey::make());
        CHECK(proxy.dropped() == 1);
        REQUIRE(r.ok());
        CHECK(r.already_imported); // the first attempt had committed; the retry found it by its key
        REQUIRE(r.imported.size() == 3);
        CHECK(rows_in(*direct, "people") == 3);
        CHECK(people(*direct).size() == 3);
    }
    SUBCASE("a delivery note") {
        proxy.drop_next_commit_answer();
        const StockImportResult r = import_stock_csv(*s, kDelivery, {}, SaveKey::make());
        CHECK(proxy.dropped() == 1);
        REQUIRE(r.ok());
        CHECK(r.already_imported);
        CHECK(r.imported.size() == 2);
        CHECK(r.bags == 27);
        CHECK(bags_received(*direct) == 27);
    }
    SUBCASE("the venue register") {
        const std::int64_t before = rows_in(*direct, "venues");
        proxy.drop_next_commit_answer();
        const VenueImportResult r = import_venues_csv_text(*s, kVenues, SaveKey::make());
        CHECK(proxy.dropped() == 1);
        REQUIRE(r.ok());
        CHECK(r.already_imported);
        CHECK(r.added == 2);
        CHECK(rows_in(*direct, "venues") == before + 2);
    }
    SUBCASE("the offline roll") {
        TempDir dir("import_lost_ack_offline");
        OfflineRoll roll(OfflineRoll::path_in(dir.path(), "Test reception centre"));
        Person a;
        a.tag = "Q1";
        a.name = "Ana Marin";
        Person b;
        b.tag = "Q2";
        b.name = "Ioana Pop";
        roll.append(s->cipher(), a, clock.now() - 60);
        roll.append(s->cipher(), b, clock.now() - 30);
        proxy.drop_next_commit_answer();
        const RollImportResult r = import_offline_roll(*s, roll.read(s->cipher()), roll.save_key());
        CHECK(proxy.dropped() == 1);
        REQUIRE(r.ok());
        CHECK(r.already_imported);
        CHECK(r.imported.size() == 2);
        CHECK(rows_in(*direct, "people") == 2);
        // And once more, as a desk started afresh would with the file still there.
        const RollImportResult again = import_offline_roll(*s, roll.read(s->cipher()), roll.save_key());
        CHECK(again.already_imported);
        CHECK(rows_in(*direct, "people") == 2);
    }
}
