#include "os/process.hpp"

#include <sys/resource.h>
#include <unistd.h>

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

} // namespace rc::os
