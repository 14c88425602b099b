#pragma once
// Replays a checked drill (domain/drill_script.hpp) against a centre through the same service API the
// window uses: the session activates the centre, imports rolls, checks people in, records decisions,
// referrals, departures, staff and stock, each with the simulated clock set to the event's time. Then the
// clock is set to the drill's end, where the alerts and the debrief are taken.
#include "app/store_session.hpp"
#include "domain/clock.hpp"
#include "domain/drill_script.hpp"

#include <functional>
#include <optional>
#include <string>

namespace rc::app {

struct DrillEventOutcome {
    const DrillEvent* event = nullptr; // nullptr for the activation at the start
    std::string message;               // what the session said ("Checked in as OP-0001-015.")
};

struct DrillRunResult {
    std::size_t events_run = 0;
    // Set when the session refused an event: "file:line:column: depart 'T004': ..." (the events before
    // it were recorded).
    std::optional<std::string> failure;
    bool ok() const { return !failure; }
};

class DrillRunner {
public:
    // The session must be signed in as a coordinator on a centre that is not activated yet; `clock` is
    // the one the session was made with.
    DrillRunner(StoreSession& session, ManualClock& clock) : session_(session), clock_(clock) {}

    // Activates at the drill's start, replays every event in time order and stops at the first refusal;
    // leaves the clock at the drill's end (or at the refused event). `on_event` hears each outcome.
    DrillRunResult run(const DrillScript& script,
                       const std::function<void(const DrillEventOutcome&)>& on_event = {});

private:
    // Sets the clock and lets the session catch up with it (actions and referrals turning overdue).
    void move_clock_to(UnixSeconds at);
    EditResult apply(const DrillEvent& event);
    // The person with this tag in the people snapshot, or nullopt with `problem` set.
    std::optional<std::int64_t> person_id(const std::string& tag, std::string& problem) const;
    const PersonRow* person_row(const std::string& tag) const;

    StoreSession& session_;
    ManualClock& clock_;
};

} // namespace rc::app
