// Linux implementation of security.hpp.
#include "os/security.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace rc::os {

void harden_process() {
    ::umask(077);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
}

ProcessProtection process_protection() {
    ProcessProtection p;
    p.dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
    rlimit r{};
    if (::getrlimit(RLIMIT_CORE, &r) == 0) p.core_limit = r.rlim_cur;
    const mode_t m = ::umask(077);
    ::umask(m);
    p.file_mode_mask = static_cast<unsigned>(m);
    return p;
}

std::optional<std::string> take_secret_from_environment(const char* name) {
    const std::size_t n = std::strlen(name);
    std::optional<std::string> value;
    for (char** e = environ; e && *e; ++e) {
        if (std::strncmp(*e, name, n) != 0 || (*e)[n] != '=') continue;
        char* v = *e + n + 1;
        if (!value) value = std::string(v);
        // volatile: the compiler must not drop the wipe of memory it sees no later read of
        for (volatile char* p = v; *p; ++p)
            *p = '\0';
    }
    ::unsetenv(name);
    return value;
}

std::optional<std::string> overwrite_and_remove(const std::filesystem::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) {
        if (errno == ENOENT) return std::string("it is no longer there (moved, or on a drive not connected)");
        return std::string("it cannot be reached: ") + std::strerror(errno);
    }
    if (S_ISLNK(st.st_mode)) {
        // A link is removed, never followed: its target may be anything.
        if (::unlink(file.c_str()) != 0)
            return std::string("the link could not be removed: ") + std::strerror(errno);
        return std::string("it was a symbolic link; the link was removed and its target left alone");
    }
    if (!S_ISREG(st.st_mode)) return std::string("it is not a regular file");
    const int fd = ::open(file.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::string("it cannot be opened for overwriting: ") + std::strerror(errno);
    struct stat opened {};
    if (::fstat(fd, &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev) {
        ::close(fd);
        return std::string("it changed while it was being overwritten");
    }
    const std::vector<char> zeros(64 * 1024, 0);
    off_t left = opened.st_size;
    bool written = true;
    while (left > 0) {
        const auto chunk = static_cast<std::size_t>(std::min<off_t>(left, 64 * 1024));
        const ssize_t n = ::write(fd, zeros.data(), chunk);
        if (n <= 0) {
            written = false;
            break;
        }
        left -= n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (::unlink(file.c_str()) != 0) return std::string("it could not be deleted: ") + std::strerror(errno);
    if (!written || !synced) return std::string("it was deleted, but overwriting it failed part-way");
    return std::nullopt;
}

std::optional<std::string> make_private_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0)
        return "The folder " + dir.string() + " cannot be made: " + std::strerror(errno);
    if (S_ISLNK(st.st_mode)) return "The folder " + dir.string() + " is a symbolic link; refusing to use it.";
    if (!S_ISDIR(st.st_mode)) return dir.string() + " is not a folder.";
    if (st.st_uid != ::getuid()) return "The folder " + dir.string() + " belongs to another user.";
    if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), 0700) != 0)
        return "The folder " + dir.string() + " is open to other users and cannot be made private.";
    return std::nullopt;
}

} // namespace rc::os
