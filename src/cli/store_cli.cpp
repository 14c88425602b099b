#include "cli/store_cli.hpp"

#include "app/data_paths.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"

#include <cstdio>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace rc::cli {

std::filesystem::path database_path(const CliContext& ctx) {
    if (!ctx.db_path.empty()) return rc::os::path_from_utf8(ctx.db_path);
    return rc::app::default_database_path();
}

void quiet_store_log() {
    static bool done = false;
    if (done) return;
    done = true;
    auto logger = spdlog::get("reception-console");
    if (!logger) logger = spdlog::stderr_logger_mt("reception-console");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);
}

int report_error(const char* command, const std::string& problem, const std::string& advice) {
    std::fprintf(stderr, "reception-console %s: %s\n", command, problem.c_str());
    if (!advice.empty()) std::fprintf(stderr, "%s\n", advice.c_str());
    return 1;
}

int report_error(const char* command, const rc::store::StoreError& e) {
    return report_error(command, e.problem(), e.advice());
}

} // namespace rc::cli
