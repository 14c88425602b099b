#include "platform/console_app.hpp"
#include "platform/signal_watcher.hpp"

#include <windows.h>

namespace rc::platform {

namespace {

// The one watcher's flag; Windows' handler takes no argument.
std::atomic<std::atomic<bool>*> g_close_flag{nullptr};

BOOL WINAPI on_console_event(DWORD event) {
    switch (event) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        if (std::atomic<bool>* flag = g_close_flag.load()) {
            flag->store(true);
            post_wake();
            // For a console close, Windows ends the process when this returns: give the loop a moment
            // to save and close the database.
            if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) Sleep(3000);
            return TRUE;
        }
        return FALSE;
    default:
        return FALSE;
    }
}

} // namespace

struct SignalWatcher::SystemState {};

SignalWatcher::SignalWatcher() : state_(std::make_unique<SystemState>()) {
    g_close_flag.store(&close_requested_);
    SetConsoleCtrlHandler(on_console_event, TRUE);
}

SignalWatcher::~SignalWatcher() {
    SetConsoleCtrlHandler(on_console_event, FALSE);
    g_close_flag.store(nullptr);
}

} // namespace rc::platform
