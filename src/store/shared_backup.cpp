// Backups of a shared centre with pg_dump and pg_restore (shared_backup.hpp).
#include "store/shared_backup.hpp"

#include "store/audit.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"
#include "store/store_internal.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <libpq-fe.h>
#include <map>
#include <memory>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace rc::store {

namespace fs = std::filesystem;

namespace {

// A private scratch folder (0700) for one tool run: the password file and the tool's messages.
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern = (fs::temp_directory_path() / "rc-pgtool.XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw StoreError(ErrorKind::Io, std::string("Could not make a private temporary folder: ") +
                                                std::strerror(errno) + ".");
        dir_ = pattern;
    }
    ~ScratchFolder() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return dir_; }

private:
    fs::path dir_;
};

// A password file entry matching any server: backslash and colon escaped as libpq reads them.
std::string passfile_line(const std::string& password) {
    std::string out = "*:*:*:*:";
    for (char c : password) {
        if (c == '\\' || c == ':') out += '\\';
        out += c;
    }
    return out + "\n";
}

std::string read_small_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The first line of a tool's messages that says what went wrong, without the lines that quote data
// (DETAIL, CONTEXT, a COPY's row): safe to show, never logged.
std::string tool_problem(const std::string& messages) {
    std::istringstream in(messages);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.find("DETAIL:") != std::string::npos ||
            line.find("CONTEXT:") != std::string::npos || line.find("HINT:") != std::string::npos)
            continue;
        if (line.size() > 300) line = line.substr(0, 300) + "...";
        return line;
    }
    return "no message";
}

struct ToolOutcome {
    int exit_code = -1;
    std::string output;   // stdout, when it was not sent to a file
    std::string messages; // stderr
};

// Runs the tool with the invocation's environment; stdout into `stdout_fd` when >= 0, else collected.
ToolOutcome run_tool(const PgToolInvocation& call, int stdout_fd = -1) {
    ScratchFolder scratch;
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string kv = *e;
        const auto eq = kv.find('=');
        if (eq == std::string::npos) continue;
        env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    env.erase("PGPASSWORD"); // a password travels in the private password file only
    for (const auto& [k, v] : call.environment)
        env[k] = v;
    if (!call.password.empty()) {
        const fs::path passfile = scratch.path() / "pgpass";
        const int fd = ::open(passfile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            throw StoreError(ErrorKind::Io, std::string("Could not write a private password file: ") +
                                                std::strerror(errno) + ".");
        const std::string line = passfile_line(call.password);
        const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
        ::close(fd);
        if (!ok) throw StoreError(ErrorKind::Io, "Could not write a private password file.");
        env["PGPASSFILE"] = passfile.string();
    }
    std::vector<std::string> env_lines;
    for (const auto& [k, v] : env)
        env_lines.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& l : env_lines)
        envp.push_back(l.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = call.argv;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    const fs::path out_file = scratch.path() / "stdout";
    const fs::path err_file = scratch.path() / "stderr";
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    if (stdout_fd >= 0)
        posix_spawn_file_actions_adddup2(&files, stdout_fd, 1);
    else
        posix_spawn_file_actions_addopen(&files, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&files, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int e = ::posix_spawnp(&pid, argv[0], &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (e != 0)
        throw StoreError(ErrorKind::Backup, "Could not start " + call.argv[0] + ": " + std::strerror(e) + ".",
                         e == ENOENT ? "Install PostgreSQL's client tools on this desk (apt-get install "
                                       "postgresql-client)."
                                     : "");
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ToolOutcome r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (stdout_fd < 0) r.output = read_small_file(out_file);
    r.messages = read_small_file(err_file);
    return r;
}

fs::path with_suffix(const fs::path& p, const char* suffix) {
    fs::path q = p;
    q += suffix;
    return q;
}

// The database name the live connection is on (for pg_restore's --dbname, which is not secret).
std::string database_name(const Connection& conn) {
    const char* name = PQdb(conn.pg_handle());
    return name ? name : "";
}

// Tables in the connection's schema: a fresh database has none.
std::int64_t table_count(Connection& db) {
    return db.query_int(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
}

SharedRestoreResult restore_into_shared(Connection& live, std::string_view where, const fs::path& from,
                                        bool holds_centre, const fs::path& aside_dir, const Clock& clock) {
    const UnixSeconds now = clock.now();
    SharedRestoreResult result;
    result.restored_from = from;
    if (holds_centre)
        result.kept_aside = write_shared_backup(live,
                                                backup_file_path(aside_dir, fs::path(std::string(where)),
                                                                 BackupKind::BeforeRestore, now),
                                                now)
                                .file;
    live.clear_cache();
    std::vector<std::string> args = {"pg_restore",      "--no-password",   "--no-owner",
                                     "--no-privileges", "--exit-on-error", "--single-transaction"};
    if (holds_centre) {
        args.emplace_back("--clean");
        args.emplace_back("--if-exists");
    }
    args.push_back("--dbname=" + database_name(live));
    args.push_back(from.string());
    const ToolOutcome r = run_tool(pg_tool_invocation(live, std::move(args)));
    if (r.exit_code != 0) {
        spdlog::error("store: pg_restore failed (exit {})", r.exit_code);
        throw StoreError(ErrorKind::Backup,
                         "The restore into " + std::string(where) +
                             " failed and was rolled back: " + tool_problem(r.messages),
                         result.kept_aside.empty()
                             ? "Nothing was changed. Check that the database is empty and owned by the "
                               "centre's role, or try another backup."
                             : "Nothing was changed; the centre as it was is also in " +
                                   result.kept_aside.string() + ".");
    }
    if (live.application_id() != static_cast<std::uint32_t>(kApplicationId))
        throw StoreError(ErrorKind::Backup, "The restored database holds no Reception Console centre.",
                         "Check the backup file.");
    result.schema_version = live.schema_version();
    AuditChanges changes;
    changes.value("from", from.filename().string());
    if (!result.kept_aside.empty()) changes.value("kept_aside", result.kept_aside.filename().string());
    Transaction tx(live);
    insert_audit_row(live, now, std::nullopt, "restore", "database", std::nullopt, changes);
    tx.commit();
    spdlog::info("store: restored the shared centre {} from {}", where, from.filename().string());
    return result;
}

} // namespace

std::string shared_centre_backup_stem(std::string_view target) {
    std::string name;
    char* error = nullptr;
    if (PQconninfoOption* opts = PQconninfoParse(std::string(target).c_str(), &error)) {
        for (PQconninfoOption* o = opts; o->keyword; ++o) {
            if (!o->val || !*o->val) continue;
            if (std::strcmp(o->keyword, "dbname") == 0) name = o->val;
            if (std::strcmp(o->keyword, "service") == 0 && name.empty()) name = o->val;
        }
        PQconninfoFree(opts);
    }
    if (error) PQfreemem(error);
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    return name.empty() ? "shared-centre" : name;
}

PgToolInvocation pg_tool_invocation(const Connection& conn, std::vector<std::string> argv) {
    PgToolInvocation call;
    call.argv = std::move(argv);
    if (!conn.pg_handle()) throw StoreError(ErrorKind::InvalidInput, "Not a connection to a shared centre.");
    PQconninfoOption* opts = PQconninfo(conn.pg_handle());
    if (!opts) throw StoreError(ErrorKind::Io, "Could not read the connection's options (out of memory).");
    for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (!o->val || !*o->val) continue;
        if (std::strcmp(o->keyword, "password") == 0) {
            call.password = o->val;
            continue;
        }
        if (!o->envvar) continue; // options with no variable (keepalives...) keep libpq's defaults
        call.environment.emplace_back(o->envvar, o->val);
    }
    PQconninfoFree(opts);
    return call;
}

BackupResult write_shared_backup(const Connection& conn, const fs::path& dest, UnixSeconds at) {
    std::error_code ec;
    fs::create_directories(dest.parent_path(), ec);
    if (ec)
        throw StoreError(ErrorKind::Backup,
                         "Could not create the backup folder " + dest.parent_path().string() + ": " +
                             ec.message() + ".",
                         "Check the backup folder in the settings, and that the drive is present.");
    if (fs::exists(dest))
        throw StoreError(ErrorKind::Backup,
                         "A backup named " + dest.string() + " already exists; it was not replaced.");
    const fs::path partial = with_suffix(dest, ".partial");
    fs::remove(partial, ec);
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw StoreError(ErrorKind::Backup,
                         "Could not write the backup " + dest.string() + ": " + std::strerror(errno) + ".",
                         "Check the backup folder in the settings, and that the drive is present.");
    ::fchmod(fd, 0600);
    try {
        const ToolOutcome r =
            run_tool(pg_tool_invocation(conn, {"pg_dump", "--format=custom", "--no-password"}), fd);
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (r.exit_code != 0) {
            spdlog::error("store: pg_dump failed (exit {})", r.exit_code);
            throw StoreError(ErrorKind::Backup,
                             "pg_dump could not back up the shared centre: " + tool_problem(r.messages),
                             "Check that this desk reaches the server and that pg_dump's version is at "
                             "least the server's (apt-get install postgresql-client).");
        }
        if (!synced)
            throw StoreError(ErrorKind::Backup,
                             "The backup " + dest.string() + " could not be written to disk.",
                             "Check the drive, and that it has free space.");
        const DumpCheck check = check_shared_backup(partial);
        if (!check.ok)
            throw StoreError(ErrorKind::Backup,
                             "The backup " + dest.string() + " failed its check (" + check.problem +
                                 "); it was deleted.",
                             "Check the backup drive and its free space, then try again.");
        fs::rename(partial, dest, ec);
        if (ec)
            throw StoreError(ErrorKind::Backup, "The backup " + dest.string() +
                                                    " could not be renamed into place: " + ec.message() +
                                                    ".");
        sync_path(dest.parent_path(), true);
    } catch (...) {
        if (::fcntl(fd, F_GETFD) >= 0) ::close(fd);
        fs::remove(partial, ec);
        throw;
    }
    BackupResult r;
    r.file = dest;
    r.at = at;
    r.bytes = static_cast<std::int64_t>(fs::file_size(dest, ec));
    spdlog::info("store: shared centre backed up to {} ({} bytes)", dest.string(), r.bytes);
    return r;
}

DumpCheck check_shared_backup(const fs::path& file) {
    DumpCheck c;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        c.problem = file.string() + " is not there";
        return c;
    }
    PgToolInvocation call;
    call.argv = {"pg_restore", "--list", file.string()};
    const ToolOutcome r = run_tool(call);
    if (r.exit_code != 0) {
        c.problem = "pg_restore cannot read it: " + tool_problem(r.messages);
        return c;
    }
    bool custom = false, ours = false;
    std::istringstream in(r.output);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(";", 0) == 0 && line.find("Format: CUSTOM") != std::string::npos) custom = true;
        if (line.empty() || line[0] == ';') continue;
        ++c.entries;
        if (line.find(" TABLE DATA ") != std::string::npos && line.find(" rc_schema ") != std::string::npos)
            ours = true;
    }
    if (!custom)
        c.problem = "it is not a pg_dump archive in custom format";
    else if (!ours)
        c.problem = "it holds no Reception Console centre";
    c.ok = c.problem.empty();
    return c;
}

SharedRestoreResult restore_shared_centre(std::string_view target, const fs::path& from,
                                          bool replace_live_centre, const fs::path& aside_dir,
                                          const Clock& clock) {
    const DumpCheck check = check_shared_backup(from);
    if (!check.ok)
        throw StoreError(ErrorKind::InvalidInput,
                         "The backup " + from.string() + " cannot be restored: " + check.problem + ".",
                         "Choose a .dump file made by `reception-console backup` of a shared centre. Nothing "
                         "was changed.");
    const std::string where = redact_postgres_target(target);
    Connection live = Connection::open_postgres(target, AccessMode::ReadWrite);
    bool holds_centre = false;
    if (table_count(live) > 0) {
        if (live.application_id() != static_cast<std::uint32_t>(kApplicationId))
            throw StoreError(ErrorKind::NotOurs,
                             "The database " + where +
                                 " holds tables that are not a Reception Console centre.",
                             "Restore into a fresh, empty database. Nothing was changed.");
        holds_centre = true;
        if (!replace_live_centre)
            throw StoreError(
                ErrorKind::AlreadyExists,
                "The database " + where + " already holds a centre: the restore would replace it.",
                "Restore into a fresh, empty database (the server's administrator creates one owned by "
                "centre_owner). To replace this centre, add --replace-live-centre after every desk has "
                "stopped: the desks must sign in again afterwards. Nothing was changed.");
    }
    return restore_into_shared(live, where, from, holds_centre, aside_dir, clock);
}

SharedRestoreResult replace_shared_centre(Connection& live, const fs::path& from, const fs::path& aside_dir,
                                          const Clock& clock) {
    const DumpCheck check = check_shared_backup(from);
    if (!check.ok)
        throw StoreError(ErrorKind::InvalidInput,
                         "The backup " + from.string() + " cannot be restored: " + check.problem + ".",
                         "Choose a .dump file made from a shared centre. Nothing was changed.");
    return restore_into_shared(live, live.path().string(), from, true, aside_dir, clock);
}

} // namespace rc::store
