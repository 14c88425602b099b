#pragma once
// The program's own settings (window size, text size, theme, last database). They live in the data
// directory, never the working directory, as a small "key = value" text file a person can read.
// Nothing personal is kept here.
#include <filesystem>
#include <string>
#include <vector>

namespace rc::app {

enum class Theme { Dark, Light, HighContrast };

struct Settings {
    // The window, in screen coordinates; 0 means "not saved yet: fill the screen's work area".
    int window_width = 0;
    int window_height = 0;
    bool maximised = true;
    // Text size in pixels before the monitor's content scale (the "large text" setting).
    float font_size = 17.0f;
    Theme theme = Theme::Dark;
    // The database last opened (shown again next time; the store decides whether to reopen it).
    std::string last_database;
    // Alert kinds (ids, e.g. "age_not_established") whose folded line the dashboard shows open.
    std::vector<std::string> open_alert_kinds;
    // The column choices made for a roll's header row, to apply again to the next file with the same
    // header: "<header_signature> => Header=field|Header=field" (headers holding '|' are not kept).
    std::vector<std::string> roll_mappings;

    static constexpr float kDefaultFontSize = 17.0f;
    static constexpr float kMinFontSize = 12.0f;
    static constexpr float kMaxFontSize = 32.0f;
    static constexpr float kFontStep = 2.0f;
};

// <config directory>/settings.conf and <config directory>/imgui.ini (Dear ImGui's window layout).
std::filesystem::path settings_path();
std::filesystem::path imgui_ini_path();

struct LoadedSettings {
    Settings settings;
    // One sentence per problem (unreadable file, bad value); the settings fall back to defaults.
    std::vector<std::string> problems;
};

// A missing file gives the defaults with no problem; bad lines give defaults for those keys only.
LoadedSettings load_settings(const std::filesystem::path& file);
// Writes next to the file and renames it into place. False with `problem` set when it could not.
bool save_settings(const Settings& settings, const std::filesystem::path& file, std::string& problem);

// Keeps values in range (text size, window size).
Settings clamped(Settings settings);

const char* theme_name(Theme theme);

// The choices remembered for a header row (header_signature), or none.
std::vector<std::string> remembered_roll_choices(const Settings& settings, const std::string& signature);
// Remembers (or, with no choices, forgets) the choices for a header row; the newest 50 header rows.
void remember_roll_choices(Settings& settings, const std::string& signature,
                           const std::vector<std::string>& choices);

} // namespace rc::app
