// The status bar on a shared centre: how many desks are connected, each desk's last contact, and a
// lost server in red words that never say Saved.
#include "headless_ui.hpp"
#include "ui/screens/gate_screen.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::HeadlessUi;

namespace {

// A signed-out session whose status the test sets (the shell draws the status bar at every gate).
class StatusOnlySession final : public app::AppSession {
public:
    app::StatusSnapshot status_;
    app::LogSnapshot log_;
    app::GateState gate_state() const override { return app::GateState::SignedOut; }
    bool can_lock() const override { return false; }
    void lock() override {}
    const app::StatusSnapshot& status() const override { return status_; }
    const app::LogSnapshot& log() const override { return log_; }
    app::EditResult add_log_entry(std::string_view) override { return {}; }
    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }
};

} // namespace

TEST_CASE("the status bar counts a shared centre's desks and lists each one's last contact") {
    ManualClock clock{1795000000};
    app::Settings settings;
    StatusOnlySession session;
    session.status_.centre_name = "OP-0001 Operation Larch";
    session.status_.database_path = "host=centre-laptop.local dbname=centre";
    session.status_.save_state = app::SaveState::Saved;
    session.status_.last_saved_at = clock.now();
    session.status_.shared_centre = true;
    session.status_.desks_connected = 3;
    session.status_.desks = {{"desk1", 0.4, true, true},
                             {"desk2", 3.2, true, false},
                             {"desk3", 4.0, true, false},
                             {"desk4", 600.0, false, false}};
    ++session.status_.version;
    HeadlessUi ui(session, settings, clock);
    const StatusBar& bar = ui.shell().status_bar();
    CHECK(bar.shared_text() == "Shared centre: 3 desks connected");
    REQUIRE(bar.desk_lines().size() == 4);
    CHECK(bar.desk_lines()[0] == "desk1 (this desk): last contact 0 s ago");
    CHECK(bar.desk_lines()[1] == "desk2: last contact 3 s ago");
    CHECK(bar.desk_lines()[3] == "desk4: last contact 10 min ago, not connected");
    CHECK(bar.saved_text().find("Saved") != std::string::npos);

    // The server is lost: red words, no "Saved", no desks counted.
    session.status_.save_state = app::SaveState::NotConnected;
    session.status_.desks_connected = 0;
    ++session.status_.version;
    ui.frame();
    CHECK(bar.saved_text() == "\u25CF Not connected: not saved (trying again)");
    CHECK(bar.shared_text() == "Shared centre: not connected");

    // Back: it says so, and that a form refused meanwhile still needs saving.
    session.status_.save_state = app::SaveState::Reconnected;
    session.status_.save_problem = "Connected again at 14:05.";
    session.status_.desks_connected = 1;
    ++session.status_.version;
    ui.frame();
    CHECK(bar.saved_text().find("Connected again at 14:05.") != std::string::npos);
    CHECK(bar.saved_text().find("Saved") == std::string::npos);
    CHECK(bar.shared_text() == "Shared centre: 1 desk connected");
}

TEST_CASE("a shared centre that could not be opened counts no desks") {
    ManualClock clock{1795000000};
    app::Settings settings;
    StatusOnlySession session;
    session.status_.centre_name = "No centre open";
    session.status_.database_path = "host=centre-laptop.local dbname=trial";
    session.status_.save_state = app::SaveState::NoDatabase;
    session.status_.shared_centre = true;
    ++session.status_.version;
    HeadlessUi ui(session, settings, clock);
    CHECK(ui.shell().status_bar().shared_text() == "Shared centre: not open");
    // The refused screen's advice is about the server, not about restoring a file.
    CHECK(refused_database_advice(true).find("server") != std::string::npos);
    CHECK(refused_database_advice(true).find("restore") == std::string::npos);
    CHECK(refused_database_advice(false).find("restore the latest backup") != std::string::npos);
}

TEST_CASE(
    "signed out by a key rotation on another desk: the status bar asks to sign in again, without alarm") {
    ManualClock clock{1795000000};
    app::Settings settings;
    StatusOnlySession session;
    session.status_.centre_name = "OP-0001 Operation Larch";
    session.status_.save_state = app::SaveState::KeyChanged;
    session.status_.save_problem = "The centre's key was changed: sign in again.";
    session.status_.shared_centre = true;
    session.status_.desks_connected = 2;
    ++session.status_.version;
    HeadlessUi ui(session, settings, clock);
    const std::string text = ui.shell().status_bar().saved_text();
    CHECK(text.find("key was changed on another desk: sign in again") != std::string::npos);
    CHECK(text.find("Everything saved is kept") != std::string::npos);
    CHECK(text.find("NOT SAVED") == std::string::npos);
}

TEST_CASE("the laptop file shows no shared-centre words") {
    ManualClock clock{1795000000};
    app::Settings settings;
    StatusOnlySession session;
    session.status_.save_state = app::SaveState::Saved;
    HeadlessUi ui(session, settings, clock);
    CHECK(ui.shell().status_bar().shared_text().empty());
}
