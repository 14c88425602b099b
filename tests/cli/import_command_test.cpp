// `reception-console import arrivals`, run as the real program with the passphrase in
// RECEPTION_CONSOLE_PASSPHRASE: the scenario's roll (one bad row) refused with its line and column and
// the database untouched; the corrected roll imported whole; the same tags again refused.
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

constexpr const char* kPassphrase = "a passphrase for the import tests";
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
        dir = root / ("import-cli-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
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

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

// The database and its WAL, as bytes (an absent file reads as empty).
std::string database_bytes(const fs::path& db) {
    return slurp(db) + "|wal|" + slurp(fs::path(db.string() + "-wal"));
}

} // namespace

TEST_CASE("cli: import arrivals refuses the scenario's roll for its one bad row and changes nothing") {
    Scratch s;
    const fs::path db = init_database(s);
    const fs::path roll = fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv";
    const std::string before = database_bytes(db);

    Run r = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    CHECK(r.exit_code == 1);
    CAPTURE(r.err);
    CHECK(contains(r.err, roll.string() +
                              ": line 15, column consent_nrm: 'maybe' is not one of yes, no, undecided\n"));
    CHECK(occurrences(r.err, ": line ") == 1); // the only bad row
    CHECK(contains(r.err, roll.string() + ": 1 problem; nobody was imported"));
    CHECK(r.out.empty());
    CHECK_FALSE(contains(r.err, "Popescu")); // a message names the line and column, not the person
    CHECK(database_bytes(db) == before);     // checked before signing in: not a byte written
}

TEST_CASE("cli: import arrivals imports a corrected roll whole, then refuses the same tags again") {
    Scratch s;
    const fs::path db = init_database(s);
    std::string text = slurp(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
    const auto at = text.find(",maybe");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, ",undecided");
    const fs::path roll = s.dir / "roll.csv";
    spit(roll, text);

    Run ok = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(contains(ok.out, "Imported 14 people from " + roll.string() + ": OP-0001-001 to OP-0001-014."));
    // Names are sealed in the file.
    for (const char* name : {"Popescu", "Dumitru", "Hoxha", "Kovács", "Yusuf"}) {
        CAPTURE(name);
        CHECK_FALSE(contains(database_bytes(db), name));
    }

    Run again =
        run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    CHECK(again.exit_code == 1);
    CHECK_MESSAGE(
        contains(again.err, roll.string() + ": line 2, column tag: tag T001 is already on OP-0001-001"),
        again.err);
    CHECK(contains(again.err, roll.string() + ": 14 problems; nobody was imported"));
    CHECK(again.out.empty());

    Run wrong =
        run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()},
                    "not the passphrase");
    CHECK(wrong.exit_code == 1);
    CHECK(contains(wrong.err, "do not match"));

    Run missing = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser,
                                      (s.dir / "nowhere.csv").string()});
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "Cannot read " + (s.dir / "nowhere.csv").string()));

    Run no_kind = run_console(s.dir, {"import", "--db", db.string()});
    CHECK(no_kind.exit_code != 0);
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);
}
