// StoreSession: the debrief export (pseudonymised unless a coordinator gives a reason) and the
// retention purge after the centre has closed.
#include "app/store_session.hpp"
#include "export/debrief_export.hpp"
#include "os/example_paths.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/purge.hpp"
#include "store/store.hpp"

#include <spdlog/spdlog.h>

namespace rc::app {

namespace {} // namespace

EditResult StoreSession::export_debrief(const DebriefExportForm& form) {
    if (!store_) return {false, "No centre database is open."};
    if (!store_->can(Permission::Export)) return {false, "Only a coordinator exports the debrief."};
    exports::ExportRequest request;
    if (form.xlsx) request.formats.push_back(exports::ExportFormat::Xlsx);
    if (form.pdf) request.formats.push_back(exports::ExportFormat::Pdf);
    if (form.csv) request.formats.push_back(exports::ExportFormat::Csv);
    if (form.json) request.formats.push_back(exports::ExportFormat::Json);
    if (request.formats.empty()) return {false, "Choose at least one format."};
    if (form.out_dir.empty())
        return {false, "Type the folder to write the files to (e.g. " + os::usb_example("debrief") + ")."};
    request.out_dir = os::path_from_utf8(form.out_dir); // the form holds UTF-8
    request.debrief.mode = form.identifiable ? DebriefMode::Identifiable : DebriefMode::Pseudonymised;
    request.debrief.reason = form.reason;
    request.debrief.formats = request.formats;
    if (form.identifiable && form.reason.empty())
        return {false,
                "An export with names needs a reason: say why names are needed and who will see them."};
    try {
        edit_parts_ = kLogPart;
        const exports::ExportResult r = exports::export_debrief(*store_, request, clock_);
        std::string message = "Exported " + std::to_string(r.people) + " people (" +
                              std::string(debrief_mode_label(r.mode)) + "):";
        for (const exports::ExportedFile& f : r.files)
            message += "\n" + f.path.string();
        spdlog::info("debrief: {} export written ({} files)", debrief_mode_id(r.mode), r.files.size());
        refresh();
        return {true, message};
    } catch (const store::StoreError& e) {
        return {false, not_saved(e)};
    } catch (const std::exception& e) {
        return {false, std::string("The export could not be written: ") + e.what()};
    }
}

std::string StoreSession::purge_problem(bool force_before_period) const {
    if (!store_) return "No centre database is open.";
    store::PurgeOptions o;
    o.force_before_period = force_before_period;
    const store::PurgeCheck c = store::check_purge(*store_, o, clock_.now());
    if (c.allowed) return {};
    return c.advice.empty() ? c.problem : c.problem + " " + c.advice;
}

EditResult StoreSession::purge_personal_data(bool force_before_period) {
    store::PurgeOptions o;
    o.force_before_period = force_before_period;
    return guarded([&] { store::purge_personal_data(*store_, o); });
}

} // namespace rc::app
