// reception-console import stock --db PATH --user NAME FILE.csv: records a delivery of support bags
// from a delivery note (UTF-8 CSV with a header row: kind, store, quantity, from). The file is checked
// against the database's stores and the procedure's bag kinds before the passphrase is asked for; any
// problem and nothing is imported, each problem printed as "FILE: line N, column NAME: ..." with the
// valid ids. Then, signed in, every row is recorded as a receipt in one transaction.
#include "cli/import_commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "store/error.hpp"
#include "store/stock.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

namespace rc::cli {

namespace {

constexpr const char* kCommand = "import stock";

void print_problems(const std::string& file, const std::vector<DeliveryProblem>& errors,
                    const std::vector<DeliveryProblem>& warnings) {
    for (const DeliveryProblem& p : errors)
        std::fprintf(stderr, "%s: %s\n", file.c_str(), format_delivery_problem(p).c_str());
    for (const DeliveryProblem& p : warnings)
        std::fprintf(stderr, "%s: warning: %s\n", file.c_str(), format_delivery_problem(p).c_str());
    if (!errors.empty()) {
        const std::size_t n = errors.size();
        std::fprintf(stderr, "%s: %zu problem%s; nothing was imported\n", file.c_str(), n, n == 1 ? "" : "s");
    }
}

// The built-in procedure's kinds, for --help (a database's pinned procedure may differ; a wrong kind
// in a file is answered with the database's own list).
std::string template_kind_ids() {
    const ProcedureLoadResult r = parse_procedure(default_procedure_text(), default_procedure_name);
    std::string out;
    if (r.procedure)
        for (const BagKind& k : r.procedure->bag_kinds)
            out += (out.empty() ? "" : ", ") + k.id;
    return out;
}

int run_import_stock(const CliContext& ctx, const std::string& user, const std::string& file) {
    quiet_store_log();
    SystemClock clock;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return report_error(kCommand, "Cannot read " + file + ": " + std::strerror(errno) + ".",
                            "Check the file's name and that you may read it. Nothing was imported.");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    // The file first, against the database's stores and kinds (nothing personal: no passphrase yet),
    // read-only, so that a mistake in it costs no passphrase and leaves the database untouched.
    std::optional<DeliveryNote> early;
    try {
        auto reader = rc::store::Store::open(database_path(ctx), {rc::store::OpenMode::ReadOnly, {}}, clock);
        early = rc::store::check_stock_csv(*reader, text);
    } catch (const rc::store::StoreError&) {
        // An older file has no stock tables until it is opened for changes (and upgraded); the import
        // checks the file again there, and a file that cannot be opened is reported there.
    }
    if (early && !early->ok()) {
        print_problems(file, early->errors, early->warnings);
        return 1;
    }

    auto store = open_signed_in(ctx, kCommand, user, clock);
    if (!store) return 1;
    try {
        const rc::store::StockImportResult r = rc::store::import_stock_csv(*store, text);
        print_problems(file, r.errors, r.warnings);
        if (!r.ok()) return 1;
        const std::size_t n = r.imported.size();
        std::printf("%s %zu delivery line%s from %s: %d bag%s received.%s\n",
                    r.already_imported ? "Already imported:" : "Imported", n, n == 1 ? "" : "s", file.c_str(),
                    r.bags, r.bags == 1 ? "" : "s",
                    r.already_imported ? " The connection broke during the commit; no bag was added twice."
                                       : "");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error(kCommand, e);
    }
}

} // namespace

void register_import_stock_command(CLI::App& import, CliContext& ctx) {
    struct Options {
        std::string user;
        std::string file;
    };
    auto o = std::make_shared<Options>();
    CLI::App* stock = import.add_subcommand(
        "stock", "Record a delivery of support bags from a delivery note (CSV): every row or none");
    stock->fallthrough();
    stock->footer(
        "Kinds are the pinned procedure's bag kind ids (the built-in procedure's: " + template_kind_ids() +
        "); stores are the stock stores' codes (a new database has: centre). A file with an unknown "
        "kind or store is refused with the valid ids.");
    stock->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    stock
        ->add_option(
            "file", o->file,
            "The delivery note: UTF-8 CSV with a header row kind,store,quantity,from; one row per kind "
            "and store (from: the organisation that sent the bags)")
        ->required();
    stock->callback([o, &ctx] { ctx.exit_code = run_import_stock(ctx, o->user, o->file); });
}

} // namespace rc::cli
