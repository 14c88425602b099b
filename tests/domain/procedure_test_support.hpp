#pragma once
// Helpers shared by the procedure tests: the default procedure's text and text substitution on it.
#include "domain/procedure_loader.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace rc::test {

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const std::string& default_procedure_file() {
    static const std::string text = read_text(std::string(RC_PROCEDURES_DIR) + "/derbyshire-template.toml");
    return text;
}

// The text with `old` (which must occur exactly once) replaced by `replacement`.
inline std::string with_edit(std::string text, std::string_view old, std::string_view replacement) {
    const auto at = text.find(old);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the text: " << old);
    REQUIRE_MESSAGE(text.find(old, at + 1) == std::string::npos, "more than once in the text: " << old);
    text.replace(at, old.size(), replacement);
    return text;
}

// Parses the default procedure, which must load without problems.
inline Procedure load_default() {
    ProcedureLoadResult r = parse_procedure(default_procedure_file(), "derbyshire-template.toml");
    std::string problems;
    for (const Diagnostic& d : r.diagnostics)
        problems += format_diagnostic(d) + "\n";
    REQUIRE_MESSAGE(r.ok(), problems);
    return std::move(*r.procedure);
}

} // namespace rc::test
