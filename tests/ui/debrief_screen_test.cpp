// The Debrief screen over the real database: a pseudonymised export written from the window, and an
// identifiable one refused without a reason.
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/debrief_screen.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::HeadlessUi;

namespace {
// Records the folders it was asked to open instead of starting a file manager.
struct RecordingDesktop final : Desktop {
    bool can_open_folders() const override { return true; }
    std::optional<std::string> open_folder(const std::filesystem::path& folder) override {
        opened.push_back(folder);
        return std::nullopt;
    }
    std::vector<std::filesystem::path> opened;
};
} // namespace

TEST_CASE("the debrief is exported from the window, pseudonymised, and names need a reason") {
    TempDir dir("debrief-screen");
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    app::StoreSession session(dir / "centre.sqlite", clock, o);
    app::NewCentreForm form;
    form.centre_name = "Matlock Hall";
    form.coordinator_name = "Anna Kowalska";
    form.passphrase = form.passphrase_again = "correct horse battery";
    REQUIRE(session.create_centre(form).ok);
    app::ActivationForm a;
    a.name = "Operation Larch";
    a.expected_people = 5;
    REQUIRE(session.activate(a).ok);
    Person p;
    p.name = "Distinctivename Quxley";
    p.tag = "T9";
    REQUIRE(session.check_in(p, "").ok);

    HeadlessUi ui(session, settings, clock);
    RecordingDesktop desktop;
    ui.shell().set_desktop(&desktop);
    ui.shell().show_screen(7);
    ui.frames(2);
    CHECK_FALSE(ui.find_item(DebriefScreen::kOpenFolder)); // nothing exported yet
    REQUIRE(ui.click_item(DebriefScreen::kFolder));
    const std::string out = (dir / "debrief").string();
    ui.type_text(out.c_str());
    REQUIRE(ui.click_item("JSON##fmt_json"));
    REQUIRE(ui.click_item(DebriefScreen::kExport));
    ui.frames(3);
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "debrief")) {
        ++files;
        if (entry.path().extension() == ".json")
            CHECK(store::test::read_file(entry.path()).find("Distinctivename") == std::string::npos);
    }
    CHECK(files == 3); // workbook, report, JSON

    // After the export the window offers to open the folder in the file manager.
    REQUIRE(ui.click_item(DebriefScreen::kOpenFolder));
    REQUIRE(desktop.opened.size() == 1);
    CHECK(desktop.opened[0] == dir / "debrief");

    app::AppSession::DebriefExportForm named;
    named.out_dir = out;
    named.identifiable = true;
    CHECK_FALSE(session.export_debrief(named).ok);
}
