#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// Shown instead of the main screens while the session is not open: first run (create the centre and
// its first coordinator), sign-in, and the lock screen. It shows nothing personal: no names of people
// received or of staff, no log. The forms arrive with the store; until then it says what will be here.
class GateScreen final : public Screen {
public:
    const char* id() const override { return "gate"; }
    const char* title() const override { return "Sign in"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
