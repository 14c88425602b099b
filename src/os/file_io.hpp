#pragma once
// Files the console must not lose or leak: whole writes flushed to the disk, renames that survive a
// power cut, files and folders only their owner can open, and the exclusive lock that keeps a second
// writer off a database. POSIX: open/fsync/rename/chmod/flock. Windows: FlushFileBuffers, MoveFileExW
// with MOVEFILE_WRITE_THROUGH, an owner-only ACL, LockFileEx.
//
// Errors come back as std::error_code whose message() is readable on both systems; a full disk
// compares equal to std::errc::no_space_on_device on both.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace rc::os {

enum class Privacy {
    Shared,    // the system's default for a new file
    OwnerOnly, // 0600 / 0700, or an ACL that grants the current user alone
};

// Creates or truncates `path`, writes all of `bytes` and flushes them to the disk before returning.
std::error_code write_file_durably(const std::filesystem::path& path, std::string_view bytes,
                                   Privacy privacy);
// Appends all of `bytes` to `path` (created if missing: owner-only when asked, from the moment it
// exists) and flushes them to the disk before returning. When the write fails part-way, the file is cut
// back to its length before the call, so what was there stays whole.
std::error_code append_durably(const std::filesystem::path& path, std::string_view bytes, Privacy privacy);
// Flushes a file already written to the disk.
std::error_code sync_file(const std::filesystem::path& path);
// Makes a rename or a new file in `folder` durable (fsync of the folder on POSIX; nothing to do on
// Windows, where move_durably writes through).
std::error_code sync_directory(const std::filesystem::path& folder);
// Renames `from` to `to`, replacing a file at `to`, and makes the new name durable.
std::error_code move_durably(const std::filesystem::path& from, const std::filesystem::path& to);
// Restricts an existing file or folder to its owner.
std::error_code make_owner_only(const std::filesystem::path& path);
// True when nobody but the owner may open `path`: no group or other permission bits (POSIX), or a
// protected ACL whose only grants go to the current user (Windows).
bool is_owner_only(const std::filesystem::path& path);
// An empty file (created or truncated) / a folder (created if missing) that only the owner can open,
// from the moment it exists.
std::error_code create_owner_only_file(const std::filesystem::path& path);
std::error_code create_owner_only_directory(const std::filesystem::path& path);
// Overwrites the whole file with zero bytes and flushes it (before deleting something personal).
std::error_code overwrite_with_zeros(const std::filesystem::path& path);

// An exclusive lock held on a small file for as long as this object lives; the system drops it when
// the process ends, however it ends. The file also carries a short note (the holder's process id)
// that another process can read while the lock is held.
class ExclusiveFileLock {
public:
    enum class Outcome { Acquired, HeldElsewhere, Failed };

    // Opens (creating owner-only) and locks `path` without waiting.
    static Outcome try_acquire(const std::filesystem::path& path, ExclusiveFileLock& lock,
                               std::error_code& ec);
    // The holder's note when another process holds the lock on `path` ("" if it wrote none); nullopt
    // when nobody holds it or the file does not exist.
    static std::optional<std::string> holder_note(const std::filesystem::path& path);

    ExclusiveFileLock() = default;
    ~ExclusiveFileLock();
    ExclusiveFileLock(ExclusiveFileLock&& other) noexcept;
    ExclusiveFileLock& operator=(ExclusiveFileLock&& other) noexcept;
    ExclusiveFileLock(const ExclusiveFileLock&) = delete;
    ExclusiveFileLock& operator=(const ExclusiveFileLock&) = delete;

    // Replaces the note (best effort: the lock is what counts).
    void write_note(std::string_view note) noexcept;
    bool held() const { return handle_ != kNone; }
    // The lock file is left in place: deleting it would race with another process opening it.
    void release() noexcept;

private:
    static constexpr std::intptr_t kNone = -1;
    std::intptr_t handle_ = kNone; // a file descriptor (POSIX) or a HANDLE (Windows)
};

} // namespace rc::os
