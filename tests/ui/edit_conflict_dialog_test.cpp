// The conflict dialog: an edit of a person whom someone else changed after the form opened is not
// saved over their change; the dialog shows both values side by side and ends as chosen, by keyboard.
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/people.hpp"
#include "store/store.hpp"
#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/check_in_form.hpp"
#include "ui/screens/edit_conflict_dialog.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

ArrivalsScreen& arrivals(HeadlessUi& ui) {
    return dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals"));
}

const PersonConflictDialog& dialog(HeadlessUi& ui) {
    return arrivals(ui).form().conflict_dialog();
}

store::PersonRecord stored(rc::ui::test::CreatedCentre& d, std::int64_t id) {
    return *store::person(*d.session.store(), id);
}

} // namespace

TEST_CASE("conflict dialog: a save over another desk's change shows both and ends as chosen") {
    rc::ui::test::CreatedCentre d("edit-conflict-dialog");
    HeadlessUi ui(d.session, d.settings, d.clock);
    Person p;
    p.tag = "T1";
    p.name = "Ionela Popescu";
    REQUIRE(d.session.check_in(p, "").ok);
    const std::int64_t id = d.session.people().rows.at(0).id;
    const std::int64_t opened = d.session.people().rows.at(0).version;

    // This desk opens the record and types an alias.
    ui.press_key(keys::Num1 + 1, Ctrl);
    arrivals(ui).select(id);
    ui.frames(2);
    REQUIRE(ui.click_item(ArrivalsScreen::kEditDetails));
    ui.frames(2);
    REQUIRE(ui.click_item(CheckInForm::kAlias));
    ui.type_text("Ela");

    // Meanwhile another desk records a diet and saves first.
    Person theirs = stored(d, id).person;
    theirs.diet = "Halal";
    store::update_person(*d.session.store(), id, theirs, opened);
    ui.frames(2);

    ui.press_key(keys::Enter); // save: refused, the dialog opens
    ui.frames(2);
    REQUIRE(dialog(ui).is_open());
    CHECK(ui.find_item(EditConflictDialog::kKeepMine));
    CHECK(ui.find_item(EditConflictDialog::kKeepTheirs));
    CHECK(ui.find_item(EditConflictDialog::kMerge));
    CHECK(dialog(ui).rows().size() == 2); // the alias and the diet differ
    CHECK(dialog(ui).conflict().theirs.diet == "Halal");
    CHECK(dialog(ui).conflict().mine.alias == "Ela");
    // Nothing of this desk's edit was saved.
    CHECK(stored(d, id).person.alias.empty());
    CHECK(stored(d, id).version == opened + 1);

    SUBCASE("keep mine (M): saved over theirs") {
        ui.press_key(keys::A + ('M' - 'A'));
        CHECK_FALSE(dialog(ui).is_open());
        const store::PersonRecord now = stored(d, id);
        CHECK(now.person.alias == "Ela");
        CHECK(now.person.diet.empty());
        CHECK(now.version == opened + 2);
    }
    SUBCASE("keep theirs (T): the edit is dropped and the form shows their record") {
        ui.press_key(keys::A + ('T' - 'A'));
        CHECK_FALSE(dialog(ui).is_open());
        const store::PersonRecord now = stored(d, id);
        CHECK(now.person.alias.empty());
        CHECK(now.person.diet == "Halal");
        CHECK(now.version == opened + 1);
        CHECK(arrivals(ui).form().draft().diet == "Halal");
        CHECK(arrivals(ui).form().draft().alias.empty());
        CHECK(arrivals(ui).form().message() == "Kept the other desk's version; your changes were dropped.");
    }
    SUBCASE("merge field by field (F): each side's change kept by default, then saved with Enter") {
        ui.press_key(keys::A + ('F' - 'A'));
        REQUIRE(dialog(ui).merging());
        CHECK(ui.find_item("yours##keep_mine_alias"));
        CHECK(ui.find_item("theirs##keep_theirs_diet"));
        ui.press_key(keys::Enter);
        CHECK_FALSE(dialog(ui).is_open());
        const store::PersonRecord now = stored(d, id);
        CHECK(now.person.alias == "Ela");
        CHECK(now.person.diet == "Halal");
        CHECK(now.version == opened + 2);
    }
    SUBCASE("merge: 1 switches the first row (the alias) to theirs") {
        ui.press_key(keys::A + ('F' - 'A'));
        ui.press_key(keys::Num1);
        ui.press_key(keys::Enter);
        const store::PersonRecord now = stored(d, id);
        CHECK(now.person.alias.empty());
        CHECK(now.person.diet == "Halal");
    }
    SUBCASE("Esc: back to the edit, nothing saved") {
        ui.press_key(keys::Escape);
        CHECK_FALSE(dialog(ui).is_open());
        CHECK(stored(d, id).person.alias.empty());
        CHECK(arrivals(ui).form().draft().alias == "Ela");
    }
}
