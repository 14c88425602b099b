#pragma once
// Automatic backups while the console runs: every N minutes (the setting) while data change, and once
// more on exit. The app loop calls tick() (cheap when nothing is due) and backup_on_exit(); time comes
// from the injected clock. A failed backup never stops the console: it is reported through
// last_error() (and the log) and tried again a minute later.
#include "domain/clock.hpp"
#include "store/backup.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace rc::store {

class Store;

class BackupScheduler {
public:
    static constexpr UnixSeconds kRetryAfterFailureSeconds = 60;

    BackupScheduler(Store& store, const Clock& clock);

    // Takes an automatic backup when data changed since the last one and the interval has passed.
    std::optional<BackupResult> tick();
    // A last backup if anything changed since the previous one.
    std::optional<BackupResult> backup_on_exit();
    // Seconds until tick() will back up (for the loop's next wake-up); nullopt when nothing changed.
    std::optional<UnixSeconds> seconds_until_due() const;

    const std::optional<std::string>& last_error() const { return last_error_; }
    const std::optional<BackupResult>& last_backup() const { return last_backup_; }

private:
    std::optional<BackupResult> run();
    bool changed() const;

    Store& store_;
    const Clock& clock_;
    std::uint64_t backed_up_version_;
    UnixSeconds last_attempt_at_;
    bool last_failed_ = false;
    std::optional<std::string> last_error_;
    std::optional<BackupResult> last_backup_;
};

} // namespace rc::store
