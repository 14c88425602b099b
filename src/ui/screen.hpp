#pragma once
// One screen of the console: one class per file under screens/, listed by the registry
// (screens/screen_registry.hpp) in navigation order. A screen owns only UI state (drafts, filters,
// cached rows); it reads the session's in-memory snapshots and rebuilds its cached rows only when a
// snapshot's version changes. Edits go through the session. No GLFW, no SQL, no file access.
#include "app/app_session.hpp"
#include "app/settings.hpp"
#include "domain/alert.hpp"
#include "domain/clock.hpp"
#include "ui/desktop.hpp"

#include <functional>
#include <string_view>

namespace rc::ui {

struct ScreenContext {
    app::AppSession& session;
    app::Settings& settings;
    const Clock& clock;
    // Opens another screen on a record (an alert's target): the shell switches after this frame.
    std::function<void(std::string_view screen_id, const AlertTarget& target)> go_to;
    // The desktop's file manager; null when there is none (tests, a bare X server).
    Desktop* desktop = nullptr;
};

class Screen {
public:
    virtual ~Screen() = default;
    // Stable, lower-case id ("arrivals"): used in logs, the benchmark and tests. Never translated.
    virtual const char* id() const = 0;
    // The name in the navigation and the heading.
    virtual const char* title() const = 0;
    // Draws the screen's content into the current ImGui window (the content area of the shell).
    virtual void draw(ScreenContext& ctx) = 0;
    // Called when the screen becomes the current one (e.g. to put the cursor in its first field).
    virtual void on_shown(ScreenContext& ctx) { (void)ctx; }
    // True when the screen uses this key itself just now, so the shell leaves its own shortcut for it
    // alone (GLFW key code; `ctrl`: with Ctrl held).
    virtual bool wants_key(int key, bool ctrl) const {
        (void)key;
        (void)ctrl;
        return false;
    }
    // Selects the record an alert is about (called when another screen sends the user here).
    virtual void focus(const AlertTarget& target) { (void)target; }
};

} // namespace rc::ui
