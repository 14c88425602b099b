#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// The agreed procedure's steps for this centre (placeholder).
class ProcedureScreen final : public Screen {
public:
    const char* id() const override { return "procedure"; }
    const char* title() const override { return "Procedure"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
