#include "ui/screens/procedure_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void ProcedureScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("The partnership's agreed procedure for a centre of this size, step by step, and how the "
                "centre is keeping to it.",
                {"The phases: activation, set-up, reception, welfare, interviews and decisions, referrals "
                 "and onward movement, stand-down, debrief.",
                 "Each action with the partner who owns it and when it is due, marked done, late or skipped "
                 "(with the reason).",
                 "The procedure file in use, its version and who owns it."});
}

} // namespace rc::ui
