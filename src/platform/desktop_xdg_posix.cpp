#include "platform/desktop_xdg.hpp"
#include "platform/file_chooser.hpp"
#include "platform/process.hpp"

#include <csignal>
#include <mutex>
#include <spdlog/spdlog.h>
#include <system_error>

namespace rc::platform {

struct XdgDesktop::Chooser {
    mutable std::mutex mutex;
    std::string owner;                   // the field whose dialog is open or has closed
    pid_t pid = 0;                       // while open
    std::optional<ui::FileChosen> ended; // once closed, until taken
};

XdgDesktop::XdgDesktop(std::function<void()> wake)
    : has_xdg_open_(program_available("xdg-open")), wake_(std::move(wake)),
      chooser_(std::make_shared<Chooser>()) {}

XdgDesktop::~XdgDesktop() {
    std::lock_guard lock(chooser_->mutex);
    if (chooser_->pid > 0 && !chooser_->ended) ::kill(chooser_->pid, SIGTERM);
}

std::optional<std::string> XdgDesktop::open_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return "The folder " + folder.string() + " is not there any more.";
    if (!has_xdg_open_)
        return "This desktop has no xdg-open to open folders with: open " + folder.string() + " yourself.";
    if (auto problem = start_detached({"xdg-open", folder.string()})) return problem;
    spdlog::info("desktop: opened an export folder in the file manager");
    return std::nullopt;
}

bool XdgDesktop::can_choose_files() const {
    return !file_chooser_command(ui::FileChoice{}).empty();
}

std::optional<std::string> XdgDesktop::choose_file(const std::string& owner, const ui::FileChoice& choice) {
    const std::vector<std::string> argv = file_chooser_command(choice);
    if (argv.empty()) return "This desktop has no file chooser (zenity or kdialog): type the path.";
    std::lock_guard lock(chooser_->mutex);
    if (chooser_->pid > 0 && !chooser_->ended)
        return "A file chooser is already open: choose there, or close it, first.";
    chooser_->owner = owner;
    chooser_->ended.reset();
    const std::string program = argv[0];
    auto started = start_collecting(argv, [state = chooser_, wake = wake_, program](ProcessOutcome outcome) {
        {
            std::lock_guard inner(state->mutex);
            state->ended = file_chooser_outcome(program, outcome);
        }
        if (wake) wake();
    });
    if (auto* problem = std::get_if<std::string>(&started)) {
        chooser_->owner.clear();
        chooser_->pid = 0;
        return *problem + " Type the path instead.";
    }
    chooser_->pid = std::get<pid_t>(started);
    spdlog::info("desktop: file chooser opened ({})", program);
    return std::nullopt;
}

std::string XdgDesktop::choosing() const {
    std::lock_guard lock(chooser_->mutex);
    return chooser_->pid > 0 && !chooser_->ended ? chooser_->owner : std::string();
}

std::optional<ui::FileChosen> XdgDesktop::take_chosen(const std::string& owner) {
    std::lock_guard lock(chooser_->mutex);
    if (!chooser_->ended || chooser_->owner != owner) return std::nullopt;
    std::optional<ui::FileChosen> out = std::move(chooser_->ended);
    chooser_->ended.reset();
    chooser_->owner.clear();
    chooser_->pid = 0;
    return out;
}

std::unique_ptr<SystemDesktop> make_system_desktop(std::function<void()> wake) {
    return std::make_unique<XdgDesktop>(std::move(wake));
}

} // namespace rc::platform
