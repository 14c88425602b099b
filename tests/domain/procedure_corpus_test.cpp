// Replays the fuzzer's seed corpus through the loader and the rules, as an ordinary test: whatever the
// fuzzer once found stays fixed, and under the sanitizer build any memory or UB error fails the suite.
// The corpus is tests/data/procedure_corpus (odd inputs and minimised finds), tests/data/procedure_errors
// (the broken copies of the default) and procedures/ (the default itself).
#include "domain/clock.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <vector>

using namespace rc;

namespace {

std::vector<std::filesystem::path> corpus_files() {
    std::vector<std::filesystem::path> files;
    for (const std::string& dir :
         {std::string(RC_TEST_DATA_DIR) + "/procedure_corpus",
          std::string(RC_TEST_DATA_DIR) + "/procedure_errors", std::string(RC_PROCEDURES_DIR)})
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.is_regular_file() && entry.path().extension() != ".py" &&
                entry.path().extension() != ".md")
                files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// What the fuzz target does with each input (fuzz/procedure_fuzz.cpp): load, then exercise the rules.
void exercise(const std::string& text, const std::string& name) {
    const ProcedureLoadResult r = parse_procedure(text, name);
    for (const Diagnostic& d : r.diagnostics) {
        CHECK(!format_diagnostic(d).empty());
        CHECK(!d.message.empty());
    }
    if (!r.ok()) return;
    const Procedure& p = *r.procedure;
    for (int n : {0, 1, 10, 11, 30, 31, 1000})
        (void)propose_tier(p, n);
    const ManualClock clock(1773470400);
    const OperationTimes times{1773470400, 1773470400 + 3600};
    for (Tier t : all_tiers) {
        const auto states = evaluate_actions(p, t, times, {}, clock);
        (void)count_actions(p, states);
        for (const BagPlanLine& line : bag_plan(p, t))
            CHECK(bags_needed(line, 50) >= line.min_stock);
    }
    for (PersonCategory c : all_person_categories)
        (void)referral_requirements(p, c);
    (void)call_out_cascade(p);
}

} // namespace

TEST_CASE("the fuzz corpus replays cleanly") {
    const auto files = corpus_files();
    CHECK(files.size() >= 25);
    int loaded = 0;
    for (const auto& path : files) {
        INFO(path.string());
        const std::string text = rc::test::read_text(path.string());
        exercise(text, path.filename().string());
        if (parse_procedure(text, "x").ok()) ++loaded;
    }
    CHECK(loaded >= 1); // the default procedure, at least
}
