#pragma once
#include "os/example_paths.hpp"
#include "ui/path_field.hpp"
#include "ui/screen.hpp"

#include <string>

namespace rc::ui {

// After stand-down: the debrief export for the partnership (pseudonymised unless a coordinator gives a
// reason, which is audited), and the retention purge once the centre has been closed long enough.
class DebriefScreen final : public Screen {
public:
    const char* id() const override { return "debrief"; }
    const char* title() const override { return "Debrief"; }
    void draw(ScreenContext& ctx) override;

    static constexpr const char* kFolder = "##debrief_folder";
    static constexpr const char* kExport = "Export the debrief";
    static constexpr const char* kIdentifiable =
        "Include names (needs a reason; recorded in the audit trail)";
    static constexpr const char* kReason = "##debrief_reason";
    static constexpr const char* kOpenFolder = "Open folder";
    static constexpr const char* kPurge = "Purge personal data\u2026";
    static constexpr const char* kPurgeConfirm = "Yes, purge now";

private:
    app::AppSession::DebriefExportForm form_;
    bool force_purge_ = false;
    bool confirm_purge_ = false;
    std::string purge_problem_;
    std::string message_;
    bool message_is_error_ = false;
    std::string exported_to_; // the folder of the last export that worked: "Open folder" shows it
    PathField folder_field_{kFolder,
                            "e.g. " + os::usb_example("debrief"),
                            {FileChoice::Kind::Folder, "Choose the folder for the debrief", "", {}, {}}};
};

} // namespace rc::ui
