#pragma once
// `reception-console server move`: a centre outgrows its laptop file and moves onto a shared centre's
// server. The file is checked whole (integrity_check) and must be at this version's schema; the
// writer lock is held throughout, so no console writes to it meanwhile. In one transaction on the
// server: the same migrations create the schema, every table is copied row by row (sealed values as
// they are: the data key, its per-user wrappings and the tag index key travel in the same tables),
// the identities continue after the highest id, and each table's row count is compared with the
// file's before the commit. Only then is the file marked with where the centre went (meta `moved_to`,
// an audit row), folded into one file and made read-only (0400): Store::open refuses to write to it
// after, saying where the centre now lives. A database that holds anything already is refused.
#include "domain/clock.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

struct TableCount {
    std::string table;
    std::int64_t rows = 0;
};

struct MoveResult {
    std::string target;             // the connection line, any password shown as ***
    std::vector<TableCount> tables; // rows copied (and found on the server) per table
    std::int64_t total_rows = 0;
};

// Throws StoreError; nothing is left on the server and the file is unchanged when anything fails
// before the commit.
MoveResult move_to_server(const std::filesystem::path& file, std::string_view target, const Clock& clock);

// Where the centre in this file moved to (the redacted line), if it did. Never throws.
std::optional<std::string> moved_to(const std::filesystem::path& file);

} // namespace rc::store
