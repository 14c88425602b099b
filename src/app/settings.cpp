#include "app/settings.hpp"

#include "app/data_paths.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>

namespace rc::app {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool parse_int(std::string_view text, int& out) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    out = value;
    return true;
}

bool parse_float(std::string_view text, float& out) {
    // std::from_chars for float is in libstdc++ 11+; strtof would depend on the locale.
    float value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    out = value;
    return true;
}

bool parse_bool(std::string_view text, bool& out) {
    if (text == "true") {
        out = true;
        return true;
    }
    if (text == "false") {
        out = false;
        return true;
    }
    return false;
}

} // namespace

std::filesystem::path settings_path() {
    return config_directory() / "settings.conf";
}
std::filesystem::path imgui_ini_path() {
    return config_directory() / "imgui.ini";
}

const char* theme_name(Theme theme) {
    if (theme == Theme::HighContrast) return "high_contrast";
    return theme == Theme::Light ? "light" : "dark";
}

Settings clamped(Settings s) {
    if (!(s.font_size >= Settings::kMinFontSize)) s.font_size = Settings::kMinFontSize; // also NaN
    s.font_size = std::min(s.font_size, Settings::kMaxFontSize);
    if (s.window_width < 320 || s.window_height < 240 || s.window_width > 16384 || s.window_height > 16384) {
        s.window_width = 0;
        s.window_height = 0;
    }
    return s;
}

LoadedSettings load_settings(const std::filesystem::path& file) {
    LoadedSettings out;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return out;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        out.problems.push_back("Could not read the settings file " + file.string() + "; using the defaults.");
        return out;
    }
    Settings& s = out.settings;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        const std::string_view l = trim(line);
        if (l.empty() || l.front() == '#') continue;
        const std::size_t eq = l.find('=');
        const std::string where = file.filename().string() + ":" + std::to_string(line_no);
        if (eq == std::string_view::npos) {
            out.problems.push_back(where + ": not a \"key = value\" line; ignored.");
            continue;
        }
        const std::string_view key = trim(l.substr(0, eq));
        const std::string_view value = trim(l.substr(eq + 1));
        bool ok = true;
        if (key == "window_width")
            ok = parse_int(value, s.window_width);
        else if (key == "window_height")
            ok = parse_int(value, s.window_height);
        else if (key == "maximised")
            ok = parse_bool(value, s.maximised);
        else if (key == "font_size")
            ok = parse_float(value, s.font_size);
        else if (key == "theme") {
            if (value == "dark")
                s.theme = Theme::Dark;
            else if (value == "light")
                s.theme = Theme::Light;
            else if (value == "high_contrast")
                s.theme = Theme::HighContrast;
            else
                ok = false;
        } else if (key == "last_database")
            s.last_database = std::string(value);
        else if (key == "open_alert_kinds") {
            s.open_alert_kinds.clear();
            std::string_view rest = value;
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                const std::string_view kind = trim(rest.substr(0, comma));
                // Ids are lower-case letters and underscores; anything else is not ours.
                if (kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string_view::npos) {
                    ok = false;
                    s.open_alert_kinds.clear();
                    break;
                }
                if (!kind.empty()) s.open_alert_kinds.emplace_back(kind);
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
        else if (key == "roll_mapping")
            s.roll_mappings.push_back(std::string(value));
        // Unknown keys are ignored: a newer version may have written them.
        if (!ok)
            out.problems.push_back(where + ": the value of " + std::string(key) +
                                   " is not valid; using the default.");
    }
    const Settings fixed = clamped(s);
    if (fixed.font_size != s.font_size)
        out.problems.push_back("The text size in the settings is out of range; using " +
                               std::to_string(static_cast<int>(fixed.font_size)) + ".");
    s = fixed;
    return out;
}

bool save_settings(const Settings& settings, const std::filesystem::path& file, std::string& problem) {
    const Settings s = clamped(settings);
    if (s.last_database.find_first_of("\r\n") != std::string::npos) {
        problem = "The database path contains a line break and cannot be saved in the settings.";
        return false;
    }
    std::ostringstream text;
    text << "# Reception Console settings. Written by the program; safe to delete (defaults return).\n"
         << "window_width = " << s.window_width << "\n"
         << "window_height = " << s.window_height << "\n"
         << "maximised = " << (s.maximised ? "true" : "false") << "\n"
         << "font_size = " << static_cast<int>(s.font_size) << "\n"
         << "theme = " << theme_name(s.theme) << "\n"
         << "last_database = " << s.last_database << "\n"
         << "open_alert_kinds = ";
    for (std::size_t i = 0; i < s.open_alert_kinds.size(); ++i)
        text << (i ? "," : "") << s.open_alert_kinds[i];
    text << "\n";
    for (const std::string& m : s.roll_mappings)
        if (m.find_first_of("\r\n") == std::string::npos) text << "roll_mapping = " << m << "\n";
    const std::string bytes = text.str();

    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << bytes;
        out.flush();
        if (!out) {
            problem =
                "Could not write " + tmp.string() + ": check the disk has space and the folder is writable.";
            return false;
        }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        problem = "Could not replace " + file.string() + ": " + ec.message() + ".";
        std::filesystem::remove(tmp, ec);
        return false;
    }
    return true;
}

namespace {
constexpr std::string_view kMappingArrow = " => ";
constexpr std::size_t kMaxRememberedMappings = 50;
} // namespace

std::vector<std::string> remembered_roll_choices(const Settings& settings, const std::string& signature) {
    std::vector<std::string> out;
    for (const std::string& m : settings.roll_mappings) {
        const auto arrow = m.find(kMappingArrow);
        if (arrow == std::string::npos || m.compare(0, arrow, signature) != 0 || arrow != signature.size())
            continue;
        std::string_view rest = std::string_view(m).substr(arrow + kMappingArrow.size());
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            const std::string_view choice = rest.substr(0, bar);
            if (!choice.empty()) out.emplace_back(choice);
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 1);
        }
    }
    return out;
}

void remember_roll_choices(Settings& settings, const std::string& signature,
                           const std::vector<std::string>& choices) {
    std::erase_if(settings.roll_mappings, [&](const std::string& m) {
        return m.size() >= signature.size() + kMappingArrow.size() &&
               m.compare(0, signature.size(), signature) == 0 &&
               m.compare(signature.size(), kMappingArrow.size(), kMappingArrow) == 0;
    });
    std::string line = signature + std::string(kMappingArrow);
    bool any = false;
    for (const std::string& c : choices) {
        if (c.find_first_of("|\r\n") != std::string::npos) continue;
        line += (any ? "|" : "") + c;
        any = true;
    }
    if (!any) return;
    settings.roll_mappings.push_back(line);
    if (settings.roll_mappings.size() > kMaxRememberedMappings)
        settings.roll_mappings.erase(settings.roll_mappings.begin());
}

} // namespace rc::app
