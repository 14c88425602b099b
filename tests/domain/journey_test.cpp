#include "domain/journey.hpp"

#include <doctest/doctest.h>

using namespace rc;

namespace {

JourneyEvent event(JourneyStep step, UnixSeconds at, std::optional<Destination> to = std::nullopt) {
    return JourneyEvent{step, at, to, {}};
}

} // namespace

TEST_CASE("before arrival only arrival is allowed") {
    CHECK(allowed_next_steps({}) == std::vector<JourneyStep>{JourneyStep::Arrived});
    CHECK(journey_step_problem({}, event(JourneyStep::Interviewed, 10)).has_value());
    CHECK_FALSE(journey_step_problem({}, event(JourneyStep::Arrived, 10)).has_value());
}

TEST_CASE("on site: the milestones not yet recorded, a temporary exit or departure") {
    std::vector<JourneyEvent> j{event(JourneyStep::Arrived, 100)};
    CHECK(allowed_next_steps(j) ==
          std::vector<JourneyStep>{JourneyStep::WelfareCheckDone, JourneyStep::Interviewed,
                                   JourneyStep::DecisionRecorded, JourneyStep::TemporaryExit,
                                   JourneyStep::Departed});
    j.push_back(event(JourneyStep::WelfareCheckDone, 200));
    CHECK(allowed_next_steps(j) ==
          std::vector<JourneyStep>{JourneyStep::Interviewed, JourneyStep::DecisionRecorded,
                                   JourneyStep::TemporaryExit, JourneyStep::Departed});
    CHECK(journey_step_problem(j, event(JourneyStep::WelfareCheckDone, 300)) ==
          "Welfare check done is already recorded");
    CHECK(journey_step_problem(j, event(JourneyStep::Arrived, 300)) == "the person has already arrived");
    CHECK(journey_step_problem(j, event(JourneyStep::Returned, 300)) ==
          "Returned needs a temporary exit first");
}

TEST_CASE("a return only after a temporary exit; while out only return or departure") {
    std::vector<JourneyEvent> j{event(JourneyStep::Arrived, 100), event(JourneyStep::TemporaryExit, 200)};
    CHECK(allowed_next_steps(j) == std::vector<JourneyStep>{JourneyStep::Returned, JourneyStep::Departed});
    CHECK(journey_step_problem(j, event(JourneyStep::Interviewed, 250)).has_value());
    CHECK(journey_step_problem(j, event(JourneyStep::TemporaryExit, 250)).has_value());
    JourneySummary s = summarise_journey(j);
    CHECK(s.temporarily_out);
    CHECK_FALSE(s.on_site);
    j.push_back(event(JourneyStep::Returned, 300));
    s = summarise_journey(j);
    CHECK(s.on_site);
    CHECK_FALSE(s.temporarily_out);
    // Several exits and returns are fine.
    j.push_back(event(JourneyStep::TemporaryExit, 400));
    j.push_back(event(JourneyStep::Returned, 500));
    CHECK_FALSE(journey_problem(j).has_value());
}

TEST_CASE("nothing after departure; departure needs a destination; time does not go backwards") {
    std::vector<JourneyEvent> j{event(JourneyStep::Arrived, 100)};
    CHECK(journey_step_problem(j, event(JourneyStep::Departed, 200)) == "a departure needs a destination");
    CHECK(journey_step_problem(j, event(JourneyStep::Interviewed, 200, Destination::Home)) ==
          "only a departure or a temporary exit has a destination");
    CHECK(journey_step_problem(j, event(JourneyStep::Interviewed, 50)).has_value());
    j.push_back(event(JourneyStep::Departed, 200, Destination::SafeAccommodation));
    CHECK(allowed_next_steps(j).empty());
    CHECK(journey_step_problem(j, event(JourneyStep::Departed, 300, Destination::Home)) ==
          "Departed cannot be recorded after the person has departed");
    const JourneySummary s = summarise_journey(j);
    CHECK(s.departed);
    CHECK_FALSE(s.on_site);
    CHECK(s.destination == Destination::SafeAccommodation);
    CHECK(s.departed_at == 200);
}

TEST_CASE("journey_problem names the first bad event") {
    const std::vector<JourneyEvent> j{event(JourneyStep::Arrived, 100), event(JourneyStep::Interviewed, 200),
                                      event(JourneyStep::Interviewed, 300)};
    CHECK(journey_problem(j) == "event 3: Interviewed is already recorded");
    CHECK(journey_problem({event(JourneyStep::WelfareCheckDone, 1)}) ==
          "event 1: Welfare check done cannot be recorded before the person has arrived");
}

TEST_CASE("time in centre runs from arrival to departure, or to now") {
    std::vector<JourneyEvent> j;
    CHECK(time_in_centre(j, 1000) == 0);
    j.push_back(event(JourneyStep::Arrived, 1000));
    CHECK(time_in_centre(j, 4600) == 3600);
    j.push_back(event(JourneyStep::TemporaryExit, 2000));
    CHECK(time_in_centre(j, 4600) == 3600);
    j.push_back(event(JourneyStep::Departed, 3000, Destination::Hospital));
    CHECK(time_in_centre(j, 999999) == 2000);
}

TEST_CASE("destinations from ids and labels") {
    for (Destination d : all_destinations) {
        CHECK(parse_destination(destination_id(d)) == d);
        CHECK(parse_destination(destination_label(d)) == d);
    }
    CHECK(parse_destination("Left-of-own-accord") == Destination::LeftOfOwnAccord);
    CHECK_FALSE(parse_destination("abroad"));
    for (JourneyStep s : all_journey_steps)
        CHECK(journey_step_from_id(journey_step_id(s)) == s);
}
