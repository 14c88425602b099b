#pragma once
// Reading CSV files people export from spreadsheets (RFC 4180): UTF-8 with or without a byte-order
// mark, CRLF or LF (or CR) line ends, fields in double quotes with "" for a quote, line breaks inside
// quotes. Each record remembers the physical line it starts on, so that later checks can say where.
// Used for the nominal roll and, later, stock delivery notes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

struct CsvLimits {
    std::size_t max_bytes = 32 * 1024 * 1024;
    std::size_t max_records = 100000; // the header counts
    std::size_t max_fields_per_record = 1000;
    std::size_t max_field_bytes = 64 * 1024;
    std::size_t max_problems = 200; // then one more problem says there were more, and reading stops
};

struct CsvRecord {
    std::uint32_t line = 0; // 1-based physical line where the record starts
    std::vector<std::string> fields;
};

struct CsvProblem {
    std::uint32_t line = 0;   // 1-based; 0 for the whole file
    std::uint32_t column = 0; // 1-based, in characters; 0 when the whole line is meant
    std::string message;      // says what is wrong and what to do; quotes no field contents
};

struct CsvReadResult {
    std::vector<CsvRecord> records; // what could be read, even when there are problems
    std::vector<CsvProblem> problems;
    bool ok() const { return problems.empty(); }
};

// Reads the whole text. Problems: not UTF-8 (each line with a bad byte, once), a UTF-16 file, a NUL
// byte, a quote inside an unquoted field, text after a closing quote, a quoted field never closed, and
// the limits. Blank lines are skipped; line breaks inside quoted fields become "\n".
CsvReadResult read_csv(std::string_view text, const CsvLimits& limits = {});

// One record as CSV text (no line end): fields quoted only when they hold a comma, a quote, a line
// break, or leading or trailing space, and a record of one empty field as "" so that it is not blank.
std::string format_csv_record(const std::vector<std::string>& fields);

} // namespace rc
