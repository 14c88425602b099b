#include "app/drill_runner.hpp"

#include <algorithm>
#include <type_traits>

namespace rc::app {

namespace {

EditResult from_check_in(const CheckInResult& r) {
    if (r.ok) return {true, r.message};
    std::string message = r.message;
    for (const FieldProblem& p : r.problems)
        message += " " + p.field + ": " + p.message + ".";
    return {false, message};
}

} // namespace

void DrillRunner::move_clock_to(UnixSeconds at) {
    clock_.set(at);
    session_.note_activity(); // someone is at the keyboard: the drill is not idle time
    session_.follow_clock();
}

const PersonRow* DrillRunner::person_row(const std::string& tag) const {
    const auto& rows = session_.people().rows;
    const auto it =
        std::find_if(rows.begin(), rows.end(), [&](const PersonRow& r) { return r.person.tag == tag; });
    return it == rows.end() ? nullptr : &*it;
}

std::optional<std::int64_t> DrillRunner::person_id(const std::string& tag, std::string& problem) const {
    if (const PersonRow* row = person_row(tag)) return row->id;
    problem = "nobody with tag '" + tag + "' is on the roll";
    return std::nullopt;
}

// One function per event kind: each turns the event into the session call the window would make.
EditResult DrillRunner::apply(const DrillEvent& event) {
    std::string problem;
    return std::visit(
        [&](const auto& a) -> EditResult {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, DrillImportRoll>) {
                return session_.import_roll(a.file);
            } else if constexpr (std::is_same_v<T, DrillCheckIn>) {
                return from_check_in(session_.check_in(a.person, {}));
            } else if constexpr (std::is_same_v<T, DrillRegisterGroup>) {
                return from_check_in(session_.register_group(a.count, a.group, {}, a.first_tag));
            } else if constexpr (std::is_same_v<T, DrillJourneyStep>) {
                const auto id = person_id(a.tag, problem);
                if (!id) return {false, problem};
                EditResult r = session_.record_journey_step(*id, a.step, std::nullopt);
                if (r.ok) r.message = a.tag + ": " + std::string(journey_step_label(a.step)) + ".";
                return r;
            } else if constexpr (std::is_same_v<T, DrillDepart>) {
                const auto id = person_id(a.tag, problem);
                if (!id) return {false, problem};
                // A temporary destination (hospital) is a temporary exit: the person stays on the roll.
                const bool temporary = destination_is_temporary(a.destination);
                EditResult r = session_.record_journey_step(
                    *id, temporary ? JourneyStep::TemporaryExit : JourneyStep::Departed, a.destination);
                if (r.ok && r.message.empty())
                    r.message = a.tag + (temporary ? " out for now: " : " departed: ") +
                                std::string(destination_label(a.destination)) + ".";
                return r;
            } else if constexpr (std::is_same_v<T, DrillDecision>) {
                const PersonRow* row = person_row(a.tag);
                if (!row) return {false, "nobody with tag '" + a.tag + "' is on the roll"};
                const std::int64_t id = row->id;
                // As the Arrivals form does: the answer on the record, and a yes or no is the decision step.
                const bool record_step = a.consent != NrmConsent::Undecided && row->journey.on_site &&
                                         !row->journey.decision_recorded;
                Person p = row->person;
                p.nrm_consent = a.consent;
                const CheckInResult saved = session_.update_person(id, p, row->version);
                if (!saved.ok) return from_check_in(saved);
                if (record_step) {
                    const EditResult r =
                        session_.record_journey_step(id, JourneyStep::DecisionRecorded, std::nullopt);
                    if (!r.ok) return r;
                }
                return {true, a.tag + ": NRM decision " + std::string(nrm_consent_id(a.consent)) + "."};
            } else if constexpr (std::is_same_v<T, DrillReferral>) {
                const auto id = person_id(a.tag, problem);
                if (!id) return {false, problem};
                const CheckInResult r = session_.add_referral(*id, a.referral);
                if (!r.ok) return from_check_in(r);
                return {true, a.tag + ": " + std::string(referral_type_label(a.referral.type)) + " " +
                                  std::string(referral_status_id(a.referral.status)) + "."};
            } else if constexpr (std::is_same_v<T, DrillStaffIn>) {
                StaffForm form;
                form.name = a.name;
                form.partner_id = a.partner_id;
                form.organisation = a.organisation;
                form.role_at_centre = a.role;
                form.awareness_trained = a.awareness_trained;
                form.functions = a.functions;
                form.languages = a.languages;
                EditResult r = session_.sign_in_staff(form);
                if (r.ok && r.message.empty()) r.message = a.name + " signed in.";
                return r;
            } else if constexpr (std::is_same_v<T, DrillStaffOut>) {
                const auto& staff = session_.partners().staff;
                const auto it = std::find_if(staff.begin(), staff.end(), [&](const StaffRow& s) {
                    return s.name == a.name && !s.time_out;
                });
                if (it == staff.end()) return {false, "nobody called '" + a.name + "' is signed in"};
                EditResult r = session_.sign_out_staff(it->id);
                if (r.ok && r.message.empty()) r.message = a.name + " signed out.";
                return r;
            } else if constexpr (std::is_same_v<T, DrillStock>) {
                const auto& stores = session_.stock().stores;
                const auto store = std::find_if(stores.begin(), stores.end(),
                                                [&](const StockStoreView& s) { return s.code == a.store; });
                if (store == stores.end()) return {false, "there is no stock store '" + a.store + "'"};
                const StockStoreId store_id = store->id; // each edit rebuilds the snapshot
                EditResult r;
                switch (a.action) {
                case DrillStockAction::Receive:
                    r = session_.receive_stock(a.bag_kind, a.quantity, store_id, a.supplier,
                                               "Drill delivery");
                    if (r.ok && r.message.empty())
                        r.message = std::to_string(a.quantity) + " " + a.bag_kind + " bags received.";
                    return r;
                case DrillStockAction::WriteOff:
                    r = session_.write_off_stock(a.bag_kind, a.quantity, store_id, a.reason, {});
                    if (r.ok && r.message.empty())
                        r.message = std::to_string(a.quantity) + " " + a.bag_kind + " bags written off.";
                    return r;
                case DrillStockAction::Issue:
                    for (const std::string& tag : a.tags) {
                        const auto id = person_id(tag, problem);
                        if (!id) return {false, problem};
                        r = session_.issue_bag(*id, a.bag_kind, store_id);
                        if (!r.ok) return {false, tag + ": " + r.message};
                    }
                    return {true, std::to_string(a.tags.size()) + " " + a.bag_kind + " bags issued."};
                }
                return {false, "unknown stock movement"};
            } else if constexpr (std::is_same_v<T, DrillProcedureAction>) {
                for (const std::string& id : a.ids) {
                    const EditResult r = session_.record_action(id, a.outcome, a.reason);
                    if (!r.ok) return {false, id + ": " + r.message};
                }
                return {true, std::to_string(a.ids.size()) + " procedure action" +
                                  (a.ids.size() == 1 ? "" : "s") +
                                  (a.outcome == ActionOutcome::Done ? " done." : " not applicable.")};
            } else if constexpr (std::is_same_v<T, DrillReviseExpected>) {
                EditResult r = session_.revise_expected(a.expected, a.reason);
                if (r.ok && r.message.empty())
                    r.message = "Expected number revised to " + std::to_string(a.expected) + ".";
                return r;
            } else if constexpr (std::is_same_v<T, DrillRaiseTier>) {
                EditResult r = session_.raise_tier(a.tier, a.reason);
                if (r.ok && r.message.empty())
                    r.message = "Tier raised to " + std::string(tier_label(a.tier)) + ".";
                return r;
            }
        },
        event.action);
}

DrillRunResult DrillRunner::run(const DrillScript& script,
                                const std::function<void(const DrillEventOutcome&)>& on_event) {
    DrillRunResult result;
    const auto where = [&](std::uint32_t line, std::uint32_t column) {
        return script.file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    };
    move_clock_to(script.start);
    ActivationForm form;
    form.name = script.name;
    form.expected_people = script.expected;
    form.tier = script.tier;
    EditResult activated = session_.activate(form);
    if (!activated.ok) {
        result.failure = where(1, 1) + "the centre could not be activated: " + activated.message;
        return result;
    }
    if (on_event) {
        const OperationSnapshot& op = session_.operation();
        on_event({nullptr, "Activated " + op.name + ": " + std::string(tier_label(op.tier)) + " centre for " +
                               std::to_string(op.expected_people) + " expected."});
    }
    for (const DrillEvent& event : script.events) {
        move_clock_to(event.at);
        EditResult r = apply(event);
        if (!r.ok) {
            result.failure = where(event.line, event.column) + std::string(drill_action_key(event.action)) +
                             " at " + event.when + " was refused: " + r.message;
            return result;
        }
        ++result.events_run;
        if (on_event) on_event({&event, r.message});
    }
    move_clock_to(script.end);
    return result;
}

} // namespace rc::app
