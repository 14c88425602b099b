#pragma once
#include "ui/screen.hpp"
#include "ui/screens/activation_panel.hpp"
#include "ui/screens/venues_panel.hpp"

#include <optional>
#include <string>

namespace rc::ui {

// The centre at a glance, for the coordinator: on standby, the activation step; once open, the
// status, size and clock of the operation, what the procedure says is overdue, and the controls to
// raise the tier, stand down and close (each confirmed). A second tab holds the venue register.
class DashboardScreen final : public Screen {
public:
    const char* id() const override { return "dashboard"; }
    const char* title() const override { return "Dashboard"; }
    void draw(ScreenContext& ctx) override;

    static constexpr const char* kRaiseTier = "Raise the tier\u2026";
    static constexpr const char* kTierReason = "##tier_reason";
    static constexpr const char* kTierSave = "Raise to this tier";
    static constexpr const char* kStandDown = "Stand down\u2026";
    static constexpr const char* kReopen = "Reopen";
    static constexpr const char* kClose = "Close the centre\u2026";
    static constexpr const char* kConfirmStatus = "Yes, change the status";

private:
    void draw_overview(ScreenContext& ctx);
    void draw_charts(ScreenContext& ctx);
    void draw_alerts(ScreenContext& ctx);
    void draw_tier_controls(ScreenContext& ctx);
    void draw_status_controls(ScreenContext& ctx);

    ActivationPanel activation_;
    VenuesPanel venues_;
    bool raising_tier_ = false;
    Tier new_tier_ = Tier::Large;
    std::string tier_reason_;
    std::optional<CentreStatus> confirm_status_;
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
