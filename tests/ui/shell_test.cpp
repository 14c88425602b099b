// The shell: every screen draws, navigation by keyboard and mouse, help overlay, text size, the gate.
#include "headless_ui.hpp"
#include "ui/screens/log_screen.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h> // FindWindowByName
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;
using rc::ui::test::Shift;

namespace {

struct Fixture {
    ManualClock clock{1795000000}; // 2026-11-18
    app::Settings settings;
    app::PreviewSession session{"/tmp/rc-ui-test/centre.sqlite", clock};
};

} // namespace

TEST_CASE("the shell lists the eight screens in navigation order") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    const char* expected[] = {"Dashboard", "Arrivals", "Partners & staff", "Stock", "Referrals",
                              "Procedure", "Log",      "Debrief"};
    REQUIRE(ui.shell().screen_count() == 8);
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(std::string(ui.shell().screen(i).title()) == expected[i]);
        CHECK(ui.find_item(expected[i])); // drawn in the navigation
    }
    CHECK(std::string(ui.shell().current_screen().id()) == "dashboard");
}

TEST_CASE("each screen draws without error") {
    Fixture f;
    f.session.add_log_entry("Coach of 12 arrived at the side door");
    HeadlessUi ui(f.session, f.settings, f.clock);
    for (std::size_t i = 0; i < ui.shell().screen_count(); ++i) {
        ui.shell().show_screen(i);
        ui.frames(3);
        CHECK(ui.shell().current_index() == i);
        CHECK(ImGui::GetDrawData() != nullptr);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
    // And at a small window with large text, where things must wrap or scroll rather than break.
    f.settings.font_size = app::Settings::kMaxFontSize;
    HeadlessUi small(f.session, f.settings, f.clock, {false, 800.0f, 480.0f});
    for (std::size_t i = 0; i < small.shell().screen_count(); ++i) {
        small.shell().show_screen(i);
        small.frames(2);
        CHECK(small.shell().current_index() == i);
    }
}

TEST_CASE("Ctrl+1 .. Ctrl+8 switch screens; plain digits do not") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    for (int n = 8; n >= 1; --n) {
        ui.press_key(keys::Num1 + (n - 1), Ctrl);
        CHECK(ui.shell().current_index() == static_cast<std::size_t>(n - 1));
    }
    ui.press_key(keys::Num1 + 3); // "4" without Ctrl: text, not a shortcut
    CHECK(ui.shell().current_index() == 0);
    ui.press_key(keys::Num1 + 3, Ctrl | Shift);
    CHECK(ui.shell().current_index() == 0);
    ui.press_key(keys::Kp1 + 6, Ctrl); // keypad 7
    CHECK(std::string(ui.shell().current_screen().id()) == "log");
}

TEST_CASE("Ctrl+Page Down and Ctrl+Page Up step through the screens and wrap") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.press_key(keys::PageDown, Ctrl);
    CHECK(ui.shell().current_index() == 1);
    ui.press_key(keys::PageUp, Ctrl);
    ui.press_key(keys::PageUp, Ctrl);
    CHECK(ui.shell().current_index() == 7);
    ui.press_key(keys::PageDown, Ctrl);
    CHECK(ui.shell().current_index() == 0);
}

TEST_CASE("clicking a screen in the navigation shows it") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    REQUIRE(ui.click_item("Stock"));
    CHECK(std::string(ui.shell().current_screen().id()) == "stock");
    REQUIRE(ui.click_item("Partners & staff"));
    CHECK(std::string(ui.shell().current_screen().id()) == "partners");
}

TEST_CASE("F1 shows the help overlay with the shortcuts; Escape and F1 close it") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    CHECK_FALSE(ui.shell().help_open());
    ui.press_key(keys::F1);
    CHECK(ui.shell().help_open());
    CHECK(ImGui::FindWindowByName(Shell::kHelpWindow) != nullptr);
    CHECK(ui.find_item("Close (Esc)"));
    ui.press_key(keys::Escape);
    CHECK_FALSE(ui.shell().help_open());
    ui.press_key(keys::F1);
    ui.press_key(keys::F1);
    CHECK_FALSE(ui.shell().help_open());
    REQUIRE(ui.click_item("Help and shortcuts (F1)"));
    CHECK(ui.shell().help_open());
    REQUIRE(ui.click_item("Close (Esc)"));
    CHECK_FALSE(ui.shell().help_open());
}

TEST_CASE("text size: Ctrl+= and Ctrl+- change it within limits and the fonts are rebuilt") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    const float start = f.settings.font_size;
    ui.press_key(keys::Equal, Ctrl);
    CHECK(f.settings.font_size == start + app::Settings::kFontStep);
    CHECK(ui.imgui().fonts().pixel_size == f.settings.font_size);
    ui.press_key(keys::Minus, Ctrl);
    ui.press_key(keys::Minus, Ctrl);
    CHECK(f.settings.font_size == start - app::Settings::kFontStep);
    for (int i = 0; i < 20; ++i)
        ui.press_key(keys::Minus, Ctrl);
    CHECK(f.settings.font_size == app::Settings::kMinFontSize);
    ui.press_key(keys::Num0, Ctrl);
    CHECK(f.settings.font_size == app::Settings::kDefaultFontSize);
    REQUIRE(ui.click_item("A+"));
    CHECK(f.settings.font_size == app::Settings::kDefaultFontSize + app::Settings::kFontStep);
}

TEST_CASE("the colour theme button switches between dark and light") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    REQUIRE(f.settings.theme == app::Theme::Dark);
    REQUIRE(ui.click_item("Light colours"));
    CHECK(f.settings.theme == app::Theme::Light);
    REQUIRE(ui.click_item("High contrast"));
    CHECK(f.settings.theme == app::Theme::HighContrast);
    REQUIRE(ui.click_item("Dark colours"));
    CHECK(f.settings.theme == app::Theme::Dark);
}

TEST_CASE("the status bar shows the centre, the database path, the saved state and the local time") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    const StatusBar& bar = ui.shell().status_bar();
    CHECK(bar.centre_text() == "No centre open");
    CHECK(bar.database_text() == "Database: /tmp/rc-ui-test/centre.sqlite");
    CHECK(bar.saved_text().find("Not saved") != std::string::npos);
    CHECK(bar.time_text() == format_local_time(f.clock.now(), "%a %d %b %H:%M"));
    f.clock.advance(120);
    ui.frame();
    CHECK(bar.time_text() == format_local_time(f.clock.now(), "%a %d %b %H:%M"));
}

TEST_CASE("a long database path is shortened in the middle, keeping the file name") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.imgui().new_frame();
    const std::string path = "/home/someone/a/very/long/folder/name/that/goes/on/and/on/centre.sqlite";
    const float width = ImGui::CalcTextSize("/home/some\u2026/centre.sqlite").x + 2.0f;
    const std::string fitted = fit_middle(path, width);
    ui.imgui().render();
    CHECK(fitted.find("\u2026") != std::string::npos);
    CHECK(fitted.size() < path.size());
    CHECK(fitted.substr(fitted.size() - 13) == "centre.sqlite");
}

TEST_CASE("the gate replaces the main screens while the session is not open") {
    ManualClock clock{1795000000};
    app::Settings settings;
    for (app::GateState state :
         {app::GateState::NoCentre, app::GateState::SignedOut, app::GateState::Locked}) {
        rc::ui::test::GateTestSession session(state);
        HeadlessUi ui(session, settings, clock);
        CHECK(ui.shell().gate_shown());
        CHECK_FALSE(ui.find_item("Dashboard"));            // no navigation
        CHECK_FALSE(ui.find_item(LogScreen::kEntryField)); // no screen
        ui.press_key(keys::Num1 + 6, Ctrl);
        CHECK(ui.shell().current_index() == 0);
        ui.press_key(keys::F1); // help still works
        CHECK(ui.shell().help_open());
    }
}

TEST_CASE("Ctrl+L locks a session that can lock, and the gate appears at once") {
    ManualClock clock{1795000000};
    app::Settings settings;
    rc::ui::test::GateTestSession session(app::GateState::Open);
    HeadlessUi ui(session, settings, clock);
    ui.press_key(keys::Num1 + 6, Ctrl);
    REQUIRE(ui.find_item(LogScreen::kEntryField));
    ui.press_key(keys::L, Ctrl);
    CHECK(session.locks == 1);
    CHECK(ui.shell().gate_shown());
    CHECK_FALSE(ui.find_item(LogScreen::kEntryField));
    session.set_state(app::GateState::Open); // signed in again: back where they were
    ui.frame();
    CHECK_FALSE(ui.shell().gate_shown());
    CHECK(std::string(ui.shell().current_screen().id()) == "log");
}

TEST_CASE("Ctrl+L does nothing in the preview session, which cannot lock") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.press_key(keys::L, Ctrl);
    CHECK_FALSE(ui.shell().gate_shown());
}
