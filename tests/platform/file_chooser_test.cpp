// The desktop's file chooser as the console runs it: a background process (here a stand-in named by
// RECEPTION_CONSOLE_FILE_CHOOSER, called with zenity's arguments) whose answer lands in the field
// while the window keeps drawing; a cancel changes nothing; a broken chooser says so.
#include "app/store_session.hpp"
#include "platform/desktop_xdg.hpp"
#include "platform/file_chooser.hpp"
#include "store/people.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/headless_ui.hpp"
#include "ui/screens/group_arrival_panel.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <thread>

using namespace rc;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

// A stand-in chooser: records its arguments, waits a little (a person choosing), then prints
// `answer` and exits with `status`.
std::filesystem::path fake_chooser(const TempDir& dir, const std::string& answer, int status) {
    const std::filesystem::path script = dir / "chooser.sh";
    store::test::write_file(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + (dir / "args.txt").string() +
                                        "\"\nsleep 0.3\n" +
                                        (answer.empty() ? "" : "echo '" + answer + "'\n") + "exit " +
                                        std::to_string(status) + "\n");
    ::chmod(script.c_str(), 0755);
    return script;
}

struct ChooserVariable {
    explicit ChooserVariable(const std::filesystem::path& program) {
        ::setenv("RECEPTION_CONSOLE_FILE_CHOOSER", program.c_str(), 1);
    }
    ~ChooserVariable() { ::unsetenv("RECEPTION_CONSOLE_FILE_CHOOSER"); }
};

template <typename Ready> bool wait_for(Ready ready) {
    for (int i = 0; i < 500 && !ready(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return ready();
}

} // namespace

TEST_CASE("the chooser is called with zenity's arguments: title, filter, folder mode, start folder") {
    TempDir dir("chooser-args");
    ChooserVariable var(fake_chooser(dir, "", 1));
    ui::FileChoice roll{
        ui::FileChoice::Kind::OpenFile, "Choose the nominal roll", "CSV files", {"*.csv"}, dir.path()};
    const auto argv = platform::file_chooser_command(roll);
    REQUIRE(argv.size() == 6);
    CHECK(argv[1] == "--file-selection");
    CHECK(argv[2] == "--title=Choose the nominal roll");
    CHECK(argv[3] == "--filename=" + dir.path().string() + "/");
    CHECK(argv[4] == "--file-filter=CSV files | *.csv");
    ui::FileChoice folder{ui::FileChoice::Kind::Folder, "Choose the folder", "", {}, {}};
    const auto folder_argv = platform::file_chooser_command(folder);
    CHECK(std::find(folder_argv.begin(), folder_argv.end(), "--directory") != folder_argv.end());

    ::setenv("RECEPTION_CONSOLE_FILE_CHOOSER", (dir / "no-such-program").c_str(), 1);
    CHECK(platform::file_chooser_command(roll).empty());
    platform::XdgDesktop desktop;
    CHECK_FALSE(desktop.can_choose_files());
    CHECK(desktop.choose_file("##x", roll).value_or("").find("type the path") != std::string::npos);
}

TEST_CASE("the chooser's outcome: a path, a cancel, an error") {
    CHECK(platform::file_chooser_outcome("zenity", {0, "/media/usb/roll.csv\n"}).path ==
          std::filesystem::path("/media/usb/roll.csv"));
    const ui::FileChosen cancelled = platform::file_chooser_outcome("zenity", {1, ""});
    CHECK_FALSE(cancelled.path);
    CHECK(cancelled.problem.empty());
    const ui::FileChosen failed = platform::file_chooser_outcome("zenity", {255, ""});
    CHECK_FALSE(failed.path);
    CHECK(failed.problem.find("type the path instead") != std::string::npos);
}

TEST_CASE("a chosen file lands in its field only, one chooser at a time, and the wake call comes") {
    TempDir dir("chooser-desktop");
    ChooserVariable var(fake_chooser(dir, "/media/usb/roll one.csv", 0));
    std::atomic<int> wakes{0};
    platform::XdgDesktop desktop([&] { ++wakes; });
    REQUIRE(desktop.can_choose_files());
    REQUIRE_FALSE(desktop.choose_file("##roll", ui::FileChoice{}));
    CHECK(desktop.choosing() == "##roll");
    CHECK(desktop.choose_file("##venues", ui::FileChoice{}).value_or("").find("already open") !=
          std::string::npos);
    CHECK_FALSE(desktop.take_chosen("##roll")); // still open: the call returned at once
    REQUIRE(wait_for([&] { return wakes.load() == 1; }));
    CHECK_FALSE(desktop.take_chosen("##venues"));
    const auto chosen = desktop.take_chosen("##roll");
    REQUIRE(chosen);
    CHECK(chosen->path == std::filesystem::path("/media/usb/roll one.csv"));
    CHECK_FALSE(desktop.take_chosen("##roll")); // taken once
    CHECK(desktop.choosing().empty());
}

TEST_CASE("Browse in the roll import: the window keeps drawing while the chooser is open, then the "
          "roll chosen there is checked and imported") {
    TempDir dir("chooser-roll");
    const std::filesystem::path roll = dir / "roll from police.csv";
    store::test::write_file(roll, "Surname,Forename,D.O.B.,Country\nPopescu,Ion,1990-04-02,Romania\n"
                                  "Nguyen,Van Anh,2001-07-15,Viet Nam\n");
    ChooserVariable var(fake_chooser(dir, roll.string(), 0));
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    app::StoreSession session(dir / "centre.sqlite", clock, o);
    app::NewCentreForm form;
    form.centre_name = "Matlock Hall";
    form.centre_code = "OP-0042";
    form.coordinator_name = "Anna Kowalska";
    form.passphrase = form.passphrase_again = "correct horse battery";
    REQUIRE(session.create_centre(form).ok);

    HeadlessUi ui(session, settings, clock);
    platform::XdgDesktop desktop;
    ui.shell().set_desktop(&desktop);
    ui.press_key(ui::keys::Num1 + 1, Ctrl); // Arrivals
    ui.press_key(ui::keys::A + 8, Ctrl);    // Ctrl+I: import a roll
    const std::string browse = std::string("Browse\u2026") + ui::GroupArrivalPanel::kRollPath;
    REQUIRE(ui.click_item(browse));
    CHECK(desktop.choosing() == ui::GroupArrivalPanel::kRollPath);
    int drawn_while_open = 0;
    while (!desktop.choosing().empty() && drawn_while_open < 500) {
        ui.frames(1); // the frame loop goes on: nothing waits for the dialog
        ++drawn_while_open;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(drawn_while_open > 5);
    ui.frames(2);
    const std::string args = store::test::read_file(dir / "args.txt");
    CHECK(args.find("--title=Choose the nominal roll") != std::string::npos);
    REQUIRE(ui.click_item(ui::GroupArrivalPanel::kPreview));
    REQUIRE(ui.click_item(ui::GroupArrivalPanel::kImport));
    CHECK(store::people(*session.store()).size() == 2);
}
