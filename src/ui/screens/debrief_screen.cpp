#include "ui/screens/debrief_screen.hpp"

#include "os/utf8_path.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

void DebriefScreen::draw(ScreenContext& ctx) {
    heading(title());
    paragraph("The debrief for the partnership's review and the council's figures: people received, time in "
              "the centre, decisions and referrals (NRM and Duty to Notify), bags issued and left, partner "
              "attendance, and how the centre kept to the procedure. By default it is pseudonymised: no "
              "names, dates of birth, tags, phone numbers or free text, ages as bands, each person a code "
              "that is new in every export.");
    if (!ctx.session.can(Permission::Export)) {
        paragraph_disabled("Only a coordinator exports the debrief.");
        return;
    }
    ImGui::Spacing();
    heading("Export");
    checkbox("Workbook (XLSX)##fmt_xlsx", &form_.xlsx);
    ImGui::SameLine();
    checkbox("Report (PDF)##fmt_pdf", &form_.pdf);
    ImGui::SameLine();
    checkbox("CSV files##fmt_csv", &form_.csv);
    ImGui::SameLine();
    checkbox("JSON##fmt_json", &form_.json);
    ImGui::TextUnformatted("Folder to write to");
    folder_field_.draw(ctx.desktop, form_.out_dir, em(34.0f));
    checkbox(kIdentifiable, &form_.identifiable);
    if (form_.identifiable) {
        ImGui::SetNextItemWidth(em(28.0f));
        input_text(kReason, "why names are needed, and who will see them", form_.reason);
    }
    if (button(kExport)) {
        // Runs at once (about a second for a large centre): a deferred run would wait for the next input
        // event, since the window draws only on events.
        const app::EditResult r = ctx.session.export_debrief(form_);
        message_ = r.message;
        message_is_error_ = !r.ok;
        exported_to_ = r.ok ? form_.out_dir : std::string();
    }
    result_message(message_, message_is_error_);
    if (!exported_to_.empty() && ctx.desktop && ctx.desktop->can_open_folders()) {
        if (button(kOpenFolder)) {
            const auto problem = ctx.desktop->open_folder(os::path_from_utf8(exported_to_));
            if (problem) {
                message_ = *problem;
                message_is_error_ = true;
            }
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    heading("Retention");
    paragraph_disabled(
        "After the centre has closed and the retention period has passed (30 days by default), "
        "purge the personal details for good: the pseudonymised record stays for the figures, "
        "older backups are purged too.");
    checkbox("The partnership agreed to purge before the period ends##purge_force", &force_purge_);
    if (!confirm_purge_) {
        if (button(kPurge)) {
            confirm_purge_ = true;
            purge_problem_ = ctx.session.purge_problem(force_purge_); // once, not per frame
        }
    } else if (!purge_problem_.empty()) {
        result_message(purge_problem_, true);
        if (button("Close##purge")) confirm_purge_ = false;
    } else {
        result_message(
            "This removes every name, date of birth, note and phone number from this database and its "
            "backups. It cannot be undone.",
            true);
        if (button(kPurgeConfirm)) {
            const app::EditResult r = ctx.session.purge_personal_data(force_purge_);
            message_ = r.ok ? "Personal data purged." : r.message;
            message_is_error_ = !r.ok;
            confirm_purge_ = false;
        }
        ImGui::SameLine();
        if (button("Cancel##purge")) confirm_purge_ = false;
    }
}

} // namespace rc::ui
