// reception-console venues import --db PATH --user NAME FILE: imports the venue register from a CSV file
// (all rows or none; each problem as "FILE: line N, column NAME: ..."). reception-console venues list:
// prints the register. Both sign in: keyholders' details are sealed in the database.
#include "cli/commands.hpp"
#include "cli/signed_in_store.hpp"
#include "cli/store_cli.hpp"
#include "store/error.hpp"
#include "store/venues.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

std::string facilities_text(const rc::store::VenueFacilities& f) {
    std::string s;
    auto add = [&](bool on, const char* name) {
        if (!on) return;
        if (!s.empty()) s += ", ";
        s += name;
    };
    add(f.interview_rooms, "private interview rooms");
    add(f.showers, "showers");
    add(f.kitchen, "kitchen");
    add(f.step_free_access, "step-free access");
    add(f.parking, "parking");
    return s.empty() ? "none listed" : s;
}

int run_import(const CliContext& ctx, const std::string& user, const std::string& file) {
    quiet_store_log();
    SystemClock clock;
    auto store = open_signed_in(ctx, "venues import", user, clock);
    if (!store) return 1;
    try {
        const rc::store::VenueImportResult r = rc::store::import_venues_csv(*store, file);
        if (!r.ok()) {
            for (const auto& p : r.problems)
                std::fprintf(stderr, "%s\n", rc::store::format_venue_import_problem(file, p).c_str());
            const std::size_t n = r.problems.size();
            std::fprintf(stderr, "%s: %zu problem%s; no venue was imported\n", file.c_str(), n,
                         n == 1 ? "" : "s");
            return 1;
        }
        std::printf("%s %s: %d added, %d updated, %d unchanged. The register holds %zu venues.\n",
                    r.already_imported ? "Already imported (the connection broke during the commit):"
                                       : "Imported",
                    file.c_str(), r.added, r.updated, r.unchanged, rc::store::venues(*store).size());
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("venues import", e);
    }
}

int run_list(const CliContext& ctx, const std::string& user) {
    quiet_store_log();
    SystemClock clock;
    auto store = open_signed_in(ctx, "venues list", user, clock);
    if (!store) return 1;
    try {
        const auto all = rc::store::venues(*store);
        if (all.empty()) {
            std::printf(
                "The venue register is empty. Import it with: reception-console venues import FILE\n");
            return 0;
        }
        for (const rc::store::Venue& v : all) {
            const auto& d = v.details;
            std::printf("%s: capacity %d\n", d.name.c_str(), d.capacity);
            if (!d.address.empty()) std::printf("  Address: %s\n", d.address.c_str());
            std::printf("  Facilities: %s\n", facilities_text(d.facilities).c_str());
            if (!d.keyholder_name.empty() || !d.keyholder_phone.empty())
                std::printf("  Keyholder: %s%s%s\n", d.keyholder_name.c_str(),
                            d.keyholder_name.empty() || d.keyholder_phone.empty() ? "" : ", ",
                            d.keyholder_phone.c_str());
        }
        std::printf("%zu venue%s\n", all.size(), all.size() == 1 ? "" : "s");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("venues list", e);
    }
}

} // namespace

void register_venues_command(CLI::App& app, CliContext& ctx) {
    CLI::App* venues = app.add_subcommand("venues", "The register of venues a centre can open in");
    venues->require_subcommand(1);
    venues->fallthrough();

    struct Options {
        std::string user;
        std::string file;
    };
    auto o = std::make_shared<Options>();
    CLI::App* import = venues->add_subcommand(
        "import",
        "Import venues from a CSV file: all rows or none; a venue already in the register is updated");
    import->fallthrough();
    import->add_option("--user", o->user, "The coordinator doing it (signs in with their passphrase)")
        ->required();
    import->add_option("file", o->file, "The CSV file (header: name,address,capacity,...; see docs/store.md)")
        ->required();
    import->callback([o, &ctx] { ctx.exit_code = run_import(ctx, o->user, o->file);
});

CLI::App* list = venues->add_subcommand("list", "List the venue register");
list->fallthrough();
list->add_option("--user", o->user, "Who is looking (signs in with their passphrase)")->required();
list->callback([o, &ctx] { ctx.exit_code = run_list(ctx, o->user); });
} // namespace rc::cli

} // namespace rc::cli
