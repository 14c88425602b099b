// The arrivals desk over the real database: a person checked in with keystrokes only, a group of 12
// registered and two of them completed, search and filters, journey steps, the roll import preview.
#include "activated_centre.hpp"
#include "app/store_session.hpp"
#include "headless_ui.hpp"
#include "os/utf8_path.hpp"
#include "store/people.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/check_in_form.hpp"
#include "ui/screens/group_arrival_panel.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

using Desk = rc::ui::test::CreatedCentre;

ArrivalsScreen& arrivals(HeadlessUi& ui) {
    return dynamic_cast<ArrivalsScreen&>(*ui.shell().find_screen("arrivals"));
}

void tab(HeadlessUi& ui, int times = 1) {
    for (int i = 0; i < times; ++i)
        ui.press_key(keys::Tab);
}

} // namespace

TEST_CASE("a volunteer checks a person in with keystrokes only, and they are in the database") {
    Desk d("arrivals-keyboard");
    HeadlessUi ui(d.session, d.settings, d.clock, HeadlessUi::Options{true});
    ui.press_key(keys::Num1 + 1, Ctrl); // Ctrl+2: Arrivals, the tag field has the focus
    REQUIRE(std::string(ui.shell().current_screen().id()) == "arrivals");
    ui.frames(2);
    ui.type_text("017");
    tab(ui);
    ui.type_text("Nguyễn Văn Ánh");
    tab(ui, 3); // past the name in Latin letters and the alias
    ui.type_text("M");
    tab(ui);
    ui.type_text("14/03/2009");
    tab(ui, 2); // past the age (Tab does not stop at the yes/no boxes)
    ui.type_text("Vietn");
    ui.press_key(keys::Enter); // picks Vietnam
    tab(ui);
    ui.type_text("vie");
    ui.press_key(keys::Enter);                             // adds Vietnamese, stays in the field
    ui.press_key(keys::A + 8, Ctrl | rc::ui::test::Shift); // Ctrl+Shift+I: interpreter needed
    tab(ui, 2);                                            // past the medical needs
    ui.type_text("halal");
    ui.press_key(keys::Enter); // saves

    const auto people = store::people(*d.session.store());
    REQUIRE(people.size() == 1);
    const Person& p = people[0].person;
    CHECK(p.reference == "OP-0042-001");
    CHECK(p.tag == "017");
    CHECK(p.name == "Nguyễn Văn Ánh");
    CHECK(p.sex == Sex::Male);
    REQUIRE(p.date_of_birth);
    CHECK(p.date_of_birth->year == 2009);
    CHECK(p.nationality == "VN");
    REQUIRE(p.languages.size() == 1);
    CHECK(p.languages[0] == "vi");
    CHECK(p.interpreter_needed == true);
    CHECK(p.diet == "halal");
    CHECK(people[0].journey.on_site);
    // The snapshot the table draws from has them, as a child (born 2009).
    REQUIRE(d.session.people().rows.size() == 1);
    CHECK(d.session.people().rows[0].child == ChildStatus::Child);
    CHECK(d.session.people().counts.children_on_site == 1);

    // Ctrl+N: the next person keeps the nationality and languages of the last one; Enter saves them
    // with nothing else given (only the reference is needed).
    ui.press_key(keys::N, Ctrl);
    ui.frames(2);
    ui.press_key(keys::Enter);
    const auto after = store::people(*d.session.store());
    REQUIRE(after.size() == 2);
    CHECK(after[1].person.reference == "OP-0042-002");
    CHECK(after[1].person.nationality == "VN");
}

TEST_CASE("a bad date of birth is shown beside its field and nothing is saved") {
    Desk d("arrivals-invalid");
    HeadlessUi ui(d.session, d.settings, d.clock);
    ui.press_key(keys::Num1 + 1, Ctrl);
    ui.frames(2);
    tab(ui, 4);
    ui.type_text("31/02/2001");
    ui.press_key(keys::Enter);
    CHECK(store::people(*d.session.store()).empty());
    tab(ui, 0);
    // A date in the future is refused by the rules too.
    REQUIRE(ui.click_item(CheckInForm::kDob));
    ui.press_key(keys::A, Ctrl);
    ui.type_text("2031-01-01");
    ui.press_key(keys::Enter);
    CHECK(store::people(*d.session.store()).empty());
}

TEST_CASE("a group of 12 is registered in one step, then two of them are completed") {
    Desk d("arrivals-group");
    HeadlessUi ui(d.session, d.settings, d.clock);
    ui.press_key(keys::Num1 + 1, Ctrl);
    ui.press_key(keys::A + 6, Ctrl); // Ctrl+G
    REQUIRE(arrivals(ui).panel() == ArrivalsScreen::Panel::Group);
    ui.frames(2);
    ui.type_text("12");
    tab(ui);
    ui.type_text("Bus 1");
    tab(ui);
    tab(ui); // time: now
    ui.type_text("101");
    ui.press_key(keys::Enter);

    auto people = store::people(*d.session.store());
    REQUIRE(people.size() == 12);
    CHECK(people[0].person.tag == "101");
    CHECK(people[11].person.tag == "112");
    CHECK(people[11].person.arrival_group == "Bus 1");
    REQUIRE(d.session.people().rows.size() == 12);

    // Complete two: select each in the table, edit, type a name, save.
    for (int i = 0; i < 2; ++i) {
        const std::int64_t id = d.session.people().rows[static_cast<std::size_t>(i)].id;
        arrivals(ui).select(id);
        ui.frames(2);
        REQUIRE(ui.click_item(ArrivalsScreen::kEditDetails));
        ui.frames(2);
        REQUIRE(ui.click_item(CheckInForm::kName));
        ui.type_text(i == 0 ? "Ionela Popescu" : "Mihai Popescu");
        ui.press_key(keys::Enter);
    }
    people = store::people(*d.session.store());
    CHECK(people[0].person.name == "Ionela Popescu");
    CHECK(people[1].person.name == "Mihai Popescu");
    CHECK(people[2].person.name.empty());
    CHECK(people[0].person.tag == "101"); // the rest is kept

    // Search by tag narrows the table; the filter for children finds everyone with no age recorded yet
    // (presumed children: nobody here has a date of birth or an age).
    arrivals(ui).filter().search = "112";
    ui.frames(2);
    CHECK(arrivals(ui).visible_rows() == 1);
    arrivals(ui).filter().search.clear();
    arrivals(ui).filter().children_only = true;
    ui.frames(2);
    CHECK(arrivals(ui).visible_rows() == 12);
}

TEST_CASE("journey steps from the detail panel; departure needs a destination") {
    Desk d("arrivals-journey");
    HeadlessUi ui(d.session, d.settings, d.clock);
    Person p;
    p.tag = "T1";
    REQUIRE(d.session.check_in(p, "").ok);
    ui.press_key(keys::Num1 + 1, Ctrl);
    const std::int64_t id = d.session.people().rows.at(0).id;
    arrivals(ui).select(id);
    ui.frames(2);
    d.clock.advance(600);
    REQUIRE(ui.click_item("Record: Welfare check done##step_welfare_check_done"));
    CHECK(d.session.people().rows.at(0).journey.welfare_check_done);
    CHECK(d.session.people().counts.awaiting_welfare == 0);
    ui.frames(1);
    CHECK_FALSE(ui.find_item("Record: Welfare check done##step_welfare_check_done")); // once only

    REQUIRE(ui.click_item("Hospital##dest_hospital"));
    d.clock.advance(600);
    REQUIRE(ui.click_item(ArrivalsScreen::kDeparture));
    const auto people = store::people(*d.session.store());
    CHECK(people.at(0).journey.departed);
    CHECK(people.at(0).journey.destination == Destination::Hospital);
    CHECK(d.session.people().counts.on_site == 0);
}

TEST_CASE("the roll import preview lists every bad row and imports nothing until the file is right") {
    Desk d("arrivals-roll");
    HeadlessUi ui(d.session, d.settings, d.clock);
    const auto preview = d.session.preview_roll(RC_TEST_DATA_DIR "/sample-roll.csv");
    REQUIRE_FALSE(preview.ok());
    REQUIRE(preview.errors.size() == 1);
    CHECK(preview.errors[0].find("line 15, column consent_nrm") != std::string::npos);
    CHECK_FALSE(d.session.import_roll(RC_TEST_DATA_DIR "/sample-roll.csv").ok);
    CHECK(store::people(*d.session.store()).empty());

    // The same file corrected: all 14 come in.
    std::string text = store::test::read_file(RC_TEST_DATA_DIR "/sample-roll.csv");
    const auto at = text.find(",maybe");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, ",undecided");
    // A name with letters outside ASCII and outside Windows' code page: the field holds UTF-8, and the
    // file is found on Windows too.
    const auto fixed = d.dir / "roll Zoë Олена.csv";
    store::test::write_file(fixed, text);
    ui.press_key(keys::Num1 + 1, Ctrl);
    ui.press_key(keys::A + 8, Ctrl); // Ctrl+I
    REQUIRE(ui.click_item(GroupArrivalPanel::kRollPath));
    ui.type_text(rc::os::path_to_utf8(fixed).c_str());
    ui.frames(1);
    if (!ui.find_item(GroupArrivalPanel::kPreview))
        for (const auto& item : ui.probe().items)
            MESSAGE(item.label << " " << item.visible << " " << item.rect.x0 << "," << item.rect.y0);
    REQUIRE(ui.click_item(GroupArrivalPanel::kPreview));
    REQUIRE(ui.click_item(GroupArrivalPanel::kImport));
    CHECK(store::people(*d.session.store()).size() == 14);
    CHECK(d.session.people().rows.size() == 14);
}

TEST_CASE(
    "the departure gate: a child leaving without referrals is confirmed first, and raises a critical alert") {
    Desk d("arrivals-departure-gate");
    app::ActivationForm a;
    a.name = "Operation Larch";
    a.expected_people = 5;
    REQUIRE(d.session.activate(a).ok);
    HeadlessUi ui(d.session, d.settings, d.clock);
    Person child;
    child.tag = "C1";
    child.claimed_age = 15;
    REQUIRE(d.session.check_in(child, "").ok);
    Person adult;
    adult.tag = "A1";
    adult.claimed_age = 40;
    REQUIRE(d.session.check_in(adult, "").ok);
    ui.press_key(keys::Num1 + 1, Ctrl);
    const std::int64_t child_id = d.session.people().rows.at(0).id;
    const std::int64_t adult_id = d.session.people().rows.at(1).id;

    // The adult to hospital (temporary): no question, still on the roll, nothing raised.
    arrivals(ui).select(adult_id);
    ui.frames(2);
    REQUIRE(ui.click_item("Hospital (temporary)##dest_hospital_temporary"));
    REQUIRE(ui.click_item(ArrivalsScreen::kTemporaryExit));
    ui.frames(2);
    CHECK_FALSE(ui.find_item(ArrivalsScreen::kConfirmDeparture));
    CHECK(store::people(*d.session.store()).at(1).journey.temporarily_out);

    // The child home, an hour after arriving, with nothing referred: the desk asks first.
    d.clock.advance(3600);
    arrivals(ui).select(child_id);
    ui.frames(2);
    REQUIRE(ui.click_item("Home##dest_home"));
    REQUIRE(ui.click_item(ArrivalsScreen::kDeparture));
    ui.frames(2);
    REQUIRE(ui.find_item(ArrivalsScreen::kConfirmDeparture));
    const DepartureGate& gate = arrivals(ui).departure_gate();
    CHECK(gate.critical);
    CHECK(gate.summary == "Still missing: NRM and children's services.");
    CHECK(gate.first_step.find("999") != std::string::npos);
    CHECK_FALSE(store::people(*d.session.store()).at(0).journey.departed); // nothing recorded yet

    // Esc cancels; asking again and confirming records it, and the alert is open.
    ui.press_key(keys::Escape);
    ui.frames(2);
    CHECK_FALSE(ui.find_item(ArrivalsScreen::kConfirmDeparture));
    CHECK_FALSE(store::people(*d.session.store()).at(0).journey.departed);
    REQUIRE(ui.click_item("Home##dest_home"));
    REQUIRE(ui.click_item(ArrivalsScreen::kDeparture));
    ui.frames(2);
    REQUIRE(ui.click_item(ArrivalsScreen::kConfirmDeparture));
    ui.frames(2);
    CHECK(store::people(*d.session.store()).at(0).journey.departed);
    bool critical = false;
    for (const Alert& alert : d.session.alerts().alerts)
        critical = critical || (alert.kind == AlertKind::DepartedWithoutReferral &&
                                alert.target.person == child_id && alert.severity == AlertSeverity::Critical);
    CHECK(critical);
}
