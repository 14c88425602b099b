#pragma once
// The debrief as tables, the same for the workbook (one sheet each, some with smaller tables beside the
// main one) and the CSV folder (one file each): so both always hold the same columns and rows. Columns
// that identify people exist only in an identifiable export's tables.
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/debrief_data.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::exports {

enum class CellType { Empty, Text, Number, DateTime, Date };

struct Cell {
    CellType type = CellType::Empty;
    std::string text; // what the workbook shows
    std::string id;   // a value from a fixed list: its stable id, what the CSV holds (empty: the text)
    double number = 0;
    UnixSeconds time = 0;
    Date date;

    static Cell empty() { return {}; }
    static Cell str(std::string s);
    static Cell choice(std::string_view id,
                       std::string_view label); // "safe_accommodation", "Safe accommodation"
    static Cell num(double v);
    static Cell at(std::optional<UnixSeconds> t); // empty when not given
    static Cell day(std::optional<Date> d);
    static Cell yes_no(std::optional<bool> b);               // "yes", "no", or empty
    static Cell minutes(std::optional<UnixSeconds> seconds); // whole minutes, or empty
};

struct TableColumn {
    std::string key;   // CSV header: "arrived_at"
    std::string title; // workbook header: "Arrived"
    double width = 14; // workbook column width, in characters
};

struct DebriefTable {
    std::string name;  // the CSV file's name without ".csv": "people"
    std::string sheet; // the workbook sheet it goes on; empty: CSV only
    bool main = true;  // the sheet's main table (frozen header, filter) or one beside it
    std::vector<TableColumn> columns;
    std::vector<std::vector<Cell>> rows;
};

// Every table, workbook sheets in order (Summary, Timeline, People, Referrals, Procedure, Partners &
// staff, Stock, Log), each sheet's main table before those beside it; CSV-only tables last.
std::vector<DebriefTable> debrief_tables(const DebriefData& data);

// "2026-03-14T06:40:00+00:00": ISO 8601 in local time with its offset.
std::string iso_local_time(UnixSeconds t);
// "2026-03-14T06:40:00Z".
std::string iso_utc_time(UnixSeconds t);

// A cell as CSV text: a choice as its id, numbers plainly ("12", "0.25"), times in iso_local_time, dates as
// YYYY-MM-DD.
std::string cell_text(const Cell& c);

} // namespace rc::exports
