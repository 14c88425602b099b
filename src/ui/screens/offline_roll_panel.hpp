#pragma once
// The offline roll on Arrivals: once a shared centre's server is back, the check-ins this desk kept
// in its offline roll are offered for import, previewed like a nominal roll (problems, people who look
// like someone already checked in) and imported all or nothing.
#include "ui/screen.hpp"

#include <string>

namespace rc::ui {

class OfflineRollPanel {
public:
    // The line above the list while the offline roll holds anyone; true when its button was pressed
    // (the caller shows draw() in the side panel).
    bool draw_offer(ScreenContext& ctx);
    // The preview and the import; true when people were added.
    bool draw(ScreenContext& ctx);
    void preview(ScreenContext& ctx);

    static constexpr const char* kReview = "Review and import the offline roll";
    static constexpr const char* kImport = "Import them all into the shared centre";
    static constexpr const char* kCheckAgain = "Check again";

private:
    app::RollPreview preview_;
    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
