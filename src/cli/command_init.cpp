// reception-console init --db PATH --user NAME [--centre NAME]: creates a new centre database and its
// first coordinator. The passphrase is asked on the terminal (twice), or read from --passphrase-fd N
// or RECEPTION_CONSOLE_PASSPHRASE for scripts; never from an argument.
#include "cli/commands.hpp"
#include "cli/passphrase_input.hpp"
#include "cli/store_cli.hpp"
#include "domain/clock.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/key_wrap.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

struct InitOptions {
    std::string user;
    std::string centre = "Reception centre";
    std::string code = "OP-0001";
    std::string venue;
    std::string tier = "small";
};

int run_init(const CliContext& ctx, const InitOptions& o) {
    quiet_store_log();
    const auto path = database_path(ctx);
    auto tier = tier_from_id(o.tier);
    if (!tier) return report_error("init", "Unknown tier '" + o.tier + "'.", "Use small, medium or large.");

    std::string error;
    auto passphrase = read_passphrase(
        ctx, PassphraseRequest{"New passphrase for the first coordinator: ", "The same passphrase again: "},
        error);
    if (!passphrase) return report_error("init", error, "Nothing was created.");
    if (auto p = rc::store::passphrase_problem(*passphrase, o.user)) {
        wipe(*passphrase);
        return report_error("init", *p, "Nothing was created.");
    }

    rc::store::CreateOptions c;
    c.path = path;
    c.centre_name = o.centre;
    c.centre_code = o.code;
    c.venue = o.venue;
    c.tier = *tier;
    c.coordinator_name = o.user;
    c.passphrase = *passphrase;
    wipe(*passphrase);
    SystemClock clock;
    try {
        auto store = rc::store::Store::create(c, clock);
        wipe(c.passphrase);
        const auto centre = store->centre();
        std::printf("Created %s\n", os::path_to_utf8(store->path()).c_str());
        std::printf("Centre: %s (%s), tier %s, status %s\n", centre.name.c_str(), centre.code.c_str(),
                    std::string(tier_label(centre.tier)).c_str(),
                    std::string(centre_status_label(centre.status)).c_str());
        std::printf("First coordinator: %s. Sign in with this name and the passphrase you chose.\n",
                    o.user.c_str());
        if (store->shared_centre())
            std::printf("A shared centre is backed up on its server (pg_dump): see docs/shared-centre.md\n");
        else
            std::printf("Backups go to %s\n", os::path_to_utf8(store->backup_directory()).c_str());
        return 0;
    } catch (const rc::store::StoreError& e) {
        wipe(c.passphrase);
        return report_error("init", e);
    }
}

} // namespace

void register_init_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand(
        "init", "Create a new centre database and its first coordinator (asks for their passphrase)");
    cmd->fallthrough(); // --db and --passphrase-fd may follow the subcommand
    cmd->add_option("--user", o->user, "Name of the first coordinator (they sign in with it)")->required();
    cmd->add_option("--centre", o->centre, "Name of the centre")->capture_default_str();
    cmd->add_option("--code", o->code, "Operation code")->capture_default_str();
    cmd->add_option("--venue", o->venue, "Where the centre is (the venue, not people)");
    cmd->add_option("--tier", o->tier, "small, medium or large")->capture_default_str();
    cmd->callback([o, &ctx] { ctx.exit_code = run_init(ctx, *o); });
}

} // namespace rc::cli
