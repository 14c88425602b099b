#pragma once
// The desktop services of a freedesktop.org desktop: folders open with xdg-open; files and folders are
// chosen in the desktop's own dialog (platform/file_chooser.hpp), run as a background process so the
// window keeps drawing while it is open.
#include "platform/system_desktop.hpp"

#include <functional>
#include <memory>
#include <sys/types.h>

namespace rc::platform {

class XdgDesktop final : public SystemDesktop {
public:
    // `wake` is called (from another thread) when a chooser closes, so an idle window draws a frame
    // and picks the outcome up.
    explicit XdgDesktop(std::function<void()> wake = {});
    ~XdgDesktop() override; // closes a chooser still open

    bool can_open_folders() const override { return has_xdg_open_; }
    std::optional<std::string> open_folder(const std::filesystem::path& folder) override;

    bool can_choose_files() const override;
    std::optional<std::string> choose_file(const std::string& owner, const ui::FileChoice& choice) override;
    std::string choosing() const override;
    std::optional<ui::FileChosen> take_chosen(const std::string& owner) override;

private:
    struct Chooser; // shared with the thread that waits for the dialog
    bool has_xdg_open_ = false;
    std::function<void()> wake_;
    std::shared_ptr<Chooser> chooser_;
};

} // namespace rc::platform
