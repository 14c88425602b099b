// The CSV folder: one RFC 4180 file per table (UTF-8 with a byte-order mark, CRLF line ends, a header
// row of column keys). Spreadsheets run a cell that starts with = + - @ (or a tab or CR before them) as
// a formula, so such text gets a leading apostrophe (docs/debrief.md, "CSV").
#include "domain/csv_reader.hpp"
#include "export/debrief_export.hpp"
#include "export/debrief_tables.hpp"
#include "export/output_files.hpp"

namespace rc::exports {

namespace {

// Excel needs the byte-order mark to read the file as UTF-8 (without it accented names are mangled);
// rc::read_csv and LibreOffice skip it.
constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

} // namespace

std::string neutralise_formula(std::string text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        text.insert(text.begin(), '\'');
    return text;
}

void write_csv_folder(const DebriefData& data, const std::filesystem::path& folder) {
    create_folder(folder);
    for (const DebriefTable& t : debrief_tables(data)) {
        std::string text(kUtf8ByteOrderMark);
        std::vector<std::string> fields;
        for (const TableColumn& c : t.columns)
            fields.push_back(c.key);
        text += format_csv_record(fields);
        text += "\r\n";
        for (const std::vector<Cell>& row : t.rows) {
            fields.clear();
            for (const Cell& c : row) // numbers and times are never formulas; text may look like one
                fields.push_back(c.type == CellType::Text ? neutralise_formula(cell_text(c)) : cell_text(c));
            text += format_csv_record(fields);
            text += "\r\n";
        }
        write_whole_file(folder / (t.name + ".csv"), text);
    }
}

} // namespace rc::exports
