#pragma once
// The demo operation's people: three arrival waves (a bus, a van, a car), each person as one line with
// what has happened to them so far. Made up; used by `reception-console demo` only.
#include "domain/journey.hpp"
#include "domain/person.hpp"

#include <string>
#include <vector>

namespace rc::cli::demo {

// One person of the demo, and what has happened to them so far, in minutes after their wave arrived
// (-1: not yet). Built with the setters below so that each person reads as one line.
struct DemoPerson {
    std::string tag;
    std::string name;
    Sex sex = Sex::Unknown;
    int age = -1; // the age they gave; -1: not known
    bool age_disputed = false;
    std::string nationality;
    std::vector<std::string> languages;
    bool interpreter = true;
    ExploitationTypes exploitation{ExploitationType::Labour};
    ForcedLabourIndicators indicators;
    std::string medical;
    std::string diet;
    std::string property;
    int welfare = -1;
    int interview = -1;
    int decision = -1;
    NrmConsentAnswer consent;
    int departed = -1;
    Destination destination = Destination::SafeAccommodation;
    bool bag = true; // a bag issued at the welfare check

    DemoPerson& speaks_english() {
        languages.push_back("en");
        interpreter = false;
        return *this;
    }
    DemoPerson& disputed() {
        age_disputed = true;
        return *this;
    }
    DemoPerson& exploited(ExploitationTypes types, ForcedLabourIndicators seen) {
        exploitation = types;
        indicators = seen;
        return *this;
    }
    DemoPerson& needs(std::string medical_needs, std::string diet_text = {}) {
        medical = std::move(medical_needs);
        diet = std::move(diet_text);
        return *this;
    }
    DemoPerson& eats(std::string diet_text) {
        diet = std::move(diet_text);
        return *this;
    }
    DemoPerson& holds(std::string held) {
        property = std::move(held);
        return *this;
    }
    DemoPerson& seen(int welfare_check, int interviewed = -1, int decided = -1,
                     NrmConsentAnswer answer = {}) {
        welfare = welfare_check;
        interview = interviewed;
        decision = decided;
        consent = answer;
        return *this;
    }
    DemoPerson& leaves(int minute, Destination where) {
        departed = minute;
        destination = where;
        return *this;
    }
    DemoPerson& no_bag_yet() {
        bag = false;
        return *this;
    }
};

struct DemoWave {
    std::string group;
    int arrives; // minutes after activation
    std::vector<DemoPerson> people;
};

// The three waves, in the order they arrive.
std::vector<DemoWave> demo_waves();

} // namespace rc::cli::demo
