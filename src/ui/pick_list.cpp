#include "ui/pick_list.hpp"

#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

bool PickList::draw(const char* field_id, const char* hint, float width, PickOption& picked) {
    consumed_enter_ = false;
    enter_with_nothing_ = false;
    ImGui::SetNextItemWidth(width);
    if (refocus_) {
        ImGui::SetKeyboardFocusHere();
        refocus_ = false;
    }
    const bool enter = input_text(field_id, hint, query_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (query_ != searched_ || !searched_context_) {
        searched_ = query_;
        searched_context_ = true;
        matches_ = query_.empty() ? std::vector<PickOption>{} : search_(query_, context_);
    }
    bool chosen = false;
    if (enter && query_.empty()) enter_with_nothing_ = true;
    if (enter && !matches_.empty()) {
        picked = matches_.front();
        chosen = true;
        consumed_enter_ = true;
    }
    if (!chosen && !query_.empty()) {
        ImGui::Indent(ImGui::GetStyle().IndentSpacing * 0.5f);
        if (matches_.empty()) ImGui::TextDisabled("No match: try another spelling or the code.");
        for (std::size_t i = 0; i < matches_.size() && i < 6; ++i) {
            const std::string label =
                (i == 0 ? "\u21b5 " : "   ") + matches_[i].label + "##pick_" + matches_[i].code;
            if (selectable(label.c_str(), false)) {
                picked = matches_[i];
                chosen = true;
            }
        }
        ImGui::Unindent(ImGui::GetStyle().IndentSpacing * 0.5f);
    }
    if (chosen) {
        query_.clear();
        searched_.clear();
        matches_.clear();
        refocus_ = enter; // stay in the field to add another (languages)
    }
    return chosen;
}

} // namespace rc::ui
