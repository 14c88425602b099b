// The export as a whole: check the file, build the data, record the export, write each format under a
// temporary name and rename it into place.
#include "export/debrief_export.hpp"

#include "domain/text_match.hpp"
#include "export/output_files.hpp"
#include "store/debrief_exports.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"

#include <algorithm>
#include <chrono>

namespace rc::exports {

namespace {

std::string file_safe(std::string_view s) {
    std::string out;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        out += ok ? c : '_';
    }
    return out.empty() ? "centre" : out;
}

std::string_view writing_step(ExportFormat f) {
    switch (f) {
    case ExportFormat::Xlsx:
        return "Writing the workbook";
    case ExportFormat::Pdf:
        return "Writing the report";
    case ExportFormat::Csv:
        return "Writing the CSV files";
    case ExportFormat::Json:
        return "Writing the JSON file";
    }
    return "Writing";
}

// Progress of a part of the work, mapped onto [from, to] of the whole.
ProgressCallback scaled(const ProgressCallback& whole, double from, double to) {
    if (!whole) return {};
    return [whole, from, to](const ExportProgress& p) { whole({from + (to - from) * p.fraction, p.step}); };
}

void require_allowed(const store::Store& store, const DebriefRequest& request) {
    if (!store.signed_in())
        throw store::StoreError(store::ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (!store.can(Permission::Export))
        throw store::StoreError(store::ErrorKind::NotPermitted, "Only a coordinator can export data.",
                                "Ask the coordinator on duty.");
    if (request.mode == DebriefMode::Identifiable && trim_space(request.reason).empty())
        throw store::StoreError(store::ErrorKind::InvalidInput, "An identifiable export needs a reason.",
                                "Say why names are needed, or export pseudonymised.");
}

} // namespace

std::string_view export_format_id(ExportFormat f) {
    switch (f) {
    case ExportFormat::Xlsx:
        return "xlsx";
    case ExportFormat::Pdf:
        return "pdf";
    case ExportFormat::Csv:
        return "csv";
    case ExportFormat::Json:
        return "json";
    }
    return "xlsx";
}

std::optional<ExportFormat> export_format_from_id(std::string_view id) {
    for (ExportFormat f : all_export_formats)
        if (equals_ignore_case(export_format_id(f), id)) return f;
    return std::nullopt;
}

std::string export_formats_text(std::span<const ExportFormat> formats) {
    std::string out;
    for (ExportFormat f : all_export_formats)
        if (std::find(formats.begin(), formats.end(), f) != formats.end()) {
            if (!out.empty()) out += ',';
            out += export_format_id(f);
        }
    return out;
}

std::filesystem::path export_path(const DebriefData& data, const std::filesystem::path& out_dir,
                                  ExportFormat format) {
    std::string name =
        "debrief-" + file_safe(data.centre_code) + "-" + format_local_time(data.generated_at, "%Y%m%d-%H%M");
    if (data.mode == DebriefMode::Identifiable) name += "-identifiable";
    switch (format) {
    case ExportFormat::Xlsx:
        return out_dir / (name + ".xlsx");
    case ExportFormat::Pdf:
        return out_dir / (name + ".pdf");
    case ExportFormat::Csv:
        return out_dir / (name + "-csv");
    case ExportFormat::Json:
        return out_dir / (name + ".json");
    }
    return out_dir / name;
}

std::vector<ExportedFile> write_debrief(const DebriefData& data, std::span<const ExportFormat> formats,
                                        const std::filesystem::path& out_dir,
                                        const ProgressCallback& progress) {
    create_folder(out_dir);
    std::vector<ExportFormat> todo;
    for (ExportFormat f : all_export_formats)
        if (std::find(formats.begin(), formats.end(), f) != formats.end()) todo.push_back(f);
    std::vector<ExportedFile> out;
    for (std::size_t i = 0; i < todo.size(); ++i) {
        const ExportFormat f = todo[i];
        if (progress)
            progress(
                {static_cast<double>(i) / static_cast<double>(todo.size()), std::string(writing_step(f))});
        const std::filesystem::path final_path = export_path(data, out_dir, f);
        const std::filesystem::path temp = temporary_path(final_path);
        remove_quietly(temp);
        try {
            if (data.mode == DebriefMode::Identifiable) create_private(temp, f == ExportFormat::Csv);
            switch (f) {
            case ExportFormat::Xlsx:
                write_xlsx(data, temp);
                break;
            case ExportFormat::Pdf:
                write_pdf(data, temp);
                break;
            case ExportFormat::Csv:
                write_csv_folder(data, temp);
                break;
            case ExportFormat::Json:
                write_json(data, temp);
                break;
            }
            move_into_place(temp, final_path);
        } catch (...) {
            remove_quietly(temp);
            throw;
        }
        out.push_back({f, final_path, size_on_disk(final_path)});
    }
    if (progress) progress({1.0, "Done"});
    return out;
}

ExportResult export_debrief(store::Store& store, const ExportRequest& request, const Clock& clock,
                            const ProgressCallback& progress) {
    const auto started = std::chrono::steady_clock::now();
    require_allowed(store, request.debrief);
    if (request.formats.empty())
        throw store::StoreError(store::ErrorKind::InvalidInput, "Choose at least one format to export.");

    if (progress) progress({0.0, "Checking the database"});
    const store::DatabaseReport report = store::inspect_database(store.path(), store::CheckDepth::Full);
    if (!report.ok)
        throw store::StoreError(report.problem_kind,
                                "The database failed its integrity check, so nothing was exported. " +
                                    report.problem,
                                report.advice);

    DebriefRequest debrief = request.debrief;
    debrief.formats = request.formats;
    DebriefData data = build_debrief(store, debrief, clock, scaled(progress, 0.1, 0.5));
    if (!data.export_record)
        data.export_record = store::record_debrief_export(
            store,
            store::DebriefExportDetails{
                false, export_formats_text(request.formats), static_cast<int>(data.people.size()), {}});

    ExportResult result;
    result.files = write_debrief(data, request.formats, request.out_dir, scaled(progress, 0.5, 1.0));
    result.mode = data.mode;
    result.people = static_cast<int>(data.people.size());
    result.export_record = *data.export_record;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace rc::exports
