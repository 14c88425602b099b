#include "ui/screens/arrivals_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void ArrivalsScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("Checking people in as they arrive, often in waves (a coach of 12, then a van of 9), by "
                "keyboard, and checking them out when they leave.",
                {"A row per person: centre reference, tag or wristband number, name or alias if given, sex, "
                 "age band or date of birth, nationality, languages and whether an interpreter is needed.",
                 "Urgent medical or access needs, diet, and who each person arrived with (families, groups).",
                 "Anyone under 18, or whose age is disputed, marked as a child.",
                 "Departures: the time each person left and where they went."});
}

} // namespace rc::ui
