#pragma once
// Headless UI testing the Dear ImGui 1.86 way: a context with no renderer (rc::ui::HeadlessImGui),
// the real Shell and screens, and input injected on ImGuiIO: io.MousePos, io.MouseDown[0] (press and
// release on separate frames), io.KeysDown[] by GLFW key codes (the same io.KeyMap the GLFW backend
// uses), io.AddInputCharactersUTF8. Items are found by label through the item probe, which the
// console's widget wrappers report to.
#include "app/preview_session.hpp"
#include "app/settings.hpp"
#include "domain/clock.hpp"
#include "ui/headless.hpp"
#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
#include "ui/shell.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::ui::test {

enum Mods : unsigned { NoMods = 0, Ctrl = 1, Shift = 2, Alt = 4 };

class ProbeRecorder final : public ItemProbe {
public:
    struct Item {
        std::string label;
        ItemRect rect;
        bool visible = false;
    };
    void on_item(std::string_view label, const ItemRect& rect, bool visible) override {
        items.push_back(Item{std::string(label), rect, visible});
    }
    // Matches the full label ("Add to log", "##new_log_entry") or its visible part ("A+" for "A+##larger").
    const Item* find(std::string_view label) const {
        for (const Item& item : items) {
            const std::string_view full = item.label;
            const std::string_view visible = full.substr(0, full.find("##"));
            if (full == label || (!visible.empty() && visible == label)) return &item;
        }
        return nullptr;
    }
    std::vector<Item> items;
};

class HeadlessUi {
public:
    struct Options {
        bool system_fonts = false; // the built-in font is faster; glyph tests ask for the real one
        float width = 1366.0f;
        float height = 768.0f;
    };

    HeadlessUi(app::AppSession& session, app::Settings& settings, const Clock& clock)
        : HeadlessUi(session, settings, clock, Options{}) {}
    HeadlessUi(app::AppSession& session, app::Settings& settings, const Clock& clock, const Options& options)
        : settings_(settings), imgui_(imgui_options(options, settings)), shell_(session, settings, clock) {
        set_item_probe(&probe_);
        frame(); // the first frame lays everything out
    }
    ~HeadlessUi() { set_item_probe(nullptr); }
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    Shell& shell() { return shell_; }
    ImGuiIO& io() { return imgui_.io(); }
    HeadlessImGui& imgui() { return imgui_; }
    const ProbeRecorder& probe() const { return probe_; }

    // One frame: NewFrame, the shell, Render; then what the platform would do between frames.
    void frame() {
        probe_.items.clear();
        imgui_.new_frame();
        shell_.draw();
        imgui_.render();
        const Shell::Requests r = shell_.take_requests();
        if (r.rebuild_fonts) imgui_.rebuild_fonts(settings_.font_size);
        ++frames_;
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i)
            frame();
    }
    int frame_count() const { return frames_; }

    std::optional<ItemRect> find_item(std::string_view label) const {
        const ProbeRecorder::Item* item = probe_.find(label);
        if (!item || !item->visible) return std::nullopt;
        return item->rect;
    }

    // Moves the mouse to the item, presses and releases the left button on separate frames.
    bool click_item(std::string_view label) {
        std::optional<ItemRect> rect = find_item(label);
        if (!rect) {
            frame();
            rect = find_item(label);
        }
        if (!rect) return false;
        ImGuiIO& io = imgui_.io();
        io.MousePos = ImVec2(rect->center_x(), rect->center_y());
        frame(); // hover
        io.MouseDown[0] = true;
        frame(); // press
        io.MouseDown[0] = false;
        frame(); // release: the click
        return true;
    }

    // Types into the focused field.
    void type_text(const char* utf8) {
        imgui_.io().AddInputCharactersUTF8(utf8);
        frame();
    }

    // Presses and releases a key (GLFW key code, see ui/keys.hpp) with modifiers held.
    void press_key(int key, unsigned mods = NoMods) {
        set_mods(mods);
        frame();
        imgui_.io().KeysDown[key] = true;
        frame();
        imgui_.io().KeysDown[key] = false;
        frame();
        set_mods(NoMods);
        frame();
    }

private:
    static HeadlessImGui::Options imgui_options(const Options& o, const app::Settings& settings) {
        HeadlessImGui::Options h;
        h.width = o.width;
        h.height = o.height;
        h.system_fonts = o.system_fonts;
        h.font_pixels = settings.font_size;
        return h;
    }
    void set_mods(unsigned mods) {
        ImGuiIO& io = imgui_.io();
        io.KeyCtrl = (mods & Ctrl) != 0;
        io.KeyShift = (mods & Shift) != 0;
        io.KeyAlt = (mods & Alt) != 0;
        io.KeysDown[keys::LeftControl] = io.KeyCtrl;
        io.KeysDown[keys::LeftShift] = io.KeyShift;
        io.KeysDown[keys::LeftAlt] = io.KeyAlt;
    }

    app::Settings& settings_;
    ProbeRecorder probe_;
    HeadlessImGui imgui_;
    Shell shell_;
    int frames_ = 0;
};

// An AppSession whose gate state a test sets (the store's sessions will behave like this).
class GateTestSession final : public app::AppSession {
public:
    explicit GateTestSession(app::GateState state) : state_(state) {
        status_.version = 1;
        status_.centre_name = "OP-0001 Test centre";
        status_.database_path = "/tmp/test-centre.sqlite";
        status_.save_state = app::SaveState::Saved;
    }
    app::GateState gate_state() const override { return state_; }
    bool can_lock() const override { return state_ == app::GateState::Open; }
    void lock() override {
        state_ = app::GateState::Locked;
        ++locks;
    }
    const app::StatusSnapshot& status() const override { return status_; }
    const app::LogSnapshot& log() const override { return log_; }
    app::EditResult add_log_entry(std::string_view text) override {
        log_.entries.insert(log_.entries.begin(), app::LogEntryView{1, 0, std::string(text), {}, false});
        ++log_.version;
        return {true, {}};
    }
    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }

    void set_state(app::GateState s) { state_ = s; }
    int locks = 0;
    app::LogSnapshot log_;

private:
    app::GateState state_;
    app::StatusSnapshot status_;
};

} // namespace rc::ui::test
