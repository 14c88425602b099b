// Support bag stock over the real database: a delivery received from the Stock screen, a bag issued
// at the arrivals desk with one keystroke, an over-issue refused with the store that holds the kind, a
// stocktake that records the right adjustment, a reversal, a delivery note import, and the forecast's
// shortfall that a delivery clears.
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "os/utf8_path.hpp"
#include "store/people.hpp"
#include "store/stock.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/bag_issue_panel.hpp"
#include "ui/screens/stock_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

struct OpenCentre : rc::ui::test::ActivatedCentre {
    using ActivatedCentre::ActivatedCentre;
    std::int64_t check_in(Sex sex, Date born) {
        Person p;
        p.sex = sex;
        p.date_of_birth = born;
        const app::CheckInResult r = session.check_in(p, "");
        REQUIRE(r.ok);
        return *r.id;
    }
};

constexpr StockStoreId kCentre = store::kCentreStockStore;
constexpr int kStockScreen = 3; // Ctrl+4

StockScreen& stock_screen(HeadlessUi& ui) {
    return dynamic_cast<StockScreen&>(*ui.shell().find_screen("stock"));
}

ArrivalsScreen& arrivals(HeadlessUi& ui) {
    return dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals"));
}

std::size_t movement_count(store::Store& db) {
    return store::stock_movements(db).size();
}

int on_hand(store::Store& db, const std::string& kind, StockStoreId where) {
    for (const StockBalance& b : store::stock_balances(db))
        if (b.bag_kind == kind && b.store == where) return b.on_hand;
    return 0;
}

bool has_shortfall_alert(const app::AlertsSnapshot& alerts, const std::string& kind) {
    for (const Alert& a : alerts.alerts)
        if (a.kind == AlertKind::LowStock && a.target.key == kind && a.severity == AlertSeverity::Critical)
            return true;
    return false;
}

} // namespace

TEST_CASE("a delivery is received from the Stock screen with the keyboard and lands in the ledger") {
    OpenCentre c("stock-receive", 20);
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + kStockScreen, Ctrl);
    REQUIRE(std::string(ui.shell().current_screen().id()) == "stock");
    ui.press_key(keys::A + 17, Ctrl); // Ctrl+R: the form, the quantity field has the focus
    ui.frames(2);
    REQUIRE(stock_screen(ui).tab() == StockScreen::Tab::Record);
    // The first kind (Adult (female)) and the centre's store are chosen already.
    ui.press_key(keys::A, Ctrl); // select the 1 in the quantity field
    ui.type_text("20");
    ui.press_key(keys::Tab);
    ui.type_text("Mothers' Union");
    ui.press_key(keys::Enter);

    const auto movements = store::stock_movements(c.db());
    REQUIRE(movements.size() == 1);
    const StockMovement& m = movements[0].movement;
    CHECK(m.kind == MovementKind::Received);
    CHECK(m.bag_kind == "adult_female");
    CHECK(m.quantity == 20);
    CHECK(m.to_store == kCentre);
    CHECK(m.supplier == "Mothers' Union");
    CHECK_FALSE(stock_screen(ui).message_is_error());
    CHECK(stock_screen(ui).message() == "Received 20 Adult (female) bags into The centre.");
    // The snapshot the screen draws from has it: on hand, the chart and the movements list.
    const app::StockSnapshot& s = c.session.stock();
    CHECK(s.total_on_hand == 20);
    CHECK(s.held_at(0, 0) == 20);
    REQUIRE(s.movements.size() == 1);
    CHECK(s.movements[0].from_text == "Mothers' Union");
    CHECK(s.movements[0].to_text == "The centre");
    REQUIRE(s.chart.buckets() == 1);
    CHECK(s.chart.lines.at(0).at(0) == 20.0f);

    // A transfer from a store that holds nothing is refused, and nothing is written.
    REQUIRE(c.session.save_stock_store(std::nullopt, {"depot", "Council depot", StockStoreKind::Depot}).ok);
    ui.frames(2);
    REQUIRE(ui.click_item(StockScreen::kActionTransfer));
    const StockStoreId depot = c.session.stock().stores.at(1).id;
    REQUIRE(ui.click_item("Council depot (0)" + StockScreen::store_radio("from", depot)));
    REQUIRE(ui.click_item("The centre (20)" + StockScreen::store_radio("to", kCentre)));
    REQUIRE(ui.click_item(StockScreen::kRecord));
    CHECK(stock_screen(ui).message_is_error());
    CHECK(stock_screen(ui).message().find("Council depot") != std::string::npos);
    CHECK(movement_count(c.db()) == 1);
}

TEST_CASE("a bag is issued at the arrivals desk with one keystroke, once") {
    OpenCentre c("stock-issue", 20);
    REQUIRE(c.session.receive_stock("adult_male", 5, kCentre, "Clewer Initiative", "").ok);
    const std::int64_t id = c.check_in(Sex::Male, Date{1990, 5, 1});
    const std::size_t backups_before = c.session.backups().size();
    CHECK(c.session.stock().forecast.waiting_for_bag == 1);
    CHECK(c.session.suggest_bag(id).bag_kind == "adult_male");

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + 1, Ctrl); // Arrivals
    arrivals(ui).select(id);
    ui.frames(2);
    CHECK(ui.find_item("Issue bag: Adult (male) (Ctrl+B)"));
    ui.press_key(keys::B, Ctrl);

    const auto bags = store::bags_issued_to(c.db(), id);
    REQUIRE(bags.size() == 1);
    CHECK(bags[0].kind == MovementKind::Issued);
    CHECK(bags[0].bag_kind == "adult_male");
    CHECK(bags[0].quantity == 1);
    CHECK(bags[0].store == kCentre);
    CHECK(store::bags_held_by(c.db(), id) == 1);
    CHECK(on_hand(c.db(), "adult_male", kCentre) == 4);
    // Ctrl+B belonged to the desk: no backup was taken.
    CHECK(c.session.backups().size() == backups_before);
    // The desk and the forecast know at once.
    CHECK(c.session.stock().held_by(id) == 1);
    CHECK(c.session.stock().forecast.waiting_for_bag == 0);
    ui.frames(2);
    CHECK(ui.find_item("Issue bag: Adult (male) (Ctrl+B)")); // another bag stays one click away

    // A second Ctrl+B does not hand out a second bag.
    ui.press_key(keys::B, Ctrl);
    CHECK(store::bags_issued_to(c.db(), id).size() == 1);
    CHECK(on_hand(c.db(), "adult_male", kCentre) == 4);
}

TEST_CASE("an over-issue is refused with the store that holds the kind, and nothing is written") {
    OpenCentre c("stock-refused", 20);
    REQUIRE(c.session.save_stock_store(std::nullopt, {"depot", "Council depot", StockStoreKind::Depot}).ok);
    const StockStoreId depot = c.session.stock().stores.at(1).id;
    REQUIRE(c.session.receive_stock("child", 3, depot, "Barnardo's", "").ok);
    const std::int64_t id = c.check_in(Sex::Female, Date{2015, 2, 1}); // a child
    const std::size_t movements_before = movement_count(c.db());

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + 1, Ctrl);
    arrivals(ui).select(id);
    ui.frames(2);
    REQUIRE(ui.find_item("Issue bag: Child (Ctrl+B)"));
    ui.press_key(keys::B, Ctrl);
    ui.frames(1);

    CHECK(store::bags_issued_to(c.db(), id).empty());
    CHECK(movement_count(c.db()) == movements_before);
    CHECK(on_hand(c.db(), "child", depot) == 3);
    CHECK(c.session.stock().held_by(id) == 0);
    // The refusal is on screen, naming the store that holds child bags.
    bool shown = false;
    const app::EditResult again = c.session.issue_bag(id, "child", kCentre);
    REQUIRE_FALSE(again.ok);
    CHECK(again.message.find("Council depot") != std::string::npos);
    for (const auto& item : ui.probe().items)
        shown |= item.label.find("Issue bag") != std::string::npos;
    CHECK(shown);
    CHECK(movement_count(c.db()) == movements_before);
}

TEST_CASE("a stocktake previews the difference and records it as one adjustment") {
    OpenCentre c("stock-stocktake", 20);
    REQUIRE(c.session.receive_stock("adult_female", 10, kCentre, "Mothers' Union", "").ok);
    REQUIRE(c.session.receive_stock("infant", 4, kCentre, "Mothers' Union", "").ok);
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + kStockScreen, Ctrl);
    ui.press_key(keys::A + 19, Ctrl); // Ctrl+T
    ui.frames(2);
    REQUIRE(stock_screen(ui).tab() == StockScreen::Tab::Stocktake);
    CHECK_FALSE(ui.find_item(StockScreen::kStocktakeConfirm) == std::nullopt); // drawn, disabled

    REQUIRE(ui.click_item(StockScreen::count_field("adult_female", kCentre)));
    ui.type_text("8");
    REQUIRE(ui.click_item(StockScreen::count_field("infant", kCentre)));
    ui.type_text("4");
    REQUIRE(ui.click_item(StockScreen::kStocktakePreview));
    CHECK(movement_count(c.db()) == 2); // a preview writes nothing
    REQUIRE(ui.click_item(StockScreen::kStocktakeConfirm));

    const auto movements = store::stock_movements(c.db());
    REQUIRE(movements.size() == 3); // the infants matched: no adjustment for them
    const StockMovement& m = movements.back().movement;
    CHECK(m.kind == MovementKind::Adjustment);
    CHECK(m.bag_kind == "adult_female");
    CHECK(m.quantity == 2);
    CHECK(m.from_store == kCentre);
    CHECK(on_hand(c.db(), "adult_female", kCentre) == 8);
    CHECK(stock_screen(ui).message() == "Stocktake recorded: 1 adjustment.");
}

TEST_CASE("a movement is reversed from the list, with a reason") {
    OpenCentre c("stock-reverse", 20);
    REQUIRE(c.session.receive_stock("adult_female", 10, kCentre, "Mothers' Union", "").ok);
    REQUIRE(c.session.write_off_stock("adult_female", 2, kCentre, WriteOffReason::Damaged, "wet").ok);
    const StockMovementId write_off_id = c.session.stock().movements.front().movement.id;
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + kStockScreen, Ctrl);
    ui.press_key(keys::A + 12, Ctrl); // Ctrl+M
    ui.frames(2);
    CHECK(stock_screen(ui).visible_movements() == 2);
    REQUIRE(ui.click_item(StockScreen::reverse_button(write_off_id)));
    ui.frames(2);
    ui.type_text("counted twice"); // the reason field has the focus
    REQUIRE(ui.click_item(StockScreen::kReverseConfirm));

    const auto movements = store::stock_movements(c.db());
    REQUIRE(movements.size() == 3);
    CHECK(movements.back().movement.kind == MovementKind::Reversal);
    CHECK(movements.back().movement.reverses == write_off_id);
    CHECK(movements.back().movement.note == "counted twice");
    CHECK(on_hand(c.db(), "adult_female", kCentre) == 10);
    ui.frames(2);
    CHECK_FALSE(ui.find_item(StockScreen::reverse_button(write_off_id))); // once only
}

TEST_CASE("the forecast shows a shortfall for the people expected, and a delivery note clears it") {
    OpenCentre c("stock-forecast", 20); // a medium centre: the plan needs 20 of each adult kind
    c.check_in(Sex::Female, Date{1994, 3, 2});
    c.check_in(Sex::Male, Date{1988, 7, 9});
    const StockForecast& f = c.session.stock().forecast;
    CHECK(f.has_shortfall());
    CHECK(f.waiting_for_bag == 2);
    CHECK(f.still_expected == 18);
    // The session's forecast (from its snapshots) is the store's.
    const StockForecast from_store = store::stock_forecast(c.db());
    REQUIRE(from_store.kinds.size() == f.kinds.size());
    for (std::size_t i = 0; i < f.kinds.size(); ++i) {
        CHECK(f.kinds[i].needed == from_store.kinds[i].needed);
        CHECK(f.kinds[i].shortfall == from_store.kinds[i].shortfall);
        CHECK(f.kinds[i].for_waiting == from_store.kinds[i].for_waiting);
    }
    CHECK(has_shortfall_alert(c.session.alerts(), "adult_female"));

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + kStockScreen, Ctrl);
    ui.frames(2);
    const KindForecast* female = f.find("adult_female");
    REQUIRE(female);
    CHECK(female->shortfall == female->needed);

    // A delivery note with two bad rows: every one named, nothing imported.
    const auto bad = c.dir / "bad-delivery.csv";
    store::test::write_file(bad, "kind,store,quantity,from\n"
                                 "adult_female,centre,twenty,Mothers' Union\n"
                                 "adult_woman,centre,5,Mothers' Union\n");
    ui.press_key(keys::A + 8, Ctrl); // Ctrl+I
    ui.frames(2);
    REQUIRE(ui.click_item(StockScreen::kDeliveryPath));
    ui.type_text(rc::os::path_to_utf8(bad).c_str());
    REQUIRE(ui.click_item(StockScreen::kDeliveryPreview));
    const app::StockImportPreview preview = c.session.preview_stock_import(bad);
    REQUIRE(preview.errors.size() == 2);
    CHECK(preview.errors[0].find("line 2, column quantity") != std::string::npos);
    CHECK(preview.errors[1].find("line 3, column kind") != std::string::npos);
    CHECK_FALSE(ui.find_item(StockScreen::kDeliveryImport));
    CHECK_FALSE(c.session.import_stock(bad).ok);
    CHECK(movement_count(c.db()) == 0);

    // The right file: previewed, imported, and the shortfall is gone.
    const auto good = c.dir / "delivery Zoë Олена.csv"; // typed as UTF-8
    store::test::write_file(good, "kind,store,quantity,from\n"
                                  "adult_female,centre,25,Mothers' Union\n"
                                  "adult_male,centre,25,Mothers' Union\n"
                                  "child,centre,10,Clewer Initiative\n"
                                  "infant,centre,5,Clewer Initiative\n");
    REQUIRE(ui.click_item(StockScreen::kDeliveryPath));
    ui.press_key(keys::A, Ctrl);
    ui.type_text(rc::os::path_to_utf8(good).c_str());
    REQUIRE(ui.click_item(StockScreen::kDeliveryPreview));
    REQUIRE(ui.click_item(StockScreen::kDeliveryImport));
    CHECK(movement_count(c.db()) == 4);
    CHECK(stock_screen(ui).message() == "Imported 4 delivery lines from delivery Zoë Олена.csv: 65 bags received.");
    CHECK_FALSE(c.session.stock().forecast.has_shortfall());
    CHECK(c.session.stock().forecast.alerts.empty());
    CHECK_FALSE(has_shortfall_alert(c.session.alerts(), "adult_female"));
    CHECK_FALSE(store::stock_forecast(c.db()).has_shortfall());
}
