#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// The centre at a glance, for the coordinator.
class DashboardScreen final : public Screen {
public:
    const char* id() const override { return "dashboard"; }
    const char* title() const override { return "Dashboard"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
