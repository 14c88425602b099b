// Where the console keeps its files: the XDG rules (config, state and data folders, relative values
// ignored) and the one-time move of settings and logs out of the data folder.
#include "app/data_paths.hpp"
#include "os/utf8_path.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

using namespace rc;
namespace fs = std::filesystem;

namespace {

app::EnvironmentLookup environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const char* name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
}

fs::path temp_dir(const char* name) {
    const char* base = std::getenv("RC_TEST_TMP");
    fs::path dir = (base && *base ? fs::path(base) : fs::temp_directory_path()) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The XDG rules are Linux's; on Windows "/home/erin" is not an absolute path (no drive), so the Windows
// build of this suite skips them (the folders there are %LOCALAPPDATA%\ReceptionConsole).
const bool kPosixPaths = fs::path("/").is_absolute();

} // namespace

TEST_CASE("XDG: config, state and data under the home folder by default" * doctest::skip(!kPosixPaths)) {
    const auto f = app::xdg_app_folders(environment({{"HOME", "/home/erin"}}));
    CHECK(f.config == fs::path("/home/erin/.config/reception-console"));
    CHECK(f.state == fs::path("/home/erin/.local/state/reception-console"));
    CHECK(f.data == fs::path("/home/erin/.local/share/reception-console"));
}

TEST_CASE("XDG: absolute XDG_*_HOME values are used, relative ones ignored as the specification says" *
          doctest::skip(!kPosixPaths)) {
    const auto f = app::xdg_app_folders(environment({{"HOME", "/home/erin"},
                                                     {"XDG_CONFIG_HOME", "/etc-of-erin"},
                                                     {"XDG_STATE_HOME", "relative/state"},
                                                     {"XDG_DATA_HOME", "/srv/centre"}}));
    CHECK(f.config == fs::path("/etc-of-erin/reception-console"));
    CHECK(f.state == fs::path("/home/erin/.local/state/reception-console"));
    CHECK(f.data == fs::path("/srv/centre/reception-console"));

    const auto g = app::xdg_app_folders(environment({{"HOME", "/home/erin"}, {"XDG_DATA_HOME", "./data"}}));
    CHECK(g.data == fs::path("/home/erin/.local/share/reception-console"));
}

TEST_CASE("paths are UTF-8 both ways") {
    const std::string name = "Ionu\xc8\x9b Popa/centre.sqlite"; // Ionuț
    CHECK(os::path_to_utf8(os::path_from_utf8(name)) == name);
}

TEST_CASE("settings, window layout and logs move out of the data folder once, never over newer files") {
    const fs::path root = temp_dir("rc-data-paths-move");
    const app::AppFolders folders{root / "config", root / "state", root / "data"};
    fs::create_directories(folders.data / "logs");
    write(folders.data / "settings.conf", "font_size = 19\n");
    write(folders.data / "imgui.ini", "[Window][Debug]\n");
    write(folders.data / "logs" / "reception-console.log", "old log line\n");
    write(folders.data / "centre.sqlite", "database");

    const auto lines = app::move_files_to_their_folders(folders);
    CHECK(lines.size() == 3);
    CHECK(read(folders.config / "settings.conf") == "font_size = 19\n");
    CHECK(read(folders.config / "imgui.ini") == "[Window][Debug]\n");
    CHECK(read(folders.state / "logs" / "reception-console.log") == "old log line\n");
    CHECK_FALSE(fs::exists(folders.data / "settings.conf"));
    CHECK_FALSE(fs::exists(folders.data / "logs"));
    CHECK(read(folders.data / "centre.sqlite") == "database"); // the database stays with the data

    // A second run has nothing to move; an old file beside a newer one is left alone.
    CHECK(app::move_files_to_their_folders(folders).empty());
    write(folders.data / "settings.conf", "font_size = 12\n");
    CHECK(app::move_files_to_their_folders(folders).empty());
    CHECK(read(folders.config / "settings.conf") == "font_size = 19\n");

    // All three in one folder (XDG_CONFIG_HOME and XDG_STATE_HOME pointed at the data folder): nothing to
    // move.
    const app::AppFolders one{root / "one", root / "one", root / "one"};
    fs::create_directories(one.data);
    write(one.data / "settings.conf", "x\n");
    CHECK(app::move_files_to_their_folders(one).empty());
    fs::remove_all(root);
}
