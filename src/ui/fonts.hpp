#pragma once
// The console's fonts: a Unicode system font (Noto Sans, else DejaVu Sans, from Debian's font
// packages) with the glyph ranges that names of the people received need (Latin with its extensions
// incl. Vietnamese, Cyrillic, Greek, punctuation) plus the few symbols the UI uses. When no system
// font is found, Dear ImGui's built-in font is used and a warning is logged: names outside Latin-1
// then show as '?'. Building the atlas needs only ImGui (and FreeType); uploading the texture is the
// platform's job.
#include <filesystem>
#include <imgui.h>
#include <string>

namespace rc::ui {

struct Fonts {
    ImFont* body = nullptr;    // everything
    ImFont* heading = nullptr; // screen titles: bold, 1.3x
    float pixel_size = 0;      // of body, in pixels (already scaled for the monitor)
    std::string source;        // file name used, or "built-in"
    bool fallback = false;     // true when the built-in font had to be used
};

// The fonts built by the last build_fonts() (for widgets that switch fonts).
const Fonts& fonts();

// The glyph ranges loaded (zero-terminated pairs).
const ImWchar* console_glyph_ranges();

struct FontFiles {
    std::filesystem::path regular;
    std::filesystem::path bold; // may be empty: the regular font is used for headings
};

// The first font found: $RC_FONT_DIR (tests), then Noto Sans, then DejaVu Sans. Empty if none.
FontFiles find_font_files();

// Clears the atlas and loads the fonts at `pixel_size` (already multiplied by the content scale),
// then builds the atlas with FreeType. Returns the fonts (also kept for fonts()).
const Fonts& build_fonts(ImFontAtlas& atlas, float pixel_size, const FontFiles& files);
inline const Fonts& build_fonts(ImFontAtlas& atlas, float pixel_size) {
    return build_fonts(atlas, pixel_size, find_font_files());
}

// Dear ImGui's built-in font (ProggyClean, Latin-1 only) at `pixel_size`: the fallback, and the
// fast choice for tests that do not look at glyphs.
const Fonts& build_builtin_font(ImFontAtlas& atlas, float pixel_size);

// True when every character of the UTF-8 text has a glyph of its own in `font` (no '?' fallback).
bool font_has_glyphs(const ImFont& font, const char* utf8_text);

// Sample names for the help panel's font check, one per script the console must show.
inline constexpr const char* kFontCheckSample =
    "Nguyễn Văn Ánh \xC2\xB7 Łukasz Żółć \xC2\xB7 Иван Петров \xC2\xB7 Ștefan Țurcanu \xC2\xB7 Ελένη "
    "Παπαδοπούλου \xC2\xB7 Đặng Thị Hương";

} // namespace rc::ui
