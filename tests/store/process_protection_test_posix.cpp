// What the program does first (src/cli/main.cpp): no core dumps, files private to the user. Checked in
// a forked child, so the test process itself stays debuggable.
#include "os/security.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace rc;
using namespace rc::store;

TEST_CASE("process: no core dumps and umask 077 after harden_process") {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        os::harden_process();
        const os::ProcessProtection p = os::process_protection();
        int code = 0;
        if (p.dumpable) code |= 1;
        if (p.core_limit != 0) code |= 2;
        if (p.file_mode_mask != 077) code |= 4;
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK((WEXITSTATUS(status) & 1) == 0); // PR_SET_DUMPABLE 0
    CHECK((WEXITSTATUS(status) & 2) == 0); // RLIMIT_CORE 0
    CHECK((WEXITSTATUS(status) & 4) == 0); // umask 077
}

TEST_CASE("process: the passphrase variable is wiped and removed once read") {
    ::setenv("RC_TEST_SECRET", "correct horse battery", 1);
    auto v = os::take_secret_from_environment("RC_TEST_SECRET");
    REQUIRE(v);
    CHECK(*v == "correct horse battery");
    CHECK(std::getenv("RC_TEST_SECRET") == nullptr);
    CHECK_FALSE(os::take_secret_from_environment("RC_TEST_SECRET"));
}

TEST_CASE("files: the purge's overwrite never follows a symbolic link; private folders refuse links") {
    test::TempDir dir("os-files");
    const auto target = dir / "elsewhere.txt";
    test::write_file(target, "not ours to delete");
    const auto link = dir / "centre-20260314-064000.sqlite";
    std::filesystem::create_symlink(target, link);
    auto why = os::overwrite_and_remove(link);
    REQUIRE(why);
    CHECK(why->find("symbolic link") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));
    CHECK(test::read_file(target) == "not ours to delete");

    const auto real = dir / "backup.sqlite";
    test::write_file(real, std::string(100000, 'x'));
    CHECK_FALSE(os::overwrite_and_remove(real));
    CHECK_FALSE(std::filesystem::exists(real));
    CHECK(os::overwrite_and_remove(dir / "missing.sqlite"));

    const auto priv = dir / "private";
    CHECK_FALSE(os::make_private_directory(priv));
    CHECK((std::filesystem::status(priv).permissions() & std::filesystem::perms::others_all) ==
          std::filesystem::perms::none);
    std::filesystem::create_directory_symlink(dir.path(), dir / "linked");
    CHECK(os::make_private_directory(dir / "linked"));
}
