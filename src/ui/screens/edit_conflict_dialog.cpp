#include "ui/screens/edit_conflict_dialog.hpp"

#include "domain/person_fields.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <sodium.h>
#include <string>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

// A letter pressed on its own (no Ctrl, Alt or Shift), once.
bool letter(char c) {
    const ImGuiIO& io = ImGui::GetIO();
    return !io.KeyCtrl && !io.KeyAlt && !io.KeyShift && ImGui::IsKeyPressed(keys::A + (c - 'A'), false);
}

void wipe(Person& p) {
    for (std::string* s : {&p.name, &p.alias, &p.latin_name, &p.medical_needs, &p.property_held,
                           &p.adult_judgement, &p.diet, &p.arrived_with})
        sodium_memzero(s->data(), s->size());
    p = Person{};
}

} // namespace

void EditConflictDialog::open(app::PersonConflict conflict, const Person& base) {
    conflict_ = std::move(conflict);
    base_ = base;
    rows_.clear();
    take_mine_.clear();
    changed_by_me_.clear();
    changed_by_them_.clear();
    const auto fields = person_fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const PersonField& f = fields[i];
        if (!f.differs(conflict_->mine, conflict_->theirs)) continue;
        rows_.push_back(i);
        const bool mine = f.differs(conflict_->mine, base_);
        const bool theirs = f.differs(conflict_->theirs, base_);
        changed_by_me_.push_back(mine);
        changed_by_them_.push_back(theirs);
        // What each side changed is kept; where both changed it, theirs until chosen otherwise.
        take_mine_.push_back(mine && !theirs);
    }
    merging_ = false;
    open_requested_ = true;
}

void EditConflictDialog::close() {
    if (conflict_) {
        wipe(conflict_->mine);
        wipe(conflict_->theirs);
    }
    wipe(base_);
    conflict_.reset();
    merging_ = false;
}

Person EditConflictDialog::merged() const {
    Person out = conflict_->theirs;
    const auto fields = person_fields();
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (take_mine_[r]) fields[rows_[r]].copy(conflict_->mine, out);
    return out;
}

void EditConflictDialog::draw_table() {
    const auto fields = person_fields();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("conflict_fields", merging_ ? 4 : 3, flags)) return;
    ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Yours (not saved)", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Theirs (saved at the other desk)", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    if (merging_) ImGui::TableSetupColumn("Keep", ImGuiTableColumnFlags_WidthFixed, em(9.5f));
    ImGui::TableHeadersRow();
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        const PersonField& f = fields[rows_[r]];
        ImGui::PushID(static_cast<int>(r));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (merging_ && r < 9)
            ImGui::Text("%d  %s", static_cast<int>(r) + 1, std::string(f.label).c_str());
        else
            ImGui::TextUnformatted(std::string(f.label).c_str());
        const char* who = changed_by_me_[r] && changed_by_them_[r] ? "changed by both"
                          : changed_by_me_[r]                      ? "changed by you"
                                                                   : "changed at the other desk";
        ImGui::TextDisabled("%s", who);
        const bool withheld = f.id == "medical" && conflict_->medical_withheld;
        ImGui::TableNextColumn();
        const bool mine_kept = !merging_ || take_mine_[r];
        if (!mine_kept) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", withheld && conflict_->mine.medical_needs.empty()
                                     ? "(no text added)"
                                     : f.text(conflict_->mine).c_str());
        if (!mine_kept) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        if (merging_ && take_mine_[r])
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", withheld ? "(a note your role may not read; it is kept)"
                                          : f.text(conflict_->theirs).c_str());
        if (merging_ && take_mine_[r]) ImGui::PopStyleColor();
        if (merging_) {
            ImGui::TableNextColumn();
            const std::string id = std::string(f.id);
            if (radio(("yours##keep_mine_" + id).c_str(), take_mine_[r])) take_mine_[r] = true;
            ImGui::SameLine();
            if (radio(("theirs##keep_theirs_" + id).c_str(), !take_mine_[r])) take_mine_[r] = false;
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

EditConflictDialog::Choice EditConflictDialog::draw() {
    if (!conflict_) return Choice::None;
    if (open_requested_) {
        ImGui::OpenPopup(kTitle);
        open_requested_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(em(52.0f), vp->WorkSize.x - em(2.0f)), 0.0f));
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoSavedSettings)) return Choice::None;
    Choice choice = Choice::None;
    const std::string& reference = conflict_->theirs.reference;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
    paragraph(("Someone at another desk changed this person while you were editing: " + reference +
               ". Nothing of yours has been saved yet.")
                  .c_str());
    ImGui::PopStyleColor();
    if (rows_.empty())
        paragraph("Their record now holds the same values as yours.");
    else if (merging_)
        paragraph("Choose, for each field, which value to keep; then save the merge.");
    else
        paragraph("The fields that differ, yours beside theirs:");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    draw_table();
    ImGui::Spacing();
    // The key that opened the dialog (Enter in the form) must not also answer it.
    const bool appearing = ImGui::IsWindowAppearing();
    if (!merging_) {
        if (button(kKeepMine) || (!appearing && letter('M'))) choice = Choice::KeepMine;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save your values over theirs.");
        ImGui::SameLine();
        if (button(kKeepTheirs) || (!appearing && letter('T'))) choice = Choice::KeepTheirs;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drop your edit; the form shows their record.");
        ImGui::SameLine();
        if (button(kMerge) || (!appearing && letter('F'))) merging_ = true;
        ImGui::SameLine();
        if (button(kBack) || (!appearing && ImGui::IsKeyPressed(keys::Escape, false))) choice = Choice::Back;
    } else {
        for (std::size_t r = 0; r < rows_.size() && r < 9; ++r)
            if (!appearing && ImGui::IsKeyPressed(keys::Num1 + static_cast<int>(r), false))
                take_mine_[r] = !take_mine_[r];
        if (button(kSaveMerge) || (!appearing && ImGui::IsKeyPressed(keys::Enter, false)))
            choice = Choice::SaveMerge;
        ImGui::SameLine();
        if (button("Back (Esc)##conflict_merge_back") || ImGui::IsKeyPressed(keys::Escape, false))
            merging_ = false;
    }
    if (choice != Choice::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return choice;
}

} // namespace rc::ui
