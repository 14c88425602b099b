#include "store/backup_scheduler.hpp"

#include "store/error.hpp"
#include "store/store.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

BackupScheduler::BackupScheduler(Store& store, const Clock& clock)
    : store_(store), clock_(clock), backed_up_version_(store.data_version()), last_attempt_at_(clock.now()) {}

bool BackupScheduler::changed() const {
    return store_.data_version() != backed_up_version_;
}

std::optional<UnixSeconds> BackupScheduler::seconds_until_due() const {
    // A shared centre too: each desk dumps it (pg_dump) after its own changes.
    if (!changed()) return std::nullopt;
    UnixSeconds wait = last_failed_ ? kRetryAfterFailureSeconds
                                    : UnixSeconds{store_.settings().backup_interval_minutes} * 60;
    UnixSeconds due = last_attempt_at_ + wait;
    UnixSeconds now = clock_.now();
    return due > now ? due - now : 0;
}

std::optional<BackupResult> BackupScheduler::tick() {
    auto left = seconds_until_due();
    if (!left || *left > 0) return std::nullopt;
    return run();
}

std::optional<BackupResult> BackupScheduler::backup_on_exit() {
    if (!changed()) return std::nullopt;
    return run();
}

std::optional<BackupResult> BackupScheduler::run() {
    const std::uint64_t version = store_.data_version();
    last_attempt_at_ = clock_.now();
    try {
        BackupResult r = store_.backup_now(BackupKind::Automatic);
        backed_up_version_ = version;
        last_failed_ = false;
        last_error_.reset();
        last_backup_ = r;
        return r;
    } catch (const StoreError& e) {
        last_failed_ = true;
        last_error_ = e.what();
        spdlog::error("store: automatic backup failed: {}", e.problem());
        return std::nullopt;
    }
}

} // namespace rc::store
