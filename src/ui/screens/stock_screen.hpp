#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// Emergency support bags (placeholder until the stock issue).
class StockScreen final : public Screen {
public:
    const char* id() const override { return "stock"; }
    const char* title() const override { return "Stock"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
