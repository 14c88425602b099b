// reception-console activate --db PATH --user NAME --name NAME --expected N [--venue NAME]
// [--procedure FILE] [--arrival HH:MM|YYYY-MM-DDTHH:MM] [--tier TIER]: starts an operation from the
// command line (drills, scripted tests): proposes the tier, pins the procedure, opens the centre.
// Without --procedure, the built-in default procedure is pinned.
#include "cli/commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/venues.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

struct ActivateOptions {
    std::string user;
    std::string name;
    int expected = 0;
    std::string venue;
    std::string procedure;
    std::string arrival;
    std::string tier;
};

// "HH:MM" is the next such local time (today, or tomorrow when that is more than 12 hours ago);
// otherwise a local date and time, "YYYY-MM-DDTHH:MM".
bool parse_arrival(const std::string& text, UnixSeconds now, UnixSeconds& out) {
    if (text.size() == 5 && text[2] == ':') {
        if (!parse_local_time(format_local_time(now, "%Y-%m-%d") + "T" + text, out)) return false;
        if (out < now - 12 * 3600 &&
            !parse_local_time(format_local_time(now + 86400, "%Y-%m-%d") + "T" + text, out))
            return false;
        return true;
    }
    return parse_local_time(text, out);
}

int print_procedure_problems(const std::string& source, const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics)
        std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    const std::size_t n = diagnostics.size();
    std::fprintf(stderr, "%s: %zu problem%s; the centre was not activated\n", source.c_str(), n,
                 n == 1 ? "" : "s");
    return 1;
}

int run_activate(const CliContext& ctx, const ActivateOptions& o) {
    quiet_store_log();
    SystemClock clock;

    // Everything that needs no database first, so a mistake costs no passphrase.
    rc::store::ActivationRequest request;
    request.name = o.name;
    request.expected_people = o.expected;
    request.venue = o.venue;
    if (!o.tier.empty()) {
        request.tier = tier_from_id(o.tier);
        if (!request.tier)
            return report_error(
                "activate", "Unknown tier '" + o.tier + "'.",
                "Use small, medium or large, or leave --tier out to accept the proposed tier.");
    }
    if (!o.arrival.empty()) {
        UnixSeconds at = 0;
        if (!parse_arrival(o.arrival, clock.now(), at))
            return report_error(
                "activate", "'" + o.arrival + "' is not a time.",
                "Write the expected arrival as HH:MM (e.g. 14:30) or YYYY-MM-DDTHH:MM, local time.");
        request.expected_arrival_at = at;
    }
    if (o.procedure.empty()) {
        request.procedure_text = std::string(default_procedure_text());
        request.procedure_source = std::string(default_procedure_name);
    } else {
        ProcedureLoadResult loaded = load_procedure_file(o.procedure);
        if (!loaded.ok()) return print_procedure_problems(o.procedure, loaded.diagnostics);
        request.procedure_text = std::move(loaded.text);
        request.procedure_source = o.procedure;
    }

    auto store = open_signed_in(ctx, "activate", o.user, clock);
    if (!store) return 1;
    try {
        const rc::store::ActivationResult r = rc::store::activate(*store, request);
        const rc::store::Centre centre = store->centre();
        const auto procedure = rc::store::pinned_procedure(*store);
        std::printf("Activated %s (%s): the centre is %s.\n", centre.name.c_str(), centre.code.c_str(),
                    std::string(centre_status_label(centre.status)).c_str());
        const TierRange& range = tier_range(*procedure, r.activation.proposed_tier);
        std::printf("Tier: %s. The procedure proposes %s for %d people expected (%d to %s).\n",
                    std::string(tier_label(r.activation.tier)).c_str(),
                    std::string(tier_label(r.activation.proposed_tier)).c_str(), r.activation.expected_people,
                    range.from_people,
                    range.to_people ? std::to_string(*range.to_people).c_str() : "any number");
        if (r.activation.expected_arrival_at)
            std::printf("First arrivals expected: %s\n",
                        format_local_time(*r.activation.expected_arrival_at).c_str());
        if (r.venue) {
            std::printf("Venue: %s, capacity %d\n", r.venue->details.name.c_str(), r.venue->details.capacity);
            if (!r.venue_fits)
                std::printf("Warning: the venue holds %d people, fewer than the %d expected.\n",
                            r.venue->details.capacity, r.activation.expected_people);
        } else {
            const auto fit =
                rc::store::venues_that_fit(rc::store::venues(*store), r.activation.expected_people);
            std::printf("Venue: none chosen.");
            if (fit.empty())
                std::printf(" No venue in the register holds %d people.", r.activation.expected_people);
            for (std::size_t i = 0; i < fit.size() && i < 5; ++i)
                std::printf("%s %s (%d)", i == 0 ? " Venues that fit:" : ",", fit[i].details.name.c_str(),
                            fit[i].details.capacity);
            std::printf("\n");
        }
        std::printf("Procedure pinned: %s v%s from %s\n", r.pinned.name.c_str(), r.pinned.version.c_str(),
                    r.pinned.source_name.c_str());
        std::printf("SHA-256: %s\n", r.pinned.sha256.c_str());
        std::printf("Actions at this tier: %zu. Logged at %s.\n",
                    static_cast<std::size_t>(std::count_if(
                        procedure->actions.begin(), procedure->actions.end(),
                        [&](const ProcedureAction& a) { return action_applies(a, r.activation.tier); })),
                    format_local_time(r.activation.activated_at).c_str());
        return 0;
    } catch (const rc::store::InvalidProcedure& e) {
        return print_procedure_problems(request.procedure_source, e.diagnostics());
    } catch (const rc::store::StoreError& e) {
        return report_error("activate", e);
    }
}

} // namespace

void register_activate_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<ActivateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "activate",
        "Activate the centre: propose the tier, pin the procedure, open the centre (for drills and scripts)");
    cmd->fallthrough();
    cmd->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    cmd->add_option("--name", o->name, "The operation's name")->required();
    cmd->add_option("--expected", o->expected, "Number of people expected")
        ->required()
        ->check(CLI::Range(1, max_people));
    cmd->add_option("--venue", o->venue, "A venue from the register, by name");
    cmd->add_option("--procedure", o->procedure,
                    "The agreed procedure file (default: the built-in template)");
    cmd->add_option("--arrival", o->arrival, "Expected arrival: HH:MM or YYYY-MM-DDTHH:MM, local time");
    cmd->add_option("--tier", o->tier, "small, medium or large (default: the tier the procedure proposes)");
    cmd->callback([o, &ctx] { ctx.exit_code = run_activate(ctx, *o); });
}

} // namespace rc::cli
