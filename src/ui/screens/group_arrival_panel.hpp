#pragma once
// Registering a whole vehicle at once ("12 people arrived on bus 1 at 06:40") as placeholders whose
// details are completed later, and importing a nominal roll with a preview first.
#include "ui/screen.hpp"

#include <string>

namespace rc::ui {

class GroupArrivalPanel {
public:
    // Returns true when people were added.
    bool draw_group(ScreenContext& ctx);
    bool draw_import(ScreenContext& ctx);
    void focus() { focus_ = true; }

    static constexpr const char* kCount = "How many people##group_count";
    static constexpr const char* kGroup = "Vehicle or wave##group_name";
    static constexpr const char* kTime = "Arrived at (HH:MM, empty: now)##group_time";
    static constexpr const char* kFirstTag = "First tag number (optional)##group_tag";
    static constexpr const char* kRegister = "Register the group (Enter)";
    static constexpr const char* kRollPath = "##roll_path";
    static constexpr const char* kPreview = "Check the file";
    static constexpr const char* kImport = "Import these people";

private:
    int count_ = 0;
    std::string group_, time_, first_tag_;
    std::string roll_path_;
    app::RollPreview preview_;
    bool previewed_ = false;
    std::string message_;
    bool message_is_error_ = false;
    bool focus_ = true;
};

} // namespace rc::ui
