#pragma once
// The running process: its id (shown in lock messages, used in temporary names) and the CPU time it
// has used (the idle benchmark's figures). Shutdown requests are the window's concern:
// platform/signal_watcher.hpp.
#include <string>

namespace rc::os {

long process_id();
// User plus system CPU seconds used by this process so far.
double process_cpu_seconds();

// Replaces this process with the program itself, started with the arguments it was started with but
// `--db DB` instead of any --db it had (opening a saved shared centre). Returns only when that failed.
// On Windows the program is started again as a new process and this one ends.
void restart_self_with_database(const std::string& db);

} // namespace rc::os
