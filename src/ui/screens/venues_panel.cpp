#include "ui/screens/venues_panel.hpp"

#include "os/utf8_path.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

void VenuesPanel::edit(const app::VenueView* v, ScreenContext& ctx) {
    (void)ctx;
    conflict_.close();
    form_ = {};
    base_ = {};
    editing_.reset();
    message_.clear();
    if (!v) return;
    editing_ = v->id;
    editing_version_ = v->version;
    form_ = v->form;
    base_ = v->form;
}

void VenuesPanel::save(ScreenContext& ctx) {
    const std::optional<std::int64_t> from = editing_ ? std::optional(editing_version_) : std::nullopt;
    const app::SaveResult<app::VenueForm> r = ctx.session.save_venue(editing_, form_, from);
    message_ = r.ok ? "Saved." : r.message;
    message_is_error_ = !r.ok;
    if (r.conflict) {
        conflict_.open(*r.conflict, base_, app::venue_form_fields(), "the venue " + base_.name);
        return;
    }
    if (r.ok) {
        form_ = {};
        base_ = {};
        editing_.reset();
    }
}

void VenuesPanel::resolve(ScreenContext& ctx) {
    const EditConflictDialog::Choice choice = conflict_.draw();
    if (choice == EditConflictDialog::Choice::None) return;
    resolve_conflict(conflict_, choice, form_, base_, editing_version_, message_, message_is_error_,
                     app::venue_form_fields(), "the venue " + base_.name,
                     [&](const app::VenueForm& f, std::int64_t version) {
                         return ctx.session.save_venue(editing_, f, version);
                     });
    const bool saved =
        choice == EditConflictDialog::Choice::KeepMine || choice == EditConflictDialog::Choice::SaveMerge;
    if (saved && !message_is_error_ && !conflict_.is_open()) {
        form_ = {};
        base_ = {};
        editing_.reset();
    }
}

void VenuesPanel::draw(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    const bool may = ctx.session.can(Permission::ManageCentre);
    paragraph_disabled("The pre-agreed places a reception centre can open in. Keyholder details are kept "
                       "encrypted.");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    const float table_h = std::min(em(12.0f), em(1.6f) * static_cast<float>(op.venues.size() + 2));
    if (op.venues.empty()) {
        ImGui::TextDisabled("No venues yet.");
    } else if (ImGui::BeginTable("venues", 5, flags, ImVec2(0.0f, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Venue", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Holds", ImGuiTableColumnFlags_WidthFixed, em(4.0f));
        ImGui::TableSetupColumn("Facilities", ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableSetupColumn("Keyholder", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(8.0f));
        ImGui::TableHeadersRow();
        for (const app::VenueView& v : op.venues) {
            ImGui::PushID(static_cast<int>(v.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.name.c_str());
            if (!v.address.empty()) ImGui::TextDisabled("%s", v.address.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", v.capacity);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", v.facilities.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", v.keyholder.c_str());
            ImGui::TableNextColumn();
            if (may) {
                if (button("Edit")) edit(&v, ctx);
                ImGui::SameLine();
                if (button("Remove")) {
                    confirm_remove_ = v.id;
                    confirm_remove_version_ = v.version;
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (confirm_remove_) {
        ImGui::Spacing();
        std::string name;
        for (const app::VenueView& v : op.venues)
            if (v.id == *confirm_remove_) name = v.name;
        ImGui::Text("Remove %s from the register?", name.c_str());
        ImGui::SameLine();
        if (button("Yes, remove")) {
            const app::EditResult r = ctx.session.remove_venue(*confirm_remove_, confirm_remove_version_);
            message_ = r.ok ? "Removed." : r.message;
            message_is_error_ = !r.ok;
            confirm_remove_.reset();
        }
        ImGui::SameLine();
        if (button("Keep it")) confirm_remove_.reset();
    }
    if (!may) {
        paragraph_disabled("Only a coordinator edits the venue register.");
        return;
    }

    ImGui::Spacing();
    ImGui::Separator();
    heading(editing_ ? "Edit venue" : "Add a venue");
    const float w = em(22.0f);
    ImGui::SetNextItemWidth(w);
    input_text(kName, "e.g. Matlock Community Hall", form_.name);
    ImGui::SetNextItemWidth(w);
    input_text(kAddress, "street, town, postcode", form_.address);
    ImGui::SetNextItemWidth(em(6.0f));
    input_int(kCapacity, &form_.capacity);
    checkbox("Private interview rooms", &form_.interview_rooms);
    ImGui::SameLine();
    checkbox("Showers", &form_.showers);
    ImGui::SameLine();
    checkbox("Kitchen", &form_.kitchen);
    ImGui::SameLine();
    checkbox("Step-free access", &form_.step_free_access);
    ImGui::SameLine();
    checkbox("Parking", &form_.parking);
    ImGui::SetNextItemWidth(w);
    input_text("Keyholder name##venue_keyholder", "who opens it", form_.keyholder_name);
    ImGui::SetNextItemWidth(w);
    input_text("Keyholder phone##venue_keyholder_phone", "", form_.keyholder_phone);
    if (button(kSave) && !conflict_.is_open()) save(ctx);
    resolve(ctx);
    if (editing_) {
        ImGui::SameLine();
        if (button(kNew)) edit(nullptr, ctx);
    }
    ImGui::Spacing();
    ImGui::Separator();
    heading("Import from a file");
    paragraph_disabled(
        "A CSV file with a header row: name, address, capacity, interview_rooms, showers, kitchen, "
        "step_free_access, parking (yes/no), keyholder_name, keyholder_phone, notes. Nothing is "
        "imported unless every row is right.");
    ImGui::TextUnformatted("CSV file");
    import_field_.draw(ctx.desktop, import_path_);
    if (button(kImport)) {
        const app::EditResult r = ctx.session.import_venues(os::path_from_utf8(import_path_));
        message_ = r.message.empty() ? (r.ok ? "Imported." : "Import failed.") : r.message;
        message_is_error_ = !r.ok;
    }
    result_message(message_, message_is_error_);
}

} // namespace rc::ui
