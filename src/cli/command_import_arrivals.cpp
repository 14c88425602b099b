// reception-console import arrivals --db PATH --user NAME FILE.csv: checks people in from a nominal roll
// (UTF-8 CSV with a header row; columns in docs/store.md, matched by name and synonyms, --map to choose).
// The columns and the fields they fill are printed, and the file is checked, before the passphrase is
// asked for; any problem and nobody is imported, each problem printed as "FILE: line N, column NAME:
// ...". Then, signed in, the import checks the tags against the database and writes every row in one
// transaction.
#include "cli/import_commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/roll_mapping.hpp"
#include "domain/utf8.hpp"
#include "store/error.hpp"
#include "store/people.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "import arrivals";

void print_problems(const std::string& file, const std::vector<RollProblem>& errors,
                    const std::vector<RollProblem>& warnings) {
    for (const RollProblem& p : errors)
        std::fprintf(stderr, "%s: %s\n", file.c_str(), format_roll_problem(p).c_str());
    for (const RollProblem& p : warnings)
        std::fprintf(stderr, "%s: warning: %s\n", file.c_str(), format_roll_problem(p).c_str());
    if (!errors.empty()) {
        const std::size_t n = errors.size();
        std::fprintf(stderr, "%s: %zu problem%s; nobody was imported\n", file.c_str(), n, n == 1 ? "" : "s");
    }
}

// Each column of the file beside the field it fills, so a layout the console has not seen is checked
// before anything is imported.
void print_mapping(const RollMapping& mapping) {
    std::printf("Columns:\n");
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const RollColumn& c = mapping[i];
        const std::string header = c.header.empty() ? "(no header)" : "'" + safe_to_show(c.header, 40) + "'";
        if (c.field.empty())
            std::printf("  %zu %s -> nothing\n", i + 1, header.c_str());
        else
            std::printf("  %zu %s -> %s (%s)\n", i + 1, header.c_str(), c.field.c_str(),
                        std::string(column_match_label(c.match)).c_str());
    }
}

int run_import_arrivals(const CliContext& ctx, const std::string& user, const std::string& file,
                        const std::vector<std::string>& map) {
    quiet_store_log();
    SystemClock clock;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return report_error(kCommand, "Cannot read " + file + ": " + std::strerror(errno) + ".",
                            "Check the file's name and that you may read it. Nothing was imported.");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    // The file first, so that a mistake in it costs no passphrase and leaves the database untouched.
    rc::store::RollImportOptions options;
    options.column_choices = map;
    const NominalRoll roll = rc::store::check_roll(text, options, clock.now());
    print_mapping(roll.mapping);
    if (!roll.ok()) {
        print_problems(file, roll.errors, roll.warnings);
        return 1;
    }
    if (roll.rows.empty()) {
        print_problems(file, {}, roll.warnings);
        return report_error(kCommand, file + " has no people in it.", "Nothing was imported.");
    }

    auto store = open_signed_in(ctx, kCommand, user, clock);
    if (!store) return 1;
    try {
        const rc::store::RollImportResult r = rc::store::import_roll(*store, text, options);
        print_problems(file, r.errors, r.warnings);
        if (!r.ok()) return 1;
        if (r.imported.empty())
            return report_error(kCommand, file + " has no people in it.", "Nothing was imported.");
        const std::size_t n = r.imported.size();
        // The connection broke during the commit and the retry under the same key found it made.
        std::printf("%s %zu %s from %s: %s to %s.%s\n", r.already_imported ? "Already imported:" : "Imported",
                    n, n == 1 ? "person" : "people", file.c_str(), r.imported.front().reference.c_str(),
                    r.imported.back().reference.c_str(),
                    r.already_imported ? " The connection broke during the commit; nobody was imported twice."
                                       : "");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error(kCommand, e);
    }
}

std::string fields_text() {
    std::string out;
    for (std::string_view f : roll_fields())
        out += (out.empty() ? "" : ", ") + std::string(f);
    return out;
}

} // namespace

void register_import_arrivals_command(CLI::App& import, CliContext& ctx) {
    struct Options {
        std::string user;
        std::string file;
        std::vector<std::string> map;
    };
    auto o = std::make_shared<Options>();
    CLI::App* arrivals = import.add_subcommand(
        "arrivals",
        "Check people in from a nominal roll (CSV): every row or none; the file is checked first");
    arrivals->fallthrough();
    arrivals->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    arrivals
        ->add_option(
            "file", o->file,
            "The roll: UTF-8 CSV with a header row (tag,name,alias,sex,dob,age,...; see docs/store.md)")
        ->required();
    arrivals->add_option(
        "--map", o->map,
        "Which field a column fills, \"Header=field\" (e.g. \"D.O.B.=dob\", \"Shoe size=ignore\"); "
        "repeat for more columns. Fields: " +
            fields_text());
    arrivals->callback([o, &ctx] { ctx.exit_code = run_import_arrivals(ctx, o->user, o->file, o->map); });
}

} // namespace rc::cli
