#pragma once
// A problem found in a file people wrote (the procedure, later the arrivals roll), reported the way
// compilers do so that editors and people can jump to it: "file:line:column: what is wrong".
#include <cstdint>
#include <string>
#include <vector>

namespace rc {

struct Diagnostic {
    std::string file;         // as the user named it (a path, or "<default procedure>")
    std::uint32_t line = 0;   // 1-based; 0 when the problem is with the whole file (cannot read it)
    std::uint32_t column = 0; // 1-based, in characters; 0 when unknown
    std::string message;      // what is wrong and what to do about it
};

// "file:line:column: message", or "file: message" when the line is unknown.
std::string format_diagnostic(const Diagnostic& d);

// Orders diagnostics by position (line, then column), keeping the order of equal positions.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace rc
