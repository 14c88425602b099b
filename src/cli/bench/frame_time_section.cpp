// Per-frame CPU time of each screen: the real Shell and screens in a headless Dear ImGui context
// (no renderer), the system font, 1366x768, a log of 1,000 entries. Measures NewFrame .. Render, i.e.
// building the frame's draw lists, with the thread's CPU clock.
#include "app/preview_session.hpp"
#include "cli/bench/bench_section.hpp"
#include "ui/headless.hpp"
#include "ui/shell.hpp"

#include <string>
#include <time.h>

namespace rc::cli::bench {

namespace {

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// A session that is locked, to measure the gate screen.
class LockedSession final : public app::AppSession {
public:
    explicit LockedSession(const app::AppSession& inner) : inner_(inner) {}
    app::GateState gate_state() const override { return app::GateState::Locked; }
    bool can_lock() const override { return false; }
    void lock() override {}
    const app::StatusSnapshot& status() const override { return inner_.status(); }
    const app::LogSnapshot& log() const override { return inner_.log(); }
    app::EditResult add_log_entry(std::string_view) override { return {false, "locked"}; }
    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }

private:
    const app::AppSession& inner_;
};

Percentiles measure(ui::HeadlessImGui& imgui, ui::Shell& shell, int frames) {
    for (int i = 0; i < 30; ++i) { // warm up: layout settles, caches fill
        imgui.new_frame();
        shell.draw();
        imgui.render();
    }
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        // The mouse moves a little each frame, as it would while someone looks at the screen.
        imgui.io().MousePos = ImVec2(400.0f + static_cast<float>(i % 50) * 8.0f, 300.0f);
        const double t0 = thread_cpu_us();
        imgui.new_frame();
        shell.draw();
        imgui.render();
        samples.push_back(thread_cpu_us() - t0);
    }
    return percentiles(samples);
}

} // namespace

SectionResult run_frame_time_section(const BenchOptions& options) {
    SectionResult out;
    out.columns = {{"screen", "Screen"},
                   {"median_us", "median (\u00b5s)"},
                   {"p99_us", "p99 (\u00b5s)"},
                   {"mean_us", "mean (\u00b5s)"}};
    const int frames = std::max(10, options.frames);

    ui::HeadlessImGui imgui(
        ui::HeadlessImGui::Options{1366.0f, 768.0f, app::Settings::kDefaultFontSize, true});
    ManualClock clock(1795000000);
    app::Settings settings;
    app::PreviewSession session("/home/user/.local/share/reception-console/centre.sqlite", clock);
    for (int i = 1; i <= 1000; ++i) {
        clock.advance(37);
        session.add_log_entry("Benchmark entry " + std::to_string(i) + ": partner arrived, briefing held");
    }
    ui::Shell shell(session, settings, clock);
    const auto row = [&](const std::string& name, const Percentiles& p) {
        out.rows.push_back(
            {Cell::str(name), Cell::num(p.median, 1), Cell::num(p.p99, 1), Cell::num(p.mean, 1)});
    };
    for (std::size_t i = 0; i < shell.screen_count(); ++i) {
        shell.show_screen(i);
        row(shell.screen(i).id(), measure(imgui, shell, frames));
    }
    shell.show_screen(0);
    shell.set_help_open(true);
    row("help overlay (over dashboard)", measure(imgui, shell, frames));
    shell.set_help_open(false);
    {
        LockedSession locked(session);
        ui::Shell gate_shell(locked, settings, clock);
        row("gate (locked)", measure(imgui, gate_shell, frames));
    }
    out.notes = {
        std::to_string(frames) + " frames per screen after 30 warm-up frames; CPU time of the thread "
                                 "(CLOCK_THREAD_CPUTIME_ID) from NewFrame to Render.",
        "Headless Dear ImGui 1.86 at 1366x768, " + imgui.fonts().source + " " +
            std::to_string(static_cast<int>(imgui.fonts().pixel_size)) +
            " px; the log holds 1,000 entries. Excludes uploading and rasterising the draw lists (GPU or "
            "Mesa's llvmpipe).",
    };
    return out;
}

} // namespace rc::cli::bench
