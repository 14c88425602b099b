#include "platform/console_app.hpp"

#include <cstdio>

namespace rc::platform {

int run_console(const ConsoleOptions& options) {
    (void)options;
    std::fprintf(stderr, "reception-console: the window is not built yet\n");
    return 2;
}

} // namespace rc::platform
