#include "export/output_files.hpp"

#include "store/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rc::exports {

namespace fs = std::filesystem;

void throw_write_error(const fs::path& path, int error_number) {
    if (error_number == ENOSPC)
        throw store::StoreError(store::ErrorKind::DiskFull,
                                "The disk is full: " + path.string() + " was not written.",
                                "Free some space or choose another folder, then export again.");
    throw store::StoreError(
        store::ErrorKind::Io, "Could not write " + path.string() + ": " + std::strerror(error_number) + ".",
        "Check the folder exists and can be written to (a USB stick may be read-only), then "
        "export again.");
}

void write_whole_file(const fs::path& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw_write_error(path, errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int e = errno;
            ::close(fd);
            throw_write_error(path, e);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        throw_write_error(path, e);
    }
    if (::close(fd) != 0) throw_write_error(path, errno);
}

void create_folder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw_write_error(folder, ec.value());
}

fs::path temporary_path(const fs::path& final_path) {
    return fs::path(final_path.string() + ".partial-" + std::to_string(::getpid()));
}

void move_into_place(const fs::path& temporary, const fs::path& final_path) {
    std::error_code ec;
    // rename() replaces a file but not a folder that has files in it: an older export of the same name goes.
    if (fs::is_directory(final_path, ec)) fs::remove_all(final_path, ec);
    fs::rename(temporary, final_path, ec);
    if (ec) throw_write_error(final_path, ec.value());
    const int dir = ::open(final_path.parent_path().empty() ? "." : final_path.parent_path().c_str(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

void remove_quietly(const fs::path& path) noexcept {
    std::error_code ec;
    fs::remove_all(path, ec);
}

void create_private(const fs::path& path, bool folder) {
    if (folder) {
        if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) throw_write_error(path, errno);
        ::chmod(path.c_str(), 0700);
        return;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw_write_error(path, errno);
    ::fchmod(fd, 0600);
    ::close(fd);
}

std::uintmax_t size_on_disk(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        const auto n = fs::file_size(path, ec);
        return ec ? 0 : n;
    }
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec))
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    return total;
}

} // namespace rc::exports
