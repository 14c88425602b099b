#include "ui/keys.hpp"

#include <imgui.h>

namespace rc::ui::keys {

void install_key_map(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = Left;
    io.KeyMap[ImGuiKey_RightArrow] = Right;
    io.KeyMap[ImGuiKey_UpArrow] = Up;
    io.KeyMap[ImGuiKey_DownArrow] = Down;
    io.KeyMap[ImGuiKey_PageUp] = PageUp;
    io.KeyMap[ImGuiKey_PageDown] = PageDown;
    io.KeyMap[ImGuiKey_Home] = Home;
    io.KeyMap[ImGuiKey_End] = End;
    io.KeyMap[ImGuiKey_Insert] = Insert;
    io.KeyMap[ImGuiKey_Delete] = Delete;
    io.KeyMap[ImGuiKey_Backspace] = Backspace;
    io.KeyMap[ImGuiKey_Space] = Space;
    io.KeyMap[ImGuiKey_Enter] = Enter;
    io.KeyMap[ImGuiKey_Escape] = Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = KpEnter;
    io.KeyMap[ImGuiKey_A] = A;
    io.KeyMap[ImGuiKey_C] = C;
    io.KeyMap[ImGuiKey_V] = V;
    io.KeyMap[ImGuiKey_X] = X;
    io.KeyMap[ImGuiKey_Y] = Y;
    io.KeyMap[ImGuiKey_Z] = Z;
}

} // namespace rc::ui::keys
