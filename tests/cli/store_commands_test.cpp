// The database subcommands, run as the real program: init, verify (good and bad files), backup,
// restore. Bad files must be refused with a clear message, a non-zero exit, and unchanged bytes.
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

#include "cli_test_support.hpp"

namespace {

using namespace rc::cli::test;

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "a passphrase for the command line";

Run run_console(const fs::path& scratch, std::vector<std::string> args, const char* passphrase_env = nullptr,
                int keep_fd = -1) {
    (void)keep_fd; // inherited as it is (not close-on-exec)
    return run_program(scratch, std::move(args), passphrase_env);
}

fs::path init_database(const Scratch& s, const std::string& name = "centre.sqlite") {
    fs::path db = s.dir / name;
    Run r = run_console(s.dir,
                        {"init", "--db", db.string(), "--user", "Coordinator One", "--centre", "Test hall"},
                        kPassphrase);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return db;
}

void patch_u32(const fs::path& p, std::size_t offset, std::uint32_t v) {
    std::string bytes = slurp(p);
    REQUIRE(bytes.size() > offset + 4);
    for (int i = 0; i < 4; ++i)
        bytes[offset + static_cast<std::size_t>(i)] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
    spit(p, bytes);
}

} // namespace

TEST_CASE("cli: init creates a database and refuses to overwrite one") {
    Scratch s;
    fs::path db = init_database(s);
    CHECK(fs::exists(db));
    Run again = run_console(s.dir, {"init", "--db", db.string(), "--user", "Someone Else"}, kPassphrase);
    CHECK(again.exit_code != 0);
    CHECK(again.err.find("already a file") != std::string::npos);

    Run no_secret = run_console(s.dir, {"init", "--db", (s.dir / "other.sqlite").string(), "--user", "X"});
    CHECK(no_secret.exit_code != 0);
    CHECK(no_secret.err.find("RECEPTION_CONSOLE_PASSPHRASE") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "other.sqlite"));

    Run weak = run_console(s.dir, {"init", "--db", (s.dir / "weak.sqlite").string(), "--user", "X"}, "short");
    CHECK(weak.exit_code != 0);
    CHECK(weak.err.find("too short") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "weak.sqlite"));
}

TEST_CASE("cli: init reads the passphrase from --passphrase-fd") {
    Scratch s;
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string line = std::string(kPassphrase) + "\n";
    REQUIRE(::write(fds[1], line.data(), line.size()) == static_cast<ssize_t>(line.size()));
    ::close(fds[1]);
    fs::path db = s.dir / "fd.sqlite";
    Run r = run_console(
        s.dir, {"--passphrase-fd", std::to_string(fds[0]), "init", "--db", db.string(), "--user", "Fd User"},
        nullptr, fds[0]);
    ::close(fds[0]);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(fs::exists(db));
}

TEST_CASE("cli: verify passes a good database and refuses bad ones without changing them") {
    Scratch s;
    fs::path good = init_database(s);
    Run ok = run_console(s.dir, {"verify", "--db", good.string()});
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(ok.out.find("OK") != std::string::npos);
    CHECK(ok.out.find("integrity_check: ok") != std::string::npos);

    struct Bad {
        const char* name;
        const char* expect;
    };
    const std::string good_bytes = slurp(good);
    auto make = [&](const char* name) {
        fs::path p = s.dir / name;
        spit(p, good_bytes);
        return p;
    };
    std::vector<std::pair<fs::path, std::string>> bad;
    {
        fs::path p = make("truncated.sqlite");
        fs::resize_file(p, good_bytes.size() / 2 + 100);
        bad.emplace_back(p, "truncated");
    }
    {
        fs::path p = make("corrupt.sqlite");
        std::string b = slurp(p);
        for (std::size_t page = 1; page * 4096 < b.size(); ++page)
            for (std::size_t i = 0; i < 12; ++i)
                b[page * 4096 + i] = '\xEE';
        spit(p, b);
        bad.emplace_back(p, "damaged");
    }
    {
        fs::path p = make("foreign.sqlite");
        patch_u32(p, 68, 0x47504B47); // another program's application_id
        bad.emplace_back(p, "another program");
    }
    {
        fs::path p = make("newer.sqlite");
        patch_u32(p, 60, 999); // user_version from the future
        bad.emplace_back(p, "newer version");
    }
    {
        fs::path p = s.dir / "text.sqlite";
        spit(p, std::string(8192, 'z'));
        bad.emplace_back(p, "not an SQLite database");
    }
    for (const auto& [path, expect] : bad) {
        CAPTURE(path.filename().string());
        const std::string before = slurp(path);
        Run r = run_console(s.dir, {"verify", "--db", path.string()});
        CHECK(r.exit_code == 1);
        CHECK_MESSAGE(r.err.find(expect) != std::string::npos, r.err);
        CHECK(r.err.find(path.string()) != std::string::npos);
        CHECK(r.out.empty());
        // Any other subcommand that opens it refuses too.
        Run b = run_console(s.dir, {"backup", "--db", path.string(), "--to", (s.dir / "b").string()});
        CHECK(b.exit_code != 0);
        CHECK(slurp(path) == before);
    }
    Run missing = run_console(s.dir, {"verify", "--db", (s.dir / "nothing.sqlite").string()});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("reception-console init") != std::string::npos);
}

TEST_CASE("cli: backup, then restore keeps the current database aside") {
    Scratch s;
    fs::path db = init_database(s);
    Run b = run_console(s.dir, {"backup", "--db", db.string(), "--to", (s.dir / "usb").string()});
    REQUIRE_MESSAGE(b.exit_code == 0, b.err);
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(s.dir / "usb"))
        files.push_back(e.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename().string().find("centre-manual-") == 0);
    Run v = run_console(s.dir, {"verify", "--db", files[0].string()});
    CHECK_MESSAGE(v.exit_code == 0, v.err);

    Run r = run_console(s.dir, {"restore", "--db", db.string(), "--from", files[0].string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("kept as") != std::string::npos);
    bool aside = false;
    for (auto& e : fs::directory_iterator(s.dir))
        if (e.path().filename().string().find("centre-before-restore-") == 0) aside = true;
    CHECK(aside);
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);

    // A bad backup is refused and the database stays as it is.
    spit(s.dir / "bad.sqlite", std::string(4096, 'q'));
    const std::string before = slurp(db);
    Run bad = run_console(s.dir, {"restore", "--db", db.string(), "--from", (s.dir / "bad.sqlite").string()});
    CHECK(bad.exit_code != 0);
    CHECK(bad.err.find("cannot be restored") != std::string::npos);
    CHECK(slurp(db) == before);
}
