#include "ui/screens/debrief_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void DebriefScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("After stand-down: what happened at the centre, for the partnership's review and the "
                "council's performance figures.",
                {"People received (adults, children) and how long they were in the centre.",
                 "Decisions and referrals made and by whom; Duty to Notify reports.",
                 "Bags issued and stock left; partner attendance.",
                 "How the centre kept to the agreed procedure: steps done, late or skipped, and why.",
                 "An export that is pseudonymised by default."});
}

} // namespace rc::ui
