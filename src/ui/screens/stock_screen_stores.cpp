// The Stock screen's stores: where bags are kept, added and renamed.
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

// ---- stores -----------------------------------------------------------------------------------------

void StockScreen::draw_stores(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    const bool may = ctx.session.can(Permission::ManageStock);
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("stores", 5, flags,
                          ImVec2(std::min(em(44.0f), ImGui::GetContentRegionAvail().x), 0.0f))) {
        ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Bags", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(3.0f));
        ImGui::TableHeadersRow();
        std::optional<std::size_t> edit;
        for (std::size_t st = 0; st < s.stores.size(); ++st) {
            const app::StockStoreView& v = s.stores[st];
            int bags = 0;
            for (std::size_t k = 0; k < s.kinds.size(); ++k)
                bags += s.held_at(k, st);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(v.code.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(stock_store_kind_label(v.kind)).c_str());
            ImGui::TableNextColumn();
            number(bags);
            ImGui::TableNextColumn();
            if (may) {
                const std::string label = "Edit##store_edit_" + std::to_string(v.id);
                if (small_button(label.c_str())) edit = st;
            }
        }
        ImGui::EndTable();
        if (edit) edit_store(s.stores[*edit]);
    }
    if (!may) {
        paragraph_disabled("Only a coordinator adds or changes stores.");
        return;
    }
    ImGui::Spacing();
    heading(store_editing_ ? "Change the store" : "Add a store");
    ImGui::SetNextItemWidth(em(10.0f));
    input_text(kStoreCode, "e.g. ripley-police", store_form_.code);
    ImGui::SetNextItemWidth(em(18.0f));
    input_text(kStoreName, "e.g. Ripley police station", store_form_.name);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Where");
    for (StockStoreKind k : all_stock_store_kinds) {
        ImGui::SameLine();
        const std::string label =
            std::string(stock_store_kind_label(k)) + "##store_kind_" + std::string(stock_store_kind_id(k));
        if (radio(label.c_str(), store_form_.kind == k)) store_form_.kind = k;
    }
    if (button(kStoreSave) && !store_conflict_.is_open()) save_store(ctx);
    if (store_editing_) {
        ImGui::SameLine();
        if (button("Add a new store instead##store_new")) {
            store_form_ = {};
            store_base_ = {};
            store_editing_.reset();
        }
    }
    resolve_store_conflict(ctx);
}

void StockScreen::edit_store(const app::StockStoreView& v) {
    store_conflict_.close();
    store_editing_ = v.id;
    store_version_ = v.version;
    store_form_ = {v.code, v.name, v.kind};
    store_base_ = store_form_;
}

void StockScreen::save_store(ScreenContext& ctx) {
    const std::optional<std::int64_t> from = store_editing_ ? std::optional(store_version_) : std::nullopt;
    const app::SaveResult<app::StockStoreForm> r =
        ctx.session.save_stock_store(store_editing_, store_form_, from);
    report(r);
    if (r.conflict) {
        store_conflict_.open(*r.conflict, store_base_, app::stock_store_form_fields(),
                             "the store " + store_base_.name);
        return;
    }
    if (r.ok) {
        store_form_ = {};
        store_base_ = {};
        store_editing_.reset();
    }
}

void StockScreen::resolve_store_conflict(ScreenContext& ctx) {
    const EditConflictDialog::Choice choice = store_conflict_.draw();
    if (choice == EditConflictDialog::Choice::None) return;
    resolve_conflict(store_conflict_, choice, store_form_, store_base_, store_version_, message_,
                     message_is_error_, app::stock_store_form_fields(), "the store " + store_base_.name,
                     [&](const app::StockStoreForm& f, std::int64_t version) {
                         return ctx.session.save_stock_store(store_editing_, f, version);
                     });
    const bool saved =
        choice == EditConflictDialog::Choice::KeepMine || choice == EditConflictDialog::Choice::SaveMerge;
    if (saved && !message_is_error_ && !store_conflict_.is_open()) {
        store_form_ = {};
        store_base_ = {};
        store_editing_.reset();
    }
}

} // namespace rc::ui
