// The Log screen: a real text field writing through the session into the in-memory log.
#include "headless_ui.hpp"
#include "ui/screens/log_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

struct Fixture {
    ManualClock clock{1795000000};
    app::Settings settings;
    app::PreviewSession session{"/tmp/rc-ui-test/centre.sqlite", clock};
};

LogScreen& log_screen(HeadlessUi& ui) {
    return dynamic_cast<LogScreen&>(*ui.shell().find_screen("log"));
}

} // namespace

TEST_CASE("typing an entry and pressing the button adds it to the log and clears the field") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.press_key(keys::Num1 + 6, Ctrl); // Ctrl+7: Log
    REQUIRE(std::string(ui.shell().current_screen().id()) == "log");

    REQUIRE(ui.click_item(LogScreen::kEntryField));
    ui.type_text("Coach with 12 people arrived at the side door");
    REQUIRE(ui.click_item(LogScreen::kAddButton));

    REQUIRE(f.session.log().entries.size() == 1);
    CHECK(f.session.log().entries[0].text == "Coach with 12 people arrived at the side door");
    CHECK(f.session.log().entries[0].at == f.clock.now());

    // The field is empty again: typing now starts a new entry.
    ui.frames(2);
    ui.type_text("Interpreter (Romanian) arrived");
    ui.press_key(keys::Enter);
    REQUIRE(f.session.log().entries.size() == 2);
    CHECK(f.session.log().entries[0].text == "Interpreter (Romanian) arrived"); // newest first
}

TEST_CASE("Enter in the entry field adds the entry; non-Latin text is kept exactly") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.shell().show_screen(6);
    ui.frames(2); // the field takes the keyboard focus when the screen is shown
    ui.type_text("Nguyễn Văn Ánh and Иван Петров: interpreter requested");
    ui.press_key(keys::Enter);
    REQUIRE(f.session.log().entries.size() == 1);
    CHECK(f.session.log().entries[0].text == "Nguyễn Văn Ánh and Иван Петров: interpreter requested");
}

TEST_CASE("an empty entry is refused with a message and nothing is added") {
    Fixture f;
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.shell().show_screen(6);
    ui.frames(2);
    ui.type_text("   ");
    REQUIRE(ui.click_item(LogScreen::kAddButton));
    CHECK(f.session.log().entries.empty());
}

TEST_CASE("the log's rows are rebuilt only when the log changes, not every frame") {
    Fixture f;
    for (int i = 0; i < 500; ++i)
        f.session.add_log_entry("Entry " + std::to_string(i));
    HeadlessUi ui(f.session, f.settings, f.clock);
    ui.shell().show_screen(6);
    ui.frames(30);
    LogScreen& screen = log_screen(ui);
    CHECK(screen.cache_rebuilds() == 1);
    f.session.add_log_entry("One more");
    ui.frames(30);
    CHECK(screen.cache_rebuilds() == 2);
}
