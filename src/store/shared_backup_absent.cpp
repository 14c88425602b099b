// Backups of a shared centre in a build that cannot make them: without libpq (no shared centre at
// all), or on Windows, where the console does not yet start PostgreSQL's pg_dump and pg_restore. Each
// function refuses with a sentence saying so, before anything is written; a centre file's backups
// (backup.cpp) are unaffected.
#include "store/error.hpp"
#include "store/shared_backup.hpp"

#include <cctype>
#include <sstream>
#include <string>

namespace rc::store {

namespace {

[[noreturn]] void not_in_this_build() {
    throw StoreError(ErrorKind::Backup,
                     "Backups and restores of a shared centre are not available in this build of Reception "
                     "Console (it does not run PostgreSQL's pg_dump and pg_restore).",
                     "Back up the shared centre from a Linux desk or on the server itself "
                     "(docs/shared-centre.md); a centre file on this laptop is backed up as usual.");
}

} // namespace

// Without libpq's parser: the database name of a URI (the path after the host) or of a key=value line
// (dbname=, else service=), for the sign-in screen's saved centres as in a build with libpq.
std::string shared_centre_backup_stem(std::string_view target) {
    std::string name;
    const std::string t(target);
    if (t.rfind("postgresql://", 0) == 0 || t.rfind("postgres://", 0) == 0) {
        const auto rest = t.find("://") + 3;
        const auto slash = t.find('/', rest);
        if (slash != std::string::npos)
            name = t.substr(slash + 1, t.find_first_of("?#", slash + 1) - slash - 1);
    } else {
        std::istringstream words(t);
        std::string service;
        for (std::string word; words >> word;) {
            if (word.rfind("dbname=", 0) == 0) name = word.substr(7);
            if (word.rfind("service=", 0) == 0) service = word.substr(8);
        }
        if (name.empty()) name = service;
        if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
            name = name.substr(1, name.size() - 2);
    }
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    return name.empty() ? "shared-centre" : name;
}

PgToolInvocation pg_tool_invocation(const Connection& conn, std::vector<std::string> argv) {
    (void)conn;
    (void)argv;
    not_in_this_build();
}

BackupResult write_shared_backup(const Connection& conn, const std::filesystem::path& dest, UnixSeconds at) {
    (void)conn;
    (void)dest;
    (void)at;
    not_in_this_build();
}

DumpCheck check_shared_backup(const std::filesystem::path& file) {
    (void)file;
    not_in_this_build();
}

SharedRestoreResult restore_shared_centre(std::string_view target, const std::filesystem::path& from,
                                          bool replace_live_centre, const std::filesystem::path& aside_dir,
                                          const Clock& clock) {
    (void)target;
    (void)from;
    (void)replace_live_centre;
    (void)aside_dir;
    (void)clock;
    not_in_this_build();
}

SharedRestoreResult replace_shared_centre(Connection& live, const std::filesystem::path& from,
                                          const std::filesystem::path& aside_dir, const Clock& clock) {
    (void)live;
    (void)from;
    (void)aside_dir;
    (void)clock;
    not_in_this_build();
}

} // namespace rc::store
