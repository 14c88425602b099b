#include "platform/window_events.hpp"

#include "ui/keys.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace rc::platform {

// rc_ui keeps GLFW out and names the keys itself: they must be GLFW's codes.
namespace k = rc::ui::keys;
static_assert(k::Space == GLFW_KEY_SPACE && k::Minus == GLFW_KEY_MINUS && k::Num0 == GLFW_KEY_0 &&
              k::Num1 == GLFW_KEY_1 && k::Num8 == GLFW_KEY_8 && k::Num9 == GLFW_KEY_9 &&
              k::Equal == GLFW_KEY_EQUAL);
static_assert(k::B == GLFW_KEY_B && k::N == GLFW_KEY_N && k::F2 == GLFW_KEY_F2);
static_assert(k::A == GLFW_KEY_A && k::C == GLFW_KEY_C && k::L == GLFW_KEY_L && k::V == GLFW_KEY_V &&
              k::X == GLFW_KEY_X && k::Y == GLFW_KEY_Y && k::Z == GLFW_KEY_Z);
static_assert(k::Escape == GLFW_KEY_ESCAPE && k::Enter == GLFW_KEY_ENTER && k::Tab == GLFW_KEY_TAB &&
              k::Backspace == GLFW_KEY_BACKSPACE && k::Insert == GLFW_KEY_INSERT &&
              k::Delete == GLFW_KEY_DELETE);
static_assert(k::Right == GLFW_KEY_RIGHT && k::Left == GLFW_KEY_LEFT && k::Down == GLFW_KEY_DOWN &&
              k::Up == GLFW_KEY_UP && k::PageUp == GLFW_KEY_PAGE_UP && k::PageDown == GLFW_KEY_PAGE_DOWN &&
              k::Home == GLFW_KEY_HOME && k::End == GLFW_KEY_END && k::F1 == GLFW_KEY_F1);
static_assert(k::Kp0 == GLFW_KEY_KP_0 && k::Kp1 == GLFW_KEY_KP_1 && k::KpSubtract == GLFW_KEY_KP_SUBTRACT &&
              k::KpAdd == GLFW_KEY_KP_ADD && k::KpEnter == GLFW_KEY_KP_ENTER);
static_assert(k::LeftShift == GLFW_KEY_LEFT_SHIFT && k::LeftControl == GLFW_KEY_LEFT_CONTROL &&
              k::LeftAlt == GLFW_KEY_LEFT_ALT && k::LeftSuper == GLFW_KEY_LEFT_SUPER &&
              k::RightShift == GLFW_KEY_RIGHT_SHIFT && k::RightControl == GLFW_KEY_RIGHT_CONTROL &&
              k::RightAlt == GLFW_KEY_RIGHT_ALT && k::RightSuper == GLFW_KEY_RIGHT_SUPER);

namespace {

void update_modifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[k::LeftControl] || io.KeysDown[k::RightControl];
    io.KeyShift = io.KeysDown[k::LeftShift] || io.KeysDown[k::RightShift];
    io.KeyAlt = io.KeysDown[k::LeftAlt] || io.KeysDown[k::RightAlt];
    io.KeySuper = io.KeysDown[k::LeftSuper] || io.KeysDown[k::RightSuper];
}

} // namespace

WindowEvents::WindowEvents(GLFWwindow* window) : window_(window) {
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetCursorPosCallback(window, on_cursor_pos);
    glfwSetCursorEnterCallback(window, on_cursor_enter);
    glfwSetWindowFocusCallback(window, on_focus);
    glfwSetWindowRefreshCallback(window, on_refresh);
    glfwSetWindowSizeCallback(window, on_size);
    glfwSetWindowIconifyCallback(window, on_iconify);
    glfwSetWindowContentScaleCallback(window, on_content_scale);
}

WindowEvents::~WindowEvents() {
    glfwSetWindowUserPointer(window_, nullptr);
    glfwSetCursorPosCallback(window_, nullptr);
    glfwSetWindowRefreshCallback(window_, nullptr);
    glfwSetWindowSizeCallback(window_, nullptr);
    glfwSetWindowIconifyCallback(window_, nullptr);
    glfwSetWindowContentScaleCallback(window_, nullptr);
}

WindowEvents* WindowEvents::from(GLFWwindow* window) {
    return static_cast<WindowEvents*>(glfwGetWindowUserPointer(window));
}

void WindowEvents::on_key(GLFWwindow* w, int key, int, int action, int) {
    if (WindowEvents* e = from(w)) {
        e->mark();
        if (action == GLFW_PRESS && key >= 0 && key < 512)
            e->pressed_since_frame_.set(static_cast<std::size_t>(key));
    }
}
void WindowEvents::on_char(GLFWwindow* w, unsigned int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_mouse_button(GLFWwindow* w, int, int, int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_scroll(GLFWwindow* w, double, double) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_cursor_pos(GLFWwindow* w, double, double) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_cursor_enter(GLFWwindow* w, int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_focus(GLFWwindow* w, int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_refresh(GLFWwindow* w) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_size(GLFWwindow* w, int, int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_iconify(GLFWwindow* w, int) {
    if (WindowEvents* e = from(w)) e->mark();
}
void WindowEvents::on_content_scale(GLFWwindow* w, float, float) {
    if (WindowEvents* e = from(w)) {
        e->scale_changed_.store(true);
        e->mark();
    }
}

void WindowEvents::before_frame(ImGuiIO& io) {
    if (pressed_since_frame_.none()) return;
    for (std::size_t key = 0; key < pressed_since_frame_.size(); ++key) {
        if (pressed_since_frame_.test(key) && !io.KeysDown[key]) {
            io.KeysDown[key] = true; // pressed and released before this frame: hold it for one frame
            held_for_frame_.set(key);
        }
    }
    pressed_since_frame_.reset();
    if (held_for_frame_.any()) update_modifiers(io);
}

void WindowEvents::after_frame(ImGuiIO& io) {
    if (held_for_frame_.none()) return;
    for (std::size_t key = 0; key < held_for_frame_.size(); ++key)
        if (held_for_frame_.test(key))
            io.KeysDown[key] = glfwGetKey(window_, static_cast<int>(key)) == GLFW_PRESS;
    held_for_frame_.reset();
    update_modifiers(io);
}

} // namespace rc::platform
