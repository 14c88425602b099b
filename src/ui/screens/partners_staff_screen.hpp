#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// Who is on site, from which organisation, in which role (placeholder).
class PartnersStaffScreen final : public Screen {
public:
    const char* id() const override { return "partners"; }
    const char* title() const override { return "Partners & staff"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
