#include "store/writer_lock.hpp"

#include "store/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace rc::store {

namespace {

std::optional<long> read_pid(int fd) {
    char buf[32] = {};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return std::nullopt;
    char* end = nullptr;
    long pid = std::strtol(buf, &end, 10);
    if (end == buf || pid <= 0) return std::nullopt;
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
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw StoreError(
            ErrorKind::Io,
            "Could not create the lock file " + path.string() + ": " + std::strerror(errno) + ".",
            "The folder must be writable to open the database for changes. To only look, open it "
            "read-only.");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        std::optional<long> pid = read_pid(fd);
        ::close(fd);
        if (err == EWOULDBLOCK) {
            std::string who = pid ? "another copy of Reception Console (process " + std::to_string(*pid) + ")"
                                  : "another copy of Reception Console";
            throw StoreError(ErrorKind::Locked,
                             db_path.string() + " is already open for changes in " + who + ".",
                             "Switch to that window (or close it) and try again. Only one copy can change a "
                             "database at a time; a second copy can open it read-only to look.");
        }
        throw StoreError(ErrorKind::Io, "Could not lock " + path.string() + ": " + std::strerror(err) + ".");
    }
    std::string pid = std::to_string(static_cast<long>(::getpid())) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The pid is only informative; the lock itself is held.
    }
    WriterLock lock;
    lock.fd_ = fd;
    return lock;
}

std::optional<long> WriterLock::holder(const std::filesystem::path& db_path) {
    const auto path = lock_path(db_path);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<long> result;
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) result = read_pid(fd).value_or(0);
    ::close(fd);
    return result;
}

WriterLock::~WriterLock() {
    release();
}

WriterLock::WriterLock(WriterLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
    if (this != &other) {
        release();
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

void WriterLock::release() noexcept {
    if (fd_ >= 0) {
        // The lock file is left in place: deleting it would race with another process opening it.
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
        fd_ = -1;
    }
}

} // namespace rc::store
