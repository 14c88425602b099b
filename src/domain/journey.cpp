#include "domain/journey.hpp"

#include "domain/text_match.hpp"

#include <algorithm>

namespace rc {

namespace {

// Lower case, with spaces and hyphens as underscores, so labels match ids.
std::string normalise_id(std::string_view text) {
    std::string out = to_lower_ascii(trim_space(text));
    for (char& c : out)
        if (c == ' ' || c == '-') c = '_';
    return out;
}

bool has_step(const std::vector<JourneyEvent>& events, JourneyStep step) {
    return std::any_of(events.begin(), events.end(), [&](const JourneyEvent& e) { return e.step == step; });
}

} // namespace

std::string_view journey_step_id(JourneyStep s) {
    switch (s) {
    case JourneyStep::Arrived:
        return "arrived";
    case JourneyStep::WelfareCheckDone:
        return "welfare_check_done";
    case JourneyStep::Interviewed:
        return "interviewed";
    case JourneyStep::DecisionRecorded:
        return "decision_recorded";
    case JourneyStep::TemporaryExit:
        return "temporary_exit";
    case JourneyStep::Returned:
        return "returned";
    case JourneyStep::Departed:
        return "departed";
    }
    return "arrived";
}

std::string_view journey_step_label(JourneyStep s) {
    switch (s) {
    case JourneyStep::Arrived:
        return "Arrived";
    case JourneyStep::WelfareCheckDone:
        return "Welfare check done";
    case JourneyStep::Interviewed:
        return "Interviewed";
    case JourneyStep::DecisionRecorded:
        return "Decision recorded";
    case JourneyStep::TemporaryExit:
        return "Temporary exit";
    case JourneyStep::Returned:
        return "Returned";
    case JourneyStep::Departed:
        return "Departed";
    }
    return "Arrived";
}

std::optional<JourneyStep> journey_step_from_id(std::string_view id) {
    for (JourneyStep s : all_journey_steps)
        if (journey_step_id(s) == id) return s;
    return std::nullopt;
}

std::string_view destination_id(Destination d) {
    switch (d) {
    case Destination::SafeAccommodation:
        return "safe_accommodation";
    case Destination::Hospital:
        return "hospital";
    case Destination::Home:
        return "home";
    case Destination::WithPolice:
        return "with_police";
    case Destination::LeftOfOwnAccord:
        return "left_of_own_accord";
    case Destination::Other:
        return "other";
    case Destination::PoliceProtection:
        return "police_protection";
    case Destination::ChildrensServicesPlacement:
        return "childrens_services_placement";
    case Destination::DetainedImmigration:
        return "detained_immigration";
    case Destination::Arrested:
        return "arrested";
    case Destination::HospitalTemporary:
        return "hospital_temporary";
    case Destination::Missing:
        return "missing";
    }
    return "other";
}

bool destination_is_temporary(Destination d) {
    return d == Destination::HospitalTemporary;
}

std::string_view destination_label(Destination d) {
    switch (d) {
    case Destination::SafeAccommodation:
        return "Safe accommodation";
    case Destination::Hospital:
        return "Hospital";
    case Destination::Home:
        return "Home";
    case Destination::WithPolice:
        return "With police";
    case Destination::LeftOfOwnAccord:
        return "Left of own accord";
    case Destination::Other:
        return "Other";
    case Destination::PoliceProtection:
        return "Police protection";
    case Destination::ChildrensServicesPlacement:
        return "Children's services placement";
    case Destination::DetainedImmigration:
        return "Detained (immigration)";
    case Destination::Arrested:
        return "Arrested";
    case Destination::HospitalTemporary:
        return "Hospital (temporary)";
    case Destination::Missing:
        return "Missing";
    }
    return "Other";
}

std::optional<Destination> parse_destination(std::string_view text) {
    const std::string wanted = normalise_id(text);
    for (Destination d : all_destinations)
        if (destination_id(d) == wanted || equals_ignore_case(trim_space(text), destination_label(d)))
            return d;
    return std::nullopt;
}

JourneySummary summarise_journey(const std::vector<JourneyEvent>& events) {
    JourneySummary s;
    for (const JourneyEvent& e : events) {
        s.last_step = e.step;
        switch (e.step) {
        case JourneyStep::Arrived:
            s.arrived = true;
            s.on_site = true;
            if (!s.arrived_at) s.arrived_at = e.at;
            break;
        case JourneyStep::WelfareCheckDone:
            s.welfare_check_done = true;
            break;
        case JourneyStep::Interviewed:
            s.interviewed = true;
            break;
        case JourneyStep::DecisionRecorded:
            s.decision_recorded = true;
            break;
        case JourneyStep::TemporaryExit:
            s.temporarily_out = true;
            s.on_site = false;
            break;
        case JourneyStep::Returned:
            s.temporarily_out = false;
            s.on_site = !s.departed;
            break;
        case JourneyStep::Departed:
            s.departed = true;
            s.on_site = false;
            s.temporarily_out = false;
            s.departed_at = e.at;
            s.destination = e.destination;
            break;
        }
    }
    return s;
}

std::vector<JourneyStep> allowed_next_steps(const std::vector<JourneyEvent>& events) {
    const JourneySummary s = summarise_journey(events);
    if (!s.arrived) return {JourneyStep::Arrived};
    if (s.departed) return {};
    if (s.temporarily_out) return {JourneyStep::Returned, JourneyStep::Departed};
    std::vector<JourneyStep> out;
    for (JourneyStep step :
         {JourneyStep::WelfareCheckDone, JourneyStep::Interviewed, JourneyStep::DecisionRecorded})
        if (!has_step(events, step)) out.push_back(step);
    out.push_back(JourneyStep::TemporaryExit);
    out.push_back(JourneyStep::Departed);
    return out;
}

std::optional<std::string> journey_step_problem(const std::vector<JourneyEvent>& events,
                                                const JourneyEvent& next) {
    const JourneySummary s = summarise_journey(events);
    const std::vector<JourneyStep> allowed = allowed_next_steps(events);
    if (std::find(allowed.begin(), allowed.end(), next.step) == allowed.end()) {
        const std::string step(journey_step_label(next.step));
        if (!s.arrived) return step + " cannot be recorded before the person has arrived";
        if (s.departed) return step + " cannot be recorded after the person has departed";
        if (next.step == JourneyStep::Arrived) return "the person has already arrived";
        if (next.step == JourneyStep::Returned) return "Returned needs a temporary exit first";
        if (s.temporarily_out)
            return step + " cannot be recorded while the person is out: record their return first";
        return step + " is already recorded";
    }
    if (next.step == JourneyStep::Departed && !next.destination) return "a departure needs a destination";
    if (next.step == JourneyStep::Departed && destination_is_temporary(*next.destination))
        return std::string(destination_label(*next.destination)) +
               " is a temporary exit: record it as one, and the person stays on the roll";
    if (next.step == JourneyStep::TemporaryExit && next.destination &&
        !destination_is_temporary(*next.destination))
        return "a temporary exit can go only to a temporary destination (hospital, temporary); " +
               std::string(destination_label(*next.destination)) + " is a departure";
    if (next.step != JourneyStep::Departed && next.step != JourneyStep::TemporaryExit && next.destination)
        return "only a departure or a temporary exit has a destination";
    if (!events.empty() && next.at < events.back().at)
        return std::string(journey_step_label(next.step)) + " is earlier than the step before it (" +
               std::string(journey_step_label(events.back().step)) + ")";
    return std::nullopt;
}

std::optional<std::string> journey_problem(const std::vector<JourneyEvent>& events) {
    std::vector<JourneyEvent> so_far;
    so_far.reserve(events.size());
    for (const JourneyEvent& e : events) {
        if (auto problem = journey_step_problem(so_far, e))
            return "event " + std::to_string(so_far.size() + 1) + ": " + *problem;
        so_far.push_back(e);
    }
    return std::nullopt;
}

UnixSeconds time_in_centre(const std::vector<JourneyEvent>& events, UnixSeconds now) {
    const JourneySummary s = summarise_journey(events);
    if (!s.arrived_at) return 0;
    const UnixSeconds end = s.departed_at ? *s.departed_at : now;
    return end > *s.arrived_at ? end - *s.arrived_at : 0;
}

} // namespace rc
