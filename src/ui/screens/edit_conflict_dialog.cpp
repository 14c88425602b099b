#include "ui/screens/edit_conflict_dialog.hpp"

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

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

} // namespace

void EditConflictDialog::open(std::string what, std::vector<ConflictField> differing) {
    close();
    what_ = std::move(what);
    rows_ = std::move(differing);
    take_mine_.clear();
    for (const ConflictField& f : rows_)
        take_mine_.push_back(f.changed_by_me && !f.changed_by_them);
    merging_ = false;
    open_ = true;
    open_requested_ = true;
}

void EditConflictDialog::close() {
    for (ConflictField& f : rows_) {
        wipe(f.mine);
        wipe(f.theirs);
    }
    rows_.clear();
    take_mine_.clear();
    wipe(what_);
    open_ = false;
    merging_ = false;
}

void EditConflictDialog::draw_table() {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("conflict_fields", merging_ ? 4 : 3, flags)) return;
    ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Yours (not saved)", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Theirs (saved at the other desk)", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    if (merging_) ImGui::TableSetupColumn("Keep", ImGuiTableColumnFlags_WidthFixed, em(9.5f));
    ImGui::TableHeadersRow();
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        const ConflictField& f = rows_[r];
        ImGui::PushID(static_cast<int>(r));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (merging_ && r < 9)
            ImGui::Text("%d  %s", static_cast<int>(r) + 1, f.label.c_str());
        else
            ImGui::TextUnformatted(f.label.c_str());
        const char* who = f.changed_by_me && f.changed_by_them ? "changed by both"
                          : f.changed_by_me                    ? "changed by you"
                                                               : "changed at the other desk";
        ImGui::TextDisabled("%s", who);
        ImGui::TableNextColumn();
        const bool mine_kept = !merging_ || take_mine_[r];
        if (!mine_kept) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", f.mine.c_str());
        if (!mine_kept) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        if (merging_ && take_mine_[r])
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", f.theirs.c_str());
        if (merging_ && take_mine_[r]) ImGui::PopStyleColor();
        if (merging_) {
            ImGui::TableNextColumn();
            const std::string& id = f.id;
            if (radio(("yours##keep_mine_" + id).c_str(), take_mine_[r])) take_mine_[r] = true;
            ImGui::SameLine();
            if (radio(("theirs##keep_theirs_" + id).c_str(), !take_mine_[r])) take_mine_[r] = false;
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

EditConflictDialog::Choice EditConflictDialog::draw() {
    if (!open_) return Choice::None;
    if (open_requested_) {
        ImGui::OpenPopup(kTitle);
        open_requested_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(em(52.0f), vp->WorkSize.x - em(2.0f)), 0.0f));
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoSavedSettings)) return Choice::None;
    Choice choice = Choice::None;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
    paragraph(("Someone at another desk changed " + what_ +
               " while you were editing. Nothing of yours has been saved yet.")
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
