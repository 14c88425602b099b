#pragma once
// The support bag part of the arrivals desk's person panel: the bags the person holds, and issuing
// one with a keystroke — Ctrl+B gives the kind that fits them (the procedure's kind for their sex and
// age) from the centre's store; another kind or store is one choice away. Ctrl+B issues only to
// someone who holds no bag yet, so a repeated keystroke never hands out a second one.
#include "ui/screen.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace rc::ui {

class BagIssuePanel {
public:
    // Draws the panel for the person; true when a bag was issued (the snapshots changed).
    bool draw(ScreenContext& ctx, std::int64_t person);
    const std::string& message() const { return message_; }

    static constexpr const char* kIssueAnother = "Issue this kind##bag_issue_other";
    static constexpr const char* kOtherKind = "##bag_other_kind";

private:
    void refresh(ScreenContext& ctx, std::int64_t person);
    bool issue(ScreenContext& ctx, std::int64_t person, const std::string& kind);

    // The suggestion is read from the store: only when the person or the data change.
    std::optional<std::int64_t> person_;
    std::uint64_t people_version_ = UINT64_MAX;
    std::uint64_t stock_version_ = UINT64_MAX;
    BagKindSuggestion suggestion_;
    std::string suggestion_name_;
    std::string issue_label_; // "Issue bag: Adult (female) (Ctrl+B)"
    std::string holds_text_;  // "Holds Adult (female) (14:05)"
    std::string other_kind_;  // the kind chosen in "Another kind"
    StockStoreId from_ = 1;   // the store bags are issued from
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
