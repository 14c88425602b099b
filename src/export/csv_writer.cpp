// The CSV folder: one RFC 4180 file per table (UTF-8, CRLF line ends, a header row of column keys).
#include "domain/csv_reader.hpp"
#include "export/debrief_export.hpp"
#include "export/debrief_tables.hpp"
#include "export/output_files.hpp"

namespace rc::exports {

void write_csv_folder(const DebriefData& data, const std::filesystem::path& folder) {
    create_folder(folder);
    for (const DebriefTable& t : debrief_tables(data)) {
        std::string text;
        std::vector<std::string> fields;
        for (const TableColumn& c : t.columns)
            fields.push_back(c.key);
        text += format_csv_record(fields);
        text += "\r\n";
        for (const std::vector<Cell>& row : t.rows) {
            fields.clear();
            for (const Cell& c : row)
                fields.push_back(cell_text(c));
            text += format_csv_record(fields);
            text += "\r\n";
        }
        write_whole_file(folder / (t.name + ".csv"), text);
    }
}

} // namespace rc::exports
