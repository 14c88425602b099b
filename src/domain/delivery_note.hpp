#pragma once
// A delivery note for support bags: a UTF-8 CSV file with a header row and the columns kind, store,
// quantity and from (case-insensitive, any order; spaces and hyphens count as underscores). Kinds are
// the procedure's bag kind ids and stores the stock stores' codes. All or nothing: any problem rejects
// the whole file, and every problem is listed with its line and column.
#include "domain/csv_reader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

inline constexpr std::array<std::string_view, 4> delivery_note_columns{"kind", "store", "quantity", "from"};

// One row: so many bags of a kind arrived at a store from an organisation.
struct DeliveryLine {
    std::uint32_t line = 0; // where the row starts in the file
    std::string bag_kind;   // as the procedure spells it
    std::string store;      // the store's code, as the register spells it
    int quantity = 0;       // 1..max_movement_quantity
    std::string from;       // the organisation that sent them
};

struct DeliveryProblem {
    std::uint32_t line = 0; // 0: the whole file
    std::string column;     // empty: the whole line
    std::string message;
};
// "line 4, column quantity: 'twelve' is not a whole number"; "line 3: ..."; the message alone for the file.
std::string format_delivery_problem(const DeliveryProblem& p);

struct DeliveryNoteOptions {
    std::vector<std::string> bag_kinds; // the kind ids a row may name
    std::vector<std::string> stores;    // the store codes a row may name
    CsvLimits limits;
    std::size_t max_problems = 500; // then one more problem says how many more there were
};

struct DeliveryNote {
    std::vector<DeliveryLine> lines;       // empty whenever there are errors
    std::vector<DeliveryProblem> errors;   // sorted by line
    std::vector<DeliveryProblem> warnings; // unknown columns (ignored)
    bool ok() const { return errors.empty(); }
};

// Reads and checks the whole file. Kinds and stores match ignoring case and surrounding spaces and come
// back spelt as the options spell them; an unknown one is refused with the list of valid ones.
DeliveryNote parse_delivery_note(std::string_view text, const DeliveryNoteOptions& options);

} // namespace rc
