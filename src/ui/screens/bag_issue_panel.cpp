#include "ui/screens/bag_issue_panel.hpp"

#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <utility>
#include <vector>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

// The store to issue a kind from: a store at the centre that holds some, else the centre's own.
StockStoreId issuing_store(const app::StockSnapshot& s, const std::string& kind) {
    for (std::size_t k = 0; k < s.kinds.size(); ++k) {
        if (s.kinds[k].id != kind) continue;
        for (std::size_t st = 0; st < s.stores.size(); ++st)
            if (s.stores[st].kind == StockStoreKind::Centre && s.held_at(k, st) > 0) return s.stores[st].id;
    }
    return s.stores.empty() ? 1 : s.stores.front().id;
}

} // namespace

void BagIssuePanel::refresh(ScreenContext& ctx, std::int64_t person) {
    const std::uint64_t people_version = ctx.session.people().version;
    const app::StockSnapshot& stock = ctx.session.stock();
    if (person_ == person && people_version == people_version_ && stock.version == stock_version_) return;
    if (person_ != person) {
        message_.clear();
        other_kind_.clear();
    }
    person_ = person;
    people_version_ = people_version;
    stock_version_ = stock.version;
    suggestion_ = ctx.session.suggest_bag(person);
    suggestion_name_ = stock.names.bag_kind(suggestion_.bag_kind);
    issue_label_ = "Issue bag: " + suggestion_name_ + (suggestion_.sure ? "" : " (check)") + " (Ctrl+B)";
    if (other_kind_.empty()) other_kind_ = suggestion_.bag_kind;
    from_ = issuing_store(stock, suggestion_.bag_kind);
    // "Holds Adult (male) (14:05)": each kind the person holds, from their movements, newest first.
    holds_text_.clear();
    std::vector<std::pair<std::string, int>> held; // kind, bags
    std::string last_at;
    if (const auto it = stock.person_movements.find(person); it != stock.person_movements.end())
        for (const std::size_t i : it->second) {
            const StockMovement& m = stock.movements[i].movement;
            auto kind =
                std::find_if(held.begin(), held.end(), [&](const auto& h) { return h.first == m.bag_kind; });
            if (kind == held.end()) kind = held.insert(held.end(), {m.bag_kind, 0});
            kind->second += bags_to_person(m);
            if (last_at.empty() && bags_to_person(m) > 0) last_at = stock.movements[i].at_text;
        }
    for (const auto& [kind, bags] : held) {
        if (bags <= 0) continue;
        holds_text_ += (holds_text_.empty() ? "Holds " : ", ") + stock.names.bag_kind(kind);
        if (bags > 1) holds_text_ += " \u00d7" + std::to_string(bags);
    }
    holds_text_ = holds_text_.empty() ? std::string("Holds no bag yet") : holds_text_ + " (" + last_at + ")";
}

bool BagIssuePanel::issue(ScreenContext& ctx, std::int64_t person, const std::string& kind) {
    const app::EditResult r = ctx.session.issue_bag(person, kind, from_);
    message_ = r.message;
    message_is_error_ = !r.ok;
    return r.ok;
}

bool BagIssuePanel::draw(ScreenContext& ctx, std::int64_t person) {
    refresh(ctx, person);
    const app::StockSnapshot& stock = ctx.session.stock();
    const bool may = ctx.session.can(Permission::HandleStock) && !suggestion_.bag_kind.empty();
    bool issued = false;
    if (may) {
        const ImGuiIO& io = ImGui::GetIO();
        const bool ctrl_b = io.KeyCtrl && !io.KeyShift && !io.KeyAlt && ImGui::IsKeyPressed(keys::B, false);
        const bool holds = stock.held_by(person) > 0;
        // Copies: an issue rebuilds the snapshots these point into.
        const std::string suggested = suggestion_.bag_kind;
        const std::string label = issue_label_;
        if (button(label.c_str()) || (ctrl_b && !holds)) {
            issued = issue(ctx, person, suggested);
        } else if (ctrl_b) {
            message_ = "Already holds a bag: Ctrl+B gives one bag only. Use the button to issue another.";
            message_is_error_ = true;
        }
        if (!suggestion_.sure && ImGui::IsItemHovered())
            ImGui::SetTooltip("Sex or age not recorded, or no kind made for them: check the kind.");
        ImGui::SameLine();
    }
    if (!issued) {
        ImGui::AlignTextToFramePadding();
        if (stock.held_by(person) > 0)
            ImGui::TextColored(colour(palette().ok), "%s", holds_text_.c_str());
        else
            ImGui::TextDisabled("%s", holds_text_.c_str());
    }
    if (may && !issued && ImGui::TreeNode("Another kind or store##bag_other")) {
        ImGui::SetNextItemWidth(em(9.0f));
        const std::string other_name = stock.names.bag_kind(other_kind_);
        if (ImGui::BeginCombo(kOtherKind, other_name.c_str())) {
            for (const app::BagKindView& k : stock.kinds)
                if (k.in_procedure && ImGui::Selectable(k.name.c_str(), k.id == other_kind_)) {
                    other_kind_ = k.id;
                    from_ = issuing_store(stock, k.id);
                }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em(9.0f));
        const std::string from_name = "from " + stock.names.store(from_);
        if (ImGui::BeginCombo("##bag_from_store", from_name.c_str())) {
            for (const app::StockStoreView& s : stock.stores)
                if (ImGui::Selectable(s.name.c_str(), s.id == from_)) from_ = s.id;
            ImGui::EndCombo();
        }
        if (button(kIssueAnother)) issued = issue(ctx, person, std::string(other_kind_));
        ImGui::TreePop();
    }
    result_message(message_, message_is_error_);
    return issued;
}

} // namespace rc::ui
