#include "platform/process.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace rc::platform {

bool program_available(const std::string& program) {
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string dir = dirs.substr(start, end - start);
        if (!dir.empty() && ::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
        start = end + 1;
    }
    return false;
}

std::optional<std::string> start_detached(const std::vector<std::string>& argv) {
    if (argv.empty()) return "Nothing to start.";
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str())); // posix_spawn's signature; it does not write
    args.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    for (int fd : {0, 1, 2})
        posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
    pid_t pid = 0;
    const int e = posix_spawnp(&pid, args[0], &files, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (e != 0) return "Could not start " + argv[0] + ": " + std::strerror(e) + ".";
    // Reaped when it ends, so it never lingers as a zombie; the console does not wait for it.
    std::thread([pid] {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }).detach();
    return std::nullopt;
}

std::variant<pid_t, std::string> start_collecting(const std::vector<std::string>& argv,
                                                  std::function<void(ProcessOutcome)> done) {
    if (argv.empty()) return std::string("Nothing to start.");
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return "Could not start " + argv[0] + ": " + std::strerror(errno) + ".";
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str())); // posix_spawn's signature; it does not write
    args.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&files, out[1], 1); // the copy loses O_CLOEXEC
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int e = posix_spawnp(&pid, args[0], &files, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    ::close(out[1]);
    if (e != 0) {
        ::close(out[0]);
        return "Could not start " + argv[0] + ": " + std::strerror(e) + ".";
    }
    std::thread([pid, fd = out[0], done = std::move(done)] {
        ProcessOutcome outcome;
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            outcome.output.append(buf, static_cast<std::size_t>(n));
        }
        ::close(fd);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        done(std::move(outcome));
    }).detach();
    return pid;
}

} // namespace rc::platform
