#pragma once
// What the desktop the console runs on offers beyond the window: opening a folder in the file manager.
// The platform layer implements it (src/platform/desktop_xdg.cpp, which starts xdg-open); screens reach
// it through ScreenContext and work without it (tests, a desktop without those programs), so every
// path can still be typed.
#include <filesystem>
#include <optional>
#include <string>

namespace rc::ui {

class Desktop {
public:
    virtual ~Desktop() = default;
    // Whether open_folder can work here at all (the screens offer the button only then).
    virtual bool can_open_folders() const = 0;
    // Opens `folder` in the desktop's file manager, without waiting for it; a sentence saying why not
    // when it cannot be started.
    virtual std::optional<std::string> open_folder(const std::filesystem::path& folder) = 0;
};

} // namespace rc::ui
