#pragma once
// The program's log: a rotating file in the state directory and stderr. Logs carry references
// (OP-0001-017, entry ids) and never personal data; paths under the home folder are shown as "~/...",
// because a home folder is often named after the person who uses the laptop.
#include <filesystem>
#include <spdlog/common.h>
#include <string>

namespace rc::app {

struct LoggingOptions {
    std::filesystem::path directory; // where reception-console.log rotates
    spdlog::level::level_enum stderr_level = spdlog::level::warn;
    spdlog::level::level_enum file_level = spdlog::level::info;
    std::size_t max_file_bytes = 1024 * 1024;
    std::size_t max_files = 5;
};

// Installs the "reception-console" logger as the default. A file that cannot be opened leaves
// stderr only, and says so there. Calling it again replaces the sinks.
void setup_logging(const LoggingOptions& options);

// <state directory>/logs
std::filesystem::path log_directory();

// The path with the user's home folder written as "~", for logs and messages that may be shared.
std::string path_for_log(const std::filesystem::path& path);

} // namespace rc::app
