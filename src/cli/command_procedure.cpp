// reception-console procedure check FILE: checks an agreed-procedure file and prints every problem as
// file:line:column, or a one-line summary when it is fine.
#include "cli/commands.hpp"
#include "domain/procedure_loader.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

int run_check(const std::string& path) {
    const ProcedureLoadResult result = load_procedure_file(path);
    if (!result.ok()) {
        for (const Diagnostic& d : result.diagnostics)
            std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
        const std::size_t n = result.diagnostics.size();
        std::fprintf(stderr, "%s: %zu problem%s; the procedure was not loaded\n", path.c_str(), n,
                     n == 1 ? "" : "s");
        return 1;
    }
    const Procedure& p = *result.procedure;
    std::size_t ordered = 0;
    for (const Contact& c : p.contacts)
        if (c.order) ++ordered;
    std::printf(
        "OK: %s v%s: %zu tiers, %zu partners, %zu actions, 4 referral rules, %zu bag kinds, %zu contacts "
        "(%zu in the call-out)\n",
        p.info.name.c_str(), p.info.version.c_str(), p.tiers.size(), p.partners.size(), p.actions.size(),
        p.bag_kinds.size(), p.contacts.size(), ordered);
    std::string tiers;
    for (const TierRange& t : p.tiers) {
        if (!tiers.empty()) tiers += ", ";
        tiers += std::string(tier_id(t.tier)) + " " + std::to_string(t.from_people) +
                 (t.to_people ? "-" + std::to_string(*t.to_people) : "+");
    }
    std::printf("Tiers: %s\n", tiers.c_str());
    std::printf("Owner: %s\nSHA-256: %s\n", p.info.owner.c_str(), p.source_sha256.c_str());
    if (p.info.is_template) std::printf("TEMPLATE: adapt before use (set template = false once agreed)\n");
    return 0;
}

} // namespace

void register_procedure_command(CLI::App& app, CliContext& ctx) {
    CLI::App* procedure = app.add_subcommand("procedure", "Work with agreed-procedure files");
    procedure->require_subcommand(1);

    auto path = std::make_shared<std::string>();
    CLI::App* check = procedure->add_subcommand(
        "check",
        "Check a procedure file; print each problem as file:line:column, or a summary if it is fine");
    check->add_option("file", *path, "The procedure file (TOML), e.g. procedures/derbyshire-template.toml")
        ->required();
    check->callback([path, &ctx] { ctx.exit_code = run_check(*path); });
}

} // namespace rc::cli
