#include "export/output_files.hpp"

#include "os/file_io.hpp"
#include "os/process.hpp"
#include "store/error.hpp"

namespace rc::exports {

namespace fs = std::filesystem;

void throw_write_error(const fs::path& path, std::error_code error) {
    if (error == std::errc::no_space_on_device)
        throw store::StoreError(store::ErrorKind::DiskFull,
                                "The disk is full: " + path.string() + " was not written.",
                                "Free some space or choose another folder, then export again.");
    throw store::StoreError(
        store::ErrorKind::Io, "Could not write " + path.string() + ": " + error.message() + ".",
        "Check the folder exists and can be written to (a USB stick may be read-only), then "
        "export again.");
}

void write_whole_file(const fs::path& path, std::string_view bytes) {
    if (auto ec = os::write_file_durably(path, bytes, os::Privacy::Shared)) throw_write_error(path, ec);
}

void create_folder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw_write_error(folder, ec);
}

fs::path temporary_path(const fs::path& final_path) {
    fs::path p = final_path;
    p += ".partial-" + std::to_string(os::process_id());
    return p;
}

void move_into_place(const fs::path& temporary, const fs::path& final_path) {
    std::error_code ec;
    // A rename replaces a file but not a folder that has files in it: an older export of the same name goes.
    if (fs::is_directory(final_path, ec)) fs::remove_all(final_path, ec);
    if (auto moved = os::move_durably(temporary, final_path)) throw_write_error(final_path, moved);
}

void remove_quietly(const fs::path& path) noexcept {
    std::error_code ec;
    fs::remove_all(path, ec);
}

void create_private(const fs::path& path, bool folder) {
    const std::error_code ec =
        folder ? os::create_owner_only_directory(path) : os::create_owner_only_file(path);
    if (ec) throw_write_error(path, ec);
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
