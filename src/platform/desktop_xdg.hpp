#pragma once
// The desktop services of a freedesktop.org desktop: folders open with xdg-open.
#include "ui/desktop.hpp"

namespace rc::platform {

class XdgDesktop final : public ui::Desktop {
public:
    XdgDesktop();
    bool can_open_folders() const override { return has_xdg_open_; }
    std::optional<std::string> open_folder(const std::filesystem::path& folder) override;

private:
    bool has_xdg_open_ = false;
};

} // namespace rc::platform
