#pragma once
// What the desktop the console runs on offers beyond the window: opening a folder in the file manager,
// and the desktop's own file chooser. The platform layer implements it (src/platform/desktop_xdg_posix.cpp:
// xdg-open, and zenity or kdialog as a background process); screens reach it through ScreenContext
// and work without it (tests, a desktop without those programs), so every path can still be typed.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rc::ui {

// What a file chooser is asked for.
struct FileChoice {
    enum class Kind { OpenFile, Folder };
    Kind kind = Kind::OpenFile;
    std::string title;                 // the dialog's title, e.g. "Choose the nominal roll"
    std::string filter_name;           // e.g. "CSV files"; empty for no filter
    std::vector<std::string> patterns; // e.g. {"*.csv", "*.CSV"}
    std::filesystem::path start;       // where the dialog opens; empty for the desktop's choice
};

// How a file chooser ended.
struct FileChosen {
    std::optional<std::filesystem::path> path; // none when the user cancelled
    std::string problem;                       // the chooser could not run or failed; a sentence
};

class Desktop {
public:
    virtual ~Desktop() = default;
    // Whether open_folder can work here at all (the screens offer the button only then).
    virtual bool can_open_folders() const = 0;
    // Opens `folder` in the desktop's file manager, without waiting for it; a sentence saying why not
    // when it cannot be started.
    virtual std::optional<std::string> open_folder(const std::filesystem::path& folder) = 0;

    // Whether a file chooser can be shown here (the screens offer "Browse..." only then).
    virtual bool can_choose_files() const { return false; }
    // Opens the chooser for the field `owner` without waiting for it: the window keeps drawing, and
    // take_chosen(owner) returns the outcome once the user has closed it. One chooser at a time; a
    // sentence saying why not when it cannot be opened.
    virtual std::optional<std::string> choose_file(const std::string& owner, const FileChoice& choice) {
        (void)owner;
        (void)choice;
        return "This desktop has no file chooser: type the path.";
    }
    // Closes this centre and opens the console again on `db` (a saved shared centre's line); a
    // sentence saying why not when this desktop cannot.
    virtual std::optional<std::string> open_centre(const std::string& db) {
        (void)db;
        return "Start the console with --db and the shared centre's line.";
    }
    // The field whose chooser is open, or empty.
    virtual std::string choosing() const { return {}; }
    // The outcome of `owner`'s chooser once it has closed (once); nothing while it is open or when
    // `owner` did not open it.
    virtual std::optional<FileChosen> take_chosen(const std::string& owner) {
        (void)owner;
        return std::nullopt;
    }
};

} // namespace rc::ui
