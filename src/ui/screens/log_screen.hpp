#pragma once
#include "ui/screen.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace rc::ui {

// The centre's activity log: timestamped notes of what happened (like ICS 214). Entries are added
// through the session; the table is drawn from cached rows rebuilt only when the log's version changes.
class LogScreen final : public Screen {
public:
    const char* id() const override { return "log"; }
    const char* title() const override { return "Log"; }
    void draw(ScreenContext& ctx) override;
    void on_shown(ScreenContext& ctx) override;

    static constexpr const char* kEntryField = "##new_log_entry";
    static constexpr const char* kAddButton = "Add to log";

    // For tests: how many times the cached rows were rebuilt.
    std::uint64_t cache_rebuilds() const { return cache_rebuilds_; }

private:
    struct Row {
        std::size_t entry_index; // into the snapshot's entries, valid for cached_version_
        std::string time;        // local time, formatted once
    };

    void submit(ScreenContext& ctx);
    void refresh_rows(const app::LogSnapshot& log);

    std::string draft_;
    std::string message_;
    bool message_is_error_ = false;
    bool focus_field_ = false;
    std::uint64_t cached_version_ = UINT64_MAX;
    std::uint64_t cache_rebuilds_ = 0;
    std::vector<Row> rows_;
};

} // namespace rc::ui
