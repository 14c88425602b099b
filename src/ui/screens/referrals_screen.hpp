#pragma once
#include "ui/screen.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::ui {

// Everything outstanding about referrals, by person, overdue and contradictory first: what the pinned
// procedure requires for each person, what has been made, what is missing; the person's referrals with
// their status (moved on by buttons, a reason asked for where one is needed), a form to record a new
// one (the first missing type chosen), and the prompt sheet for an NRM or MS1 referral.
class ReferralsScreen final : public Screen {
public:
    const char* id() const override { return "referrals"; }
    const char* title() const override { return "Referrals"; }
    void draw(ScreenContext& ctx) override;
    void focus(const AlertTarget& target) override;

    std::optional<std::int64_t> selected() const { return selected_; }
    void select(std::int64_t person_id);

    static constexpr const char* kNeedsAction = "Needs action only##ref_needs_action";
    static constexpr const char* kSave = "Record the referral";
    static constexpr const char* kMadeBy = "Made by##ref_made_by";
    static constexpr const char* kReceiving = "Receiving organisation##ref_receiving";
    static constexpr const char* kExternalRef = "Their reference##ref_external";
    static constexpr const char* kNotes = "Notes##ref_notes";
    static constexpr const char* kReason = "##status_reason";

private:
    void rebuild_order(ScreenContext& ctx);
    void draw_person(ScreenContext& ctx);
    void draw_form(ScreenContext& ctx, const app::PersonReferrals& p);
    void start_form(const app::PersonReferrals& p);

    bool needs_action_only_ = true;
    std::string search_;
    std::optional<std::int64_t> selected_;
    std::uint64_t cached_version_ = UINT64_MAX;
    bool cached_needs_action_ = true;
    std::string cached_search_;
    std::vector<std::size_t> order_;

    Referral form_;
    std::optional<std::int64_t> form_for_;
    std::optional<std::int64_t> status_for_; // referral whose status change asks for a reason
    ReferralStatus status_to_ = ReferralStatus::Declined;
    std::string status_reason_;
    std::optional<PromptSheet> sheet_;
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
