#pragma once
// The dialog shown when an edit of a person is refused because someone at another desk changed the
// same person meanwhile: the fields that differ side by side (yours, not saved; theirs, saved), and a
// choice. Keep mine saves this desk's values over theirs; keep theirs drops this desk's edit; merge
// lets each field be taken from either side, then saves. Nothing is ever overwritten without a choice.
//
// Keyboard: M keep mine, T keep theirs, F merge field by field, Esc back to the edit (nothing saved).
// While merging: Tab or the arrows move between the choices and Space picks one; 1..9 switch that
// row between yours and theirs; Enter saves the merge; Esc goes back.
#include "app/people_snapshot.hpp"
#include "domain/person.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace rc::ui {

class EditConflictDialog {
public:
    enum class Choice { None, KeepMine, KeepTheirs, SaveMerge, Back };

    // `base` is the record as the edit started from it: each field says who changed it.
    void open(app::PersonConflict conflict, const Person& base);
    bool is_open() const { return conflict_.has_value(); }
    // Draws the modal while open; returns what was chosen in this frame (None while undecided). A
    // choice closes the modal; the caller then calls close() (or open() again for a new conflict).
    Choice draw();
    void close(); // forgets (and wipes) both versions

    const app::PersonConflict& conflict() const { return *conflict_; }
    bool merging() const { return merging_; }
    // Theirs, with the fields chosen as mine taken from mine.
    Person merged() const;
    // The fields that differ (indexes into person_fields()), and whether mine is taken for each.
    const std::vector<std::size_t>& rows() const { return rows_; }
    void take_mine(std::size_t row, bool mine) { take_mine_.at(row) = mine; }

    static constexpr const char* kTitle = "Changed at another desk##edit_conflict";
    static constexpr const char* kKeepMine = "Keep mine (M)##conflict_mine";
    static constexpr const char* kKeepTheirs = "Keep theirs (T)##conflict_theirs";
    static constexpr const char* kMerge = "Merge field by field (F)##conflict_merge";
    static constexpr const char* kSaveMerge = "Save the merge (Enter)##conflict_save_merge";
    static constexpr const char* kBack = "Back to my edit (Esc)##conflict_back";

private:
    void draw_table();

    std::optional<app::PersonConflict> conflict_;
    Person base_;
    std::vector<std::size_t> rows_;
    std::vector<bool> take_mine_;
    std::vector<bool> changed_by_me_, changed_by_them_;
    bool merging_ = false;
    bool open_requested_ = false;
};

} // namespace rc::ui
