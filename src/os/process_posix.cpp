#include "os/process.hpp"

#include <fstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace rc::os {

long process_id() {
    return static_cast<long>(::getpid());
}

double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const auto secs = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    return secs(ru.ru_utime) + secs(ru.ru_stime);
}

void restart_self_with_database(const std::string& db) {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::vector<std::string> args;
    for (std::string arg; std::getline(in, arg, '\0');)
        args.push_back(arg);
    if (args.empty()) return;
    std::vector<std::string> next{args[0]};
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--db" && i + 1 < args.size()) {
            ++i;
            continue;
        }
        if (args[i].rfind("--db=", 0) == 0) continue;
        next.push_back(args[i]);
    }
    next.emplace_back("--db");
    next.push_back(db);
    std::vector<char*> argv;
    for (auto& a : next)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv("/proc/self/exe", argv.data());
}

} // namespace rc::os
