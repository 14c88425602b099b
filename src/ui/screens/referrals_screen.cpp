#include "ui/screens/referrals_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void ReferralsScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("Each person's decisions and referrals, and what is still missing before they leave.",
                {"National Referral Mechanism referrals (adults must consent; children always), and Duty "
                 "to Notify (MS1) reports, which carry no identifying details.",
                 "Children's services, adult safeguarding, pre-NRM support, safe accommodation, medical "
                 "care, Refuge, legal advice, family tracing.",
                 "For each referral: who made it, to which organisation, when, their reference, and the "
                 "outcome (accepted, declined, withdrawn).",
                 "\u201cUndecided\u201d as a legitimate state: time to reflect, with an interpreter and "
                 "advice."});
}

} // namespace rc::ui
