#pragma once
// The desktop services of the system the console runs on: xdg-open on a freedesktop.org desktop
// (desktop_xdg_posix.cpp), Explorer on Windows (desktop_explorer_win32.cpp). Opening a saved shared
// centre is the same on both: the window closes and run_console starts the program again on it.
#include "ui/desktop.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace rc::platform {

class SystemDesktop : public ui::Desktop {
public:
    // Opening another centre: the window closes (through `close_window`) and run_console starts the
    // program again on it once everything is shut down.
    void set_close_window(std::function<void()> close_window) { close_window_ = std::move(close_window); }
    std::optional<std::string> open_centre(const std::string& db) override {
        if (!close_window_) return ui::Desktop::open_centre(db);
        centre_to_open_ = db;
        close_window_();
        return std::nullopt;
    }
    const std::string& centre_to_open() const { return centre_to_open_; }

private:
    std::function<void()> close_window_;
    std::string centre_to_open_;
};

// `wake` is called (from another thread) when something finished in the background, e.g. a file
// chooser closed, so an idle window draws a frame and picks the outcome up.
std::unique_ptr<SystemDesktop> make_system_desktop(std::function<void()> wake);

} // namespace rc::platform
