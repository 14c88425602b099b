#pragma once
// What the command-line tests share: a scratch folder per test, reading and writing files, and running
// the real program in a new session (no terminal, so it can never sit at a passphrase prompt) with the
// passphrase in the environment when given.
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace rc::cli::test {

namespace fs = std::filesystem;

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A fresh folder under $RC_TEST_TMP, removed afterwards unless RC_KEEP_TEST_FILES is set.
class Scratch {
public:
    Scratch() {
        const char* base = std::getenv("RC_TEST_TMP");
        fs::path root = base && *base ? fs::path(base) : fs::temp_directory_path() / "rc-cli-tests";
        static int n = 0;
        dir = root / ("cli-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        if (!std::getenv("RC_KEEP_TEST_FILES")) fs::remove_all(dir, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    fs::path dir;
};

// Runs reception-console with `args`; open descriptors without close-on-exec are inherited.
// `stdin_text`, when given, is what the program reads on standard input (else /dev/null).
inline Run run_program(const fs::path& scratch, std::vector<std::string> args,
                       const char* passphrase_env = nullptr, const std::string& stdin_text = {}) {
    const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt", in = scratch / "stdin.txt";
    if (!stdin_text.empty()) spit(in, stdin_text);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_text.empty() ? "/dev/null" : in.c_str(),
                                     O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);

    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("RECEPTION_CONSOLE_PASSPHRASE=", 0) != 0) env_strings.emplace_back(*e);
    if (passphrase_env) env_strings.push_back(std::string("RECEPTION_CONSOLE_PASSPHRASE=") + passphrase_env);
    std::vector<char*> envp;
    for (auto& s : env_strings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    std::string program = RC_CONSOLE_BINARY;
    args.insert(args.begin(), program);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    REQUIRE_MESSAGE(rc == 0, "could not start " << program);
    int status = 0;
    waitpid(pid, &status, 0);
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

} // namespace rc::cli::test
