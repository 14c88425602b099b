// The Stock screen's delivery note import: a CSV file checked, previewed, then recorded all at once.
#include "os/utf8_path.hpp"
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

// ---- delivery note ----------------------------------------------------------------------------------

void StockScreen::draw_delivery(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    std::string kinds, stores;
    for (const app::BagKindView& k : s.kinds)
        if (k.in_procedure) kinds += (kinds.empty() ? "" : ", ") + k.id;
    for (const app::StockStoreView& st : s.stores)
        stores += (stores.empty() ? "" : ", ") + st.code;
    paragraph_disabled(
        "A delivery note: a CSV file (UTF-8, header row) with the columns kind, store, quantity "
        "and from, one row per kind and store. A file with any bad row is refused as a whole, "
        "with every problem listed.");
    ImGui::Text("Kinds: %s", kinds.c_str());
    ImGui::Text("Stores: %s", stores.c_str());
    if (!ctx.session.can(Permission::Import)) {
        paragraph_disabled("Only a coordinator imports files.");
        return;
    }
    ImGui::TextUnformatted("The file's full path");
    take_focus(Tab::Delivery);
    if (delivery_field_.draw(ctx.desktop, delivery_path_, em(40.0f))) delivery_preview_.reset();
    const bool enter = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Enter, false);
    if (button(kDeliveryPreview) || enter) {
        delivery_preview_ = ctx.session.preview_stock_import(os::path_from_utf8(delivery_path_));
        message_.clear();
    }
    if (!delivery_preview_) return;
    const app::StockImportPreview& p = *delivery_preview_;
    for (const std::string& e : p.errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Bullet();
        paragraph(e.c_str());
        ImGui::PopStyleColor();
    }
    for (const std::string& w : p.warnings) {
        ImGui::Bullet();
        paragraph(w.c_str());
    }
    if (!p.ok()) return;
    ImGui::Text("%zu line%s, %d bag%s, ready to import:", p.lines.size(), p.lines.size() == 1 ? "" : "s",
                p.bags, p.bags == 1 ? "" : "s");
    const float table_h =
        std::min(ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 1.5f,
                 ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(p.lines.size() + 2));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("delivery_lines", 5, flags, ImVec2(0.0f, std::max(em(4.0f), table_h)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthStretch, 0.4f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Store", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Quantity", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(p.lines.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const DeliveryLine& l = p.lines[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%u", l.line);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.names.bag_kind(l.bag_kind).c_str());
                ImGui::TableNextColumn();
                std::string store_name = l.store;
                for (const app::StockStoreView& st : s.stores)
                    if (st.code == l.store) store_name = st.name;
                ImGui::TextUnformatted(store_name.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", l.quantity);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(l.from.c_str());
            }
        ImGui::EndTable();
    }
    if (button(kDeliveryImport)) {
        const app::EditResult r = ctx.session.import_stock(os::path_from_utf8(delivery_path_));
        report(r);
        if (r.ok) delivery_preview_.reset();
    }
}

} // namespace rc::ui
