#include "os/process.hpp"

#include <windows.h>

namespace rc::os {

namespace {

double seconds_of(const FILETIME& ft) {
    ULARGE_INTEGER v;
    v.LowPart = ft.dwLowDateTime;
    v.HighPart = ft.dwHighDateTime;
    return static_cast<double>(v.QuadPart) / 1e7; // 100 ns units
}

} // namespace

long process_id() {
    return static_cast<long>(GetCurrentProcessId());
}

double process_cpu_seconds() {
    FILETIME created, exited, kernel, user;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) return 0.0;
    return seconds_of(kernel) + seconds_of(user);
}

} // namespace rc::os
