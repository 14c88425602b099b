#include "ui/theme.hpp"

#include <imgui.h>

namespace rc::ui {

namespace {

Palette g_palette;

constexpr Palette kDarkPalette{
    {0.45f, 0.85f, 0.50f, 1.0f}, {1.0f, 0.78f, 0.30f, 1.0f}, {1.0f, 0.45f, 0.40f, 1.0f}};
constexpr Palette kLightPalette{
    {0.05f, 0.50f, 0.15f, 1.0f}, {0.65f, 0.40f, 0.0f, 1.0f}, {0.75f, 0.10f, 0.10f, 1.0f}};

} // namespace

const Palette& palette() {
    return g_palette;
}

void apply_theme(app::Theme theme, float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (theme == app::Theme::Light) {
        ImGui::StyleColorsLight(&style);
        g_palette = kLightPalette;
    } else if (theme == app::Theme::HighContrast) {
        // Pure white on black, yellow for what is active: for glare, tired eyes and poor screens.
        ImGui::StyleColorsDark(&style);
        ImVec4* c = style.Colors;
        const ImVec4 black(0.0f, 0.0f, 0.0f, 1.0f), white(1.0f, 1.0f, 1.0f, 1.0f),
            yellow(1.0f, 0.86f, 0.0f, 1.0f);
        c[ImGuiCol_WindowBg] = black;
        c[ImGuiCol_ChildBg] = black;
        c[ImGuiCol_PopupBg] = black;
        c[ImGuiCol_Text] = white;
        c[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
        c[ImGuiCol_Border] = white;
        c[ImGuiCol_FrameBg] = ImVec4(0.15f, 0.15f, 0.15f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.0f, 0.2f, 0.6f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.0f, 0.35f, 0.9f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.0f, 0.2f, 0.6f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.0f, 0.35f, 0.9f, 1.0f);
        c[ImGuiCol_NavHighlight] = yellow;
        c[ImGuiCol_CheckMark] = yellow;
        c[ImGuiCol_TextSelectedBg] = ImVec4(1.0f, 0.86f, 0.0f, 0.5f);
        style.FrameBorderSize = 1.0f;
        g_palette = kDarkPalette;
    } else {
        ImGui::StyleColorsDark(&style);
        // Slightly lighter panels than ImGui's default dark, for legibility on cheap laptop screens.
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
        style.Colors[ImGuiCol_Text] = ImVec4(0.95f, 0.95f, 0.95f, 1.0f);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.64f, 0.68f, 1.0f);
        g_palette = kDarkPalette;
    }
    style.WindowRounding = 0.0f;
    style.ChildRounding = 0.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.FramePadding = ImVec2(6.0f, 4.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.WindowPadding = ImVec2(10.0f, 10.0f);
    style.ScrollbarSize = 16.0f;
    style.ScaleAllSizes(scale);
}

} // namespace rc::ui
