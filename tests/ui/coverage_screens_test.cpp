// Issue items 4-8 on the screens, over the real database: the folded alert list and its remembered
// fold, tier_exceeded and Ctrl+T, revising the expected number, staff functions and interpreters at
// sign-in clearing "3 people need Tigrinya", a companion and the urgent medical flag at check-in, and
// the language pick list that offers Romanian first to a Romanian national.
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/check_in_form.hpp"
#include "ui/screens/dashboard_screen.hpp"
#include "ui/screens/partners_staff_screen.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;
using rc::ui::test::Shift;

namespace {

// Activated as "Operation Wren".
struct Centre : rc::ui::test::ActivatedCentre {
    Centre(const std::string& folder, int expected) : ActivatedCentre(folder, expected, "Operation Wren") {}
};

const Alert* find_alert(const app::AlertsSnapshot& a, AlertKind kind, std::string_view key_part = {}) {
    for (const Alert& alert : a.alerts)
        if (alert.kind == kind && alert.key.find(key_part) != std::string::npos) return &alert;
    return nullptr;
}

int count_alerts(const app::AlertsSnapshot& a, AlertKind kind) {
    return static_cast<int>(
        std::count_if(a.alerts.begin(), a.alerts.end(), [&](const Alert& x) { return x.kind == kind; }));
}

DashboardScreen& dashboard(HeadlessUi& ui) {
    return dynamic_cast<DashboardScreen&>(*ui.shell().find_screen("dashboard"));
}

} // namespace

TEST_CASE("dashboard: a group of 12 folds into one line, opens with a click, and the fold is remembered") {
    Centre c("coverage-fold", 5);
    REQUIRE(c.session.register_group(12, "Bus 1", "", "T001").ok);
    CHECK(count_alerts(c.session.alerts(), AlertKind::AgeNotEstablished) == 12);

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.shell().show_screen(0);
    ui.frames(3);
    const auto& rows = dashboard(ui).alert_rows();
    const auto folded = std::find_if(rows.begin(), rows.end(), [](const AlertListRow& r) {
        return r.group && r.kind == AlertKind::AgeNotEstablished;
    });
    REQUIRE(folded != rows.end());
    CHECK(folded->summary == "12 people: age not established");
    CHECK_FALSE(folded->open);
    // Far fewer lines than alerts: each kind about more than three people is one line.
    CHECK(rows.size() < c.session.alerts().alerts.size() / 2);

    const std::string fold_label = std::string("\u25b8 ") +
                                   std::string(alert_kind_label(AlertKind::AgeNotEstablished)) +
                                   "##fold_age_not_established";
    REQUIRE(ui.click_item(fold_label));
    ui.frames(1);
    CHECK(c.settings.open_alert_kinds == std::vector<std::string>{"age_not_established"});
    const auto& open_rows = dashboard(ui).alert_rows();
    CHECK(std::count_if(open_rows.begin(), open_rows.end(),
                        [](const AlertListRow& r) { return r.in_group; }) == 12);

    // The setting is what remembers it: saved and read back, the list opens the same way.
    std::string problem;
    const auto file = c.dir / "settings.conf";
    REQUIRE(app::save_settings(c.settings, file, problem));
    CHECK(app::load_settings(file).settings.open_alert_kinds ==
          std::vector<std::string>{"age_not_established"});

    const std::string close_label = std::string("\u25be ") +
                                    std::string(alert_kind_label(AlertKind::AgeNotEstablished)) +
                                    "##fold_age_not_established";
    REQUIRE(ui.click_item(close_label));
    CHECK(c.settings.open_alert_kinds.empty());
}

TEST_CASE("dashboard: tier_exceeded opens raise the tier (click or Ctrl+T); revising the expected number") {
    Centre c("coverage-tier", 5);
    CHECK_FALSE(find_alert(c.session.alerts(), AlertKind::TierExceeded));
    REQUIRE(c.session.register_group(11, "Van 1", "", "").ok);
    const Alert* exceeded = find_alert(c.session.alerts(), AlertKind::TierExceeded);
    REQUIRE(exceeded);
    CHECK(exceeded->message.find("11 people received: more than a small centre is for (up to 10)") == 0);
    CHECK(exceeded->target.key == "medium");

    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.shell().show_screen(0);
    ui.frames(3);
    CHECK_FALSE(dashboard(ui).raising_tier());
    ui.press_key(keys::A + 19, Ctrl); // Ctrl+T
    CHECK(dashboard(ui).raising_tier());
    ui.type_text("A van of 11 arrived");
    ui.press_key(keys::Enter);
    CHECK(c.session.operation().tier == Tier::Medium);
    CHECK_FALSE(find_alert(c.session.alerts(), AlertKind::TierExceeded));

    // The expected number is revised from the window; the log and the bag forecast follow it.
    const int forecast_before = c.session.stock().forecast.expected_people;
    REQUIRE(ui.click_item(DashboardScreen::kReviseExpected));
    REQUIRE(ui.click_item(DashboardScreen::kExpectedNumber));
    ui.press_key(keys::A, Ctrl); // select the number
    ui.type_text("40");
    REQUIRE(ui.click_item(DashboardScreen::kExpectedSave));
    CHECK(c.session.operation().expected_people == 40);
    CHECK(c.session.stock().forecast.expected_people == 40);
    CHECK(forecast_before != 40);
    CHECK(c.session.log().entries.front().text == "Expected number revised from 5 to 40");

    // And from the session API, as a drill calls it.
    CHECK(c.session.revise_expected(45, "a second coach").ok);
    CHECK(c.session.operation().expected_people == 45);
    CHECK(c.session.log().entries.front().text == "Expected number revised from 40 to 45: a second coach");
    CHECK_FALSE(c.session.revise_expected(0, "").ok);
}

TEST_CASE("partners: an interpreter signed in with their languages clears the missing interpreter alert") {
    Centre c("coverage-functions", 12);
    HeadlessUi::Options tall;
    tall.height = 1400.0f; // the whole sign-in form at once
    Person p;
    p.interpreter_needed = true;
    p.languages = {"ti"};
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.session.check_in(p, "").ok);
    const Alert* tigrinya = find_alert(c.session.alerts(), AlertKind::InterpreterMissing, "/ti");
    REQUIRE(tigrinya);
    CHECK(tigrinya->message == "3 people need Tigrinya: no interpreter on site");
    REQUIRE(find_alert(c.session.alerts(), AlertKind::FunctionMissing, "nrm_first_responder"));

    HeadlessUi ui(c.session, c.settings, c.clock, tall);
    ui.press_key(keys::Num1 + 2, Ctrl);
    REQUIRE(ui.click_item("Staff"));
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffName));
    ui.type_text("Selam Haile");
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffOrganisation));
    ui.type_text("Interpreting service");
    REQUIRE(ui.click_item("Interpreter##fn_interpreter"));
    REQUIRE(ui.click_item("NRM first responder##fn_nrm_first_responder"));
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffLanguages));
    ui.type_text("Tigr");
    ui.press_key(keys::Enter); // adds Tigrinya
    REQUIRE(ui.click_item(PartnersStaffScreen::kStaffSignIn));
    INFO(dynamic_cast<PartnersStaffScreen&>(*ui.shell().find_screen("partners")).message());

    const auto on_site = store::on_site_staff(*c.session.store());
    REQUIRE(on_site.size() == 1);
    CHECK(on_site[0].languages == std::vector<std::string>{"ti"});
    CHECK(on_site[0].functions.contains(SiteFunction::Interpreter));
    CHECK_FALSE(find_alert(c.session.alerts(), AlertKind::InterpreterMissing));
    CHECK_FALSE(find_alert(c.session.alerts(), AlertKind::FunctionMissing, "nrm_first_responder"));
    CHECK(find_alert(c.session.alerts(), AlertKind::FunctionMissing, "duty_to_notify"));
    REQUIRE_FALSE(c.session.partners().staff.empty());
    CHECK(c.session.partners().staff[0].functions_text == "NRM first responder; Interpreter (Tigrinya)");
    // Referrals by organisations the procedure authorises are offered in the form.
    const auto& makers = c.session.referrals().first_responders;
    CHECK(std::any_of(makers.begin(), makers.end(), [](const auto& m) { return m.first == "glaa"; }));
}

TEST_CASE("check-in: Romanian first for a Romanian national, a companion and the urgent medical flag") {
    Centre c("coverage-checkin", 12);
    Person adult;
    adult.tag = "T004";
    adult.date_of_birth = Date{1985, 1, 1};
    REQUIRE(c.session.check_in(adult, "").ok);
    const std::string adult_ref = c.session.people().rows.at(0).person.reference;

    HeadlessUi::Options tall;
    tall.system_fonts = true;
    tall.height = 1600.0f; // the whole check-in form at once
    HeadlessUi ui(c.session, c.settings, c.clock, tall);
    ui.press_key(keys::Num1 + 1, Ctrl); // Arrivals; the tag field has the focus
    ui.press_key(keys::N, Ctrl);
    ui.frames(2);
    ui.type_text("T005");
    REQUIRE(ui.click_item(CheckInForm::kAge));
    ui.type_text("12");
    REQUIRE(ui.click_item(CheckInForm::kNationality));
    ui.type_text("Romania");
    ui.press_key(keys::Enter);
    REQUIRE(ui.click_item(CheckInForm::kLanguages));
    ui.type_text("Roman");
    ui.frames(1);
    // The first suggestion (what Enter takes) is Romanian, not Romani.
    CHECK(ui.find_item("\u21b5 Romanian (ro)##pick_ro"));
    CHECK(ui.find_item("   Romani (rom)##pick_rom"));
    ui.press_key(keys::Enter);
    ui.press_key(keys::A + 20, Ctrl | Shift); // Ctrl+Shift+U: needs medical attention now
    REQUIRE(ui.click_item(CheckInForm::kArrivedWith));
    ui.type_text("T004"); // the adult's tag is enough
    REQUIRE(ui.click_item("Unrelated adult##with_unrelated_adult"));
    REQUIRE(ui.click_item(CheckInForm::kSave));
    INFO(dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals")).form().message());

    const auto people = store::people(*c.session.store());
    REQUIRE(people.size() == 2);
    const Person& child = people[1].person;
    CHECK(child.languages == std::vector<std::string>{"ro"});
    CHECK(child.urgent_medical);
    CHECK(child.arrived_with == adult_ref);
    CHECK(child.arrived_with_relation == CompanionRelation::UnrelatedAdult);

    // Counted on the dashboard, filterable on Arrivals, and flagged for children's services.
    CHECK(c.session.people().counts.urgent_medical_on_site == 1);
    CHECK(c.session.people().counts.with_unrelated_adult_on_site == 1);
    const Alert* flag = find_alert(c.session.alerts(), AlertKind::ChildWithUnrelatedAdult);
    REQUIRE(flag);
    CHECK(flag->message.find("a child who arrived with an unrelated adult (" + adult_ref + ")") !=
          std::string::npos);
    auto& screen = dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals"));
    REQUIRE(ui.click_item(ArrivalsScreen::kSearch)); // out of the form (its field keeps the first click)
    REQUIRE(ui.click_item(ArrivalsScreen::kUrgentMedicalFilter));
    CHECK(screen.filter().urgent_medical);
    ui.frames(1);
    CHECK(ui.find_item(people[1].person.reference));
    CHECK_FALSE(ui.find_item(adult_ref));
}
