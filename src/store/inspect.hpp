#pragma once
// Looking at a database file before trusting it. Inspection only reads: it checks the header bytes
// itself, then opens the file through a `file:...?mode=ro` URI, so a file that turns out to be foreign,
// newer, truncated or corrupt is never written to or "repaired". The Store inspects every file before
// it ever opens it read-write.
#include "store/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rc::store {

enum class CheckDepth {
    Header, // header bytes, application_id and user_version only
    Quick,  // + PRAGMA quick_check (at every open)
    Full    // + PRAGMA integrity_check (`reception-console verify`, before an export)
};

struct DatabaseReport {
    std::filesystem::path path;
    bool ok = false;
    ErrorKind problem_kind = ErrorKind::Corrupt; // meaningful only when !ok
    std::string problem;                         // what is wrong (empty when ok)
    std::string advice;                          // what to do
    std::uint32_t application_id = 0;
    int schema_version = 0; // PRAGMA user_version
    std::int64_t page_size = 0;
    std::int64_t page_count = 0;
    std::int64_t file_bytes = 0;
    bool has_wal = false;                    // a -wal file with content sits beside it
    std::vector<std::string> check_messages; // quick_check/integrity_check output (first 20 lines)

    // Throws the StoreError this report describes (no effect when ok).
    void throw_if_bad() const;
};

DatabaseReport inspect_database(const std::filesystem::path& path, CheckDepth depth);

} // namespace rc::store
