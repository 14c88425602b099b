// The Stock screen's forms: recording a movement (receive, issue, return, transfer, write off) and the
// stocktake.
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

// ---- record a movement ------------------------------------------------------------------------------

bool StockScreen::kind_choice(ScreenContext& ctx, std::string& kind) {
    const app::StockSnapshot& s = ctx.session.stock();
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Kind");
    for (const app::BagKindView& k : s.kinds) {
        if (!k.in_procedure) continue;
        ImGui::SameLine();
        const std::string label = k.name + kind_radio(k.id);
        if (radio(label.c_str(), kind == k.id)) {
            kind = k.id;
            changed = true;
        }
    }
    return changed;
}

bool StockScreen::store_choice(ScreenContext& ctx, const char* role, std::int64_t& store) {
    const app::StockSnapshot& s = ctx.session.stock();
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", role[0] == 'f' ? "From store" : "Into store");
    std::size_t kind_index = s.kinds.size();
    for (std::size_t k = 0; k < s.kinds.size(); ++k)
        if (s.kinds[k].id == kind_) kind_index = k;
    for (std::size_t st = 0; st < s.stores.size(); ++st) {
        ImGui::SameLine();
        const int held = kind_index < s.kinds.size() ? s.held_at(kind_index, st) : 0;
        const std::string label =
            s.stores[st].name + " (" + std::to_string(held) + ")" + store_radio(role, s.stores[st].id);
        if (radio(label.c_str(), store == s.stores[st].id)) {
            store = s.stores[st].id;
            changed = true;
        }
    }
    return changed;
}

void StockScreen::draw_record(ScreenContext& ctx) {
    const bool may_handle = ctx.session.can(Permission::HandleStock);
    const bool may_manage = ctx.session.can(Permission::ManageStock);
    if (!may_handle) {
        paragraph_disabled("Your role cannot record stock movements.");
        return;
    }
    paragraph_disabled("Bags issued to a person are recorded at the arrivals desk (select them, Ctrl+B). "
                       "Store names show what each holds of the chosen kind.");
    if (radio(kActionReceive, action_ == Action::Receive)) action_ = Action::Receive;
    ImGui::SameLine();
    if (radio(kActionTransfer, action_ == Action::Transfer)) action_ = Action::Transfer;
    ImGui::SameLine();
    if (radio(kActionReturn, action_ == Action::Return)) action_ = Action::Return;
    if (may_manage) {
        ImGui::SameLine();
        if (radio(kActionWriteOff, action_ == Action::WriteOff)) action_ = Action::WriteOff;
    } else if (action_ == Action::WriteOff) {
        action_ = Action::Receive;
    }
    ImGui::Spacing();
    kind_choice(ctx, kind_);
    ImGui::SetNextItemWidth(em(5.0f));
    take_focus(Tab::Record);
    bool enter = false;
    input_int(kQuantity, &quantity_);
    enter |= ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Enter, false);
    const float w = em(18.0f);
    switch (action_) {
    case Action::Receive:
        store_choice(ctx, "to", to_store_);
        ImGui::SetNextItemWidth(w);
        enter |=
            input_text(kSupplier, "e.g. Mothers' Union", supplier_, ImGuiInputTextFlags_EnterReturnsTrue);
        break;
    case Action::Transfer:
        store_choice(ctx, "from", from_store_);
        store_choice(ctx, "to", to_store_);
        break;
    case Action::Return:
        store_choice(ctx, "to", to_store_);
        ImGui::SetNextItemWidth(em(10.0f));
        enter |=
            input_text(kReturnPerson, "OP-0001-017", person_reference_, ImGuiInputTextFlags_EnterReturnsTrue);
        break;
    case Action::WriteOff:
        store_choice(ctx, "from", from_store_);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Reason");
        for (WriteOffReason r : all_write_off_reasons) {
            ImGui::SameLine();
            const std::string label =
                std::string(write_off_reason_label(r)) + "##reason_" + std::string(write_off_reason_id(r));
            if (radio(label.c_str(), write_off_reason_ == r)) write_off_reason_ = r;
        }
        break;
    }
    if (action_ != Action::Transfer) {
        ImGui::SetNextItemWidth(w);
        enter |= input_text(kNote, action_ == Action::WriteOff ? "what happened" : "optional", note_,
                            ImGuiInputTextFlags_EnterReturnsTrue);
    }
    if (!(button(kRecord) || enter)) return;

    app::EditResult r;
    switch (action_) {
    case Action::Receive:
        r = ctx.session.receive_stock(kind_, quantity_, to_store_, supplier_, note_);
        break;
    case Action::Transfer:
        if (from_store_ == to_store_) {
            r = {false, "Choose two different stores to move bags between."};
            break;
        }
        r = ctx.session.transfer_stock(kind_, quantity_, from_store_, to_store_);
        break;
    case Action::Return: {
        std::optional<std::int64_t> person;
        const std::string_view typed = trim_space(person_reference_);
        if (!typed.empty()) {
            for (const app::PersonRow& p : ctx.session.people().rows)
                if (equals_ignore_case(p.person.reference, typed)) person = p.id;
            if (!person) {
                r = {false, "Nobody has the reference '" + std::string(typed) +
                                "': check it on the Arrivals screen, or leave it empty for bags found."};
                break;
            }
        }
        r = ctx.session.return_stock(kind_, quantity_, to_store_, person, note_);
        break;
    }
    case Action::WriteOff:
        r = ctx.session.write_off_stock(kind_, quantity_, from_store_, write_off_reason_, note_);
        break;
    }
    report(r);
    if (r.ok) {
        note_.clear();
        person_reference_.clear();
        focus_tab_ = Tab::Record;
    }
}

// ---- stocktake --------------------------------------------------------------------------------------

void StockScreen::draw_stocktake(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    if (!ctx.session.can(Permission::ManageStock)) {
        paragraph_disabled("Only a coordinator records a stocktake.");
        return;
    }
    const std::size_t cells = s.kinds.size() * s.stores.size();
    if (counts_.size() != cells) counts_.assign(cells, std::string());
    paragraph_disabled("Count what each store holds and type the numbers (leave a field empty for what "
                       "was not counted). Preview the differences, then confirm: each becomes an adjustment "
                       "in the ledger.");
    // Sized to its rows, and never to the preview below it: the buttons stay where they are.
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const float rows_h = row_h * static_cast<float>(cells + 1) + ImGui::GetStyle().ItemSpacing.y;
    const float table_h = std::clamp(ImGui::GetContentRegionAvail().y - em(12.0f), em(6.0f), rows_h);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    bool edited = false;
    if (ImGui::BeginTable("stocktake", 5, flags,
                          ImVec2(std::min(em(40.0f), ImGui::GetContentRegionAvail().x), table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Store", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("On record", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Counted", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("Difference", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableHeadersRow();
        for (std::size_t k = 0; k < s.kinds.size(); ++k)
            for (std::size_t st = 0; st < s.stores.size(); ++st) {
                const std::size_t i = k * s.stores.size() + st;
                const int held = s.held_at(k, st);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(s.kinds[k].name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.stores[st].name.c_str());
                ImGui::TableNextColumn();
                number(held);
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1.0f);
                if (i == 0) take_focus(Tab::Stocktake);
                const std::string field = count_field(s.kinds[k].id, s.stores[st].id);
                edited |= input_text(field.c_str(), "", counts_[i], ImGuiInputTextFlags_CharsDecimal);
                ImGui::TableNextColumn();
                if (const auto counted = parse_count(counts_[i])) {
                    const int diff = *counted - held;
                    char buf[16];
                    std::snprintf(buf, sizeof buf, diff > 0 ? "+%d" : "%d", diff);
                    if (diff == 0)
                        ImGui::TextDisabled("0");
                    else
                        coloured_text(palette().warning, buf);
                }
            }
        ImGui::EndTable();
    }
    if (edited) stocktake_plan_.reset();
    ImGui::SetNextItemWidth(em(18.0f));
    input_text(kStocktakeNote, "e.g. end of day count", stocktake_note_);

    // The counts typed, as the ledger takes them; a field that is not a number is a problem.
    std::vector<StockCount> counts;
    std::vector<std::string> typing_problems;
    for (std::size_t k = 0; k < s.kinds.size(); ++k)
        for (std::size_t st = 0; st < s.stores.size(); ++st) {
            const std::string& text = counts_[k * s.stores.size() + st];
            if (trim_space(text).empty()) continue;
            if (const auto counted = parse_count(text))
                counts.push_back({s.kinds[k].id, s.stores[st].id, *counted});
            else
                typing_problems.push_back(s.kinds[k].name + " at " + s.stores[st].name + ": '" + text +
                                          "' is not a whole number.");
        }
    ImGui::BeginDisabled(counts.empty() && typing_problems.empty());
    if (button(kStocktakePreview)) {
        stocktake_plan_ = plan_stocktake(s.balances, counts, s.names, stocktake_note_);
        for (std::string& p : typing_problems)
            stocktake_plan_->problems.push_back(std::move(p));
        plan_version_ = s.version;
        message_.clear();
    }
    ImGui::EndDisabled();
    // Stock that moved since the preview needs a new one: the differences may have changed.
    if (stocktake_plan_ && plan_version_ != s.version) stocktake_plan_.reset();
    ImGui::SameLine();
    ImGui::BeginDisabled(!stocktake_plan_ || !stocktake_plan_->ok());
    bool confirmed = false;
    if (button(kStocktakeConfirm)) {
        const app::EditResult r = ctx.session.apply_stocktake(counts, stocktake_note_);
        report(r);
        confirmed = r.ok;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button(kStocktakeClear) || confirmed) {
        counts_.assign(cells, std::string());
        stocktake_plan_.reset();
        if (confirmed) stocktake_note_.clear();
    }
    if (!stocktake_plan_) return;
    const StockNames& names = s.names;
    if (stocktake_plan_->ok() && stocktake_plan_->adjustments.empty())
        paragraph("Every count matches the stock on record: confirming records the stocktake with no "
                  "adjustment.");
    for (const StockMovement& m : stocktake_plan_->adjustments) {
        const bool in = m.to_store.has_value();
        const StockStoreId store = in ? *m.to_store : m.from_store.value_or(0);
        ImGui::Bullet();
        ImGui::Text("%s at %s: %s%d (an adjustment %s the store)", names.bag_kind(m.bag_kind).c_str(),
                    names.store(store).c_str(), in ? "+" : "\u2212", m.quantity, in ? "into" : "out of");
    }
    for (const std::string& p : stocktake_plan_->problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Bullet();
        paragraph(p.c_str());
        ImGui::PopStyleColor();
    }
}

} // namespace rc::ui
