#include "ui/screens/partners_staff_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void PartnersStaffScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("Who is on site, from which organisation and in which role, with the times they came and "
                "went (an incident check-in list, like ICS 211).",
                {"Staff and volunteers checked in and out, with their role and organisation.",
                 "The partners the procedure calls out (police, council, British Red Cross, The Salvation "
                 "Army, NHS, interpreters, NGOs): called, expected, arrived.",
                 "Whether each volunteer has had the \u201cintroduction to modern slavery\u201d training.",
                 "The contacts from the agreed procedure, in call-out order."});
}

} // namespace rc::ui
