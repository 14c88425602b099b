// The dashboard's alert list over the real database: a child checked in needs children's services and
// an NRM referral; the alert is followed from the dashboard to the person on the Referrals screen, the
// missing referrals are recorded there, and the alerts are gone.
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/referrals.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/referrals_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::HeadlessUi;

namespace {

struct OpenCentre {
    explicit OpenCentre(const std::string& name) : dir(name), session(dir / "centre.sqlite", clock, options()) {
        app::NewCentreForm form;
        form.centre_name = "Matlock Hall";
        form.centre_code = "OP-0042";
        form.coordinator_name = "Anna Kowalska";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);
        app::ActivationForm a;
        a.name = "Operation Larch";
        a.expected_people = 12;
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

std::vector<const Alert*> missing_alerts(const app::AlertsSnapshot& a, std::int64_t person) {
    std::vector<const Alert*> out;
    for (const Alert& alert : a.alerts)
        if (alert.kind == AlertKind::ReferralMissing &&
            (alert.target.id == person || alert.target.person == person))
            out.push_back(&alert);
    return out;
}

} // namespace

TEST_CASE("an alert is followed from the dashboard to the person, and recording the referral clears it") {
    OpenCentre c("dashboard-alerts");
    Person child;
    child.tag = "C7";
    child.date_of_birth = Date{2012, 5, 1};
    REQUIRE(c.session.check_in(child, "").ok);
    const std::int64_t id = c.session.people().rows.at(0).id;
    REQUIRE(c.session.referrals().procedure_pinned);
    const auto before = missing_alerts(c.session.alerts(), id);
    REQUIRE(before.size() >= 1); // children's services and the NRM, no consent needed

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.shell().show_screen(0);
    ui.frames(3);
    const std::string alert_label = std::string(alert_kind_label(AlertKind::ReferralMissing)) + "##alert_" + before[0]->key;
    REQUIRE(ui.click_item(alert_label));
    ui.frames(2);
    REQUIRE(std::string(ui.shell().current_screen().id()) == "referrals");
    auto& screen = dynamic_cast<ReferralsScreen&>(*ui.shell().find_screen("referrals"));
    REQUIRE(screen.selected());
    CHECK(*screen.selected() == id);

    // The form offers the first missing type; record it as in progress, then the next one.
    for (std::size_t n = 0; n < before.size(); ++n) {
        REQUIRE(ui.click_item("In progress##new_in_progress"));
        REQUIRE(ui.click_item(ReferralsScreen::kSave));
        ui.frames(2);
    }
    const auto records = store::referrals_for(*c.session.store(), id);
    CHECK(records.size() == before.size());
    CHECK(missing_alerts(c.session.alerts(), id).empty());
}

TEST_CASE("an MS1 for an adult who declines refuses identifying details in its notes") {
    OpenCentre c("dashboard-ms1");
    Person adult;
    adult.name = "Zofia Wiśniewska";
    adult.date_of_birth = Date{1990, 1, 1};
    adult.nrm_consent = NrmConsent::No;
    REQUIRE(c.session.check_in(adult, "").ok);
    const std::int64_t id = c.session.people().rows.at(0).id;
    Referral ms1;
    ms1.type = ReferralType::DutyToNotify;
    ms1.status = ReferralStatus::ToDo;
    ms1.status_at = c.clock.now();
    ms1.notes = "Zofia said she worked at the farm";
    const app::CheckInResult refused = c.session.add_referral(id, ms1);
    CHECK_FALSE(refused.ok);
    CHECK(store::referrals_for(*c.session.store(), id).empty());
    ms1.notes = "Worked at a farm; passport held by the employer";
    CHECK(c.session.add_referral(id, ms1).ok);
}
