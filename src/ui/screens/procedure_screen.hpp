#pragma once
#include "ui/screen.hpp"

#include <cstdint>
#include <string>

namespace rc::ui {

// The agreed procedure pinned at activation: its actions at the centre's tier, grouped by phase, with
// the lead partner, the due time and the status (to do, overdue, done by whom and when, not applicable
// and why). Keyboard: arrows move between actions, Ctrl+D marks the selected one done, Ctrl+K marks it
// not applicable (a reason is asked for), Ctrl+Z puts it back to do. Above them, each referral type's
// deadline as the procedure sets it.
class ProcedureScreen final : public Screen {
public:
    const char* id() const override { return "procedure"; }
    const char* title() const override { return "Procedure"; }
    void draw(ScreenContext& ctx) override;

    static constexpr const char* kMarkDone = "Mark done (Ctrl+D)";
    static constexpr const char* kNotApplicable = "Not applicable\u2026 (Ctrl+K)";
    static constexpr const char* kReopen = "Back to do (Ctrl+Z)";
    static constexpr const char* kReasonField = "##not_applicable_reason";
    static constexpr const char* kReasonSave = "Save as not applicable";
    static constexpr const char* kOverdueOnly = "Open and overdue only";
    static constexpr const char* kDeadlines = "Referral deadlines (from the procedure)";

    // The selected action's id (tests select by id).
    const std::string& selected() const { return selected_; }
    void select(std::string id) { selected_ = std::move(id); }
    void focus(const AlertTarget& target) override {
        if (target.kind == AlertTargetKind::Action) select(target.key);
    }

private:
    void draw_actions(ScreenContext& ctx);
    void draw_referral_deadlines(const Procedure& p);
    void draw_selected_controls(ScreenContext& ctx);
    void apply(ScreenContext& ctx, const app::EditResult& r, const char* done_text);

    std::string selected_;
    bool asking_reason_ = false;
    bool focus_reason_ = false;
    bool open_only_ = false;
    std::string reason_;
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
