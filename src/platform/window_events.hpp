#pragma once
// The console's own GLFW callbacks. They are installed BEFORE ImGui_ImplGlfw_InitForOpenGL(window,
// true), so the backend saves them and chains to them: every key, character, mouse button and scroll
// reaches us first. The 1.86 backend has no cursor-position callback (it polls the position each
// frame), so ours is the only one. Each callback only marks activity; the loop then draws a few frames.
//
// Dear ImGui 1.86 reads key state (io.KeysDown) once per frame. When a key is pressed and released
// between two frames (a quick tap, xdotool), the frame would never see it; the key latch holds such a
// key down for exactly one frame so the press is not lost. The mouse has the same in the backend
// (MouseJustPressed).
#include <atomic>
#include <bitset>

struct GLFWwindow;
struct ImGuiIO;

namespace rc::platform {

class WindowEvents {
public:
    // Installs the callbacks on `window` and sets its user pointer to this object.
    explicit WindowEvents(GLFWwindow* window);
    ~WindowEvents();
    WindowEvents(const WindowEvents&) = delete;
    WindowEvents& operator=(const WindowEvents&) = delete;

    // True (once) if any input or window event arrived since the last call.
    bool take_activity() { return activity_.exchange(false); }
    // True (once) if the monitor's content scale changed (moved to another monitor, DPI change).
    bool take_scale_changed() { return scale_changed_.exchange(false); }

    // Around each frame: hold keys that were pressed and already released since the last frame.
    void before_frame(ImGuiIO& io);
    void after_frame(ImGuiIO& io);

private:
    static WindowEvents* from(GLFWwindow* window);
    static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
    static void on_char(GLFWwindow* w, unsigned int c);
    static void on_mouse_button(GLFWwindow* w, int button, int action, int mods);
    static void on_scroll(GLFWwindow* w, double x, double y);
    static void on_cursor_pos(GLFWwindow* w, double x, double y);
    static void on_cursor_enter(GLFWwindow* w, int entered);
    static void on_focus(GLFWwindow* w, int focused);
    static void on_refresh(GLFWwindow* w);
    static void on_size(GLFWwindow* w, int width, int height);
    static void on_iconify(GLFWwindow* w, int iconified);
    static void on_content_scale(GLFWwindow* w, float x, float y);
    void mark() { activity_.store(true); }

    GLFWwindow* window_;
    std::atomic<bool> activity_{true};
    std::atomic<bool> scale_changed_{false};
    std::bitset<512> pressed_since_frame_;
    std::bitset<512> held_for_frame_;
};

} // namespace rc::platform
