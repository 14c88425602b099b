// The conflict dialog for a record other than a person: a stock store renamed at another desk while
// this desk's Stores form changed its code. The save is refused with both values side by side, and the
// dialog ends as chosen, by keyboard (the same dialog a person's edit uses).
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/stock.hpp"
#include "store/store.hpp"
#include "ui/screens/edit_conflict_dialog.hpp"
#include "ui/screens/stock_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

constexpr int kStockScreen = 3; // Ctrl+4

StockScreen& stock_screen(HeadlessUi& ui) {
    return dynamic_cast<StockScreen&>(*ui.shell().find_screen("stock"));
}

store::StockStore stored(rc::ui::test::ActivatedCentre& c, StockStoreId id) {
    return *store::stock_store(*c.session.store(), id);
}

} // namespace

TEST_CASE("conflict dialog: a stock store changed at another desk meanwhile shows both and ends as chosen") {
    rc::ui::test::ActivatedCentre c("record-conflict-dialog", 20);
    REQUIRE(c.session.save_stock_store(std::nullopt, {"depot", "Council depot", StockStoreKind::Depot}).ok);
    const app::StockStoreView opened = c.session.stock().stores.at(1);
    const StockStoreId id = opened.id;

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + kStockScreen, Ctrl);
    stock_screen(ui).show_tab(StockScreen::Tab::Stores);
    ui.frames(2);
    stock_screen(ui).edit_store(opened);
    ui.frames(2);
    // This desk changes the code.
    REQUIRE(ui.click_item(StockScreen::kStoreCode));
    ui.press_key(keys::A, Ctrl);
    ui.type_text("depot-north");
    REQUIRE(stock_screen(ui).store_form().code == "depot-north");

    // Meanwhile another desk renames the store and saves first.
    store::update_stock_store(*c.session.store(), id, {"depot", "County depot", StockStoreKind::Depot},
                              opened.version);
    ui.frames(2);

    REQUIRE(ui.click_item(StockScreen::kStoreSave)); // refused: the dialog opens
    ui.frames(2);
    const auto& dialog = stock_screen(ui).store_conflict();
    REQUIRE(dialog.is_open());
    CHECK(ui.find_item(EditConflictDialog::kKeepMine));
    CHECK(ui.find_item(EditConflictDialog::kKeepTheirs));
    CHECK(ui.find_item(EditConflictDialog::kMerge));
    REQUIRE(dialog.rows().size() == 2); // the code and the name differ, in the form's order
    CHECK(dialog.rows()[0].label == "Code");
    CHECK(dialog.rows()[0].mine == "depot-north");
    CHECK(dialog.rows()[0].theirs == "depot");
    CHECK(dialog.rows()[0].changed_by_me);
    CHECK(dialog.rows()[1].label == "Name");
    CHECK(dialog.rows()[1].theirs == "County depot");
    CHECK(dialog.rows()[1].changed_by_them);
    // Nothing of this desk's edit was saved.
    CHECK(stored(c, id).details.code == "depot");
    CHECK(stored(c, id).version == opened.version + 1);

    SUBCASE("keep mine (M): saved over theirs") {
        ui.press_key(keys::A + ('M' - 'A'));
        CHECK_FALSE(dialog.is_open());
        const store::StockStore now = stored(c, id);
        CHECK(now.details.code == "depot-north");
        CHECK(now.details.name == "Council depot");
        CHECK(now.version == opened.version + 2);
        CHECK(stock_screen(ui).message() == "Saved: your values replace the other desk's.");
    }
    SUBCASE("keep theirs (T): the edit is dropped and the form shows their store") {
        ui.press_key(keys::A + ('T' - 'A'));
        CHECK_FALSE(dialog.is_open());
        const store::StockStore now = stored(c, id);
        CHECK(now.details.code == "depot");
        CHECK(now.details.name == "County depot");
        CHECK(now.version == opened.version + 1);
        CHECK(stock_screen(ui).store_form().name == "County depot");
        CHECK(stock_screen(ui).store_form().code == "depot");
        CHECK(stock_screen(ui).message() == "Kept the other desk's version; your changes were dropped.");
    }
    SUBCASE("merge field by field (F): each side's change kept by default, then saved with Enter") {
        ui.press_key(keys::A + ('F' - 'A'));
        REQUIRE(dialog.merging());
        CHECK(ui.find_item("yours##keep_mine_code"));
        CHECK(ui.find_item("theirs##keep_theirs_name"));
        ui.press_key(keys::Enter);
        CHECK_FALSE(dialog.is_open());
        const store::StockStore now = stored(c, id);
        CHECK(now.details.code == "depot-north");
        CHECK(now.details.name == "County depot");
        CHECK(now.version == opened.version + 2);
    }
    SUBCASE("merge: 1 switches the first row (the code) to theirs") {
        ui.press_key(keys::A + ('F' - 'A'));
        ui.press_key(keys::Num1);
        ui.press_key(keys::Enter);
        const store::StockStore now = stored(c, id);
        CHECK(now.details.code == "depot");
        CHECK(now.details.name == "County depot");
    }
    SUBCASE("Esc: back to the edit, nothing saved") {
        ui.press_key(keys::Escape);
        CHECK_FALSE(dialog.is_open());
        CHECK(stored(c, id).details.code == "depot");
        CHECK(stock_screen(ui).store_form().code == "depot-north");
    }
}
