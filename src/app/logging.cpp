#include "app/logging.hpp"

#include "app/data_paths.hpp"

#include <cstdlib>
#include <memory>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <vector>

namespace rc::app {

std::filesystem::path log_directory() {
    return state_directory() / "logs";
}

std::string path_for_log(const std::filesystem::path& path) {
    const std::string p = path.string();
    const char* home = std::getenv("HOME");
    if (home && *home) {
        std::string h = home;
        while (h.size() > 1 && h.back() == '/')
            h.pop_back();
        if (p == h) return "~";
        if (p.size() > h.size() && p.compare(0, h.size(), h) == 0 && p[h.size()] == '/')
            return "~" + p.substr(h.size());
    }
    return p;
}

void setup_logging(const LoggingOptions& options) {
    std::vector<spdlog::sink_ptr> sinks;
    auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    err->set_level(options.stderr_level);
    sinks.push_back(err);

    bool file_ok = true;
    try {
        std::filesystem::create_directories(options.directory);
        auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            (options.directory / "reception-console.log").string(), options.max_file_bytes,
            options.max_files);
        file->set_level(options.file_level);
        sinks.push_back(file);
    } catch (const std::exception&) {
        file_ok = false; // the exception's text holds the full path: not repeated in the log
    }

    auto logger = std::make_shared<spdlog::logger>("reception-console", sinks.begin(), sinks.end());
    logger->set_level(std::min(options.stderr_level, options.file_level));
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
    logger->flush_on(spdlog::level::info); // few lines, and a crash must not lose them
    spdlog::drop("reception-console");
    spdlog::register_logger(logger);
    spdlog::set_default_logger(logger);
    if (!file_ok)
        spdlog::warn("could not open the log file in {}: check that the folder is writable; logging to "
                     "stderr only",
                     path_for_log(options.directory));
}

} // namespace rc::app
