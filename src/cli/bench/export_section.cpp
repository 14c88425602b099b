// The debrief export of a large operation: 2,000 people (arrived in waves, most departed, some with
// referrals and a bag) and 20,000 stock movements, built in a temporary database through the store;
// then the integrity check, reading the store into the debrief, and each format written, and the whole
// export in every format as the Debrief screen runs it. Target: under 2 s together.
#include "cli/bench/bench_section.hpp"
#include "domain/clock.hpp"
#include "domain/default_procedure.hpp"
#include "export/debrief_export.hpp"
#include "os/process.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"

#include <chrono>
#include <filesystem>
#include <random>
#include <spdlog/spdlog.h>

namespace rc::cli::bench {

namespace {

constexpr int kPeople = 2000;
constexpr int kMovements = 20000;
constexpr int kReferrals = 300;
constexpr UnixSeconds kStart = 1773468000; // 2026-03-14 06:00 UTC

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Waves of about 40 every 20 minutes; three in four departed 3 to 9 hours after arriving.
std::string roll_text(std::mt19937& rng) {
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const char* destinations[] = {"safe_accommodation", "hospital", "home", "with_police",
                                  "left_of_own_accord"};
    std::string roll = "tag,name,sex,dob,nationality,arrived_at,departed_at,destination,consent_nrm\n";
    for (int i = 0; i < kPeople; ++i) {
        const UnixSeconds arrived = kStart + 3600 + (i / 40) * 1200 + pick(0, 300);
        roll += "B" + std::to_string(i) + ",Person " + std::to_string(i) + "," + (i % 2 ? "male" : "female") +
                "," + (i % 6 == 0 ? "2011-02-03" : "1989-04-05") + ",RO," +
                format_local_time(arrived, "%Y-%m-%dT%H:%M") + ",";
        if (i % 4 != 0)
            roll +=
                format_local_time(arrived + pick(3, 9) * 3600, "%Y-%m-%dT%H:%M") + "," + destinations[i % 5];
        else
            roll += ",";
        roll += std::string(",") + (i % 3 == 0 ? "yes" : i % 3 == 1 ? "no" : "undecided") + "\n";
    }
    return roll;
}

// Receipts enough that, with one bag issued to each person, the ledger holds kMovements.
std::string delivery_text(std::mt19937& rng, int rows) {
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const char* kinds[] = {"adult_female", "adult_male", "child", "infant"};
    std::string text = "kind,store,quantity,from\n";
    for (int i = 0; i < rows; ++i)
        text += std::string(kinds[i % 4]) + ",centre," + std::to_string(pick(1, 6)) + ",Mothers' Union\n";
    return text;
}

} // namespace

SectionResult run_export_section(const BenchOptions& options) {
    (void)options;
    SectionResult r;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rc-bench-export-" + std::to_string(rc::os::process_id()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto log_level = spdlog::get_level();
    spdlog::set_level(spdlog::level::warn); // thousands of per-movement lines would bury the table
    try {
        ManualClock clock(kStart);
        store::CreateOptions create;
        create.path = dir / "centre.sqlite";
        create.centre_name = "Benchmark reception centre";
        create.coordinator_name = "Bench Coordinator";
        create.passphrase = "benchmark passphrase for a throw-away file";
        create.passphrase_kdf = store::KdfLimits::minimum();
        create.pin_kdf = store::KdfLimits::minimum();
        store::ScopedKdfFloor weak_keys_for_a_throw_away_file(store::KdfLimits::minimum());
        auto s = store::Store::create(create, clock);

        const auto setup_started = std::chrono::steady_clock::now();
        store::ActivationRequest activation;
        activation.name = "Operation Benchmark";
        activation.expected_people = kPeople;
        activation.procedure_text = std::string(default_procedure_text());
        activation.procedure_source = std::string(default_procedure_name);
        store::activate(*s, activation);
        clock.set(kStart + 2 * 86400);
        std::mt19937 rng(11);
        const store::RollImportResult roll = store::import_roll(*s, roll_text(rng));
        if (!roll.ok())
            throw store::StoreError(store::ErrorKind::InvalidInput, "the benchmark's roll was refused");
        const store::StockImportResult delivered =
            store::import_stock_csv(*s, delivery_text(rng, kMovements - kPeople));
        if (!delivered.ok())
            throw store::StoreError(store::ErrorKind::InvalidInput, "the benchmark's delivery was refused");
        const auto people = store::people(*s);
        const char* kinds[] = {"adult_female", "adult_male"};
        for (std::size_t i = 0; i < people.size(); ++i)
            store::issue_bag(*s, people[i].id, kinds[i % 2]);
        for (int i = 0; i < kReferrals; ++i) {
            Referral nrm;
            nrm.type = ReferralType::Nrm;
            nrm.making_partner = "police";
            nrm.receiving_organisation = "Home Office (Single Competent Authority)";
            nrm.consent_explained = true;
            nrm.consent = ReferralConsent::Given;
            nrm.status = ReferralStatus::Made;
            store::add_referral(*s, people[static_cast<std::size_t>(i) * 6 + 3].id, nrm);
        }
        const double setup_ms = ms_since(setup_started);

        // Each part on its own, then the whole export as the screen runs it.
        auto started = std::chrono::steady_clock::now();
        const store::DatabaseReport report = store::inspect_database(s->path(), store::CheckDepth::Full);
        const double check_ms = ms_since(started);
        if (!report.ok) throw store::StoreError(report.problem_kind, report.problem);
        started = std::chrono::steady_clock::now();
        const DebriefData data = exports::build_debrief(*s, {}, clock);
        const double build_ms = ms_since(started);

        r.columns = {{"measure", "measure"}, {"ms", "time (ms)"}, {"kb", "size (kB)"}};
        r.rows.push_back(
            {Cell::str("integrity_check of the database"), Cell::num(check_ms, 1), Cell::str("")});
        r.rows.push_back(
            {Cell::str("build the debrief (read, decrypt, figures)"), Cell::num(build_ms, 1), Cell::str("")});
        for (exports::ExportFormat f : exports::all_export_formats) {
            started = std::chrono::steady_clock::now();
            const auto files = exports::write_debrief(data, std::span(&f, 1), dir / "parts");
            const double ms = ms_since(started);
            r.rows.push_back({Cell::str("write " + std::string(exports::export_format_id(f))),
                              Cell::num(ms, 1),
                              Cell::num(static_cast<double>(files.at(0).bytes) / 1024.0, 0)});
        }
        exports::ExportRequest request;
        request.formats = {exports::all_export_formats.begin(), exports::all_export_formats.end()};
        request.out_dir = dir / "all";
        started = std::chrono::steady_clock::now();
        const exports::ExportResult all = exports::export_debrief(*s, request, clock);
        const double all_ms = ms_since(started);
        std::uintmax_t bytes = 0;
        for (const exports::ExportedFile& f : all.files)
            bytes += f.bytes;
        r.rows.push_back({Cell::str("export_debrief: every format, checked and recorded"),
                          Cell::num(all_ms, 1), Cell::num(static_cast<double>(bytes) / 1024.0, 0)});
        r.notes.push_back("An operation of " + std::to_string(all.people) + " people and " +
                          std::to_string(data.movements.size()) + " stock movements, " +
                          std::to_string(data.referrals.size()) + " referrals, in a temporary database (" +
                          std::to_string(static_cast<long long>(setup_ms)) +
                          " ms to build). Target: the whole "
                          "export under 2000 ms.");
        r.notes.push_back(
            "The whole export runs the integrity check, reads the store once, records the export in "
            "the audit trail and writes the four formats under temporary names.");
    } catch (const store::StoreError& e) {
        r.skipped = true;
        r.skip_reason = "The export benchmark could not run: " + e.problem();
    }
    spdlog::set_level(log_level);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return r;
}

} // namespace rc::cli::bench
