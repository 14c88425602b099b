#pragma once
// A person's journey through the centre: arrival, the welfare check, the interview, the decision,
// temporary exits and returns, and departure with a destination. Each step is an event with a time;
// the rules say which step may come next, so a screen offers only those and a bad import is refused.
#include "domain/clock.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Ids in parentheses are stable (database, import files).
enum class JourneyStep {
    Arrived,          // (arrived) always the first event, once
    WelfareCheckDone, // (welfare_check_done) once
    Interviewed,      // (interviewed) once
    DecisionRecorded, // (decision_recorded) once
    TemporaryExit,    // (temporary_exit) e.g. to hospital for a check, expected back; may carry a
                      // temporary destination (hospital_temporary)
    Returned,         // (returned) back from a temporary exit
    Departed,         // (departed) with a destination; nothing follows it
};
inline constexpr std::array<JourneyStep, 7> all_journey_steps{
    JourneyStep::Arrived,          JourneyStep::WelfareCheckDone, JourneyStep::Interviewed,
    JourneyStep::DecisionRecorded, JourneyStep::TemporaryExit,    JourneyStep::Returned,
    JourneyStep::Departed};
std::string_view journey_step_id(JourneyStep s);
std::string_view journey_step_label(JourneyStep s); // "Welfare check done"
std::optional<JourneyStep> journey_step_from_id(std::string_view id);

enum class Destination {
    SafeAccommodation,          // (safe_accommodation)
    Hospital,                   // (hospital) admitted: leaves the roll
    Home,                       // (home)
    WithPolice,                 // (with_police)
    LeftOfOwnAccord,            // (left_of_own_accord)
    Other,                      // (other)
    PoliceProtection,           // (police_protection) a child taken into police protection
    ChildrensServicesPlacement, // (childrens_services_placement)
    DetainedImmigration,        // (detained_immigration) detained by Immigration Enforcement
    Arrested,                   // (arrested)
    HospitalTemporary,          // (hospital_temporary) a temporary exit: stays on the roll
    Missing,                    // (missing) gone without anyone knowing where: report at once
};
inline constexpr std::array<Destination, 12> all_destinations{Destination::SafeAccommodation,
                                                              Destination::ChildrensServicesPlacement,
                                                              Destination::PoliceProtection,
                                                              Destination::WithPolice,
                                                              Destination::Hospital,
                                                              Destination::HospitalTemporary,
                                                              Destination::Home,
                                                              Destination::LeftOfOwnAccord,
                                                              Destination::Missing,
                                                              Destination::DetainedImmigration,
                                                              Destination::Arrested,
                                                              Destination::Other};
// A destination that is a temporary exit (the person stays on the roll): recorded with the temporary
// exit step, never with a departure.
bool destination_is_temporary(Destination d);
std::string_view destination_id(Destination d);
std::string_view destination_label(Destination d); // "Left of own accord"
// An id or a label, case-insensitive; spaces and hyphens count as underscores ("with police").
std::optional<Destination> parse_destination(std::string_view text);

struct JourneyEvent {
    JourneyStep step = JourneyStep::Arrived;
    UnixSeconds at = 0;
    std::optional<Destination> destination; // Departed: where to; TemporaryExit: a temporary one, if any
    std::string note;                       // may be personal: never log it
};

// What the events add up to.
struct JourneySummary {
    bool arrived = false;
    bool on_site = false;         // arrived, not departed, not out on a temporary exit
    bool temporarily_out = false; // on a temporary exit, not returned yet
    bool departed = false;
    bool welfare_check_done = false;
    bool interviewed = false;
    bool decision_recorded = false;
    std::optional<UnixSeconds> arrived_at;
    std::optional<UnixSeconds> departed_at;
    std::optional<Destination> destination;
    std::optional<JourneyStep> last_step;
};
JourneySummary summarise_journey(const std::vector<JourneyEvent>& events);

// The steps that may be recorded next, in all_journey_steps order: Arrived first; then, on site, the
// milestones not yet recorded, a temporary exit and departure; while out, a return or departure;
// nothing after departure.
std::vector<JourneyStep> allowed_next_steps(const std::vector<JourneyEvent>& events);

// Why `next` cannot follow `events` (a sentence for the screen), or nullopt when it can. Besides the
// order, a departure needs a destination that is not temporary, a temporary exit may carry only a
// temporary one, no other step has one, and time cannot go backwards.
std::optional<std::string> journey_step_problem(const std::vector<JourneyEvent>& events,
                                                const JourneyEvent& next);

// The first problem in a whole sequence of events, naming the event (1-based), or nullopt.
std::optional<std::string> journey_problem(const std::vector<JourneyEvent>& events);

// Seconds from arrival to departure, or to `now` while the person has not departed (temporary exits
// included: the clock measures how long the centre has had them); 0 before arrival.
UnixSeconds time_in_centre(const std::vector<JourneyEvent>& events, UnixSeconds now);

} // namespace rc
