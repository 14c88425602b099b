// reception-console demo [--db PATH] [--replace]: creates a made-up operation in a database of its own
// (default: demo.sqlite in the user's data directory) so that a newcomer sees a working centre at once:
// a medium centre opened four and a half hours ago, three arrival waves, welfare checks, interviews,
// decisions and departures, referrals, bags delivered and issued, staff from the partners, call-outs,
// the procedure's steps (one late, one not applicable) and log entries. Everything is written through
// the store API, as the console would write it, with the store's clock set to when each thing happened.
#include "app/data_paths.hpp"
#include "cli/commands.hpp"
#include "cli/demo/demo_operation.hpp"
#include "cli/store_cli.hpp"
#include "domain/clock.hpp"
#include "domain/default_procedure.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/writer_lock.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace rc::cli {

namespace {

namespace fs = std::filesystem;
namespace st = rc::store;
using namespace demo;

struct DemoOptions {
    bool replace = false;
};

void remove_database_files(const fs::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(path.string() + suffix), ec);
    fs::remove(rc::store::WriterLock::lock_path(path), ec);
}

bool any_database_file(const fs::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(fs::path(path.string() + suffix), ec)) return true;
    return false;
}

int run_demo(const CliContext& ctx, const DemoOptions& o) {
    quiet_store_log();
    fs::path path =
        ctx.db_path.empty() ? rc::app::data_directory() / "demo.sqlite" : rc::os::path_from_utf8(ctx.db_path);
    path = fs::absolute(path);
    if (any_database_file(path)) {
        if (!o.replace)
            return report_error("demo", path.string() + " already exists.",
                                "Open it with `reception-console --db " + path.string() +
                                    "`, or add --replace to make a new demo in its place.");
        if (auto pid = rc::store::WriterLock::holder(path))
            return report_error("demo",
                                path.string() + " is open in Reception Console (process " +
                                    std::to_string(*pid) + ").",
                                "Close that window first; nothing was changed.");
        remove_database_files(path);
    }
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);

    SystemClock system;
    const UnixSeconds now = system.now() / 60 * 60;
    const UnixSeconds start = now - kMinutesSinceActivation * 60;
    ManualClock clock(start - 40 * 60);

    rc::store::CreateOptions c;
    c.path = path;
    c.centre_name = "Matlock reception centre (demo)";
    c.centre_code = "DEMO-0001";
    c.venue = "Matlock Leisure Centre, main hall";
    c.tier = Tier::Small;
    c.coordinator_name = kDemoUser;
    c.passphrase = kDemoPassphrase;
    // The same limits as a real centre (the console accepts nothing weaker), though the passphrase of
    // this practice file is printed for everyone.
    c.passphrase_kdf = rc::store::KdfLimits::moderate();
    try {
        DemoSummary s;
        {
            auto store = rc::store::Store::create(c, clock);
            s = build_demo(*store, clock, start);
        }
        std::printf("Created the demo operation in %s\n", os::path_to_utf8(path).c_str());
        std::printf("Operation Larch (demo): a medium centre, activated at %s (%d h %02d min ago).\n",
                    format_local_time(start, "%H:%M").c_str(), kMinutesSinceActivation / 60,
                    kMinutesSinceActivation % 60);
        std::printf(
            "%d people in three waves (%d children or age disputed), %d still in the centre, %d departed; "
            "%d referrals; %d bags issued; %d staff on site.\n",
            s.people, s.children, s.on_site, s.departed, s.referrals, s.bags, s.staff_on_site);
        std::printf("Open it with:  reception-console --db %s\n", os::path_to_utf8(path).c_str());
        std::printf(
            "Sign in as \"%s\" with the passphrase \"%s\" (or as \"%s\", a volunteer, with \"%s\").\n",
            kDemoUser, kDemoPassphrase, kDemoVolunteer, kDemoVolunteerPassphrase);
        std::printf("Everyone in it is made up. Practise here; never record real people in the demo.\n");
        return 0;
    } catch (const rc::store::StoreError& e) {
        remove_database_files(path); // half a demo would only mislead
        return report_error("demo", e.problem(),
                            e.advice().empty() ? "Nothing was kept." : e.advice() + " Nothing was kept.");
    } catch (const std::exception& e) {
        remove_database_files(path);
        return report_error("demo", std::string("The demo could not be built: ") + e.what(),
                            "Nothing was kept. Please report this.");
    }
}

} // namespace

void register_demo_command(CLI::App& app, CliContext& ctx) {
    auto o = std::make_shared<DemoOptions>();
    CLI::App* cmd = app.add_subcommand(
        "demo", "Create a made-up operation to practise on, in its own database (default: demo.sqlite "
                "in the user's data directory)");
    cmd->fallthrough(); // --db may follow the subcommand
    cmd->add_flag("--replace", o->replace, "Replace the demo database if it exists");
    cmd->callback([o, &ctx] { ctx.exit_code = run_demo(ctx, *o); });
}

} // namespace rc::cli
