// The workbook (libxlsxwriter): one sheet per table of debrief_tables(), with the smaller tables that
// belong to a sheet beside its main one. Dates and times are Excel dates with a date format (local
// time, as the centre saw them), numbers are numbers, the header row is frozen and filters are on.
#include "domain/utf8.hpp"
#include "export/debrief_export.hpp"
#include "export/debrief_tables.hpp"
#include "export/output_files.hpp"
#include "os/local_time.hpp"
#include "os/paths.hpp"
#include "os/security.hpp"
#include "store/error.hpp"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <map>
#include <xlsxwriter.h>

namespace rc::exports {

namespace {

constexpr double kExcelEpochOffsetDays = 25569.0; // 1970-01-01 as an Excel serial day
// Excel holds at most 32,767 characters in a cell and libxlsxwriter refuses a string of more bytes than
// that, so text is cut to that many bytes, on a character boundary, with an ellipsis to show the cut.
constexpr std::size_t kMaxCellBytes = 32767;
constexpr std::string_view kCutMark = "\xE2\x80\xA6"; // …

double excel_date(const Date& d) {
    return static_cast<double>(days_since_epoch(d)) + kExcelEpochOffsetDays;
}

double excel_local_time(UnixSeconds t) {
    const auto tt = static_cast<std::time_t>(t);
    const std::tm tm = os::local_calendar(tt);
    const double day = excel_date(Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
    return day + (tm.tm_hour * 3600.0 + tm.tm_min * 60.0 + tm.tm_sec) / 86400.0;
}

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* datetime = nullptr;
    lxw_format* date = nullptr;
    lxw_format* wrap = nullptr;
};

class Workbook {
public:
    explicit Workbook(const std::filesystem::path& path)
        : path_(path), staging_(path.parent_path() / (".xlsx-staging-" + path.filename().string())) {
        // libxlsxwriter stages the sheets in temporary files: in a private folder beside the export, never
        // the shared system temp folder (the workbook may name people).
        if (auto problem = os::make_private_directory(staging_))
            throw store::StoreError(store::ErrorKind::Io, *problem,
                                    "Choose a folder of your own to export to, then export again.");
        // A narrow path libxlsxwriter can open (the short name on Windows when needed).
        staging_text_ = os::path_for_c_library(staging_);
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        options.use_zip64 = LXW_FALSE;
        options.tmpdir = staging_text_.data();
        wb_ = workbook_new_opt(os::path_for_c_library(path).c_str(), &options);
        if (!wb_) {
            remove_staging();
            throw_write_error(path, std::error_code(errno ? errno : EIO, std::generic_category()));
        }
    }
    ~Workbook() {
        // Not closed: a failure part-way. Free it without writing the file.
        if (wb_) lxw_workbook_free(wb_);
        remove_staging();
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() const { return wb_; }

    void close() {
        const lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        remove_staging();
        if (e != LXW_NO_ERROR)
            throw store::StoreError(store::ErrorKind::Io,
                                    "Could not write the workbook " + path_.string() + ": " +
                                        lxw_strerror(e) + ".",
                                    "Check the folder can be written to and has space, then export again.");
    }

private:
    void remove_staging() noexcept {
        std::error_code ec;
        std::filesystem::remove_all(staging_, ec);
    }
    std::filesystem::path path_;
    std::filesystem::path staging_;
    std::string staging_text_;
    lxw_workbook* wb_ = nullptr;
};

void check(lxw_error e, const std::filesystem::path& path) {
    if (e != LXW_NO_ERROR)
        throw store::StoreError(store::ErrorKind::Io, "Could not write the workbook " + path.string() + ": " +
                                                          lxw_strerror(e) + ".");
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& c, const Formats& f,
                const std::filesystem::path& path) {
    switch (c.type) {
    case CellType::Empty:
        return;
    case CellType::Text:
        if (c.text.empty()) return;
        if (c.text.size() > kMaxCellBytes) {
            const std::string cut =
                std::string(utf8_prefix(c.text, kMaxCellBytes - kCutMark.size())) + std::string(kCutMark);
            check(worksheet_write_string(ws, row, col, cut.c_str(), nullptr), path);
            return;
        }
        check(worksheet_write_string(ws, row, col, c.text.c_str(), nullptr), path);
        return;
    case CellType::Number:
        check(worksheet_write_number(ws, row, col, c.number, nullptr), path);
        return;
    case CellType::DateTime:
        check(worksheet_write_number(ws, row, col, excel_local_time(c.time), f.datetime), path);
        return;
    case CellType::Date:
        check(worksheet_write_number(ws, row, col, excel_date(c.date), f.date), path);
        return;
    }
}

// Writes the table with its header in row 0 from column `first`; returns the column after it.
lxw_col_t write_table(lxw_worksheet* ws, const DebriefTable& t, lxw_col_t first, const Formats& f,
                      const std::filesystem::path& path) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(first + c);
        check(worksheet_write_string(ws, 0, col, t.columns[c].title.c_str(), f.header), path);
        check(worksheet_set_column(ws, col, col, t.columns[c].width, nullptr), path);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const std::vector<Cell>& cells = t.rows[r];
        for (std::size_t c = 0; c < cells.size() && c < t.columns.size(); ++c)
            write_cell(ws, row, static_cast<lxw_col_t>(first + c), cells[c], f, path);
    }
    if (t.main && !t.columns.empty())
        check(worksheet_autofilter(ws, 0, first, static_cast<lxw_row_t>(t.rows.size()),
                                   static_cast<lxw_col_t>(first + t.columns.size() - 1)),
              path);
    return static_cast<lxw_col_t>(first + t.columns.size() + 1);
}

} // namespace

void write_xlsx(const DebriefData& data, const std::filesystem::path& path) {
    Workbook wb(path);
    Formats f;
    f.header = workbook_add_format(wb.get());
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDE4EE);
    format_set_bottom(f.header, LXW_BORDER_THIN);
    f.datetime = workbook_add_format(wb.get());
    format_set_num_format(f.datetime, "yyyy-mm-dd hh:mm");
    f.date = workbook_add_format(wb.get());
    format_set_num_format(f.date, "yyyy-mm-dd");

    const std::string title = "Debrief: " + data.centre_name + " (" + data.centre_code + ")";
    const std::string comments = std::string(debrief_mode_label(data.mode)) + " export";
    lxw_doc_properties properties{};
    // The library's struct takes char*; it only reads them.
    properties.title = const_cast<char*>(title.c_str());
    properties.comments = const_cast<char*>(comments.c_str());
    std::string author = "Reception Console";
    properties.author = author.data();
    workbook_set_properties(wb.get(), &properties);

    std::vector<std::string> order;
    std::map<std::string, std::vector<const DebriefTable*>> by_sheet;
    const std::vector<DebriefTable> tables = debrief_tables(data);
    for (const DebriefTable& t : tables) {
        if (t.sheet.empty()) continue;
        if (!by_sheet.count(t.sheet)) order.push_back(t.sheet);
        by_sheet[t.sheet].push_back(&t);
    }
    for (const std::string& name : order) {
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name.c_str());
        if (!ws)
            throw store::StoreError(store::ErrorKind::Io,
                                    "Could not add the sheet " + name + " to the workbook.");
        worksheet_freeze_panes(ws, 1, 0);
        lxw_col_t col = 0;
        for (const DebriefTable* t : by_sheet[name])
            col = write_table(ws, *t, col, f, path);
    }
    wb.close();
}

} // namespace rc::exports
