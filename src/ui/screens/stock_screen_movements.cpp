// The Stock screen's movement list: searched, and a movement reversed with a reason.
#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
#include "ui/screens/stock_screen.hpp"
#include "ui/screens/stock_screen_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <imgui.h>
#include <utility>

namespace rc::ui {

using namespace stock_parts;

// ---- movements --------------------------------------------------------------------------------------

void StockScreen::draw_movements(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    ImGui::SetNextItemWidth(em(16.0f));
    take_focus(Tab::Movements);
    input_text(kMovementSearch, "Search: reference, kind, store, #id", movement_search_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(10.0f));
    const std::string kind_label =
        movement_kind_ ? std::string(movement_kind_label(*movement_kind_)) : std::string("Every movement");
    if (ImGui::BeginCombo("##movement_kind", kind_label.c_str())) {
        if (ImGui::Selectable("Every movement", !movement_kind_)) movement_kind_.reset();
        for (MovementKind k : all_movement_kinds)
            if (ImGui::Selectable(std::string(movement_kind_label(k)).c_str(), movement_kind_ == k))
                movement_kind_ = k;
        ImGui::EndCombo();
    }
    if (s.version != movements_version_ || movement_search_ != cached_search_ ||
        movement_kind_ != cached_kind_) {
        movement_order_.clear();
        const std::string search(trim_space(movement_search_));
        for (std::size_t i = 0; i < s.movements.size(); ++i) {
            const app::StockMovementRow& r = s.movements[i];
            if (movement_kind_ && r.movement.kind != *movement_kind_) continue;
            if (matches(r, search)) movement_order_.push_back(i);
        }
        movements_version_ = s.version;
        cached_search_ = movement_search_;
        cached_kind_ = movement_kind_;
        ++movement_rebuilds_;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu, newest first", movement_order_.size(), s.movements.size());
    if (s.movements.empty()) {
        paragraph_disabled(
            "No movements yet: record a delivery (Ctrl+R) or import a delivery note (Ctrl+I).");
        return;
    }
    const bool may_reverse = ctx.session.can(Permission::ManageStock);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("movements", 10, flags, ImVec2(0.0f, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Movement", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthStretch, 0.4f);
    ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("To", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(4.5f));
    ImGui::TableHeadersRow();
    std::optional<std::size_t> reverse;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(movement_order_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = movement_order_[static_cast<std::size_t>(i)];
            const app::StockMovementRow& r = s.movements[index];
            ImGui::TableNextRow();
            const bool reversed = r.reversed_by.has_value() || r.movement.kind == MovementKind::Reversal;
            if (reversed)
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.id_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.at_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.kind_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.bag_text.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.movement.quantity);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.from_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.to_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.detail.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.movement.note.c_str());
            if (reversed) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            if (may_reverse && r.reversible) {
                const std::string label = reverse_button(r.movement.id);
                if (small_button(label.c_str())) reverse = index;
            }
        }
    }
    ImGui::EndTable();
    if (reverse) {
        const app::StockMovementRow& r = s.movements[*reverse];
        reversing_ = r.movement.id;
        reverse_text_ = r.id_text + " " + r.at_text + ": " + r.kind_text + ", " +
                        std::to_string(r.movement.quantity) + " " + r.bag_text +
                        (r.from_text.empty() ? "" : ", from " + r.from_text) +
                        (r.to_text.empty() ? "" : ", to " + r.to_text) + ".";
        reverse_reason_.clear();
        open_reverse_ = true;
    }
}

void StockScreen::draw_reverse_dialog(ScreenContext& ctx) {
    if (open_reverse_) {
        ImGui::OpenPopup(kReverseDialog);
        open_reverse_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em(36.0f), vp->WorkSize.x * 0.9f), 0.0f));
    if (!ImGui::BeginPopupModal(kReverseDialog, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    paragraph("History is never edited: reversing records a new movement that moves the same bags back. "
              "Say why.");
    ImGui::Spacing();
    paragraph(reverse_text_.c_str());
    ImGui::Spacing();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(em(22.0f));
    const bool enter = input_text(kReverseReason, "e.g. issued to the wrong person", reverse_reason_,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    const bool has_reason = !trim_space(reverse_reason_).empty();
    ImGui::BeginDisabled(!has_reason);
    if ((button(kReverseConfirm) || (enter && has_reason)) && reversing_) {
        report(ctx.session.reverse_stock_movement(*reversing_, reverse_reason_));
        reversing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button("Cancel (Esc)##reverse_cancel") || ImGui::IsKeyPressed(keys::Escape, false)) {
        reversing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace rc::ui
