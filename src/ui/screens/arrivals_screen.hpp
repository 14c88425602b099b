#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// Checking people in and out (placeholder until the arrivals issue).
class ArrivalsScreen final : public Screen {
public:
    const char* id() const override { return "arrivals"; }
    const char* title() const override { return "Arrivals"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
