// `reception-console procedure check FILE`, run as the real program: exit 0 and a summary for the
// default procedure; the file:line:column diagnostics on stderr and a non-zero exit for each broken copy.
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

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Result check_procedure(const std::string& file) {
    const char* base = std::getenv("RC_TEST_TMP");
    const fs::path dir = (base && *base ? fs::path(base) : fs::temp_directory_path()) /
                         ("procedure-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::string program = RC_CONSOLE_BINARY;
    std::vector<std::string> args{program, "procedure", "check", file};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE_MESSAGE(rc == 0, "could not start " << program);
    int status = 0;
    waitpid(pid, &status, 0);
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_all(out);
    r.err = read_all(err);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return r;
}

} // namespace

TEST_CASE("procedure check accepts the default procedure") {
    const std::string file = std::string(RC_PROCEDURES_DIR) + "/derbyshire-template.toml";
    const Result r = check_procedure(file);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(
        r.out.rfind("OK: Emergency reception centre procedure (Derbyshire-style template) v0.1: 3 tiers, 11 "
                    "partners, 50 actions, 4 referral rules, 4 bag kinds, 8 contacts (4 in the call-out)\n",
                    0) == 0);
    CHECK(r.out.find("Tiers: small 1-10, medium 11-30, large 31+\n") != std::string::npos);
    CHECK(r.out.find("SHA-256: ") != std::string::npos);
    CHECK(r.out.find("TEMPLATE: adapt before use") != std::string::npos);
    CHECK(r.err.empty());
}

TEST_CASE("procedure check prints file:line:column for each mistake and exits non-zero") {
    const std::string dir = std::string(RC_TEST_DATA_DIR) + "/procedure_errors/";
    struct Case {
        const char* file;
        const char* first_line; // after the path
    };
    const Case cases[] = {
        {"syntax_error.toml", ":386:42: TOML syntax error: Error while parsing string"},
        {"unknown_key.toml", ":165:1: action 'act-choose-venue': unknown key 'leed'; did you mean 'lead'?"},
        {"missing_field.toml", ":373:1: action 'rec-property': missing required field 'title'"},
        {"wrong_type.toml", ":16:11: [procedure]: 'version' must be text in quotes"},
        {"duplicate_action_id.toml", ":340:6: duplicate action id 'rec-welcome': already used at line 331"},
        {"undefined_partner.toml",
         ":228:26: action 'act-support-ngos': support partner 'justice_care' is not"},
        {"undefined_phase.toml",
         ":253:9: action 'set-security': unknown phase 'setup'; did you mean 'set_up'?"},
        {"impossible_timing_negative.toml", ":150:15: action 'act-take-call': due_minutes is -15"},
        {"impossible_timing_too_late.toml",
         ":580:15: action 'deb-multi-agency': due_minutes is 20160 (14 days)"},
        {"tiers_overlap.toml", ":36:19: tiers overlap: 'medium' starts at 9"},
        {"tiers_gap.toml", ":37:18: gap between tiers: no tier covers 31 to 40 people"},
    };
    for (const Case& c : cases) {
        const std::string path = dir + c.file;
        const Result r = check_procedure(path);
        INFO(c.file << "\n" << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind(path + c.first_line, 0) == 0);
        CHECK(r.err.find("; the procedure was not loaded\n") != std::string::npos);
    }
}

TEST_CASE("procedure check reports a file it cannot read") {
    const std::string path = std::string(RC_TEST_DATA_DIR) + "/no-such-procedure.toml";
    const Result r = check_procedure(path);
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind(path + ": cannot open the file", 0) == 0);
}
