#include "os/file_io.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace rc::os {

namespace {

std::error_code last_error() {
    return {errno, std::generic_category()};
}

std::error_code write_all(int fd, const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return last_error();
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// Writes, fsyncs and closes; the first error wins.
std::error_code finish(int fd, std::error_code ec) {
    if (!ec && ::fsync(fd) != 0) ec = last_error();
    if (::close(fd) != 0 && !ec) ec = last_error();
    return ec;
}

std::error_code sync_path(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return last_error();
    std::error_code ec;
    if (::fsync(fd) != 0) ec = last_error();
    ::close(fd);
    return ec;
}

} // namespace

std::error_code write_file_durably(const std::filesystem::path& path, std::string_view bytes,
                                   Privacy privacy) {
    const mode_t mode = privacy == Privacy::OwnerOnly ? 0600 : 0644;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return last_error();
    if (privacy == Privacy::OwnerOnly) ::fchmod(fd, 0600);
    return finish(fd, write_all(fd, bytes.data(), bytes.size()));
}

std::error_code append_durably(const std::filesystem::path& path, std::string_view bytes, Privacy privacy) {
    const mode_t mode = privacy == Privacy::OwnerOnly ? 0600 : 0644;
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode);
    if (fd < 0) return last_error();
    if (privacy == Privacy::OwnerOnly) ::fchmod(fd, 0600);
    const off_t start = ::lseek(fd, 0, SEEK_END);
    std::error_code ec = write_all(fd, bytes.data(), bytes.size());
    if (ec && start >= 0) {
        // Leave what was there whole; should that fail too, the write's own error is the one reported.
        [[maybe_unused]] const int truncated = ::ftruncate(fd, start);
    }
    return finish(fd, ec);
}

std::error_code sync_file(const std::filesystem::path& path) {
    return sync_path(path, O_RDONLY);
}

std::error_code sync_directory(const std::filesystem::path& folder) {
    return sync_path(folder.empty() ? std::filesystem::path(".") : folder, O_RDONLY | O_DIRECTORY);
}

std::error_code move_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) return last_error();
    sync_directory(to.parent_path()); // best effort: the rename itself has happened
    return {};
}

std::error_code make_owner_only(const std::filesystem::path& path) {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(path, ec);
    if (::chmod(path.c_str(), folder ? 0700 : 0600) != 0) return last_error();
    return {};
}

bool is_owner_only(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    return (st.st_mode & 077) == 0;
}

std::error_code create_owner_only_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return last_error();
    std::error_code ec;
    if (::fchmod(fd, 0600) != 0) ec = last_error();
    ::close(fd);
    return ec;
}

std::error_code create_owner_only_directory(const std::filesystem::path& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) return last_error();
    if (::chmod(path.c_str(), 0700) != 0) return last_error();
    return {};
}

std::error_code overwrite_with_zeros(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return ec;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return last_error();
    const std::vector<char> zeros(64 * 1024, 0);
    std::uintmax_t left = size;
    while (left > 0 && !ec) {
        const auto chunk = static_cast<std::size_t>(std::min<std::uintmax_t>(left, zeros.size()));
        ec = write_all(fd, zeros.data(), chunk);
        left -= chunk;
    }
    return finish(fd, ec);
}

ExclusiveFileLock::Outcome ExclusiveFileLock::try_acquire(const std::filesystem::path& path,
                                                          ExclusiveFileLock& lock, std::error_code& ec) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        ec = last_error();
        return Outcome::Failed;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ec = {err, std::generic_category()};
        ::close(fd);
        return err == EWOULDBLOCK ? Outcome::HeldElsewhere : Outcome::Failed;
    }
    lock.release();
    lock.handle_ = fd;
    ec.clear();
    return Outcome::Acquired;
}

std::optional<std::string> ExclusiveFileLock::holder_note(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> note;
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        char buf[64] = {};
        const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        note = std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    }
    ::close(fd);
    return note;
}

void ExclusiveFileLock::write_note(std::string_view note) noexcept {
    if (handle_ == kNone) return;
    const int fd = static_cast<int>(handle_);
    if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, note.data(), note.size(), 0);
}

void ExclusiveFileLock::release() noexcept {
    if (handle_ == kNone) return;
    const int fd = static_cast<int>(handle_);
    ::flock(fd, LOCK_UN);
    ::close(fd);
    handle_ = kNone;
}

} // namespace rc::os
