#include "ui/headless.hpp"

#include "ui/keys.hpp"

namespace rc::ui {

HeadlessImGui::HeadlessImGui(const Options& options) : system_fonts_(options.system_fonts) {
    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // tests never write files
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(options.width, options.height);
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;
    keys::install_key_map(io);
    rebuild_fonts(options.font_pixels);
}

HeadlessImGui::~HeadlessImGui() {
    if (context_) ImGui::DestroyContext(context_);
}

void HeadlessImGui::rebuild_fonts(float font_pixels) {
    ImGuiIO& io = ImGui::GetIO();
    fonts_ =
        system_fonts_ ? &build_fonts(*io.Fonts, font_pixels) : &build_builtin_font(*io.Fonts, font_pixels);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds it; a renderer would upload it here
    io.Fonts->SetTexID(nullptr);
}

void HeadlessImGui::new_frame(float delta_seconds) {
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().DeltaTime = delta_seconds > 0.0f ? delta_seconds : 1.0f / 60.0f;
    ImGui::NewFrame();
}

void HeadlessImGui::render() {
    ImGui::Render();
}

} // namespace rc::ui
