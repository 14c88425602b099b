#pragma once
// Registering a whole vehicle at once ("12 people arrived on bus 1 at 06:40") as placeholders whose
// details are completed later, and importing a nominal roll with a preview first.
#include "os/example_paths.hpp"
#include "ui/path_field.hpp"
#include "ui/screen.hpp"

#include <string>
#include <string_view>
#include <vector>

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
    static constexpr const char* kMappingField = "##roll_field"; // one per column, under its row's id

    // Chooses the field a column fills (its header, or its number when it has none), and checks again.
    void choose(ScreenContext& ctx, const std::string& header, std::string_view field);
    const app::RollPreview& preview() const { return preview_; }

private:
    int count_ = 0;
    std::string group_, time_, first_tag_;
    std::string roll_path_;
    PathField roll_field_{
        kRollPath,
        os::usb_example("roll.csv"),
        {FileChoice::Kind::OpenFile, "Choose the nominal roll", "CSV files", {"*.csv", "*.CSV"}, {}}};
    void draw_mapping(ScreenContext& ctx);
    void preview_again(ScreenContext& ctx);

    app::RollPreview preview_;
    std::vector<std::string> choices_;    // "Header=field", the user's and the remembered ones
    std::vector<std::string> remembered_; // the choices remembered for this header row
    std::string signature_;               // the header row, for remembering
    bool previewed_ = false;
    std::string message_;
    bool message_is_error_ = false;
    bool focus_ = true;
};

} // namespace rc::ui
