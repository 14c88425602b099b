#pragma once
// Starting other programs (the file manager): the one place the console spawns a process.
#include <optional>
#include <string>
#include <vector>

namespace rc::platform {

// Whether `program` is an executable file on $PATH (or a path to one).
bool program_available(const std::string& program);

// Starts `argv` (argv[0] looked up on $PATH) with the console's environment and stdin, stdout and
// stderr on /dev/null, and does not wait for it (it is reaped in the background). A sentence saying
// what went wrong when it could not be started.
std::optional<std::string> start_detached(const std::vector<std::string>& argv);

} // namespace rc::platform
