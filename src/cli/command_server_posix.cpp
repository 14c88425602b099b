// reception-console server setup --pgdata DIR --host NAME --listen ADDR [--subnet CIDR] [--database NAME]
//     [--desks N] [--out DIR] [--admin CONNINFO]
// Sets up a shared centre on a PostgreSQL server from the machine that runs it: runs the packaged
// shared-centre-setup script (database, a role per desk, a centre CA, TLS, scram-sha-256, hostssl only,
// the listening address) and prints the line each desk needs and the CA's fingerprint. The work is in
// the script so that an administrator can read exactly what it does to their server.
// reception-console server move --from centre.sqlite --to LINE: moves a centre from its file onto the
// server (server_move.hpp) and prints the rows per table.
#include "cli/commands.hpp"
#include "cli/store_cli.hpp"
#include "domain/clock.hpp"
#include "store/error.hpp"
#include "store/server_move.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace rc::cli {

namespace {

// Where the script is: beside an installed program, else in the source tree of a development build.
std::filesystem::path setup_script() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed =
            self.parent_path().parent_path() / "lib/reception-console/shared-centre-setup";
        if (fs::exists(installed, ec)) return installed;
    }
    return fs::path(RC_SOURCE_DIR) / "packaging/shared-centre-setup.sh";
}

struct ServerSetupOptions {
    std::string pgdata, host, listen, subnet, database = "centre", out, admin;
    int desks = 3;
};

int run_server_setup(const ServerSetupOptions& o) {
    const std::filesystem::path script = setup_script();
    if (!std::filesystem::exists(script)) {
        std::fprintf(
            stderr,
            "reception-console server setup: the setup script %s is missing.\nReinstall the package.\n",
            script.c_str());
        return 1;
    }
    std::vector<std::string> args = {script.string(),
                                     "--pgdata",
                                     o.pgdata,
                                     "--host",
                                     o.host,
                                     "--listen",
                                     o.listen,
                                     "--database",
                                     o.database,
                                     "--desks",
                                     std::to_string(o.desks)};
    for (const auto& [flag, value] :
         {std::pair{"--subnet", &o.subnet}, {"--out", &o.out}, {"--admin", &o.admin}})
        if (!value->empty()) {
            args.emplace_back(flag);
            args.push_back(*value);
        }
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    ::execv(argv[0], argv.data());
    std::perror("reception-console server setup: could not run the setup script");
    return 1;
}

struct ServerMoveOptions {
    std::string from;
    std::string to;
};

int run_server_move(const ServerMoveOptions& o) {
    quiet_store_log();
    SystemClock clock;
    try {
        const rc::store::MoveResult r = rc::store::move_to_server(o.from, o.to, clock);
        std::printf("Moved %s\nto the shared centre %s (integrity checked; rows compared per table):\n",
                    o.from.c_str(), r.target.c_str());
        for (const auto& t : r.tables)
            std::printf("  %-28s %lld\n", t.table.c_str(), static_cast<long long>(t.rows));
        std::printf("%lld rows in all. The file is kept, read-only: the console refuses to write to it and "
                    "names the shared centre.\nOpen the centre with: reception-console --db '%s'\n",
                    static_cast<long long>(r.total_rows), r.target.c_str());
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("server move", e);
    }
}

} // namespace

void register_server_command(CLI::App& app, CliContext& ctx) {
    CLI::App* server =
        app.add_subcommand("server", "Set up a shared centre on a PostgreSQL server (large centres)");
    server->require_subcommand(1);
    auto o = std::make_shared<ServerSetupOptions>();
    CLI::App* setup = server->add_subcommand(
        "setup", "On the server: database, a login role per desk, a centre certificate authority, TLS only, "
                 "scram-sha-256 passwords; prints the line each desk needs (see docs/shared-centre.md)");
    setup->add_option("--pgdata", o->pgdata, "The server's data folder, e.g. /var/lib/postgresql/15/main")
        ->required();
    setup->add_option("--host", o->host, "The name desks use for the server (in its certificate)")
        ->required();
    setup->add_option("--listen", o->listen, "The one address the server listens on")->required();
    setup->add_option("--subnet", o->subnet,
                      "The centre's network desks connect from (default: --listen/32)");
    setup->add_option("--database", o->database, "The centre's database (default: centre)");
    setup->add_option("--desks", o->desks, "How many desk roles to make (desk1..deskN)")
        ->check(CLI::Range(1, 99));
    setup->add_option("--out", o->out,
                      "Where the CA, the certificates and desks.txt go (default: ./shared-centre-NAME)");
    setup->add_option("--admin", o->admin, "How to reach the server as its administrator (libpq line)");
    setup->callback([o, &ctx] { ctx.exit_code = run_server_setup(*o); });

    auto m = std::make_shared<ServerMoveOptions>();
    CLI::App* move = server->add_subcommand(
        "move",
        "Move a centre from its file onto a shared centre's empty database (the file is kept read-only)");
    move->add_option("--from", m->from, "The centre's file")->required()->check(CLI::ExistingFile);
    move->add_option("--to", m->to, "The shared centre: postgresql://... or host=... dbname=...")->required();
    move->callback([m, &ctx] { ctx.exit_code = run_server_move(*m); });
}

} // namespace rc::cli
