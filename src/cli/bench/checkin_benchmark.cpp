#include "cli/bench/checkin_benchmark.hpp"

#include "domain/csv_reader.hpp"
#include "store/people.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <vector>

namespace rc::cli::bench {

using namespace rc::store;

namespace {

using Micro = std::chrono::duration<double, std::micro>;
using Milli = std::chrono::duration<double, std::milli>;

std::string two(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string local_text(UnixSeconds t) {
    return format_local_time(t, "%Y-%m-%dT%H:%M");
}

} // namespace

std::string synthetic_roll(int rows, UnixSeconds first_arrival, int first_tag) {
    static constexpr std::array<const char*, 8> given{"Andrei", "Ioana", "Elira", "Dawit",
                                                      "Amina",  "Mihai", "Ardit", "Zoltan"};
    static constexpr std::array<const char*, 8> family{"Popescu", "Dumitru", "Hoxha",    "Tesfaye",
                                                       "Yusuf",   "Kovacs",  "Krasniqi", "Nowak"};
    static constexpr std::array<const char*, 6> nationality{"RO", "AL", "VN", "ER", "PL", "HU"};
    static constexpr std::array<const char*, 6> languages{"ro", "sq", "vi;en", "ti;ar", "pl", "hu"};
    static constexpr std::array<const char*, 4> exploitation{"labour", "sexual", "criminal",
                                                             "labour;criminal"};
    std::string out = format_csv_record({"tag", "name", "sex", "dob", "nationality", "languages",
                                         "interpreter", "arrived_at", "group", "exploitation", "medical",
                                         "consent_nrm", "departed_at", "destination"}) +
                      "\n";
    for (int i = 0; i < rows; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const UnixSeconds arrived = first_arrival + (i / 12) * 60; // a bus of 12 a minute
        const bool departed = i % 10 == 9;
        const std::string dob = std::to_string(1960 + i % 45) + "-" + two(1 + i % 12) + "-" + two(1 + i % 28);
        out += format_csv_record({
                   "T" + std::to_string(first_tag + i),
                   std::string(given[u % given.size()]) + " " + family[(u / 8) % family.size()] + " " +
                       std::to_string(i),
                   i % 2 == 0 ? "male" : "female",
                   dob,
                   nationality[u % nationality.size()],
                   languages[u % languages.size()],
                   i % 3 == 0 ? "no" : "yes",
                   local_text(arrived),
                   "Bus " + std::to_string(1 + i / 12),
                   exploitation[u % exploitation.size()],
                   i % 7 == 0 ? "Needs insulin twice a day" : "",
                   i % 4 == 0 ? "yes" : "undecided",
                   departed ? local_text(arrived + 3600) : "",
                   departed ? "safe_accommodation" : "",
               }) +
               "\n";
    }
    return out;
}

std::string CheckInBenchmarkResult::describe() const {
    char buf[768];
    std::snprintf(buf, sizeof buf,
                  "raw SQLite insert+commit: median %.0f us, p99 %.0f us (%d commits)\n"
                  "check_in:                 median %.0f us, p99 %.0f us (%d check-ins)\n"
                  "ratio: median %.2fx, p99 %.2fx (target <= 1.5x)\n"
                  "import of %d people (one transaction): %.0f ms\n"
                  "people() with %d people: median %.1f ms, p99 %.1f ms (%d loads)\n"
                  "duplicate_warnings() over them: median %.1f ms\n",
                  raw.median_us, raw.p99_us, raw.samples, check_in.median_us, check_in.p99_us,
                  check_in.samples, median_ratio, p99_ratio, seeded, import_ms, loaded, load_ms.median_us,
                  load_ms.p99_us, load_ms.samples, duplicate_ms.median_us);
    return buf;
}

CheckInBenchmarkResult run_checkin_benchmark(const std::filesystem::path& dir, int iterations,
                                             int seed_people, int loads) {
    const auto raw_path = dir / "bench-checkin-raw.sqlite";
    const auto store_path = dir / "bench-checkin-store.sqlite";
    remove_db(raw_path);
    remove_db(store_path);

    SystemClock clock;
    CheckInBenchmarkResult result;
    {
        Connection raw = Connection::open(raw_path, AccessMode::Create);
        raw.exec("PRAGMA journal_mode = WAL");
        raw.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; "
                 "PRAGMA secure_delete = ON");
        raw.exec("CREATE TABLE people (id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, tag TEXT NOT "
                 "NULL, sex TEXT NOT NULL, nationality TEXT NOT NULL, languages TEXT NOT NULL, arrived_at "
                 "INTEGER NOT NULL, personal_enc BLOB NOT NULL, medical_enc BLOB NOT NULL)");

        CreateOptions o;
        o.path = store_path;
        o.centre_name = "Benchmark centre";
        o.coordinator_name = "Benchmark coordinator";
        o.passphrase = "benchmark passphrase for a throw-away file";
        o.passphrase_kdf = KdfLimits::minimum();
        o.pin_kdf = KdfLimits::minimum();
        ScopedKdfFloor weak_keys_for_a_throw_away_file(KdfLimits::minimum());
        auto store = Store::create(o, clock);

        const UnixSeconds now = clock.now();
        if (seed_people > 0) {
            const std::string roll = synthetic_roll(seed_people, now - 2 * 24 * 3600);
            const auto t0 = std::chrono::steady_clock::now();
            const RollImportResult imported = import_roll(*store, roll);
            result.import_ms = Milli(std::chrono::steady_clock::now() - t0).count();
            if (!imported.ok())
                throw StoreError(ErrorKind::InvalidInput, "The benchmark's own roll was refused: " +
                                                              format_roll_problem(imported.errors.front()));
            result.seeded = static_cast<int>(imported.imported.size());
        }

        // The sizes check_in seals: one padded personal record, one padded medical note.
        const Blob personal(1 + 24 + 64 + 16, 0x5a), medical(1 + 24 + 64 + 16, 0xa5);
        Person p;
        p.name = "Benchmark Person";
        p.sex = Sex::Female;
        p.date_of_birth = Date{1990, 2, 14};
        p.nationality = "ER";
        p.languages = {"ti", "ar"};
        p.interpreter_needed = true;
        p.arrival_group = "Van 2";

        std::vector<double> raw_us, store_us;
        raw_us.reserve(static_cast<std::size_t>(iterations));
        store_us.reserve(static_cast<std::size_t>(iterations));
        const int warmup = std::max(5, iterations / 20);
        for (int i = -warmup; i < iterations; ++i) {
            const std::string tag = "BENCH-" + std::to_string(i + warmup);
            const auto t0 = std::chrono::steady_clock::now();
            {
                Transaction tx(raw);
                raw.cached("INSERT INTO people (reference, tag, sex, nationality, languages, arrived_at, "
                           "personal_enc, medical_enc) VALUES (?, ?, 'female', 'ER', 'ti;ar', ?, ?, ?)")
                    ->bind_all("OP-0001-" + tag, tag, clock.now(), personal, medical)
                    .run();
                tx.commit();
            }
            const auto t1 = std::chrono::steady_clock::now();
            p.tag = tag;
            check_in(*store, p, clock.now());
            const auto t2 = std::chrono::steady_clock::now();
            if (i < 0) continue;
            raw_us.push_back(Micro(t1 - t0).count());
            store_us.push_back(Micro(t2 - t1).count());
        }
        result.raw = summarise(std::move(raw_us));
        result.check_in = summarise(std::move(store_us));

        std::vector<double> load, duplicates;
        Person probe;
        probe.name = "Nobody Benchmark";
        probe.date_of_birth = Date{1971, 7, 7};
        for (int i = 0; i < loads; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto everyone = people(*store);
            const auto t1 = std::chrono::steady_clock::now();
            duplicate_warnings(*store, probe);
            const auto t2 = std::chrono::steady_clock::now();
            result.loaded = static_cast<int>(everyone.size());
            load.push_back(Milli(t1 - t0).count());
            duplicates.push_back(Milli(t2 - t1).count());
        }
        result.load_ms = summarise(std::move(load));
        result.duplicate_ms = summarise(std::move(duplicates));
    }
    remove_db(raw_path);
    remove_db(store_path);
    if (result.raw.median_us > 0) result.median_ratio = result.check_in.median_us / result.raw.median_us;
    if (result.raw.p99_us > 0) result.p99_ratio = result.check_in.p99_us / result.raw.p99_us;
    return result;
}

} // namespace rc::cli::bench
