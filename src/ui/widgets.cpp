#include "ui/widgets.hpp"

#include "ui/fonts.hpp"
#include "ui/item_probe.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <imgui_stdlib.h>

namespace rc::ui {

float em(float n) {
    return n * ImGui::GetFontSize();
}

bool button(const char* label, const ImVec2& size) {
    const bool pressed = ImGui::Button(label, size);
    probe_last_item(label);
    return pressed;
}

bool small_button(const char* label) {
    const bool pressed = ImGui::SmallButton(label);
    probe_last_item(label);
    return pressed;
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, const ImVec2& size) {
    const bool pressed = ImGui::Selectable(label, selected, flags, size);
    probe_last_item(label);
    return pressed;
}

bool checkbox(const char* label, bool* value) {
    const bool changed = ImGui::Checkbox(label, value);
    probe_last_item(label);
    return changed;
}

bool input_text(const char* label, const char* hint, std::string& value, ImGuiInputTextFlags flags) {
    const float width = ImGui::CalcItemWidth();
    const bool result = ImGui::InputTextWithHint(label, hint, &value, flags);
    probe_last_field(label, width);
    return result;
}

bool input_int(const char* label, int* value) {
    const float width = ImGui::CalcItemWidth();
    const bool changed = ImGui::InputInt(label, value, 0, 0);
    probe_last_field(label, width);
    return changed;
}

bool tab_item(const char* label) {
    const bool open = ImGui::BeginTabItem(label);
    probe_last_item(label);
    return open;
}

bool radio(const char* label, bool active) {
    const bool clicked = ImGui::RadioButton(label, active);
    probe_last_item(label);
    return clicked;
}

void result_message(const std::string& text, bool is_error) {
    if (text.empty()) return;
    const float* c = is_error ? palette().danger : palette().ok;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
    paragraph(text.c_str());
    ImGui::PopStyleColor();
}

bool input_secret(const char* label, const char* hint, std::string& value) {
    return input_text(label, hint, value,
                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
}

void wipe_secret(std::string& secret) {
    volatile char* p = secret.data();
    for (std::size_t i = 0; i < secret.size(); ++i)
        p[i] = 0;
    secret.clear();
}

void heading(const char* text) {
    ImFont* font = fonts().heading;
    if (font) ImGui::PushFont(font);
    ImGui::TextUnformatted(text);
    if (font) ImGui::PopFont();
}

void paragraph(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

void paragraph_disabled(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    paragraph(text);
    ImGui::PopStyleColor();
}

void coming_soon(const char* what, std::initializer_list<const char*> will_show) {
    // A readable line length, but never wider than the window (large text on a small screen).
    ImGui::PushTextWrapPos(
        std::min(ImGui::GetCursorPosX() + em(40.0f), ImGui::GetWindowContentRegionMax().x));
    ImGui::TextUnformatted(what);
    ImGui::Spacing();
    ImGui::TextUnformatted("What will be here:");
    for (const char* item : will_show) {
        ImGui::Bullet(); // ends with SameLine: the wrapped text keeps a hanging indent
        ImGui::TextUnformatted(item);
    }
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextUnformatted("This screen is empty in this version: nothing here is recorded yet.");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

} // namespace rc::ui
