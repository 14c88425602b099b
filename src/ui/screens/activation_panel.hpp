#pragma once
// The Dashboard's first step while the centre is on standby: the coordinator names the operation,
// says how many people are expected and when; the console proposes the tier from the procedure and
// the venues that fit; confirming pins the procedure and opens the centre. A procedure with problems
// is shown with its file:line:column messages and activation stays disabled.
#include "ui/screen.hpp"

#include <optional>
#include <string>

namespace rc::ui {

class ActivationPanel {
public:
    void draw(ScreenContext& ctx);

    static constexpr const char* kName = "Operation name##activation_name";
    static constexpr const char* kExpected = "People expected##activation_expected";
    static constexpr const char* kArrival = "Expected arrival (HH:MM)##activation_arrival";
    static constexpr const char* kActivate = "Activate the centre\u2026";
    static constexpr const char* kConfirmDialog = "Activate the centre?###confirm_activation";
    static constexpr const char* kConfirm = "Activate now";

private:
    void update_preview(ScreenContext& ctx);
    void draw_confirmation(ScreenContext& ctx);

    bool initialised_ = false;
    std::string name_;
    int expected_ = 0;
    int previewed_expected_ = -1;
    std::string arrival_;
    std::string venue_;        // chosen venue name, empty: none
    std::optional<Tier> tier_; // chosen tier; empty: the proposed one
    app::ActivationPreview preview_;
    std::uint64_t previewed_operation_version_ = 0;
    std::string message_;
    bool open_confirm_ = false;
};

} // namespace rc::ui
