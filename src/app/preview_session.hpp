#pragma once
// The AppSession used until the centre database is wired in: the centre is open to everyone, nothing
// is saved, and the activity log lives in memory. It shows the database path the console would use.
#include "app/app_session.hpp"

#include <filesystem>

namespace rc::app {

class PreviewSession final : public AppSession {
public:
    PreviewSession(const std::filesystem::path& database_path, const Clock& clock);

    GateState gate_state() const override { return GateState::Open; }
    bool can_lock() const override { return false; }
    void lock() override {}

    const StatusSnapshot& status() const override { return status_; }
    const LogSnapshot& log() const override { return log_; }

    EditResult add_log_entry(std::string_view text) override;

    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }

private:
    const Clock& clock_;
    StatusSnapshot status_;
    LogSnapshot log_;
    std::int64_t next_log_id_ = 1;
};

} // namespace rc::app
