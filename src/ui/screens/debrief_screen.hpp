#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// The debrief after stand-down (placeholder until the debrief issue).
class DebriefScreen final : public Screen {
public:
    const char* id() const override { return "debrief"; }
    const char* title() const override { return "Debrief"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
