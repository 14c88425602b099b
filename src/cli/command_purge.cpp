// reception-console purge --db PATH --user NAME [--retention-days N] [--force-before-period] [--yes]:
// the retention purge. Once the centre has closed and the retention period has passed, removes the
// personal fields for good (the pseudonymised record stays), rewrites the file without the old pages,
// deletes the backups made before it and takes a fresh one. Asks for PURGE to be typed on the terminal
// unless --yes.
#include "cli/commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/text_match.hpp"
#include "os/terminal.hpp"
#include "store/error.hpp"
#include "store/purge.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "purge";

struct PurgeCommandOptions {
    std::string user;
    int retention_days = rc::store::kDefaultRetentionDays;
    bool force_before_period = false;
    bool yes = false;
};

// True when the person at the terminal typed PURGE; false (with `error` set) otherwise.
bool confirmed_on_terminal(const std::string& what, std::string& error) {
    std::string why;
    const auto line = rc::os::ask_on_terminal(
        what + "\nThis cannot be undone. Type PURGE to continue: ", rc::os::Echo::On, why);
    if (!line) {
        error = "There is no terminal to confirm the purge on.";
        return false;
    }
    if (trim_space(*line) != "PURGE") {
        error = "The purge was not confirmed.";
        return false;
    }
    return true;
}

int run_purge(const CliContext& ctx, const PurgeCommandOptions& o) {
    quiet_store_log();
    SystemClock clock;
    const rc::store::PurgeOptions options{o.retention_days, o.force_before_period};

    // Whether it may run at all, before any passphrase: the check reads nothing personal.
    std::string period_note;
    try {
        auto reader = rc::store::Store::open(database_path(ctx), {rc::store::OpenMode::ReadOnly, {}}, clock);
        const rc::store::PurgeCheck check = rc::store::check_purge(*reader, options, clock.now());
        if (!check.allowed)
            return report_error(kCommand, check.problem, check.advice + " Nothing was changed.");
        if (check.before_period && check.period_ends_at)
            period_note = " The retention period would end on " + format_local_time(*check.period_ends_at) +
                          ": this purge is early, by decision.";
    } catch (const rc::store::StoreError&) {
        // An older file has no record of purges until it is opened for changes (and upgraded); the purge
        // checks again there, and a file that cannot be opened is reported there.
    }

    if (!o.yes) {
        std::string error;
        const std::string what =
            "The purge removes for good the names, aliases, dates of birth, tags, notes and "
            "medical details of everyone received, staff names and phone numbers, referral "
            "details and the staff's log entries, and deletes every backup made before it." +
            period_note;
        if (!confirmed_on_terminal(what, error))
            return report_error(kCommand, error,
                                "Run it at a terminal, or add --yes to confirm in a script. "
                                "Nothing was changed.");
    }

    auto store = open_signed_in(ctx, kCommand, o.user, clock);
    if (!store) return 1;
    try {
        const rc::store::PurgeResult r =
            rc::store::purge_personal_data(*store, options, [](double, std::string_view step) {
                std::printf("%s...\n", std::string(step).c_str());
                std::fflush(stdout);
            });
        const rc::store::PurgeCounts& n = r.counts;
        std::printf("Purged the personal details of %d people, %d staff sign-ins and %d referrals; %d log "
                    "entries cleared.%s\n",
                    n.people, n.staff, n.referrals, n.log_entries,
                    r.before_period ? " (Before the retention period ended.)" : "");
        std::printf("Backups made before the purge deleted: %zu. Fresh backup: %s\n",
                    r.backups_removed.size(), r.backup_after.string().c_str());
        std::printf("Database and WAL: %lld bytes before, %lld after.\n",
                    static_cast<long long>(r.bytes_before), static_cast<long long>(r.bytes_after));
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error(kCommand, e);
    }
}

} // namespace

void register_purge_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<PurgeCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "purge",
        "Remove personal details for good after the retention period (the pseudonymised record stays)");
    cmd->fallthrough();
    cmd->footer(
        "Only once the centre is closed, and by default 30 days after. The console's users, the venue "
        "register and the partner directory are kept.");
    cmd->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    cmd->add_option("--retention-days", o->retention_days, "Days after the close before a purge (default 30)")
        ->check(CLI::Range(1, rc::store::kMaxRetentionDays));
    cmd->add_flag("--force-before-period", o->force_before_period,
                  "Purge before the retention period has passed (the centre must still be closed)");
    cmd->add_flag("--yes", o->yes, "Confirm without the prompt (for scripts)");
    cmd->callback([o, &ctx] { ctx.exit_code = run_purge(ctx, *o); });
}

} // namespace rc::cli
