#pragma once
// The running process: its id (shown in lock messages, used in temporary names) and the CPU time it
// has used (the idle benchmark's figures). Shutdown requests are the window's concern:
// platform/signal_watcher.hpp.
namespace rc::os {

long process_id();
// User plus system CPU seconds used by this process so far.
double process_cpu_seconds();

} // namespace rc::os
