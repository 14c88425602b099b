#pragma once
// The console's widgets: thin wrappers over Dear ImGui that report to the item probe (tests), and
// the few composite pieces every screen uses. Sizes are in multiples of the font size, so the layout
// follows the text size and the monitor's scale.
#include <imgui.h>
#include <initializer_list>
#include <string>

namespace rc::ui {

// n times the current font size, in pixels.
float em(float n);

bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
bool small_button(const char* label);
bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags = 0,
                const ImVec2& size = ImVec2(0, 0));
bool checkbox(const char* label, bool* value);
// A one-line text field; true when Enter was pressed in it (ImGuiInputTextFlags_EnterReturnsTrue is
// added) or, without that, when the text changed.
bool input_text(const char* label, const char* hint, std::string& value, ImGuiInputTextFlags flags = 0);

// A whole-number field (no +/- buttons: typed); true when the value changed.
bool input_int(const char* label, int* value);
// A tab of a tab bar (reported to the item probe, so tests can click it); EndTabItem() when true.
bool tab_item(const char* label);
// A radio button; true when clicked.
bool radio(const char* label, bool active);

// A screen's title in the heading font.
void heading(const char* text);
// Text wrapped at the available width.
void paragraph(const char* text);
void paragraph_disabled(const char* text);

// A result line under a form: green when it went well, red when it says what is wrong.
void result_message(const std::string& text, bool is_error);
// A password field (the text is hidden); true when Enter was pressed in it.
bool input_secret(const char* label, const char* hint, std::string& value);
// Overwrites a secret before the string lets go of it.
void wipe_secret(std::string& secret);

// What an empty screen says until its issue lands: a plain sentence and what will be there.
void coming_soon(const char* what, std::initializer_list<const char*> will_show);

} // namespace rc::ui
