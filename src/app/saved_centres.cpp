#include "app/saved_centres.hpp"

#include "app/data_paths.hpp"
#include "store/shared_backup.hpp"
#include "store/sqlite_db.hpp"

#include <fstream>

namespace rc::app {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

} // namespace

std::filesystem::path saved_centres_path() {
    return config_directory() / "shared-centres.conf";
}

SavedCentres load_saved_centres(const std::filesystem::path& file) {
    SavedCentres out;
    std::ifstream in(file);
    if (!in) return out;
    std::string raw;
    for (int number = 1; std::getline(in, raw); ++number) {
        const std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#') continue;
        const std::string where = file.filename().string() + " line " + std::to_string(number) + ": ";
        if (!store::is_postgres_target(line)) {
            out.problems.push_back(where +
                                   "not a connection line (postgresql://... or host=... dbname=...).");
            continue;
        }
        // Redacting changes a line only when it holds a password: such a line is not offered.
        if (store::redact_postgres_target(line) != line) {
            out.problems.push_back(where + "holds a password; keep passwords in ~/.pgpass instead.");
            continue;
        }
        out.lines.push_back(line);
        out.names.push_back(store::shared_centre_backup_stem(line));
    }
    return out;
}

} // namespace rc::app
