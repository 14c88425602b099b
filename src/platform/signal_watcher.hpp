#pragma once
// Closes the window cleanly when the system or the user asks the program to stop, so settings are
// saved and the exit backup runs: SIGINT, SIGTERM or SIGHUP on POSIX (Ctrl+C in the terminal, logout,
// a service manager); Ctrl+C, Ctrl+Break, closing the console, logging off or shutting down on
// Windows. The request wakes the loop with glfwPostEmptyEvent() (which any thread may call).
//
// POSIX (signal_watcher_posix.cpp): the signals are blocked in every thread and a small thread takes
// them with sigwait(); construct it before glfwInit so the threads GLFW and the OpenGL driver start
// inherit the mask. Windows (signal_watcher_win32.cpp): a console control handler, which Windows runs
// on a thread of its own.
#include <atomic>
#include <memory>

namespace rc::platform {

class SignalWatcher {
public:
    SignalWatcher();
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    // True once the system or the user asked the program to close.
    bool close_requested() const { return close_requested_.load(); }

private:
    struct SystemState; // the signal mask and thread, or the handler's registration
    std::atomic<bool> close_requested_{false};
    std::unique_ptr<SystemState> state_;
};

} // namespace rc::platform
