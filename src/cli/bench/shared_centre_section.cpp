// A shared centre over TCP with TLS (verify-full, scram-sha-256: a centre as `server setup` makes it):
// a check-in on PostgreSQL against the same check-in on the SQLite file and against a raw INSERT on
// the same server, interleaved in one run; then from one desk's commit to another desk's refreshed
// Arrivals snapshot. Without --pg it starts a throwaway server (tests/support/pg_tls_throwaway.sh).
#include "app/store_session.hpp"
#include "cli/bench/bench_section.hpp"
#include "os/paths.hpp"
#include "os/process.hpp"
#include "os/socket_wait.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <spdlog/spdlog.h>

namespace rc::cli::bench {

namespace {

namespace fs = std::filesystem;
using Micro = std::chrono::duration<double, std::micro>;
using Steady = std::chrono::steady_clock;

constexpr const char* kCoordinator = "Benchmark coordinator";
constexpr const char* kPassphrase = "benchmark passphrase for a throw-away centre";

std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

// The throwaway server, stopped when this goes.
struct ThrowawayServer {
    fs::path script, state;
    bool started = false;
    std::string problem;
    ThrowawayServer(const std::string& self_exe) {
        script = fs::path(RC_SOURCE_DIR) / "tests/support/pg_tls_throwaway.sh";
        state = fs::temp_directory_path() / ("rc-bench-pg-" + std::to_string(os::process_id()));
        if (!fs::exists(script)) {
            problem = "no server given (--pg) and " + script.string() + " is not here to start one";
            return;
        }
        fs::create_directories(state);
        const std::string log = (state / "start.log").string();
        const std::string cmd = quoted(script.string()) + " start " + quoted(state.string()) + " " +
                                quoted(self_exe) + " >" + quoted(log) + " 2>&1";
        if (std::system(cmd.c_str()) != 0) {
            problem = "the throwaway PostgreSQL server did not start (see " + log +
                      "; it needs postgresql-15: scripts/setup --test)";
            return;
        }
        started = true;
        os::set_environment_variable("PGPASSFILE", os::path_to_utf8(state / "pgpass"));
    }
    ~ThrowawayServer() {
        if (!started) return;
        const std::string cmd =
            quoted(script.string()) + " stop " + quoted(state.string()) + " >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) spdlog::warn("bench: the throwaway server did not stop cleanly");
        std::error_code ec;
        fs::remove_all(state, ec);
    }
};

Person bench_person(int i) {
    Person p;
    p.tag = "B" + std::to_string(i);
    p.name = "Benchmark Person " + std::to_string(i);
    p.sex = Sex::Female;
    p.date_of_birth = Date{1990, 2, 14};
    p.nationality = "ER";
    p.languages = {"ti", "ar"};
    p.interpreter_needed = true;
    p.arrival_group = "Van 2";
    return p;
}

store::CreateOptions centre_at(const fs::path& where) {
    store::CreateOptions o;
    o.path = where;
    o.centre_name = "Benchmark centre";
    o.coordinator_name = kCoordinator;
    o.passphrase = kPassphrase;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    return o;
}

Cell ms(double us) {
    return Cell::num(us / 1000.0, 3);
}

} // namespace

SectionResult run_shared_centre_section(const BenchOptions& options) {
    constexpr int kIterations = 300;
    constexpr int kLatencySamples = 200;
    SectionResult r;
    std::optional<ThrowawayServer> server;
    std::string desk1 = options.pg, desk2 = options.pg;
    if (desk1.empty()) {
        server.emplace(options.self_exe);
        if (!server->started) {
            r.skipped = true;
            r.skip_reason = "No shared centre to measure: " + server->problem + ".";
            return r;
        }
        desk1 = first_line(server->state / "desk1");
        desk2 = first_line(server->state / "desk2");
    }
    const fs::path dir = fs::temp_directory_path() / ("rc-bench-shared-" + std::to_string(os::process_id()));
    fs::create_directories(dir);
    const auto log_level = spdlog::get_level();
    spdlog::set_level(spdlog::level::warn); // each check-in logs its reference
    try {
        SystemClock clock;
        store::ScopedKdfFloor weak_keys_for_a_throw_away_centre(store::KdfLimits::minimum());
        const fs::path file = dir / "bench-sqlite.sqlite";
        std::vector<double> lite_us, shared_us, raw_us;
        {
            auto lite = store::Store::create(centre_at(file), clock);
            auto shared = store::Store::create(centre_at(desk1), clock);
            // The raw write: one prepared INSERT of a row shaped like a sealed person, committed on
            // its own (autocommit: one round trip), from the other desk's login.
            store::Connection raw = store::Connection::open_postgres(desk2, store::AccessMode::ReadWrite);
            raw.exec("CREATE TABLE rc_bench_raw (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                     "reference TEXT NOT NULL UNIQUE, tag TEXT NOT NULL, arrived_at BIGINT NOT NULL, "
                     "personal_enc BYTEA NOT NULL, medical_enc BYTEA NOT NULL)");
            const store::Blob personal(1 + 24 + 64 + 16, 0x5a), medical(1 + 24 + 64 + 16, 0xa5);
            const int warmup = 15;
            for (int i = -warmup; i < kIterations; ++i) {
                const Person p = bench_person(i + warmup);
                const auto t0 = Steady::now();
                raw.cached("INSERT INTO rc_bench_raw (reference, tag, arrived_at, personal_enc, medical_enc) "
                           "VALUES (?, ?, ?, ?, ?)")
                    ->bind_all("OP-0001-" + p.tag, p.tag, clock.now(), personal, medical)
                    .run();
                const auto t1 = Steady::now();
                store::check_in(*lite, p, clock.now());
                const auto t2 = Steady::now();
                store::check_in(*shared, p, clock.now());
                const auto t3 = Steady::now();
                if (i < 0) continue;
                raw_us.push_back(Micro(t1 - t0).count());
                lite_us.push_back(Micro(t2 - t1).count());
                shared_us.push_back(Micro(t3 - t2).count());
            }
            raw.exec("DROP TABLE rc_bench_raw");
        }
        const Percentiles lite = percentiles(lite_us), shared = percentiles(shared_us),
                          raw = percentiles(raw_us);

        // Two desks as the window runs them: desk 2 waits on its server socket (as the window's loop
        // does), then its tick() reads the change and patches its Arrivals snapshot.
        std::vector<double> from_send, from_ack;
        int missed = 0;
        {
            app::StoreSession::Options quick;
            quick.passphrase_kdf = quick.pin_kdf = store::KdfLimits::minimum();
            app::StoreSession a(desk1, clock, quick), b(desk2, clock, quick);
            if (!a.sign_in(kCoordinator, kPassphrase).ok || !b.sign_in(kCoordinator, kPassphrase).ok)
                throw store::StoreError(store::ErrorKind::SignedOut, "the benchmark desks could not sign in");
            for (int i = 0; i < kLatencySamples; ++i) {
                const std::size_t before = b.people().rows.size();
                const auto t0 = Steady::now();
                const app::CheckInResult in = a.check_in(bench_person(100000 + i), "");
                const auto t1 = Steady::now();
                if (!in.ok)
                    throw store::StoreError(store::ErrorKind::Sql,
                                            "a benchmark check-in failed: " + in.message);
                bool seen = false;
                while (!seen && Micro(Steady::now() - t1).count() < 2e6) {
                    os::wait_socket_readable(b.wake_socket(), 100);
                    b.tick();
                    seen = b.people().rows.size() > before;
                }
                const auto t2 = Steady::now();
                if (!seen) {
                    ++missed;
                    continue;
                }
                from_send.push_back(Micro(t2 - t0).count());
                from_ack.push_back(Micro(t2 - t1).count());
            }
        }
        const Percentiles send = percentiles(from_send), ack = percentiles(from_ack);

        r.columns = {{"measure", "measure"},   {"median_ms", "median (ms)"}, {"p99_ms", "p99 (ms)"},
                     {"mean_ms", "mean (ms)"}, {"samples", "samples"},       {"ratio", "median ratio"}};
        r.rows.push_back({Cell::str("check_in on the SQLite file"), ms(lite.median), ms(lite.p99),
                          ms(lite.mean), Cell::num(static_cast<double>(lite_us.size()), 0),
                          Cell::num(1.0, 2)});
        r.rows.push_back({Cell::str("check_in on the shared centre (TLS)"), ms(shared.median), ms(shared.p99),
                          ms(shared.mean), Cell::num(static_cast<double>(shared_us.size()), 0),
                          Cell::num(shared.median / lite.median, 2)});
        r.rows.push_back({Cell::str("raw INSERT + commit on the server (TLS)"), ms(raw.median), ms(raw.p99),
                          ms(raw.mean), Cell::num(static_cast<double>(raw_us.size()), 0),
                          Cell::num(raw.median / lite.median, 2)});
        r.rows.push_back({Cell::str("desk 1 sends check-in -> desk 2 snapshot shows it"), ms(send.median),
                          ms(send.p99), ms(send.mean), Cell::num(static_cast<double>(from_send.size()), 0),
                          Cell::str("")});
        r.rows.push_back({Cell::str("desk 1 commit acknowledged -> desk 2 snapshot shows it"), ms(ack.median),
                          ms(ack.p99), ms(ack.mean), Cell::num(static_cast<double>(from_ack.size()), 0),
                          Cell::str("")});
        r.notes.push_back("Ratios are to the SQLite check-in (WAL, synchronous=FULL, in " + dir.string() +
                          "). The shared check-in is " + Cell::num(shared.median / raw.median, 2).text +
                          "x the raw INSERT on the same connection kind. Targets: shared check-in at most "
                          "1.5x the SQLite one; another desk's snapshot within 250 ms at p99.");
        r.notes.push_back(std::string("Server: ") +
                          (server ? "a throwaway PostgreSQL 15 on 127.0.0.1 set up by `server setup` (TLS "
                                    "verify-full, scram-sha-256, fsync on)"
                                  : "the one given with --pg") +
                          "; both desks' connections go over TCP with TLS.");
        if (missed > 0)
            r.notes.push_back(std::to_string(missed) + " check-ins were not seen by desk 2 within 2 s.");
    } catch (const store::StoreError& e) {
        r.skipped = true;
        r.skip_reason = "The shared-centre benchmark could not run: " + e.problem() +
                        (options.pg.empty() ? "" : " (--pg must name an empty database the desk owns)");
    }
    spdlog::set_level(log_level);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return r;
}

} // namespace rc::cli::bench
