#pragma once
// The window's contents: the navigation on the left, the current screen, the status bar, the help
// overlay, and the keyboard shortcuts. Between ImGui::NewFrame() and ImGui::Render() the platform (or
// a headless test) calls draw() once. The shell asks the session whether it is open: if not, the gate
// screen is drawn in place of the main screens and the navigation is hidden.
#include "os/example_paths.hpp"
#include "ui/path_field.hpp"
#include "ui/screen.hpp"
#include "ui/status_bar.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rc::ui {

// Facts for the help overlay's "About" part, filled in by the platform.
struct AboutInfo {
    std::string data_directory;
    std::string log_file;
    float content_scale = 1.0f;
};

class Shell {
public:
    Shell(app::AppSession& session, app::Settings& settings, const Clock& clock);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    void draw();

    // What the platform must do before the next frame (fonts and style cannot change mid-frame).
    struct Requests {
        bool rebuild_fonts = false; // settings.font_size changed
        bool restyle = false;       // settings.theme changed
    };
    Requests take_requests();

    std::size_t screen_count() const { return screens_.size(); }
    const Screen& screen(std::size_t index) const { return *screens_.at(index); }
    Screen* find_screen(std::string_view id);
    std::size_t current_index() const { return current_; }
    const Screen& current_screen() const { return *screens_[current_]; }
    void show_screen(std::size_t index);

    bool help_open() const { return help_open_; }
    void set_help_open(bool open) { help_open_ = open; }
    // Whether the last frame drew the gate instead of the main screens.
    bool gate_shown() const { return gate_shown_; }
    const StatusBar& status_bar() const { return status_bar_; }
    void set_about(AboutInfo about) { about_ = std::move(about); }
    // The platform's desktop services (open a folder); screens work without them.
    void set_desktop(Desktop* desktop) { ctx_.desktop = desktop; }

    // Text size steps (also Ctrl+= / Ctrl+- / Ctrl+0).
    void change_font_size(float delta);
    void reset_font_size();
    void set_theme(app::Theme theme);

    static constexpr const char* kHostWindow = "Reception Console";
    static constexpr const char* kHelpWindow = "Help and keyboard shortcuts###help";
    static constexpr const char* kBackUpNow = "Back up now";
    static constexpr const char* kRestore = "Restore a backup\u2026";
    static constexpr const char* kRestoreDialog = "Restore a backup###restore";
    static constexpr const char* kRestoreConfirm = "Restore this backup";
    static constexpr const char* kRestoreFile = "##restore_file";
    static constexpr const char* kRestoreDesksStopped = "Every other desk has stopped and signed out";
    static constexpr const char* kLockNow = "Lock (Ctrl+L)";
    static constexpr const char* kRotateKey = "Rotate the data key...";
    static constexpr const char* kRotateDialog = "Rotate the data key###rotate";
    static constexpr const char* kRotateConfirm = "Rotate now";
    static constexpr const char* kRotatePassphrase = "##Your passphrase##rotate_passphrase";
    static constexpr const char* kSignOut = "Sign out";

private:
    void handle_shortcuts();
    void draw_navigation(float height);
    void draw_display_controls();
    void draw_help();
    void draw_database_controls();
    void draw_restore_dialog();

    ScreenContext ctx_;
    std::vector<std::unique_ptr<Screen>> screens_;
    std::unique_ptr<Screen> gate_;
    std::size_t current_ = 0;
    bool shown_pending_ = true; // call on_shown() for the current screen on the next frame
    bool help_open_ = false;
    bool gate_shown_ = false;
    bool was_open_ = false; // the main screens were shown last frame (a lock is the change to the gate)
    // Locking drops every screen's unsaved state (half-typed forms, a medical note being edited): the
    // screens are made anew and Dear ImGui's copy of the text being edited is wiped.
    void forget_unsaved_state();
    Requests requests_;
    StatusBar status_bar_;
    AboutInfo about_;
    std::vector<std::string> nav_hints_; // "Ctrl+1" ...
    std::optional<std::pair<std::string, AlertTarget>> pending_go_to_;
    std::string database_message_;
    bool database_message_is_error_ = false;
    bool restore_open_ = false;
    bool rotate_open_ = false;
    std::string rotate_passphrase_;
    std::string rotate_message_;
    void draw_rotate_dialog();
    std::vector<app::BackupChoice> restore_choices_; // read when the dialog opens, not per frame
    int restore_selected_ = -1;
    bool restore_desks_stopped_ = false; // a shared centre: confirmed before a restore replaces it
    std::string restore_file_;           // a backup from elsewhere (a USB stick), chosen or typed
    PathField restore_field_{kRestoreFile,
                             os::usb_example("centre-backup.sqlite"),
                             {FileChoice::Kind::OpenFile,
                              "Choose a backup to restore",
                              "Backups",
                              {"*.sqlite", "*.db", "*.backup", "*.dump"},
                              {}}};
};

} // namespace rc::ui
