// Activation from the Dashboard and the Procedure screen, over the real database, with a clock the
// test moves: the procedure is pinned, later edits to the file change nothing, actions turn overdue
// when the clock passes their due time, and they are ticked from the keyboard.
#include "app/store_session.hpp"
#include "domain/procedure_rules.hpp"
#include "headless_ui.hpp"
#include "store/operation.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "ui/screens/activation_panel.hpp"
#include "ui/screens/procedure_screen.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::ui;
using rc::store::test::TempDir;
using rc::ui::test::Ctrl;
using rc::ui::test::HeadlessUi;

namespace {

constexpr const char* kTemplate = RC_PROCEDURES_DIR "/derbyshire-template.toml";

struct Centre {
    explicit Centre(const std::string& name, std::filesystem::path procedure = {})
        : dir(name), session(dir / "centre.sqlite", clock, options(std::move(procedure))) {
        app::NewCentreForm form;
        form.centre_name = "Matlock Hall";
        form.coordinator_name = "Anna Kowalska";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);
    }
    static app::StoreSession::Options options(std::filesystem::path procedure) {
        app::StoreSession::Options o;
        o.passphrase_kdf = store::KdfLimits::minimum();
        o.pin_kdf = store::KdfLimits::minimum();
        o.procedure_file = std::move(procedure);
        return o;
    }
    TempDir dir;
    ManualClock clock{1795000000};
    app::Settings settings;
    app::StoreSession session;
};

void activate_by_keyboard(HeadlessUi& ui, const char* expected) {
    ui.shell().show_screen(0);
    ui.frames(2);
    REQUIRE(ui.click_item(ActivationPanel::kExpected));
    ui.type_text(expected);
    ui.press_key(keys::Tab);
    ui.type_text("06:40");
    ui.frames(2);
    REQUIRE(ui.click_item(ActivationPanel::kActivate));
    ui.frames(2);
    ui.press_key(keys::Enter); // confirms in the dialog
    ui.frames(2);
}

ProcedureScreen& procedure_screen(HeadlessUi& ui) {
    return dynamic_cast<ProcedureScreen&>(*ui.shell().find_screen("procedure"));
}

} // namespace

TEST_CASE("activating a medium centre pins the procedure; editing the file afterwards changes nothing") {
    TempDir files("procedure-copy");
    const auto procedure = files / "procedure.toml";
    const std::string original = store::test::read_file(kTemplate);
    store::test::write_file(procedure, original);
    Centre c("activate-medium", procedure);
    HeadlessUi ui(c.session, c.settings, c.clock);

    activate_by_keyboard(ui, "20");
    const app::OperationSnapshot& op = c.session.operation();
    REQUIRE(op.status == CentreStatus::Open);
    CHECK(op.tier == Tier::Medium);
    CHECK(op.expected_people == 20);
    REQUIRE(op.procedure);
    const std::size_t actions_before = op.actions.size();
    CHECK(actions_before > 10);
    REQUIRE(store::pinned_procedure_text(*c.session.store()) == original);
    // The activation is in the log, written automatically.
    REQUIRE_FALSE(c.session.log().entries.empty());

    // The planner edits the file: the first action's title changes and an action disappears.
    std::string edited = original;
    const std::string old_title = "Take the call from the police operation lead";
    edited.replace(edited.find(old_title), old_title.size(), "EDITED TITLE");
    store::test::write_file(procedure, edited);

    // Still the pinned text, now and after the console is opened again.
    REQUIRE(c.session.add_log_entry("file edited").ok); // any write refreshes the snapshot
    CHECK(c.session.operation().actions.size() == actions_before);
    CHECK(c.session.operation().actions.front().title.rfind(old_title, 0) == 0);
    c.session.sign_out();
    REQUIRE(c.session.sign_in("Anna Kowalska", "correct horse battery").ok);
    CHECK(c.session.operation().actions.front().title.rfind(old_title, 0) == 0);
}

TEST_CASE("actions turn overdue when the clock passes their due time, and are ticked by keyboard") {
    Centre c("overdue");
    HeadlessUi ui(c.session, c.settings, c.clock);
    activate_by_keyboard(ui, "8");
    REQUIRE(c.session.operation().tier == Tier::Small);
    CHECK(c.session.operation().counts.overdue == 0);
    // The loop is told to wake at the first due time (15 minutes: take the call).
    REQUIRE(c.session.seconds_until_due());
    CHECK(*c.session.seconds_until_due() <= 15 * 60);

    // Someone is at the keyboard (else the idle lock would hide everything after 5 minutes).
    for (int minute = 1; minute <= 14; ++minute) {
        c.clock.advance(60);
        c.session.note_activity();
        CHECK_FALSE(c.session.tick());
    }
    c.clock.advance(2 * 60);
    c.session.note_activity();
    CHECK(c.session.tick()); // the due time passed: the snapshot changed
    REQUIRE(c.session.gate_state() == app::GateState::Open);
    const app::OperationSnapshot& op = c.session.operation();
    CHECK(op.counts.overdue >= 1);
    const app::ActionView* take_call = nullptr;
    for (const app::ActionView& a : op.actions)
        if (a.id == "act-take-call") take_call = &a;
    REQUIRE(take_call);
    CHECK(take_call->state.status == ActionStatus::Overdue);
    CHECK(take_call->status_text.rfind("Overdue since", 0) == 0);

    // On the Procedure screen: select it, Ctrl+D marks it done (late).
    ui.press_key(keys::Num1 + 5, Ctrl);
    REQUIRE(std::string(ui.shell().current_screen().id()) == "procedure");
    const std::string row_label = take_call->due_text + "##act-take-call";
    REQUIRE(ui.click_item(row_label));
    CHECK(procedure_screen(ui).selected() == "act-take-call");
    ui.press_key(keys::A + 3, Ctrl);
    const auto records = store::action_records(*c.session.store());
    REQUIRE(records.size() == 1);
    CHECK(records[0].action_id == "act-take-call");
    CHECK(records[0].outcome == ActionOutcome::Done);
    for (const app::ActionView& a : c.session.operation().actions)
        if (a.id == "act-take-call") {
            CHECK(a.state.status == ActionStatus::Done);
            CHECK(a.state.done_late);
        }

    // Ctrl+Z puts it back to do (an undo is a new record; history is kept).
    ui.press_key(keys::Z, Ctrl);
    CHECK(store::action_records(*c.session.store()).empty());
    CHECK(store::action_history(*c.session.store()).size() == 2);

    // Not applicable needs a reason.
    ui.press_key(keys::A + 10, Ctrl);
    ui.frames(2);
    ui.press_key(keys::Enter); // empty reason
    CHECK(store::action_records(*c.session.store()).empty());
    ui.type_text("Police lead phoned the coordinator directly");
    ui.press_key(keys::Enter);
    const auto after = store::action_records(*c.session.store());
    REQUIRE(after.size() == 1);
    CHECK(after[0].outcome == ActionOutcome::NotApplicable);
}

TEST_CASE("an invalid procedure is shown with its file:line:column messages and cannot be activated") {
    Centre c("invalid", RC_TEST_DATA_DIR "/procedure_errors/duplicate_action_id.toml");
    HeadlessUi ui(c.session, c.settings, c.clock);
    ui.shell().show_screen(0);
    ui.frames(2);
    REQUIRE(ui.click_item(ActivationPanel::kExpected));
    ui.type_text("20");
    ui.frames(2);
    const app::ActivationPreview preview = c.session.preview_activation(20);
    REQUIRE_FALSE(preview.problems.empty());
    CHECK(preview.problems.front().find("duplicate_action_id.toml:") != std::string::npos);
    CHECK_FALSE(ui.find_item(ActivationPanel::kActivate)); // no way to activate
    app::ActivationForm form;
    form.name = "Drill";
    form.expected_people = 20;
    CHECK_FALSE(c.session.activate(form).ok);
    CHECK(c.session.operation().status == CentreStatus::Standby);
}

TEST_CASE("raising the tier from medium to large is logged and changes the actions that apply") {
    Centre c("raise");
    HeadlessUi ui(c.session, c.settings, c.clock);
    activate_by_keyboard(ui, "20");
    REQUIRE(c.session.operation().tier == Tier::Medium);
    const std::size_t log_before = c.session.log().entries.size();
    CHECK_FALSE(c.session.raise_tier(Tier::Large, "").ok); // a reason is required
    REQUIRE(c.session.raise_tier(Tier::Large, "Second coach of 14 on its way").ok);
    CHECK(c.session.operation().tier == Tier::Large);
    CHECK(c.session.operation().tier_changes.size() == 1);
    CHECK(c.session.log().entries.size() > log_before);
}

TEST_CASE("the Procedure screen shows each referral type's deadline from the pinned procedure") {
    TempDir files("procedure-deadlines");
    const auto procedure = files / "procedure.toml";
    store::test::write_file(procedure, store::test::read_file(kTemplate));
    Centre c("deadlines", procedure);
    HeadlessUi ui(c.session, c.settings, c.clock);
    activate_by_keyboard(ui, "8");
    ui.press_key(keys::Num1 + 5, Ctrl); // Ctrl+6
    ui.frames(2);
    CHECK(ui.find_item(ProcedureScreen::kDeadlines));
    // What the table is drawn from: the pinned procedure's own minutes.
    const Procedure& p = *c.session.operation().procedure;
    CHECK(referral_due_minutes(p, PersonCategory::Child, ReferralType::ChildrensServices) == 240);
    CHECK(referral_due_minutes(p, PersonCategory::AdultUndecided, ReferralType::DutyToNotify) == 1440);
}
