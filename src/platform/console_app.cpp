#include "platform/console_app.hpp"

#include "app/data_paths.hpp"
#include "app/frame_pacer.hpp"
#include "app/logging.hpp"
#include "app/resume_detector.hpp"
#include "app/settings.hpp"
#include "app/store_session.hpp"
#include "os/process.hpp"
#include "os/utf8_path.hpp"
#include "platform/signal_watcher.hpp"
#include "platform/socket_watcher.hpp"
#include "platform/system_desktop.hpp"
#include "platform/window_events.hpp"
#include "platform/window_icon.hpp"
#include "store/sqlite_db.hpp"
#include "ui/fonts.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <memory>
#include <optional>
#include <spdlog/spdlog.h>
#include <string>
#include <vector>

namespace rc::platform {

namespace {

std::atomic<bool> g_window_open{false};
std::atomic<bool> g_wake_requested{false};

void on_glfw_error(int code, const char* description) {
    spdlog::warn("GLFW error {:#x}: {}", code, description ? description : "(no description)");
}

// Seconds from now until just after the next wall-clock minute (when the status bar's clock changes).
double seconds_to_next_minute() {
    using namespace std::chrono;
    const auto now = system_clock::now().time_since_epoch();
    const double in_minute = static_cast<double>(duration_cast<milliseconds>(now).count() % 60000) / 1000.0;
    return 60.0 - in_minute + 0.05;
}

float content_scale(GLFWwindow* window) {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window, &x, &y);
    const float s = std::max(x, y);
    return std::isfinite(s) ? std::clamp(s, 0.5f, 4.0f) : 1.0f;
}

struct GlfwSession {
    bool ok = false;
    GlfwSession() : ok(glfwInit() == GLFW_TRUE) {}
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
};

struct Window {
    GLFWwindow* handle = nullptr;
    const char* glsl = nullptr;
    ~Window() {
        if (handle) glfwDestroyWindow(handle);
    }
};

// Creates the window at the saved size, or filling the primary monitor's work area (maximised) the
// first time. OpenGL 3.3 core, else 3.0.
void create_window(Window& w, const app::Settings& settings, bool vsync) {
    int wx = 0, wy = 0, ww = 1280, wh = 720;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorWorkarea(monitor, &wx, &wy, &ww, &wh);
    const bool saved = settings.window_width > 0 && settings.window_height > 0;
    const int width = saved ? std::min(settings.window_width, ww) : ww;
    const int height = saved ? std::min(settings.window_height, wh) : wh;

    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_MAXIMIZED, (!saved || settings.maximised) ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    hint_window_class(); // kept by glfwWindowHint below: only glfwDefaultWindowHints resets it
    w.glsl = "#version 330 core";
    w.handle = glfwCreateWindow(width, height, "Reception Console", nullptr, nullptr);
    if (!w.handle) {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_ANY_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_FALSE);
        w.glsl = "#version 130";
        w.handle = glfwCreateWindow(width, height, "Reception Console", nullptr, nullptr);
    }
    if (!w.handle) return;
    set_window_icon(w.handle);
    // Without a window manager (Xvfb) "maximised" means nothing: place it on the work area ourselves.
    if (!saved) glfwSetWindowPos(w.handle, wx, wy);
    glfwMakeContextCurrent(w.handle);
    glfwSwapInterval(vsync ? 1 : 0);
}

class ConsoleLoop {
public:
    ConsoleLoop(GLFWwindow* window, app::Settings& settings, app::AppSession& session, const Clock& clock,
                const SignalWatcher& signals)
        : window_(window), settings_(settings), session_(session), shell_(session, settings, clock),
          signals_(signals), clock_(clock) {}

    ui::Shell& shell() { return shell_; }
    WindowEvents*& events() { return events_; }

    // Builds the atlas for the current text size and content scale, then the style (which scales with
    // the text). The texture is uploaded by the backend's first NewFrame, or re-uploaded here later:
    // the rebuilt atlas has no texture until then.
    void apply_fonts_and_style(bool upload) {
        scale_ = content_scale(window_);
        const float pixels = std::round(settings_.font_size * scale_);
        const ui::Fonts& f = ui::build_fonts(*ImGui::GetIO().Fonts, pixels);
        if (upload) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        apply_style();
        spdlog::info("fonts: {} at {} px (text size {}, display scale {:.2f})", f.source, f.pixel_size,
                     settings_.font_size, scale_);
    }
    // Colours and sizes only (a theme change): the atlas stays as it is.
    void apply_style() {
        ui::apply_theme(settings_.theme,
                        std::round(settings_.font_size * scale_) / app::Settings::kDefaultFontSize);
    }
    float scale() const { return scale_; }

    void draw_frame() {
        ImGuiIO& io = ImGui::GetIO();
        events_->before_frame(io);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        shell_.draw();
        ImGui::Render();
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window_, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window_);
        if (frames_ == 0) { // the benchmark's start-up ends when the first frame is on screen
            glFinish();
            first_frame_at_ = monotonic_seconds();
        }
        events_->after_frame(io);
        ++frames_;

        // Fonts and style change between frames, never inside one.
        const ui::Shell::Requests r = shell_.take_requests();
        if (r.rebuild_fonts)
            apply_fonts_and_style(true);
        else if (r.restyle)
            apply_style();
        if (r.rebuild_fonts || r.restyle) changed_ = true;
    }

    // True (once) when the last frame changed something that needs more frames to show.
    bool take_changed() {
        const bool c = changed_;
        changed_ = false;
        return c;
    }
    long frames() const { return frames_; }
    double first_frame_at() const { return first_frame_at_; }

    void run_polling(double deadline) {
        while (!should_close() && (deadline <= 0 || glfwGetTime() < deadline)) {
            glfwPollEvents();
            if (events_->take_activity()) session_.note_activity();
            session_.tick();
            draw_frame();
        }
    }

    void run_event_driven(double deadline) {
        app::FramePacer pacer;
        // A shared centre's news wakes the loop at once; without one the thread just waits.
        SocketWatcher news([] { post_wake(); });
        double clock_due = glfwGetTime() + seconds_to_next_minute();
        while (!should_close()) {
            double now = glfwGetTime();
            if (deadline > 0 && now >= deadline) break;
            pacer.set_next_due(clock_due);
            double sleep = pacer.sleep_seconds(now);
            if (const auto due = session_.seconds_until_due()) sleep = std::min(sleep, std::max(*due, 1.0));
            if (deadline > 0) sleep = std::min(sleep, deadline - now);
            if (glfwGetWindowAttrib(window_, GLFW_ICONIFIED)) // nothing to draw until it is restored
                sleep = deadline > 0 ? std::min(app::FramePacer::kMaxSleep, deadline - now)
                                     : app::FramePacer::kMaxSleep;
            if (sleep > 0)
                glfwWaitEventsTimeout(sleep);
            else
                glfwPollEvents();

            if (should_close()) break;
            // A suspend (the lid closed) locks before the key press that woke the laptop counts.
            if (resume_.woke_from_sleep(clock_.now(), monotonic_seconds()) && session_.can_lock()) {
                spdlog::info("console locked: the computer was asleep");
                session_.lock();
                pacer.request_frames(app::FramePacer::kFramesAfterInput);
            }
            if (events_->take_activity()) {
                pacer.note_input();
                session_.note_activity();
            }
            // A change that came without input (news from another desk, a sign-in finishing, a
            // signal) can bring a screen up for the first time: ImGui lays out its tab bars and
            // fits its table columns on the frame after, so it gets as many frames as input does.
            if (g_wake_requested.exchange(false)) pacer.request_frames(app::FramePacer::kFramesAfterInput);
            if (session_.tick()) pacer.request_frames(app::FramePacer::kFramesAfterInput);
            news.watch(session_.wake_socket());
            if (events_->take_scale_changed()) {
                apply_fonts_and_style(true);
                pacer.request_frames(app::FramePacer::kFramesAfterInput);
            }
            if (glfwGetWindowAttrib(window_, GLFW_ICONIFIED)) continue;

            now = glfwGetTime();
            if (!pacer.should_draw(now)) continue;
            draw_frame();
            pacer.frame_drawn(now);
            if (now >= clock_due) clock_due = now + seconds_to_next_minute();
            if (take_changed()) pacer.request_frames(app::FramePacer::kFramesAfterInput);
        }
    }

private:
    static double monotonic_seconds() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    }
    bool should_close() const { return glfwWindowShouldClose(window_) || signals_.close_requested(); }

    GLFWwindow* window_;
    app::Settings& settings_;
    app::AppSession& session_;
    ui::Shell shell_;
    app::ResumeDetector resume_;
    const SignalWatcher& signals_;
    const Clock& clock_;
    WindowEvents* events_ = nullptr;
    float scale_ = 1.0f;
    long frames_ = 0;
    double first_frame_at_ = 0; // monotonic_seconds(): the steady clock, as the benchmark's parent reads it
    bool changed_ = false;
};

} // namespace

void post_wake() {
    if (!g_window_open.load()) return;
    g_wake_requested.store(true);
    glfwPostEmptyEvent();
}

namespace {

// The window's whole life; `centre_to_open` gets a saved shared centre chosen at the sign-in screen.
int run_console_window(const ConsoleOptions& options, std::string& centre_to_open) {
    if (!display_configured()) {
        std::fputs(no_display_message(), stderr);
        return 2;
    }
    const std::filesystem::path data_dir = app::data_directory();
    // Earlier versions kept settings and logs in the data folder: moved once, before the log opens.
    const std::vector<std::string> moved = app::move_files_to_their_folders(app::app_folders());
    app::LoggingOptions log_options;
    log_options.directory = app::log_directory();
    if (options.stats) log_options.stderr_level = spdlog::level::err; // the benchmark's child: quiet
    app::setup_logging(log_options);
    spdlog::info("Reception Console {} starting; data folder {}", RC_VERSION, app::path_for_log(data_dir));
    for (const std::string& line : moved)
        spdlog::info("files: {}", line);

    const app::LoadedSettings loaded = app::load_settings(app::settings_path());
    for (const std::string& problem : loaded.problems)
        spdlog::warn("settings: {}", problem);
    app::Settings settings = loaded.settings;
    const std::filesystem::path db_path =
        options.db_path.empty() ? app::default_database_path() : os::path_from_utf8(options.db_path);

    SignalWatcher signals; // before glfwInit: GLFW's and the driver's threads inherit the signal mask
    glfwSetErrorCallback(on_glfw_error);
    GlfwSession glfw;
    if (!glfw.ok) {
        std::fputs(no_display_message(), stderr);
        return 2;
    }
    const bool polling = options.loop_mode == LoopMode::Polling;
    Window window;
    create_window(window, settings, !polling);
    if (!window.handle) {
        std::fputs("Could not open the console window: this computer's graphics do not offer OpenGL 3.0 or "
                   "newer.\nUpdate the graphics driver, or on Linux install Mesa (libgl1-mesa-dri), then try "
                   "again.\n",
                   stderr);
        spdlog::error("no OpenGL 3 context");
        return 2;
    }
    spdlog::info("OpenGL {} on {}", reinterpret_cast<const char*>(glGetString(GL_VERSION)),
                 reinterpret_cast<const char*>(glGetString(GL_RENDERER)));

    SystemClock clock;
    app::StoreSession::Options session_options;
    session_options.procedure_file = options.procedure_file;
    std::optional<app::StoreSession> store_session;
    if (!options.session) store_session.emplace(db_path, clock, session_options);
    app::AppSession& session = options.session ? *options.session : *store_session;
    ConsoleLoop loop(window.handle, settings, session, clock, signals);
    if (options.first_screen >= 0) loop.shell().show_screen(static_cast<std::size_t>(options.first_screen));
    {
        // Our callbacks first: ImGui's GLFW backend saves them and chains to them.
        WindowEvents events(window.handle);
        loop.events() = &events;

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        // Dear ImGui keeps only the pointer: the string must live as long as the context.
        const std::string ini_path = app::imgui_ini_path().string();
        io.IniFilename = options.write_settings ? ini_path.c_str() : nullptr;
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.ConfigInputTextCursorBlink = false; // a still frame must not catch the caret "off"
        ImGui_ImplGlfw_InitForOpenGL(window.handle, true);
        ImGui_ImplOpenGL3_Init(window.glsl);
        loop.apply_fonts_and_style(false);
        ui::AboutInfo about;
        about.data_directory = data_dir.string();
        about.log_file = (app::log_directory() / "reception-console.log").string();
        about.content_scale = loop.scale();
        loop.shell().set_about(about);
        const std::unique_ptr<SystemDesktop> desktop = make_system_desktop([] { glfwPostEmptyEvent(); });
        desktop->set_close_window([&window] {
            glfwSetWindowShouldClose(window.handle, GLFW_TRUE);
            glfwPostEmptyEvent();
        });
        loop.shell().set_desktop(desktop.get());
        g_window_open.store(true);

        const double start_cpu = os::process_cpu_seconds();
        const double start = glfwGetTime();
        const double deadline = options.run_seconds > 0 ? start + options.run_seconds : 0.0;
        if (polling)
            loop.run_polling(deadline);
        else
            loop.run_event_driven(deadline);
        if (options.stats) {
            options.stats->cpu_seconds_at_loop_start = start_cpu;
            options.stats->cpu_seconds_at_loop_end = os::process_cpu_seconds();
            options.stats->loop_wall_seconds = glfwGetTime() - start;
            options.stats->frames = loop.frames();
            options.stats->first_frame_monotonic = loop.first_frame_at();
        }
        g_window_open.store(false);
        centre_to_open = desktop->centre_to_open();

        if (!glfwGetWindowAttrib(window.handle, GLFW_ICONIFIED)) {
            settings.maximised = glfwGetWindowAttrib(window.handle, GLFW_MAXIMIZED) == GLFW_TRUE;
            if (!settings.maximised)
                glfwGetWindowSize(window.handle, &settings.window_width, &settings.window_height);
        }
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext(); // writes imgui.ini (when it has a path)
    }
    if (store_session) store_session->on_exit(); // the last backup, after the window has gone
    settings.last_database = db_path.string();
    if (options.write_settings) {
        std::string problem;
        if (!app::save_settings(settings, app::settings_path(), problem))
            spdlog::warn("settings: {}", problem);
    }
    spdlog::info("Reception Console closed ({} frames drawn)", loop.frames());
    return 0;
}

} // namespace

int run_console(const ConsoleOptions& options) {
    std::string centre_to_open;
    const int code = run_console_window(options, centre_to_open);
    if (code != 0 || centre_to_open.empty()) return code;
    // Everything is shut down (keys wiped, lock released, last backup taken): start again on it.
    spdlog::info("opening a saved shared centre: {}", store::redact_postgres_target(centre_to_open));
    spdlog::shutdown();
    os::restart_self_with_database(centre_to_open);
    std::fputs("Could not start the console again on the shared centre: start it with --db and its line.\n",
               stderr);
    return 1;
}

} // namespace rc::platform
