#pragma once
// Writing export files safely: a whole file at once, under a temporary name beside its final one and
// renamed into place, so a file with an export's name is always complete. Errors name the file.
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace rc::exports {

// Throws store::StoreError (Io, or DiskFull when the disk is full) naming the path.
[[noreturn]] void throw_write_error(const std::filesystem::path& path, std::error_code error);

// Writes and fsyncs the bytes to `path` (created or truncated).
void write_whole_file(const std::filesystem::path& path, std::string_view bytes);
// Creates the folder (and its parents) when missing.
void create_folder(const std::filesystem::path& folder);

// "<final>.partial-<pid>" beside `final_path`.
std::filesystem::path temporary_path(const std::filesystem::path& final_path);
// Replaces `final_path` (a file or a folder) with `temporary` and syncs the folder holding it.
void move_into_place(const std::filesystem::path& temporary, const std::filesystem::path& final_path);
// Removes a temporary file or folder left by a failed write; never throws.
void remove_quietly(const std::filesystem::path& path) noexcept;
// Makes an empty file or folder only the owner can open (0600/0700, or an owner-only ACL on Windows), for a
// writer to fill: an identifiable export is never readable by others, not even while it is being written.
void create_private(const std::filesystem::path& path, bool folder);
// Bytes of a file, or of every file in a folder.
std::uintmax_t size_on_disk(const std::filesystem::path& path);

} // namespace rc::exports
