// reception-console drill FILE.toml --db PATH --user NAME [--export DIR --format json,csv,xlsx,pdf|all]
// [--check]: replays a scripted exercise (docs/drills.md) on a simulated clock through the same session
// the window uses, then prints the alerts open at the drill's end and, with --export, writes the debrief
// as of that time.
//
// The drill file, its rolls and its procedure are checked completely before any database is opened: a
// problem is printed as file:line:column and nothing is touched. The database is --db (never the default
// centre database): a path that does not exist is created for the drill with --user as its first
// coordinator (and removed again if the replay is refused part-way); an existing one must be a centre
// that has not been activated yet (made with `init`, perhaps with venues and stock stores).
#include "app/drill_runner.hpp"
#include "cli/commands.hpp"
#include "cli/passphrase_input.hpp"
#include "cli/store_cli.hpp"
#include "domain/text_match.hpp"
#include "store/key_wrap.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace rc::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCommand = "drill";

struct DrillOptions {
    std::string file;
    std::string user;
    std::string export_dir;
    std::vector<std::string> formats;
    bool check_only = false;
};

std::string offset_text(UnixSeconds at, UnixSeconds start) {
    const long long minutes = (at - start) / 60;
    char buf[32];
    std::snprintf(buf, sizeof buf, "+%02lld:%02lld", minutes / 60, minutes % 60);
    return buf;
}

// The files a new database brings with it, so that a refused drill can take them away again.
std::vector<fs::path> created_alongside(const fs::path& db) {
    const std::string p = db.string();
    return {db, p + "-wal", p + "-shm", p + ".lock", fs::absolute(db).parent_path() / "backups"};
}

int print_alerts(const app::StoreSession& session, const DrillScript& script) {
    const auto& alerts = session.alerts();
    std::printf("\nOpen alerts at %s (%s): %d critical, %d warning%s, %d reminder%s\n",
                format_local_time(script.end).c_str(), offset_text(script.end, script.start).c_str(),
                alerts.counts.critical, alerts.counts.warning, alerts.counts.warning == 1 ? "" : "s",
                alerts.counts.reminder, alerts.counts.reminder == 1 ? "" : "s");
    for (const Alert& a : alerts.alerts) {
        // Most messages begin with what they are about already ("OP-0001-004: ...").
        const bool labelled = a.target.label.empty() || a.message.rfind(a.target.label, 0) == 0;
        std::printf("  %-8s  %-25s  %s%s%s\n", std::string(alert_severity_id(a.severity)).c_str(),
                    std::string(alert_kind_id(a.kind)).c_str(), labelled ? "" : a.target.label.c_str(),
                    labelled ? "" : ": ", a.message.c_str());
    }
    return 0;
}

int run_drill(const CliContext& ctx, const DrillOptions& o) {
    quiet_store_log();

    // Everything that needs no database first: a mistake costs no passphrase and touches nothing.
    app::AppSession::DebriefExportForm form;
    form.xlsx = form.pdf = false;
    std::vector<std::string> formats = o.formats;
    if (!o.export_dir.empty() && formats.empty()) formats.push_back("all");
    if (!formats.empty() && o.export_dir.empty())
        return report_error(kCommand, "--format is for the debrief export.",
                            "Add --export DIR to say where the files go.");
    for (const std::string& f : formats) {
        const std::string id = to_lower_ascii(trim_space(f));
        if (id == "all")
            form.xlsx = form.pdf = form.csv = form.json = true;
        else if (id == "xlsx")
            form.xlsx = true;
        else if (id == "pdf")
            form.pdf = true;
        else if (id == "csv")
            form.csv = true;
        else if (id == "json")
            form.json = true;
        else
            return report_error(kCommand, "Unknown format '" + id + "'.",
                                "Use xlsx, pdf, csv, json or all (several may be given: --format json,csv).");
    }
    form.out_dir = o.export_dir;

    const DrillLoadResult loaded = load_drill_file(o.file);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics)
            std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
        const std::size_t n = loaded.diagnostics.size();
        std::fprintf(stderr, "%s: %zu problem%s; the drill was not run and no database was touched\n",
                     o.file.c_str(), n, n == 1 ? "" : "s");
        return 1;
    }
    const DrillScript& script = *loaded.script;
    if (o.check_only) {
        std::printf("%s: %s, %zu events from %s to %s (%s): no problems found\n", o.file.c_str(),
                    script.name.c_str(), script.events.size(), format_local_time(script.start).c_str(),
                    format_local_time(script.end).c_str(), offset_text(script.end, script.start).c_str());
        return 0;
    }
    if (ctx.db_path.empty())
        return report_error(
            kCommand, "Say which database the drill runs in with --db PATH.",
            "A drill never uses the centre's default database; a new path is created for it.");
    if (o.user.empty())
        return report_error(kCommand, "Say who runs the drill with --user NAME.",
                            "On a new database they become its first coordinator.");

    const fs::path db = ctx.db_path;
    const bool fresh = !fs::exists(db);
    std::vector<fs::path> leftovers;
    if (fresh)
        for (const fs::path& p : created_alongside(db))
            if (!fs::exists(p)) leftovers.push_back(p);

    ManualClock clock(script.start);
    app::StoreSession::Options options;
    options.procedure_file = script.procedure_file;
    auto session = std::make_unique<app::StoreSession>(db, clock, options);
    if (session->gate_state() == app::GateState::Unavailable)
        return report_error(kCommand, session->gate_problem(), "Nothing was changed.");

    std::string error;
    std::optional<std::string> passphrase =
        fresh ? read_passphrase(ctx,
                                PassphraseRequest{"New passphrase for the drill's coordinator: ",
                                                  "The same passphrase again: "},
                                error)
              : read_passphrase(ctx, PassphraseRequest{"Passphrase: ", nullptr}, error);
    if (!passphrase) return report_error(kCommand, error, "Nothing was changed.");
    app::EditResult opened;
    if (fresh) {
        if (auto p = store::passphrase_problem(*passphrase)) {
            wipe(*passphrase);
            return report_error(kCommand, *p, "Nothing was created.");
        }
        app::NewCentreForm centre;
        centre.centre_name = script.name;
        centre.coordinator_name = o.user;
        centre.passphrase = *passphrase;
        centre.passphrase_again = *passphrase;
        opened = session->create_centre(centre);
        wipe(centre.passphrase);
        wipe(centre.passphrase_again);
    } else {
        opened = session->sign_in(o.user, *passphrase);
    }
    wipe(*passphrase);
    if (!opened.ok) return report_error(kCommand, opened.message, "Nothing was changed.");
    if (session->operation().activated_at || session->operation().status != CentreStatus::Standby)
        return report_error(kCommand, db.string() + " holds a centre that has already been activated.",
                            "A drill starts a new operation: give a new --db path (it is created for the "
                            "drill). Nothing was changed.");

    std::printf("Drill: %s, %s to %s (%s), %zu events, database %s%s\n", script.name.c_str(),
                format_local_time(script.start).c_str(), format_local_time(script.end).c_str(),
                offset_text(script.end, script.start).c_str(), script.events.size(), db.string().c_str(),
                fresh ? " (new)" : "");
    app::DrillRunner runner(*session, clock);
    const app::DrillRunResult r = runner.run(script, [&](const app::DrillEventOutcome& e) {
        const UnixSeconds at = e.event ? e.event->at : script.start;
        std::string message = e.message;
        for (char& c : message)
            if (c == '\n') c = ' ';
        std::printf("%s  %-14s  %s\n", offset_text(at, script.start).c_str(),
                    e.event ? std::string(drill_action_key(e.event->action)).c_str() : "activate",
                    message.c_str());
    });
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.failure->c_str());
        if (fresh) {
            session.reset(); // closes the database before its files are removed
            std::error_code ec;
            for (const fs::path& p : leftovers)
                fs::remove_all(p, ec);
            std::fprintf(stderr, "reception-console drill: the drill stopped there; the database it created "
                                 "was removed.\n");
        } else {
            std::fprintf(stderr,
                         "reception-console drill: the drill stopped there; the %zu events before it "
                         "are recorded in %s.\n",
                         r.events_run, db.string().c_str());
        }
        return 1;
    }
    print_alerts(*session, script);
    if (!o.export_dir.empty()) {
        const app::EditResult exported = session->export_debrief(form);
        if (!exported.ok) return report_error(kCommand, exported.message, "The drill itself is recorded.");
        std::printf("\nDebrief as of %s: %s\n", format_local_time(script.end).c_str(),
                    exported.message.c_str());
    }
    return 0;
}

} // namespace

void register_drill_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<DrillOptions>();
    CLI::App* cmd = app.add_subcommand(
        "drill",
        "Replay a scripted exercise on a simulated clock, then show its alerts and export its debrief");
    cmd->fallthrough();
    cmd->footer("The drill file's format is in docs/drills.md; samples are in assets/drills/. The file is "
                "checked before any database is touched; --db is required (created for the drill when it "
                "does not exist).");
    cmd->add_option("file", o->file, "The drill (TOML)")->required();
    cmd->add_option("--user", o->user, "The coordinator running it (the new database's first coordinator)");
    cmd->add_option("--export", o->export_dir, "Write the debrief as of the drill's end into this folder");
    cmd->add_option("--format", o->formats,
                    "xlsx, pdf, csv, json or all (default all); several separated by commas")
        ->delimiter(',');
    cmd->add_flag("--check", o->check_only, "Only check the drill file (no database)");
    cmd->callback([o, &ctx] { ctx.exit_code = run_drill(ctx, *o); });
}

} // namespace rc::cli
