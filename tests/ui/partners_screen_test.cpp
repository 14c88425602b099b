// Partners and staff over the real database: calling a partner out and confirming, signing staff in
// and out, an uncovered required role that appears as an alert and goes when someone signs in to it,
// and the roles for a large centre after the tier is raised.
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/partners.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/partners_staff_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

struct OpenCentre {
    explicit OpenCentre(const std::string& name, int expected)
        : dir(name), session(dir / "centre.sqlite", clock, options()) {
        app::NewCentreForm form;
        form.centre_name = "Matlock Hall";
        form.coordinator_name = "Anna Kowalska";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);
        app::ActivationForm a;
        a.name = "Operation Larch";
        a.expected_people = expected;
        REQUIRE(session.activate(a).ok);
    }
    static app::StoreSession::Options options() {
        app::StoreSession::Options o;
        o.passphrase_kdf = store::KdfLimits::minimum();
        o.pin_kdf = store::KdfLimits::minimum();
        return o;
    }
    TempDir dir;
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session;
};

PartnersStaffScreen& partners_screen(HeadlessUi& ui) {
    return dynamic_cast<PartnersStaffScreen&>(*ui.shell().find_screen("partners"));
}

const app::CalloutRow& row(const app::PartnersSnapshot& p, const std::string& id) {
    for (const app::CalloutRow& r : p.board)
        if (r.contact_id == id) return r;
    FAIL("no contact " << id);
    throw std::logic_error("unreachable");
}

bool has_alert_for(const app::PartnersSnapshot& p, const std::string& partner) {
    if (!p.roles) return false;
    for (const CoverageAlert& a : p.roles->alerts)
        if (a.partner_id == partner) return true;
    return false;
}

} // namespace

TEST_CASE("calling a partner out and confirming it, from the call-out board") {
    OpenCentre c("partners-callout", 20);
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + 2, Ctrl);
    REQUIRE(std::string(ui.shell().current_screen().id()) == "partners");
    REQUIRE_FALSE(c.session.partners().board.empty());
    CHECK(row(c.session.partners(), "police-101").state.status == CalloutStatus::NotCalled);

    partners_screen(ui).select_contact("police-101");
    ui.frames(2);
    REQUIRE(ui.click_item("Called##to_called"));
    CHECK(row(c.session.partners(), "police-101").state.status == CalloutStatus::Called);

    c.clock.advance(10 * 60);
    c.session.note_activity();
    REQUIRE(ui.click_item(PartnersStaffScreen::kCalloutPeople));
    ui.type_text("4");
    REQUIRE(ui.click_item(PartnersStaffScreen::kCalloutArrival));
    ui.type_text("23:59");
    REQUIRE(ui.click_item("Confirmed##to_confirmed"));
    const app::CalloutRow& r = row(c.session.partners(), "police-101");
    CHECK(r.state.status == CalloutStatus::Confirmed);
    REQUIRE(r.state.people);
    CHECK(*r.state.people == 4);
    CHECK(r.state.expected_arrival_at);
    // In the store, with its history.
    CHECK(store::callout_history(*c.session.store(), "police-101").size() == 2);
}

TEST_CASE("an uncovered required role is an alert until someone signs in to it; signing out brings it back") {
    OpenCentre c("partners-roles", 20);
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.press_key(keys::Num1 + 2, Ctrl);
    REQUIRE(c.session.partners().roles);
    CHECK(has_alert_for(c.session.partners(), "red_cross"));

    REQUIRE(ui.click_item("Staff"));
    partners_screen(ui).choose_partner("red_cross");
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffName));
    ui.type_text("Ruth Ellis");
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffRole));
    ui.type_text("Welfare");
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffSignIn));
    REQUIRE(c.session.partners().on_site == 1);
    CHECK_FALSE(has_alert_for(c.session.partners(), "red_cross"));
    const auto on_site = store::on_site_staff(*c.session.store());
    REQUIRE(on_site.size() == 1);
    CHECK(on_site[0].name == "Ruth Ellis");
    CHECK(on_site[0].partner_id == "red_cross");

    const std::string sign_out = "Sign out##out_" + std::to_string(on_site[0].id);
    c.clock.advance(3600);
    c.session.note_activity();
    ui.frames(1);
    REQUIRE(ui.click_item(sign_out));
    INFO(partners_screen(ui).message());
    CHECK(c.session.partners().on_site == 0);
    CHECK(store::on_site_staff(*c.session.store()).empty());
    CHECK(has_alert_for(c.session.partners(), "red_cross"));

    // Back again: one click signs her in with the same details.
    const std::string again = "Ruth Ellis##again_" + std::to_string(on_site[0].id);
    REQUIRE(ui.click_item(again));
    CHECK(c.session.partners().on_site == 1);
    CHECK_FALSE(has_alert_for(c.session.partners(), "red_cross"));
}

TEST_CASE(
    "after a tier change from medium to large, the roles matrix shows the large tier's required roles") {
    OpenCentre c("partners-tier", 20);
    REQUIRE(c.session.partners().roles);
    CHECK(c.session.partners().roles->tier == Tier::Medium);
    CHECK_FALSE(has_alert_for(c.session.partners(), "emsou")); // not needed on site at medium
    REQUIRE(c.session.raise_tier(Tier::Large, "Second coach of 14").ok);
    REQUIRE(c.session.partners().roles);
    CHECK(c.session.partners().roles->tier == Tier::Large);
    CHECK(has_alert_for(c.session.partners(), "emsou"));
    CHECK(has_alert_for(c.session.partners(), "justice_and_care"));
}
