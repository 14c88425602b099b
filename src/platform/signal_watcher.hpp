#pragma once
// Closes the window cleanly on SIGINT, SIGTERM or SIGHUP (Ctrl+C in the terminal, logout, a service
// manager), so settings are saved and, once the store is wired, the exit backup runs. The signals are
// blocked in every thread and a small thread takes them with sigwait(), then wakes the loop with
// glfwPostEmptyEvent() (which any thread may call). Construct it before glfwInit so the threads GLFW
// and the OpenGL driver start inherit the mask.
#include <atomic>
#include <csignal>
#include <thread>

namespace rc::platform {

class SignalWatcher {
public:
    SignalWatcher();
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    // True once a signal asked the program to close.
    bool close_requested() const { return close_requested_.load(); }

private:
    sigset_t set_{};
    sigset_t previous_{};
    std::atomic<bool> stopping_{false};
    std::atomic<bool> close_requested_{false};
    std::thread thread_;
};

} // namespace rc::platform
