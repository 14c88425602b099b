// The Dashboard and the Referrals screen with 10,000 people and 20,000 referrals: frame time of the
// real screens over a large centre. Alerts and referral checks are computed when data change (in the
// session), so a frame only draws them: the list is clipped to the visible rows.
#include "app/settings.hpp"
#include "cli/bench/bench_section.hpp"
#include "cli/bench/synthetic_centre.hpp"
#include "ui/headless.hpp"
#include "ui/shell.hpp"

#include <time.h>

namespace rc::cli::bench {

namespace {

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

Percentiles frames_of(ui::HeadlessImGui& imgui, ui::Shell& shell, int frames) {
    for (int i = 0; i < 30; ++i) {
        imgui.new_frame();
        shell.draw();
        imgui.render();
    }
    std::vector<double> samples;
    for (int i = 0; i < frames; ++i) {
        imgui.io().MousePos = ImVec2(500.0f + static_cast<float>(i % 50) * 6.0f, 450.0f);
        const double t0 = thread_cpu_us();
        imgui.new_frame();
        shell.draw();
        imgui.render();
        samples.push_back(thread_cpu_us() - t0);
    }
    return percentiles(samples);
}

} // namespace

SectionResult run_dashboard_section(const BenchOptions& options) {
    SectionResult out;
    out.columns = {{"screen", "Screen"},
                   {"median_us", "median (\u00b5s)"},
                   {"p99_us", "p99 (\u00b5s)"},
                   {"target_us", "target (\u00b5s)"}};
    const UnixSeconds now = 1795000000;
    SyntheticCentre centre(10000, now);
    centre.add_referrals(2, now);
    ManualClock clock(now);
    ui::HeadlessImGui imgui(
        ui::HeadlessImGui::Options{1366.0f, 768.0f, app::Settings::kDefaultFontSize, true});
    app::Settings settings;
    ui::Shell shell(centre, settings, clock);
    const int frames = std::max(10, options.frames);
    shell.show_screen(0);
    const Percentiles dash = frames_of(imgui, shell, frames);
    shell.show_screen(4);
    const Percentiles refs = frames_of(imgui, shell, frames);
    out.rows.push_back({Cell::str("Dashboard (" + std::to_string(centre.alerts().alerts.size()) + " alerts)"),
                        Cell::num(dash.median, 1), Cell::num(dash.p99, 1), Cell::num(1000, 0)});
    out.rows.push_back({Cell::str("Referrals screen"), Cell::num(refs.median, 1), Cell::num(refs.p99, 1),
                        Cell::num(1000, 0)});
    out.notes = {
        "10,000 people, 20,000 referrals. Thread CPU time of NewFrame..Render, headless, 1366x768. The "
        "snapshots are built beforehand, as the session builds them when data change.",
        "Target from the referrals issue: dashboard p99 under 1 ms."};
    return out;
}

} // namespace rc::cli::bench
