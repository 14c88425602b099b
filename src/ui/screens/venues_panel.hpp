#pragma once
// The register of venues a centre can open in: a table, a form to add or edit one, removal with a
// confirmation, and import from a CSV file (all or nothing, every bad row named).
#include "ui/path_field.hpp"
#include "ui/screen.hpp"

#include <optional>
#include <string>

namespace rc::ui {

class VenuesPanel {
public:
    void draw(ScreenContext& ctx);

    static constexpr const char* kName = "Name##venue_name";
    static constexpr const char* kAddress = "Address##venue_address";
    static constexpr const char* kCapacity = "Capacity (people)##venue_capacity";
    static constexpr const char* kSave = "Save venue";
    static constexpr const char* kNew = "New venue";
    static constexpr const char* kImportPath = "##venue_import_path";
    static constexpr const char* kImport = "Import venues";

private:
    void edit(const app::VenueView* v, ScreenContext& ctx);

    std::optional<std::int64_t> editing_; // empty: a new venue
    app::VenueForm form_;
    std::string import_path_;
    PathField import_field_{
        kImportPath,
        "/media/usb/venues.csv",
        {FileChoice::Kind::OpenFile, "Choose the venue register", "CSV files", {"*.csv", "*.CSV"}, {}}};
    std::string message_;
    bool message_is_error_ = false;
    std::optional<std::int64_t> confirm_remove_;
};

} // namespace rc::ui
