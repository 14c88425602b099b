#pragma once
#include "domain/alert_fold.hpp"
#include "ui/screen.hpp"
#include "ui/screens/activation_panel.hpp"
#include "ui/screens/venues_panel.hpp"

#include <optional>
#include <string>
#include <vector>

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
    static constexpr const char* kReviseExpected = "Revise the expected number\u2026";
    static constexpr const char* kExpectedNumber = "##expected_number";
    static constexpr const char* kExpectedReason = "##expected_reason";
    static constexpr const char* kExpectedSave = "Save the expected number";

    bool wants_key(int key, bool ctrl) const override;
    // For tests: the alert list as drawn (folded lines and the alerts shown).
    const std::vector<AlertListRow>& alert_rows() const { return rows_; }
    bool raising_tier() const { return raising_tier_; }

private:
    void draw_overview(ScreenContext& ctx);
    void draw_charts(ScreenContext& ctx);
    void draw_alerts(ScreenContext& ctx);
    void draw_tier_controls(ScreenContext& ctx);
    void draw_status_controls(ScreenContext& ctx);
    void draw_expected_controls(ScreenContext& ctx);
    void rebuild_alert_rows(ScreenContext& ctx);
    void open_raise_tier(ScreenContext& ctx, std::optional<Tier> to);
    void toggle_kind(ScreenContext& ctx, AlertKind kind);

    ActivationPanel activation_;
    VenuesPanel venues_;
    bool raising_tier_ = false;
    bool focus_tier_reason_ = false;
    Tier new_tier_ = Tier::Large;
    std::string tier_reason_;
    std::optional<CentreStatus> confirm_status_;
    bool revising_expected_ = false;
    int expected_ = 0;
    std::string expected_reason_;
    std::vector<AlertListRow> rows_; // the folded alert list, rebuilt when the alerts or the fold change
    std::uint64_t rows_version_ = ~std::uint64_t{0};
    std::vector<std::string> rows_open_;
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
