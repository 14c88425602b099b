// Durability under crashes: a writer process committing through the real Store is killed with SIGKILL
// at random moments, round after round. Every round the file must pass integrity_check and hold every
// write the writer acknowledged (printed after its commit returned).
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <poll.h>
#include <random>
#include <set>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

struct Child {
    pid_t pid = -1;
    int out = -1; // read end of the child's stdout
};

Child spawn_writer(const std::filesystem::path& db) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::string program = RC_KILL_WRITER;
    std::string db_arg = db.string();
    std::string user = kCoordinator;
    char* argv[] = {program.data(), db_arg.data(), user.data(), nullptr};
    Child c;
    int rc = posix_spawn(&c.pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    REQUIRE_MESSAGE(rc == 0, "could not start " << program);
    c.out = fds[0];
    return c;
}

// Reads whole lines (acknowledged ids) from the child; partial lines stay in `pending`.
// Returns false at end of file.
bool read_acks(int fd, std::string& pending, std::vector<std::int64_t>& acks, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
        acks.push_back(std::stoll(pending.substr(0, nl)));
        pending.erase(0, nl + 1);
    }
    return true;
}

} // namespace

TEST_CASE("kill test: SIGKILL at random moments never loses an acknowledged write") {
    TempDir dir("kill");
    SystemClock clock;
    const auto db = dir / "centre.sqlite";
    {
        auto s = Store::create(quick_options(db), clock);
        Settings st = s->settings();
        st.backup_folder = (dir / "backups").string();
        st.backups_kept = 3;
        s->update_settings(st);
    }
    ::setenv("RECEPTION_CONSOLE_PASSPHRASE", kPassphrase, 1);

    const int rounds = std::getenv("RC_KILL_ROUNDS") ? std::atoi(std::getenv("RC_KILL_ROUNDS")) : 30;
    const auto seed = static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
    MESSAGE("kill test seed " << seed);
    std::mt19937 rng(seed);
    std::set<std::int64_t> acked;
    std::size_t total_acks = 0;
    const auto started = std::chrono::steady_clock::now();

    for (int round = 0; round < rounds; ++round) {
        CAPTURE(round);
        Child child = spawn_writer(db);
        std::string pending;
        std::vector<std::int64_t> acks;
        // Most rounds: kill after a random number of acknowledged commits, then a random few
        // microseconds more, so the kill lands anywhere in a transaction. One round in five: kill at
        // a random time from the start (during open, recovery, sign-in or the first commits).
        const bool early = round % 5 == 4;
        const std::size_t kill_after = std::uniform_int_distribution<std::size_t>(30, 1000)(rng);
        const auto deadline =
            std::chrono::steady_clock::now() +
            std::chrono::milliseconds(early ? std::uniform_int_distribution<int>(0, 250)(rng) : 20000);
        bool open = true;
        while (open && std::chrono::steady_clock::now() < deadline && (early || acks.size() < kill_after))
            open = read_acks(child.out, pending, acks, 5);
        if (open) {
            std::this_thread::sleep_for(
                std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(rng)));
            ::kill(child.pid, SIGKILL);
        }
        // Acks already in the pipe were printed after their commit: they count too.
        while (read_acks(child.out, pending, acks, 1000)) {
        }
        ::close(child.out);
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        REQUIRE_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
                        "the writer stopped by itself (status " << status << ")");
        if (!early) CHECK(acks.size() >= kill_after);
        acked.insert(acks.begin(), acks.end());
        total_acks += acks.size();

        // As found after the crash: integrity_check, read-only.
        DatabaseReport rep = inspect_database(db, CheckDepth::Full);
        REQUIRE_MESSAGE(rep.ok, rep.problem);
        // Every acknowledged write is there, decrypts, and has its audit row.
        auto s = open_signed_in(db, clock);
        std::set<std::int64_t> present;
        {
            auto st = s->connection_for_reading().cached("SELECT id FROM activity_log");
            while (st->step())
                present.insert(st->int64_at(0));
        }
        std::size_t missing = 0;
        for (auto id : acked)
            if (!present.count(id)) ++missing;
        CHECK_MESSAGE(missing == 0, missing << " acknowledged writes are missing");
        for (auto id : acks) {
            auto e = s->log_entry(id);
            REQUIRE(e);
            CHECK(e->text.rfind("kill test entry ", 0) == 0);
        }
        {
            auto st = s->connection_for_reading().cached(
                "SELECT count(*) FROM activity_log l WHERE NOT EXISTS "
                "(SELECT 1 FROM audit a WHERE a.table_name = 'activity_log' AND a.record_id = l.id)");
            st->step();
            CHECK(st->int64_at(0) == 0);
        }
        // Any backup with a backup's name is complete (partial ones never get the name).
        for (const auto& b : list_automatic_backups(dir / "backups", db)) {
            DatabaseReport br = inspect_database(b, CheckDepth::Quick);
            CHECK_MESSAGE(br.ok, br.problem);
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("kill test: " << rounds << " rounds, " << total_acks << " acknowledged commits, " << seconds
                          << " s");
    CHECK(total_acks >= static_cast<std::size_t>(rounds) * 20);
    ::unsetenv("RECEPTION_CONSOLE_PASSPHRASE");
}
