#pragma once
#include "ui/screen.hpp"

namespace rc::ui {

// Decisions and referrals per person (placeholder until the referrals issue).
class ReferralsScreen final : public Screen {
public:
    const char* id() const override { return "referrals"; }
    const char* title() const override { return "Referrals"; }
    void draw(ScreenContext& ctx) override;
};

} // namespace rc::ui
