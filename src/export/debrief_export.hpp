#pragma once
// Debrief exports of an operation: an XLSX workbook, a PDF report a chair can read aloud, CSV files
// (one per table, in a folder) and one JSON file (docs/export-schema.json), pseudonymised by default.
// See docs/debrief.md.
//
//   rc::exports::ExportRequest r;
//   r.formats = {rc::exports::ExportFormat::Xlsx, rc::exports::ExportFormat::Pdf};
//   r.out_dir = "/media/usb/debrief";
//   auto result = rc::exports::export_debrief(*store, r, clock, [](const rc::exports::ExportProgress& p) {
//       progress_bar = p.fraction;  status = p.step;
//   });
//   for (const auto& f : result.files) ... f.path
//
// Or in two steps, for a screen that keeps the store on its own thread: build_debrief() reads the store
// (main thread; a preview of the key figures is data.summary), then write_debrief() writes the files
// from the data alone (any thread).
//
// Every export needs Permission::Export (coordinators). An identifiable export also needs a reason, and
// is recorded (who, when, formats, people, why) in the audit trail before any data leave the store.
#include "domain/clock.hpp"
#include "domain/debrief_data.hpp"
#include "store/store.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rc::exports {

enum class ExportFormat { Xlsx, Pdf, Csv, Json };
inline constexpr std::array<ExportFormat, 4> all_export_formats{ExportFormat::Xlsx, ExportFormat::Pdf,
                                                                ExportFormat::Csv, ExportFormat::Json};
std::string_view export_format_id(ExportFormat f); // "xlsx", "pdf", "csv", "json"
std::optional<ExportFormat> export_format_from_id(std::string_view id);
// "xlsx,pdf": ids in all_export_formats order.
std::string export_formats_text(std::span<const ExportFormat> formats);

struct ExportProgress {
    double fraction = 0; // 0..1
    std::string step;    // "Writing the workbook"
};
using ProgressCallback = std::function<void(const ExportProgress&)>;

struct DebriefRequest {
    DebriefMode mode = DebriefMode::Pseudonymised;
    std::string reason; // required for an identifiable export: why names are needed
    bool suppress_small_counts = true;
    // What the export will be written as, for the audit record; empty: a preview on screen.
    std::vector<ExportFormat> formats;
};

// Reads everything the debrief needs from the store and works out the figures. Throws StoreError:
// SignedOut while locked, NotPermitted without Permission::Export, InvalidInput for an identifiable
// request without a reason. An identifiable build is recorded in the audit trail (and its record id put
// in data.export_record) before it returns; a pseudonymised one writes nothing.
DebriefData build_debrief(store::Store& store, const DebriefRequest& request, const Clock& clock,
                          const ProgressCallback& progress = {});

struct ExportedFile {
    ExportFormat format = ExportFormat::Xlsx;
    std::filesystem::path path; // a file; for CSV, the folder of files
    std::uintmax_t bytes = 0;   // for CSV, all the files together
};

// The names the files get in `out_dir`: "debrief-OP-0001-20260314-0640" plus "-identifiable" when it
// is, then ".xlsx", ".pdf", "-csv" (a folder) or ".json".
std::filesystem::path export_path(const DebriefData& data, const std::filesystem::path& out_dir,
                                  ExportFormat format);

// Writes each format from the data alone (no store: safe on a worker thread). Each file is written
// under a temporary name beside its final one and renamed into place when complete, so a file with an
// export's name is always whole; an existing file of the same name is replaced. Identifiable exports
// are readable by their owner only (0600). Throws store::StoreError(Io or DiskFull) naming the file.
std::vector<ExportedFile> write_debrief(const DebriefData& data, std::span<const ExportFormat> formats,
                                        const std::filesystem::path& out_dir,
                                        const ProgressCallback& progress = {});

// One format each (used by write_debrief; the tests call them directly). Each writes to `path` directly:
// write_debrief does the temporary name and the rename.
void write_xlsx(const DebriefData& data, const std::filesystem::path& path);
void write_pdf(const DebriefData& data, const std::filesystem::path& path);
void write_csv_folder(const DebriefData& data, const std::filesystem::path& folder);
// Text for a CSV cell that a spreadsheet will not run: "=1+2" -> "'=1+2" (also + - @ tab CR first).
std::string neutralise_formula(std::string text);
void write_json(const DebriefData& data, const std::filesystem::path& path);
std::string debrief_json_text(const DebriefData& data);

struct ExportRequest {
    DebriefRequest debrief;
    std::vector<ExportFormat> formats; // at least one
    std::filesystem::path out_dir;     // made when missing
};

struct ExportResult {
    std::vector<ExportedFile> files;
    DebriefMode mode = DebriefMode::Pseudonymised;
    int people = 0;
    std::int64_t export_record = 0; // the audited record of this export
    double seconds = 0;             // wall time, integrity check included
};

// The whole export: PRAGMA integrity_check of the database file first (refused, StoreError Corrupt,
// when it fails), build_debrief(), the record of the export in the audit trail (every export, either
// mode), then write_debrief(). Progress goes from 0 to 1 across all of it.
ExportResult export_debrief(store::Store& store, const ExportRequest& request, const Clock& clock,
                            const ProgressCallback& progress = {});

} // namespace rc::exports
