// reception-console users list|add|disable|enable|reset-passphrase --user COORDINATOR [--name NAME]:
// managing who may sign in. Disabling removes the user's keys from the file and then offers the
// data-key rotation (their copies of the file or of a backup would otherwise still open with their
// passphrase). New passphrases are typed twice at the terminal, or read from --new-passphrase-fd N.
#include "cli/commands.hpp"
#include "cli/passphrase_input.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/text_match.hpp"
#include "os/terminal.hpp"
#include "store/error.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "users";

struct UsersOptions {
    std::string action; // list, add, disable, enable, reset-passphrase
    std::string user;   // the coordinator doing it
    std::string name;   // whom it is about
    std::string role = "volunteer";
    int new_passphrase_fd = -1;
};

std::optional<std::string> new_passphrase(const UsersOptions& o, std::string& error) {
    if (o.new_passphrase_fd >= 0) {
        std::string line, why;
        if (!os::read_line_from_descriptor(o.new_passphrase_fd, line, why)) line.clear();
        if (line.empty()) error = "The new passphrase read from --new-passphrase-fd was empty.";
        return line.empty() ? std::nullopt : std::optional<std::string>(line);
    }
    auto first = os::ask_on_terminal("New passphrase for them: ", os::Echo::Off, error);
    if (!first) {
        error = "There is no terminal to type the new passphrase on: use --new-passphrase-fd N in a script.";
        return std::nullopt;
    }
    auto second = os::ask_on_terminal("The same again: ", os::Echo::Off, error);
    if (!second || *second != *first) {
        wipe(*first);
        if (second) wipe(*second);
        error = "The two passphrases were not the same. Nothing was changed.";
        return std::nullopt;
    }
    wipe(*second);
    return first;
}

std::optional<store::UserId> find_user_id(store::Store& s, const std::string& name) {
    for (const store::UserSummary& u : s.users())
        if (store::normalise_user_name(u.name) == store::normalise_user_name(name)) return u.id;
    return std::nullopt;
}

int run_users(const CliContext& ctx, const UsersOptions& o) {
    quiet_store_log();
    SystemClock clock;
    if (o.action != "list" && o.name.empty())
        return report_error(kCommand, "Say whom it is about with --name.", "Nothing was changed.");
    auto s = open_signed_in(ctx, kCommand, o.user, clock);
    if (!s) return 1;
    try {
        if (o.action == "list") {
            for (const store::UserSummary& u : s->users())
                std::printf("%-32s %-11s %s%s%s\n", u.name.c_str(), std::string(user_role_id(u.role)).c_str(),
                            u.disabled ? "disabled" : "active",
                            u.needs_reset ? ", needs a passphrase reset" : "",
                            u.role == UserRole::Coordinator && !u.has_coordinator_key && !u.disabled
                                ? ", cannot read medical notes until a reset"
                                : "");
            if (s->rotation_advised())
                std::printf("A user was disabled since the last data-key rotation: run `reception-console "
                            "rotate-key --user \"%s\"`.\n",
                            o.user.c_str());
            return 0;
        }
        if (o.action == "add") {
            const auto role = user_role_from_id(o.role);
            if (!role)
                return report_error(kCommand, "Unknown role '" + o.role + "'.",
                                    "Use volunteer or coordinator.");
            std::string error;
            auto pass = new_passphrase(o, error);
            if (!pass) return report_error(kCommand, error, "Nothing was changed.");
            s->add_user(store::NewUser{o.name, *role, *pass, ""});
            wipe(*pass);
            std::printf("Added %s as a %s. Tell them their passphrase in person.\n", o.name.c_str(),
                        o.role.c_str());
            return 0;
        }
        const auto id = find_user_id(*s, o.name);
        if (!id)
            return report_error(kCommand, "There is no user of that name.",
                                "Check the name with `users list`.");
        if (o.action == "disable") {
            s->set_user_disabled(*id, true);
            std::printf("Disabled %s: their keys were removed from this file, so their passphrase opens "
                        "nothing in it any more.\n",
                        o.name.c_str());
            std::printf(
                "Copies of the file or backups they may hold still open with it. Rotate the data key "
                "now so that nothing written from now on does:\n  reception-console rotate-key --user "
                "\"%s\"\n",
                o.user.c_str());
            return 0;
        }
        if (o.action == "enable") {
            s->set_user_disabled(*id, false);
            std::printf(
                "Enabled %s. Reset their passphrase before they sign in (`users reset-passphrase`).\n",
                o.name.c_str());
            return 0;
        }
        if (o.action == "reset-passphrase") {
            std::string error;
            auto pass = new_passphrase(o, error);
            if (!pass) return report_error(kCommand, error, "Nothing was changed.");
            s->reset_passphrase(*id, *pass);
            wipe(*pass);
            std::printf("Set a new passphrase for %s. Tell them in person.\n", o.name.c_str());
            return 0;
        }
        return report_error(kCommand, "Unknown action '" + o.action + "'.",
                            "Use list, add, disable, enable or reset-passphrase.");
    } catch (const store::StoreError& e) {
        return report_error(kCommand, e);
    }
}

} // namespace

void register_users_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<UsersOptions>();
    CLI::App* cmd =
        app.add_subcommand("users", "Who may sign in: list, add, disable, enable, reset a passphrase");
    cmd->fallthrough();
    cmd->footer(
        "A coordinator only. Disabling removes the user's keys from the file; then rotate the data key "
        "(`rotate-key`) so copies they hold open nothing new.");
    cmd->add_option("action", o->action, "list, add, disable, enable or reset-passphrase")
        ->required()
        ->check(CLI::IsMember({"list", "add", "disable", "enable", "reset-passphrase"}));
    cmd->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    cmd->add_option("--name", o->name, "The user it is about");
    cmd->add_option("--role", o->role, "For add: volunteer (default) or coordinator");
    cmd->add_option("--new-passphrase-fd", o->new_passphrase_fd,
                    "Read their new passphrase from this open file descriptor (scripts)");
    cmd->callback([o, &ctx] { ctx.exit_code = run_users(ctx, *o); });
}

} // namespace rc::cli
