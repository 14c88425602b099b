#pragma once
// One writer per database file. The writer holds an exclusive lock (os::ExclusiveFileLock: flock() on
// POSIX, LockFileEx on Windows) on a sidecar file (`centre.sqlite.lock`) holding its pid. The system
// drops the lock when the process exits or dies, so a crash never leaves a stale lock. A second copy gets a
// clear message naming the other pid instead of SQLite's "database is locked".
#include "os/file_io.hpp"

#include <filesystem>
#include <optional>

namespace rc::store {

class WriterLock {
public:
    // Takes the lock or throws StoreError(Locked) saying which process holds it.
    static WriterLock acquire(const std::filesystem::path& db_path);
    // The pid holding the lock on this database, if any (a read-only open uses this to say so).
    static std::optional<long> holder(const std::filesystem::path& db_path);
    static std::filesystem::path lock_path(const std::filesystem::path& db_path);

    bool held() const { return file_.held(); }
    void release() noexcept;

private:
    os::ExclusiveFileLock file_;
};

} // namespace rc::store
