// The gate over the real centre database: first run, sign-in, lock and PIN unlock, a refused file.
// Every step is driven through the window's widgets with keystrokes; results are checked in the store.
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/gate_screen.hpp"
#include "ui/screens/log_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

app::StoreSession::Options fast_kdf() {
    app::StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    return o;
}

// Types into the field and moves on with Tab, as a volunteer does.
void type_and_tab(HeadlessUi& ui, const char* text) {
    ui.type_text(text);
    ui.press_key(keys::Tab);
}

void create_centre_by_keyboard(HeadlessUi& ui) {
    ui.frames(2); // the first field takes the focus
    type_and_tab(ui, "Matlock Hall reception centre");
    ui.press_key(keys::A, Ctrl); // select the suggested code and replace it
    type_and_tab(ui, "OP-0042");
    type_and_tab(ui, "Side entrance");
    type_and_tab(ui, "Anna Kowalska");
    type_and_tab(ui, "correct horse battery");
    type_and_tab(ui, "correct horse battery");
    ui.type_text("4821");
    ui.press_key(keys::Enter);
    ui.frames(3); // "Creating…" is drawn for a frame before the work runs
}

} // namespace

TEST_CASE("first run: the centre and its coordinator are created from the keyboard, and the log is saved") {
    TempDir dir("gate-create");
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
    REQUIRE(session.gate_state() == app::GateState::NoCentre);
    HeadlessUi ui(session, settings, clock);

    create_centre_by_keyboard(ui);
    REQUIRE(session.gate_state() == app::GateState::Open);
    CHECK(session.status().centre_name == "OP-0042 Matlock Hall reception centre");
    CHECK(session.status().save_state == app::SaveState::Saved);
    REQUIRE(session.signed_in_user());
    CHECK(session.signed_in_user()->name == "Anna Kowalska");
    CHECK(session.signed_in_user()->role == UserRole::Coordinator);
    CHECK_FALSE(ui.shell().gate_shown());

    // A log entry typed in the window is in the database file.
    ui.press_key(keys::Num1 + 6, Ctrl);
    ui.frames(2);
    ui.type_text("Coach 1 arrived with 12 people");
    ui.press_key(keys::Enter);
    REQUIRE(session.log().entries.size() == 1);
    REQUIRE(session.store());
    const auto entries = session.store()->log_entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].text == "Coach 1 arrived with 12 people");
}

TEST_CASE("mismatched passphrases are refused with a message and nothing is created") {
    TempDir dir("gate-mismatch");
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
    HeadlessUi ui(session, settings, clock);
    ui.frames(2);
    type_and_tab(ui, "Matlock Hall");
    type_and_tab(ui, "");
    type_and_tab(ui, "");
    type_and_tab(ui, "Anna Kowalska");
    type_and_tab(ui, "correct horse battery");
    ui.type_text("correct horse battered");
    ui.press_key(keys::Enter);
    ui.frames(3);
    CHECK(session.gate_state() == app::GateState::NoCentre);
    CHECK_FALSE(std::filesystem::exists(dir / "centre.sqlite"));
}

TEST_CASE("Ctrl+L locks and hides the log; the PIN unlocks; a wrong passphrase is refused") {
    TempDir dir("gate-lock");
    ManualClock clock{1795000000};
    app::Settings settings;
    {
        app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
        HeadlessUi ui(session, settings, clock);
        create_centre_by_keyboard(ui);
        REQUIRE(session.add_log_entry("Interpreter for Romanian arrived").ok);

        ui.press_key(keys::L, Ctrl);
        CHECK(session.gate_state() == app::GateState::Locked);
        CHECK(session.log().entries.empty()); // nothing personal behind the lock screen
        CHECK(ui.shell().gate_shown());
        REQUIRE(session.pin_unlock_available());

        ui.frames(2); // name field focused
        type_and_tab(ui, "Anna Kowalska");
        ui.type_text("4821");
        ui.press_key(keys::Enter);
        ui.frames(3);
        REQUIRE(session.gate_state() == app::GateState::Open);
        REQUIRE(session.log().entries.size() == 1);
        CHECK(session.log().entries[0].text == "Interpreter for Romanian arrived");
    }
    // Reopened (a new start of the program): a passphrase is needed; a wrong one is refused.
    app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
    REQUIRE(session.gate_state() == app::GateState::SignedOut);
    HeadlessUi ui(session, settings, clock);
    ui.frames(2);
    type_and_tab(ui, "Anna Kowalska");
    ui.type_text("wrong passphrase here");
    ui.press_key(keys::Enter);
    ui.frames(3);
    CHECK(session.gate_state() == app::GateState::SignedOut);
    CHECK(session.sign_in("Anna Kowalska", "wrong passphrase again").ok == false);
    clock.advance(600); // past the back-off
    CHECK(session.sign_in("Anna Kowalska", "correct horse battery").ok);
    CHECK(session.gate_state() == app::GateState::Open);
}

TEST_CASE("the console locks itself after the idle time and the loop is told when") {
    TempDir dir("gate-idle");
    ManualClock clock{1795000000};
    app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
    app::NewCentreForm form;
    form.centre_name = "Idle test";
    form.coordinator_name = "Ben Okafor";
    form.passphrase = form.passphrase_again = "a long enough passphrase";
    REQUIRE(session.create_centre(form).ok);
    REQUIRE(session.seconds_until_due());
    CHECK(*session.seconds_until_due() <= 5 * 60);
    clock.advance(4 * 60);
    session.note_activity();
    CHECK_FALSE(session.tick());
    CHECK(session.gate_state() == app::GateState::Open);
    clock.advance(5 * 60 + 1);
    CHECK(session.tick());
    CHECK(session.gate_state() == app::GateState::Locked);
}

TEST_CASE("a file that is not a centre database is refused on the gate, and left unchanged") {
    TempDir dir("gate-refused");
    const auto path = dir / "centre.sqlite";
    const std::string bytes = "this is a shopping list, not a database\n";
    store::test::write_file(path, bytes);
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session(path, clock, fast_kdf());
    CHECK(session.gate_state() == app::GateState::Unavailable);
    CHECK_FALSE(session.gate_problem().empty());
    HeadlessUi ui(session, settings, clock);
    ui.frames(3);
    CHECK(ui.shell().gate_shown());
    CHECK(store::test::read_file(path) == bytes);
}

TEST_CASE("Ctrl+B backs up now, and a coordinator can restore the backup from the window") {
    TempDir dir("gate-backup");
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session(dir / "centre.sqlite", clock, fast_kdf());
    HeadlessUi ui(session, settings, clock);
    create_centre_by_keyboard(ui);
    REQUIRE(session.add_log_entry("Before the backup").ok);
    ui.press_key(keys::B, Ctrl);
    const auto choices = session.backups();
    REQUIRE(choices.size() == 1);
    clock.advance(60);
    REQUIRE(session.add_log_entry("After the backup").ok);

    REQUIRE(ui.click_item(Shell::kRestore));
    ui.frames(2);
    REQUIRE(ui.click_item(Shell::kRestoreConfirm));
    ui.frames(2);
    CHECK(session.gate_state() == app::GateState::SignedOut);
    REQUIRE(session.sign_in("Anna Kowalska", "correct horse battery").ok);
    REQUIRE(session.log().entries.size() == 1);
    CHECK(session.log().entries[0].text == "Before the backup");
}
