// `reception-console import stock`, run as the real program with the passphrase in
// RECEPTION_CONSOLE_PASSPHRASE: a delivery note with bad rows refused before any passphrase, each row
// named with the valid ids and the database untouched; the corrected note imported whole; --help names
// the kinds and stores.
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

namespace {

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "a passphrase for the stock tests";
constexpr const char* kUser = "Coordinator One";

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class Scratch {
public:
    Scratch() {
        const char* base = std::getenv("RC_TEST_TMP");
        fs::path root = base && *base ? fs::path(base) : fs::temp_directory_path() / "rc-cli-tests";
        static int n = 0;
        dir = root / ("import-stock-cli-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        if (!std::getenv("RC_KEEP_TEST_FILES")) fs::remove_all(dir, ec);
    }
    fs::path dir;
};

// Runs the console in a new session (no terminal to ask a passphrase on), with the passphrase in the
// environment when given.
Run run_console(const fs::path& scratch, std::vector<std::string> args,
                const char* passphrase = kPassphrase) {
    const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
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
    if (passphrase) env_strings.push_back(std::string("RECEPTION_CONSOLE_PASSPHRASE=") + passphrase);
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

fs::path init_database(const Scratch& s) {
    fs::path db = s.dir / "centre.sqlite";
    Run r = run_console(s.dir, {"init", "--db", db.string(), "--user", kUser, "--centre", "Test hall"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return db;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string database_bytes(const fs::path& db) {
    return slurp(db) + "|wal|" + slurp(fs::path(db.string() + "-wal"));
}

} // namespace

TEST_CASE("cli: import stock refuses a note with bad rows before asking a passphrase, naming the valid ids") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path note = s.dir / "delivery.csv";
    spit(note, "kind,store,quantity,from\r\n"
               "adult_female,centre,20,Mothers' Union\r\n"
               "adult_f,centre,5,Mothers' Union\r\n"
               "child,ripley,twelve,Clewer Initiative\r\n");
    const std::string before = database_bytes(db);

    // No passphrase at all: the file's problems are found first.
    Run r =
        run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()}, nullptr);
    CHECK(r.exit_code == 1);
    CAPTURE(r.err);
    CHECK(contains(r.err, note.string() + ": line 3, column kind: 'adult_f' is not a bag kind; the kinds are "
                                          "adult_female, adult_male, child, infant\n"));
    CHECK(contains(r.err, note.string() +
                              ": line 4, column store: 'ripley' is not a store; the stores are centre\n"));
    CHECK(contains(r.err, note.string() + ": line 4, column quantity: 'twelve' is not a whole number\n"));
    CHECK(contains(r.err, "3 problems; nothing was imported"));
    CHECK(database_bytes(db) == before);
}

TEST_CASE("cli: import stock records a good delivery note whole") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path note = s.dir / "delivery.csv";
    spit(note, "Kind,Store,Quantity,From\n"
               "adult_female,centre,20,Mothers' Union\n"
               "infant,CENTRE,5,\"Clewer Initiative, Derby\"\n");
    Run r = run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Imported 2 delivery lines from " + note.string() + ": 25 bags received.\n"));

    // The wrong passphrase changes nothing.
    Run wrong = run_console(s.dir, {"import", "stock", "--db", db.string(), "--user", kUser, note.string()},
                            "not the passphrase");
    CHECK(wrong.exit_code == 1);
}

TEST_CASE("cli: import stock --help names the columns, the kinds and the store ids") {
    Scratch s;
    Run r = run_console(s.dir, {"import", "stock", "--help"});
    CHECK(r.exit_code == 0);
    CAPTURE(r.out);
    CHECK(contains(r.out, "kind,store,quantity,from"));
    CHECK(contains(r.out, "adult_female, adult_male, child, infant"));
    CHECK(contains(r.out, "centre"));
}
