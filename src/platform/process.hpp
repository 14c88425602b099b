#pragma once
// Starting other programs (the file manager, the file chooser): the one place the console spawns a
// process.
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace rc::platform {

// Whether `program` is an executable file on $PATH (or a path to one).
bool program_available(const std::string& program);

// Starts `argv` (argv[0] looked up on $PATH) with the console's environment and stdin, stdout and
// stderr on /dev/null, and does not wait for it (it is reaped in the background). A sentence saying
// what went wrong when it could not be started.
std::optional<std::string> start_detached(const std::vector<std::string>& argv);

// Replaces this process with the program itself, started with the arguments it was started with
// (from /proc/self/cmdline) but `--db DB` instead of any --db it had. Returns only when that failed.
void restart_self_with_database(const std::string& db);

// How a collected program ended.
struct ProcessOutcome {
    int exit_code = -1; // -1 when a signal ended it
    std::string output; // what it wrote on stdout
};

// Starts `argv` with its stdout collected (stdin and stderr on /dev/null) and returns at once with
// its process id; a background thread reads the output, reaps the program and then calls `done`
// (on that thread). A sentence saying what went wrong when it could not be started.
std::variant<pid_t, std::string> start_collecting(const std::vector<std::string>& argv,
                                                  std::function<void(ProcessOutcome)> done);

} // namespace rc::platform
