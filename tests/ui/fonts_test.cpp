// Fonts: the names of the people received must show in Latin (with Polish, Romanian, Vietnamese
// letters), Cyrillic and Greek, with no '?'.
#include "ui/fonts.hpp"
#include "ui/headless.hpp"

#include <doctest/doctest.h>

using namespace rc::ui;

TEST_CASE("the system font covers the sample names of every script the console must show") {
    if (find_font_files().regular.empty()) {
        MESSAGE("no Noto Sans or DejaVu Sans installed: skipped (install fonts-noto-core)");
        return;
    }
    HeadlessImGui imgui(HeadlessImGui::Options{1366.0f, 768.0f, 17.0f, true});
    const Fonts& f = imgui.fonts();
    REQUIRE_FALSE(f.fallback);
    REQUIRE(f.body != nullptr);
    CHECK(font_has_glyphs(*f.body, kFontCheckSample));
    CHECK(font_has_glyphs(*f.heading, kFontCheckSample));
    for (const char* name : {"Nguyễn Văn Ánh", "Łukasz Żółć", "Иван Петров", "Ștefan", "Ελένη",
                             "Đặng Thị Hương", "Ольга Шевченко", "Dvořák", "Søren Ærø"})
        CHECK_MESSAGE(font_has_glyphs(*f.body, name), name);
    // Decomposed accents (a letter followed by a combining mark, as some keyboards and files send them).
    CHECK(font_has_glyphs(*f.body, "Nguye\u0302\u0303n A\u0301nh"));
    // The symbols the UI itself uses.
    CHECK(font_has_glyphs(*f.body, "\u25CF \u2026 \u2212 \u201C\u201D \u2013 \u2014 \u2192"));
}

TEST_CASE("the built-in fallback font is used and lacks names beyond Latin-1") {
    HeadlessImGui imgui(HeadlessImGui::Options{800.0f, 600.0f, 13.0f, false});
    const Fonts& f = imgui.fonts();
    CHECK(f.fallback);
    CHECK(font_has_glyphs(*f.body, "Zoe"));
    CHECK_FALSE(font_has_glyphs(*f.body, "Łukasz"));
}

TEST_CASE("the atlas is rebuilt at a new size") {
    HeadlessImGui imgui(HeadlessImGui::Options{800.0f, 600.0f, 17.0f, true});
    imgui.rebuild_fonts(26.0f);
    CHECK(imgui.fonts().pixel_size == 26.0f);
    CHECK(ImGui::GetIO().Fonts->IsBuilt());
}
