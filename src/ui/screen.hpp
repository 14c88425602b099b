#pragma once
// One screen of the console: one class per file under screens/, listed by the registry
// (screens/screen_registry.hpp) in navigation order. A screen owns only UI state (drafts, filters,
// cached rows); it reads the session's in-memory snapshots and rebuilds its cached rows only when a
// snapshot's version changes. Edits go through the session. No GLFW, no SQL, no file access.
#include "app/app_session.hpp"
#include "app/settings.hpp"
#include "domain/clock.hpp"

namespace rc::ui {

struct ScreenContext {
    app::AppSession& session;
    app::Settings& settings;
    const Clock& clock;
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
};

} // namespace rc::ui
