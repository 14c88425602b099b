#include "ui/fonts.hpp"

#include "os/paths.hpp"

#include <cmath>
#include <imgui_freetype.h>
#include <imgui_internal.h> // ImTextCharFromUtf8
#include <spdlog/spdlog.h>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace rc::ui {

namespace {

Fonts g_fonts;

// Zero-terminated pairs of inclusive ranges.
constexpr ImWchar kRanges[] = {
    0x0020, 0x00FF, // Basic Latin + Latin-1 Supplement
    0x0100, 0x024F, // Latin Extended-A and -B (Ł, Ż, Ș, Ț, Ő ...)
    0x0300, 0x036F, // Combining Diacritical Marks: names typed or pasted decomposed (e + U+0301)
    0x0370, 0x03FF, // Greek and Coptic
    0x0400, 0x04FF, // Cyrillic
    0x1E00, 0x1EFF, // Latin Extended Additional (Vietnamese: ễ, ặ, ươ ...)
    0x2000, 0x206F, // General Punctuation (dashes, quotes, ellipsis, bullets)
    0x20AC, 0x20AC, // Euro sign
    0x2190, 0x21FF, // Arrows
    0x2212, 0x2212, // Minus sign
    0x25A0, 0x25FF, // Geometric Shapes (status dots)
    0x2713, 0x2717, // Check marks and crosses
    0,
};

bool file_exists(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

} // namespace

const Fonts& fonts() {
    return g_fonts;
}

const ImWchar* console_glyph_ranges() {
    return kRanges;
}

FontFiles find_font_files() {
    // Noto Sans first, then DejaVu Sans, each from os::font_folders() ($RC_FONT_DIR, the fonts folder
    // beside the program, the system's).
    for (const auto& [regular, bold] : {std::pair{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
                                        std::pair{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}}) {
        const auto found = os::find_font(regular);
        if (!found) continue;
        const auto bold_path = found->parent_path() / bold;
        return FontFiles{*found, file_exists(bold_path) ? bold_path : std::filesystem::path()};
    }
    return {};
}

const Fonts& build_fonts(ImFontAtlas& atlas, float pixel_size, const FontFiles& files) {
    const float size = std::round(pixel_size);
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    // Glyphs are placed by the texture's own height: keep the atlas from growing too wide.
    atlas.TexDesiredWidth = size > 26.0f ? 4096 : 2048;

    Fonts out;
    out.pixel_size = size;
    const std::filesystem::path symbols = os::find_font("DejaVuSans.ttf").value_or(std::filesystem::path());
    if (!files.regular.empty()) {
        ImFontConfig config;
        config.OversampleH = 1; // FreeType ignores oversampling; keeps stb's path small if used
        out.body = atlas.AddFontFromFileTTF(files.regular.string().c_str(), size, &config, kRanges);
        if (out.body && !symbols.empty() && files.regular != symbols) {
            // Noto Sans lacks some symbols (arrows, geometric shapes): take those from DejaVu Sans.
            ImFontConfig merge;
            merge.MergeMode = true;
            static constexpr ImWchar kSymbolRanges[] = {0x2190, 0x21FF, 0x2212, 0x2212, 0x25A0,
                                                        0x25FF, 0x2713, 0x2717, 0};
            atlas.AddFontFromFileTTF(symbols.string().c_str(), size, &merge, kSymbolRanges);
        }
        const std::filesystem::path& bold = files.bold.empty() ? files.regular : files.bold;
        out.heading =
            atlas.AddFontFromFileTTF(bold.string().c_str(), std::round(size * 1.3f), nullptr, kRanges);
        out.source = files.regular.filename().string();
    }
    if (!out.body || !out.heading || !atlas.Build()) {
        spdlog::warn("no Unicode font found (looked for Noto Sans and DejaVu Sans; install fonts-noto-core "
                     "or fonts-dejavu-core): using the built-in font, which shows only Latin-1, so many "
                     "names will show '?'");
        return build_builtin_font(atlas, size);
    }
    g_fonts = out;
    return g_fonts;
}

const Fonts& build_builtin_font(ImFontAtlas& atlas, float pixel_size) {
    atlas.Clear();
    atlas.FontBuilderIO = nullptr; // a bitmap font: stb_truetype is fine
    ImFontConfig config;
    config.SizePixels = std::round(pixel_size);
    Fonts out;
    out.body = atlas.AddFontDefault(&config);
    out.heading = out.body;
    out.pixel_size = config.SizePixels;
    out.source = "built-in";
    out.fallback = true;
    atlas.Build();
    g_fonts = out;
    return g_fonts;
}

bool font_has_glyphs(const ImFont& font, const char* utf8_text) {
    const char* p = utf8_text;
    const char* end = p + std::char_traits<char>::length(p);
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) return false;
        p += n;
        if (c == ' ') continue;
        if (c > 0xFFFF || !font.FindGlyphNoFallback(static_cast<ImWchar>(c))) return false;
    }
    return true;
}

} // namespace rc::ui
