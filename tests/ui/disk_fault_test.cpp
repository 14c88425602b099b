// A disk that fills up or fails in the middle of a check-in, injected with the fault VFS: the window
// says "Not saved" with the reason, the form keeps everything typed, nothing is half-saved, and
// Enter saves it once the disk recovers.
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/people.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "support/fault_vfs.hpp"
#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/check_in_form.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::test::FaultVfs;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

// The fault VFS is installed before the centre's database is opened and removed after it is closed
// (base classes are built first and destroyed last).
struct Desk : rc::test::FaultVfsInstalled, rc::ui::test::CreatedCentre {
    explicit Desk(const std::string& name) : CreatedCentre(name) {}
};

} // namespace

TEST_CASE("a full disk or an I/O error mid check-in: Not saved with the reason, the form keeps it all") {
    for (int code : {SQLITE_FULL, SQLITE_IOERR}) {
        CAPTURE(code);
        Desk d(code == SQLITE_FULL ? "fault-full" : "fault-ioerr");
        HeadlessUi ui(d.session, d.settings, d.clock, HeadlessUi::Options{true});
        ui.press_key(keys::Num1 + 1, Ctrl); // Arrivals
        ui.frames(2);
        ui.type_text("017");
        ui.press_key(keys::Tab);
        ui.type_text("Maria Faultless");
        const auto people_before =
            d.session.store()->connection_for_reading().query_int("SELECT count(*) FROM audit");

        FaultVfs::arm_fault(1, code); // the second write of the transaction fails
        ui.press_key(keys::Enter);
        ui.frames(2);
        FaultVfs::disarm();

        const auto& form = dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals")).form();
        CHECK(form.message().rfind("Not saved", 0) == 0);
        CHECK(d.session.status().save_state == app::SaveState::Failed);
        CHECK_FALSE(d.session.status().save_problem.empty());
        CHECK(form.draft().name == "Maria Faultless");
        CHECK(form.draft().tag == "017");
        // Nothing half-saved: no person, no audit row, and the file is healthy.
        CHECK(store::people(*d.session.store()).empty());
        CHECK(d.session.store()->connection_for_reading().query_int("SELECT count(*) FROM audit") ==
              people_before);
        CHECK(d.session.store()->connection_for_reading().query_text("PRAGMA integrity_check") == "ok");

        // The disk recovers: back in the name field, Enter saves what was typed.
        REQUIRE(ui.click_item(CheckInForm::kName));
        ui.press_key(keys::Enter);
        ui.frames(2);
        const auto people = store::people(*d.session.store());
        REQUIRE(people.size() == 1);
        CHECK(people[0].person.name == "Maria Faultless");
        CHECK(d.session.status().save_state == app::SaveState::Saved);
    }
}

TEST_CASE("locking clears every screen's unsaved state") {
    Desk d("lock-clears-drafts");
    HeadlessUi ui(d.session, d.settings, d.clock, HeadlessUi::Options{true});
    ui.press_key(keys::Num1 + 1, Ctrl); // Arrivals
    ui.frames(2);
    ui.type_text("018");
    ui.press_key(keys::Tab);
    ui.type_text("Half Typed Name");
    REQUIRE(dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals")).form().draft().name ==
            "Half Typed Name");
    ui.press_key(keys::L, Ctrl); // lock
    ui.frames(2);
    REQUIRE(ui.shell().gate_shown());
    REQUIRE(d.session.sign_in("Anna Kowalska", "correct horse battery").ok);
    ui.frames(2);
    const auto& form = dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals")).form();
    CHECK(form.draft().name.empty());
    CHECK(form.draft().tag.empty());
    CHECK(store::people(*d.session.store()).empty());
}
