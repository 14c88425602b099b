#include "store/writer_lock.hpp"

#include "os/file_io.hpp"
#include "os/process.hpp"
#include "store/error.hpp"

#include <cstdlib>
#include <string>
#include <utility>

namespace rc::store {

namespace {

std::optional<long> pid_from_note(const std::string& note) {
    char* end = nullptr;
    const long pid = std::strtol(note.c_str(), &end, 10);
    if (end == note.c_str() || pid <= 0) return std::nullopt;
    return pid;
}

} // namespace

std::filesystem::path WriterLock::lock_path(const std::filesystem::path& db_path) {
    std::filesystem::path p = db_path;
    p += ".lock";
    return p;
}

WriterLock WriterLock::acquire(const std::filesystem::path& db_path) {
    const auto path = lock_path(db_path);
    WriterLock lock;
    std::error_code ec;
    switch (os::ExclusiveFileLock::try_acquire(path, lock.file_, ec)) {
    case os::ExclusiveFileLock::Outcome::Acquired:
        break;
    case os::ExclusiveFileLock::Outcome::HeldElsewhere: {
        const std::optional<std::string> note = os::ExclusiveFileLock::holder_note(path);
        const std::optional<long> pid = note ? pid_from_note(*note) : std::nullopt;
        std::string who = pid ? "another copy of Reception Console (process " + std::to_string(*pid) + ")"
                              : "another copy of Reception Console";
        throw StoreError(ErrorKind::Locked, db_path.string() + " is already open for changes in " + who + ".",
                         "Switch to that window (or close it) and try again. Only one copy can change a "
                         "database at a time; a second copy can open it read-only to look.");
    }
    case os::ExclusiveFileLock::Outcome::Failed:
        throw StoreError(ErrorKind::Io,
                         "Could not create or lock the lock file " + path.string() + ": " + ec.message() +
                             ".",
                         "The folder must be writable to open the database for changes. To only look, open "
                         "it read-only.");
    }
    // The pid is only informative; the lock itself is held.
    lock.file_.write_note(std::to_string(os::process_id()) + "\n");
    return lock;
}

std::optional<long> WriterLock::holder(const std::filesystem::path& db_path) {
    const std::optional<std::string> note = os::ExclusiveFileLock::holder_note(lock_path(db_path));
    if (!note) return std::nullopt;
    return pid_from_note(*note).value_or(0);
}

void WriterLock::release() noexcept {
    file_.release();
}

} // namespace rc::store
