// reception-console rotate-key --db PATH --user NAME [--yes]: after a volunteer leaves, or a laptop or a
// backup is lost, re-seals everything under a new data key (and the medical and referral notes under a
// new coordinator key) in one transaction. The coordinator doing it keeps access; every other user
// needs a passphrase reset by a coordinator. Old backups still open with the old passphrases, but
// nothing written from now on does.
#include "cli/commands.hpp"
#include "cli/passphrase_input.hpp"
#include "cli/store_cli.hpp"
#include "domain/text_match.hpp"
#include "os/terminal.hpp"
#include "store/error.hpp"
#include "store/key_rotation.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "rotate-key";

struct RotateOptions {
    std::string user;
    bool yes = false;
};

int run_rotate(const CliContext& ctx, const RotateOptions& o) {
    quiet_store_log();
    SystemClock clock;
    std::unique_ptr<store::Store> s;
    try {
        s = store::Store::open(database_path(ctx), {}, clock);
    } catch (const store::StoreError& e) {
        return report_error(kCommand, e);
    }
    std::string error;
    auto passphrase = read_passphrase(ctx, PassphraseRequest{"Passphrase: ", nullptr}, error);
    if (!passphrase) return report_error(kCommand, error, "Nothing was changed.");
    try {
        const store::SignInResult signed_in = s->sign_in(o.user, *passphrase);
        if (!signed_in.ok()) {
            wipe(*passphrase);
            return report_error(kCommand, signed_in.message, "Nothing was changed.");
        }
        if (!s->can(Permission::ManageUsers)) {
            wipe(*passphrase);
            return report_error(kCommand, "Only a coordinator can rotate the data key.",
                                "Ask the coordinator on duty. Nothing was changed.");
        }
        if (!o.yes) {
            auto typed = os::ask_line_on_terminal("Rotating the data key re-seals every record. Afterwards "
                                                  "only you can sign in until you reset "
                                                  "the other users' passphrases.\nType ROTATE to continue: ");
            if (!typed || trim_space(*typed) != "ROTATE") {
                wipe(*passphrase);
                return report_error(kCommand, "The rotation was not confirmed.",
                                    "Run it at a terminal, or add --yes in a script. Nothing was changed.");
            }
        }
        int last_percent = -1;
        const store::RotationResult r =
            store::KeyRotation::run(*s, *passphrase, [&](const store::RotationProgress& p) {
                const int percent = static_cast<int>(p.fraction() * 100.0);
                if (percent == last_percent) return;
                last_percent = percent;
                std::printf("Re-sealing: %zu of %zu values (%d%%)\n", p.done, p.total, percent);
                std::fflush(stdout);
            });
        wipe(*passphrase);
        std::printf("The data key was rotated: %zu values re-sealed in one transaction.\n",
                    r.values_resealed);
        std::printf(
            "%zu other user%s must have their passphrase reset by a coordinator before signing in again.\n",
            r.users_needing_reset, r.users_needing_reset == 1 ? "" : "s");
        std::printf("Backups made before now still open with the old passphrases: take a fresh backup and "
                    "delete the old ones you hold.\n");
        if (s->shared_centre())
            std::printf(
                "The other desks of this shared centre were signed out (\"The centre's key was changed: "
                "sign in again\"); each signs in again.\n");
        return 0;
    } catch (const store::StoreError& e) {
        wipe(*passphrase);
        return report_error(kCommand, e);
    }
}

} // namespace

void register_rotate_key_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<RotateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "rotate-key",
        "Re-seal everything under a new data key (after a user leaves or a laptop or backup is lost)");
    cmd->fallthrough();
    cmd->footer("A coordinator only. Every other user's passphrase must then be reset by a coordinator; "
                "backups made before the rotation still open with the old passphrases, so delete them.");
    cmd->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    cmd->add_flag("--yes", o->yes, "Confirm without the prompt (for scripts)");
    cmd->callback([o, &ctx] { ctx.exit_code = run_rotate(ctx, *o); });
}

} // namespace rc::cli
