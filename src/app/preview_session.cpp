#include "app/preview_session.hpp"

#include <spdlog/spdlog.h>

namespace rc::app {

PreviewSession::PreviewSession(const std::filesystem::path& database_path, const Clock& clock)
    : clock_(clock) {
    status_.version = 1;
    status_.centre_name = "No centre open";
    status_.database_path = database_path.string(); // native bytes: UTF-8 on the systems we run on
    status_.save_state = SaveState::NoDatabase;
}

EditResult PreviewSession::add_log_entry(std::string_view text) {
    std::string trimmed;
    EditResult checked = check_log_entry_text(text, trimmed);
    if (!checked.ok) return checked;
    LogEntryView entry;
    entry.id = next_log_id_++;
    entry.at = clock_.now();
    entry.text = std::move(trimmed);
    log_.entries.insert(log_.entries.begin(), std::move(entry));
    ++log_.version;
    // The text may be personal: the log gets the reference only.
    spdlog::debug("activity log: entry {} added (in memory; no centre database open)",
                  log_.entries.front().id);
    return {true, {}};
}

} // namespace rc::app
