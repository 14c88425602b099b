// libFuzzer target for the procedure loader: any bytes in, never a crash, a leak or undefined
// behaviour, and what comes out holds the loader's promises (checked below; a broken promise aborts).
// Build and run: fuzz/README.md.
#include "domain/clock.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "procedure_fuzz: broken promise: %s\n", what);
    std::abort();
}

void exercise(const rc::Procedure& p) {
    using namespace rc;
    // Tiers cover 1..infinity without gaps or overlaps: each boundary proposes the right tier.
    check(propose_tier(p, 1) == Tier::Small, "1 person is small");
    for (Tier t : all_tiers) {
        const TierRange& r = tier_range(p, t);
        check(propose_tier(p, r.from_people) == t, "a tier's first number proposes that tier");
        if (r.to_people) {
            check(propose_tier(p, *r.to_people) == t, "a tier's last number proposes that tier");
            check(propose_tier(p, *r.to_people + 1) != t, "the number after a tier is another tier");
        } else {
            check(t == Tier::Large, "only large is open-ended");
            check(propose_tier(p, max_people) == Tier::Large, "many people are large");
        }
    }
    // Every reference resolves.
    for (const ProcedureAction& a : p.actions) {
        check(find_partner(p, a.lead) != nullptr, "an action's lead is a partner");
        for (const std::string& s : a.support)
            check(find_partner(p, s) != nullptr, "support is a partner");
        check(!a.tiers.empty(), "an action applies somewhere");
        if (a.due) check(a.due->minutes >= 0 && a.due->minutes <= max_due_minutes, "due time in range");
    }
    for (const Contact& c : p.contacts)
        check(c.partner.empty() || find_partner(p, c.partner) != nullptr, "a contact's partner exists");
    // The rules run.
    const ManualClock clock(1773470400);
    const OperationTimes times{1773470400, 1773470400 + 5400};
    for (Tier t : all_tiers) {
        const auto states = evaluate_actions(p, t, times, {}, clock);
        const ActionCounts counts = count_actions(p, states);
        check(counts.to_do + counts.overdue == static_cast<int>(states.size()), "no records: all open");
        (void)next_due_time(states, clock.now());
        for (const BagPlanLine& line : bag_plan(p, t)) {
            check(find_bag_kind(p, line.kind) != nullptr, "a bag plan line names a kind");
            check(bags_needed(line, 40) >= line.min_stock, "never below the minimum stock");
        }
        (void)partners_for_tier(p, t);
    }
    for (PersonCategory c : all_person_categories)
        (void)referral_requirements(p, c);
    (void)call_out_cascade(p);
    check(p.source_sha256.size() == 64, "the hash is 64 hex digits");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const rc::ProcedureLoadResult r = rc::parse_procedure(text, "fuzz.toml");
    check(r.ok() == r.diagnostics.empty(), "a procedure exactly when there are no problems");
    for (const rc::Diagnostic& d : r.diagnostics) {
        check(!d.message.empty(), "every problem says what is wrong");
        check(!rc::format_diagnostic(d).empty(), "every problem can be printed");
    }
    if (r.ok()) exercise(*r.procedure);
    return 0;
}
