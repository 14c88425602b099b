#pragma once
// A Dear ImGui context with no window and no renderer (the pattern of ImGui's example_null): the
// font atlas is built (never uploaded), frames run NewFrame..Render, and input is set on ImGuiIO the
// 1.86 way. Used by the UI tests (tests/ui/headless_ui.hpp adds input helpers) and by the
// frame-time benchmark. One at a time per thread: it makes its context current.
#include "ui/fonts.hpp"

#include <imgui.h>

namespace rc::ui {

class HeadlessImGui {
public:
    struct Options {
        float width = 1366.0f;
        float height = 768.0f;
        float font_pixels = 17.0f;
        bool system_fonts = true; // false: Dear ImGui's built-in font (faster; Latin-1 only)
    };

    HeadlessImGui() : HeadlessImGui(Options{}) {}
    explicit HeadlessImGui(const Options& options);
    ~HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    ImGuiIO& io() { return ImGui::GetIO(); }
    const Fonts& fonts() const { return *fonts_; }
    // Rebuilds the atlas at a new size (what the platform does when the text size changes).
    void rebuild_fonts(float font_pixels);

    void new_frame(float delta_seconds = 1.0f / 60.0f);
    void render(); // ends the frame; the draw data is produced and discarded

private:
    ImGuiContext* context_ = nullptr;
    bool system_fonts_ = true;
    const Fonts* fonts_ = nullptr;
};

} // namespace rc::ui
