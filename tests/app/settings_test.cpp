// Settings: a small text file in the config directory; bad or missing values fall back to defaults.
#include "app/settings.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>

using namespace rc::app;

namespace {

std::filesystem::path temp_dir(const char* name) {
    const char* base = std::getenv("RC_TEST_TMP");
    std::filesystem::path dir =
        std::filesystem::path(base && *base ? base : std::filesystem::temp_directory_path().string()) / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

} // namespace

TEST_CASE("settings round-trip through the file") {
    const auto dir = temp_dir("settings-roundtrip");
    Settings s;
    s.window_width = 1366;
    s.window_height = 768;
    s.maximised = false;
    s.font_size = 22.0f;
    s.theme = Theme::Light;
    s.last_database = "/home/ana/Centre files/centre ł.sqlite";
    std::string problem;
    REQUIRE(save_settings(s, dir / "settings.conf", problem));
    const LoadedSettings loaded = load_settings(dir / "settings.conf");
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.window_width == 1366);
    CHECK(loaded.settings.window_height == 768);
    CHECK_FALSE(loaded.settings.maximised);
    CHECK(loaded.settings.font_size == 22.0f);
    CHECK(loaded.settings.theme == Theme::Light);
    CHECK(loaded.settings.last_database == s.last_database);
    CHECK_FALSE(std::filesystem::exists(dir / "settings.conf.tmp"));
}

TEST_CASE("a missing settings file gives the defaults without complaint") {
    const auto dir = temp_dir("settings-missing");
    const LoadedSettings loaded = load_settings(dir / "settings.conf");
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.font_size == Settings::kDefaultFontSize);
    CHECK(loaded.settings.window_width == 0);
}

TEST_CASE("bad values fall back one by one, each with a sentence saying where") {
    const auto dir = temp_dir("settings-bad");
    write(dir / "settings.conf", "# comment\nfont_size = huge\ntheme = purple\nwindow_width = 1200\n"
                                 "window_height = 700\nnot a line\nfuture_key = 3\nmaximised = false\n");
    const LoadedSettings loaded = load_settings(dir / "settings.conf");
    CHECK(loaded.settings.font_size == Settings::kDefaultFontSize);
    CHECK(loaded.settings.theme == Theme::Dark);
    CHECK(loaded.settings.window_width == 1200);
    CHECK_FALSE(loaded.settings.maximised);
    REQUIRE(loaded.problems.size() == 3);
    CHECK(loaded.problems[0].find("settings.conf:2") != std::string::npos);
    CHECK(loaded.problems[0].find("font_size") != std::string::npos);
}

TEST_CASE("out-of-range values are clamped") {
    const auto dir = temp_dir("settings-range");
    write(dir / "settings.conf", "font_size = 200\nwindow_width = 5\nwindow_height = 99999\n");
    const LoadedSettings loaded = load_settings(dir / "settings.conf");
    CHECK(loaded.settings.font_size == Settings::kMaxFontSize);
    CHECK(loaded.settings.window_width == 0);
    CHECK(loaded.settings.window_height == 0);
    CHECK(loaded.problems.size() == 1);
}

TEST_CASE("a database path with a line break is not written into the settings") {
    const auto dir = temp_dir("settings-newline");
    Settings s;
    s.last_database = "/tmp/a\nfont_size = 12";
    std::string problem;
    CHECK_FALSE(save_settings(s, dir / "settings.conf", problem));
    CHECK_FALSE(problem.empty());
}
