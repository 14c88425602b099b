#pragma once
// Loading the agreed procedure from its TOML file (format: procedures/README.md). The loader checks
// everything it can in one pass and reports every problem as file:line:column, so a planner can fix a
// file in one go; a procedure is returned only when there are no problems at all.
#include "domain/diagnostic.hpp"
#include "domain/procedure.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

inline constexpr std::size_t max_procedure_bytes = 1024 * 1024; // larger files are refused unread
inline constexpr std::size_t max_procedure_diagnostics = 200;   // more are summarised in one line

struct ProcedureLoadResult {
    std::optional<Procedure> procedure;  // set only when diagnostics is empty
    std::vector<Diagnostic> diagnostics; // sorted by line and column
    std::string text;                    // the exact text read, e.g. to pin it in the database
    bool ok() const { return procedure.has_value(); }
};

// Parses and validates a procedure. `source_name` is what diagnostics call the file.
ProcedureLoadResult parse_procedure(std::string_view text, std::string_view source_name);

// Reads the file (at most max_procedure_bytes) and parses it; a file that cannot be read gives one
// diagnostic with line 0.
ProcedureLoadResult load_procedure_file(const std::filesystem::path& path);

// The SHA-256 of the exact text as 64 lower-case hex digits: an operation pins the procedure it ran
// under with this, and any edit to the file (even a comment) changes it.
std::string procedure_hash(std::string_view text);

} // namespace rc
