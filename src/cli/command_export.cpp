// reception-console export --db PATH --user NAME --format xlsx|pdf|csv|json|all --out DIR
// [--identifiable] [--show-small-counts]: the operation's debrief, pseudonymised unless a coordinator
// asks for names and says why (recorded in the audit trail). The reason is typed at the terminal, or
// given on standard input in a script: never an argument, which `ps` and the shell history would show. The
// database's integrity is checked first; each file appears under its final name only once complete.
#include "cli/commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/text_match.hpp"
#include "export/debrief_export.hpp"
#include "os/terminal.hpp"
#include "store/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "export";

struct ExportOptions {
    std::string user;
    std::vector<std::string> formats;
    std::string out;
    bool identifiable = false;
    std::string reason;
    bool show_small_counts = false;
};

std::string size_text(std::uintmax_t bytes) {
    char buf[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.0f kB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

int run_export(const CliContext& ctx, const ExportOptions& o) {
    quiet_store_log();
    SystemClock clock;

    // Everything that needs no database first, so a mistake costs no passphrase.
    std::vector<exports::ExportFormat> formats;
    for (const std::string& f : o.formats) {
        const std::string id(trim_space(f));
        if (equals_ignore_case(id, "all")) {
            formats.assign(exports::all_export_formats.begin(), exports::all_export_formats.end());
            continue;
        }
        const auto format = exports::export_format_from_id(id);
        if (!format)
            return report_error(kCommand, "Unknown format '" + id + "'.",
                                "Use xlsx, pdf, csv, json or all (several may be given: --format xlsx,pdf).");
        if (std::find(formats.begin(), formats.end(), *format) == formats.end()) formats.push_back(*format);
    }
    if (formats.empty())
        return report_error(kCommand, "Choose a format.", "Use --format xlsx, pdf, csv, json or all.");
    if (!o.reason.empty())
        return report_error(
            kCommand,
            "The reason is not taken from the command line (it would show in the list of "
            "processes and the shell history).",
            "Leave out --reason: the console asks for it, or reads it from standard input in a "
            "script (echo \"...\" | reception-console export ... --identifiable).");
    std::string reason;
    if (o.identifiable) {
        std::optional<std::string> typed =
            os::stdin_is_terminal()
                ? os::ask_line_on_terminal("Why are names needed? (recorded in the audit trail): ")
                : os::read_line_from_stdin();
        reason = std::string(trim_space(typed.value_or("")));
        if (reason.empty())
            return report_error(
                kCommand, "An identifiable export needs a reason.",
                "Type why names are needed when asked, or give it on standard input; or leave out "
                "--identifiable for a pseudonymised export.");
    }

    auto store = open_signed_in(ctx, kCommand, o.user, clock);
    if (!store) return 1;
    exports::ExportRequest request;
    request.debrief.mode = o.identifiable ? DebriefMode::Identifiable : DebriefMode::Pseudonymised;
    request.debrief.reason = reason;
    request.debrief.suppress_small_counts = !o.show_small_counts;
    request.formats = formats;
    request.out_dir = o.out;
    try {
        const exports::ExportResult r = exports::export_debrief(*store, request, clock);
        std::printf("Exported the debrief of %d %s (%s) in %.1f s:\n", r.people,
                    r.people == 1 ? "person" : "people", std::string(debrief_mode_id(r.mode)).c_str(),
                    r.seconds);
        for (const exports::ExportedFile& f : r.files)
            std::printf("  %s  %s (%s)\n", std::string(exports::export_format_id(f.format)).c_str(),
                        f.path.string().c_str(), size_text(f.bytes).c_str());
        if (r.mode == DebriefMode::Identifiable)
            std::printf("These files name people: keep them secure and share them only as the reason allows. "
                        "The export is recorded in the audit trail (debrief_exports #%lld).\n",
                        static_cast<long long>(r.export_record));
        return 0;
    } catch (const store::StoreError& e) {
        return report_error(kCommand, e);
    }
}

} // namespace

void register_export_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<ExportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "export", "Export the operation's debrief (workbook, report, CSV, JSON), pseudonymised by default");
    cmd->fallthrough();
    cmd->footer(
        "Pseudonymised exports show each person as a code made for that export only, ages as bands, and "
        "no names, dates of birth, phone numbers, tags, notes or medical details. --identifiable (a "
        "coordinator) adds names and free text and is recorded in the audit trail, with the reason typed "
        "at the terminal or given on standard input.");
    cmd->add_option("--user", o->user, "The coordinator exporting (signs in with their passphrase)")
        ->required();
    cmd->add_option("--format", o->formats, "xlsx, pdf, csv, json or all; several separated by commas")
        ->required()
        ->delimiter(',');
    cmd->add_option("--out", o->out, "The folder to write to (made when missing)")->required();
    cmd->add_flag("--identifiable", o->identifiable,
                  "Include names and free text (asks why, or reads the reason from standard input; audited)");
    cmd->add_option("--reason", o->reason,
                    "Refused: the reason is asked for, never taken from the command line")
        ->group("");
    cmd->add_flag("--show-small-counts", o->show_small_counts,
                  "Show counts of 1 and 2 in the summary as they are, not as <3");
    cmd->callback([o, &ctx] { ctx.exit_code = run_export(ctx, *o); });
}

} // namespace rc::cli
