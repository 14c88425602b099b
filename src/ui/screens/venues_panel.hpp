#pragma once
// The register of venues a centre can open in: a table, a form to add or edit one, removal with a
// confirmation, and import from a CSV file (all or nothing, every bad row named). An edit or a removal
// states the version of the venue it started from: another desk's change meanwhile opens the conflict
// dialog (or, for a removal, refuses it) instead of being overwritten.
#include "app/form_fields.hpp"
#include "os/example_paths.hpp"
#include "ui/path_field.hpp"
#include "ui/screen.hpp"
#include "ui/screens/record_conflict_dialog.hpp"

#include <optional>
#include <string>

namespace rc::ui {

class VenuesPanel {
public:
    void draw(ScreenContext& ctx);
    const RecordConflictDialog<app::VenueForm>& conflict_dialog() const { return conflict_; }
    const app::VenueForm& form() const { return form_; }
    const std::string& message() const { return message_; }
    // Starts editing a venue of the snapshot (as its Edit button does).
    void edit(const app::VenueView* v, ScreenContext& ctx);

    static constexpr const char* kName = "Name##venue_name";
    static constexpr const char* kAddress = "Address##venue_address";
    static constexpr const char* kCapacity = "Capacity (people)##venue_capacity";
    static constexpr const char* kSave = "Save venue";
    static constexpr const char* kNew = "New venue";
    static constexpr const char* kImportPath = "##venue_import_path";
    static constexpr const char* kImport = "Import venues";

private:
    void save(ScreenContext& ctx);
    void resolve(ScreenContext& ctx);

    std::optional<std::int64_t> editing_; // empty: a new venue
    std::int64_t editing_version_ = 0;    // the version the edit started from
    app::VenueForm form_;
    app::VenueForm base_; // the venue as the edit started from it
    RecordConflictDialog<app::VenueForm> conflict_;
    std::string import_path_;
    PathField import_field_{
        kImportPath,
        os::usb_example("venues.csv"),
        {FileChoice::Kind::OpenFile, "Choose the venue register", "CSV files", {"*.csv", "*.CSV"}, {}}};
    std::string message_;
    bool message_is_error_ = false;
    std::optional<std::int64_t> confirm_remove_;
    std::int64_t confirm_remove_version_ = 0;
};

} // namespace rc::ui
