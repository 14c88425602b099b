#pragma once
// Colours and sizes. Called after the fonts change: resets the style, applies the theme, then
// ScaleAllSizes so paddings and spacing grow with the text and the monitor's scale.
#include "app/settings.hpp"

namespace rc::ui {

// `scale`: the factor for the style's sizes (1.0 at the default text size on a 1x monitor).
void apply_theme(app::Theme theme, float scale);

// Colours the screens use for meaning (not decoration), matched to the theme.
struct Palette {
    float ok[4];      // saved, done
    float warning[4]; // not saved, due soon
    float danger[4];  // failed, overdue
};
const Palette& palette();

} // namespace rc::ui
