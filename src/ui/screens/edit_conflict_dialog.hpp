#pragma once
// The dialog shown when an edit is refused because someone at another desk changed the same record
// meanwhile (a person, a venue, a directory entry, a stock store, ...): the fields that differ side by
// side (yours, not saved; theirs, saved), who changed each since the edit started, and a choice. Keep
// mine saves this desk's values over theirs; keep theirs drops this desk's edit; merge lets each field
// be taken from either side, then saves. Nothing is ever overwritten without a choice.
//
// It knows labelled texts only; RecordConflictDialog (record_conflict_dialog.hpp) builds them from a
// record kind's field list and turns the choice back into a record.
//
// Keyboard: M keep mine, T keep theirs, F merge field by field, Esc back to the edit (nothing saved).
// While merging: Tab or the arrows move between the choices and Space picks one; 1..9 switch that
// row between yours and theirs; Enter saves the merge; Esc goes back.
#include <cstddef>
#include <string>
#include <vector>

namespace rc::ui {

// One field that differs between the two versions, as the dialog shows it.
struct ConflictField {
    std::size_t field = 0; // index into the record kind's field list
    std::string id;        // widget ids: "yours##keep_mine_<id>"
    std::string label;     // "Keyholder phone"
    std::string mine;      // the values as a person reads them
    std::string theirs;
    bool changed_by_me = false;   // differs from the record as the edit started
    bool changed_by_them = false; // changed at the other desk since the edit started
};

class EditConflictDialog {
public:
    enum class Choice { None, KeepMine, KeepTheirs, SaveMerge, Back };

    // `what`: the record in words ("this person: OP-0001-017", "the venue Ripley community hall").
    // `differing`: the fields whose values differ, in the form's order. Each side's change is kept by
    // default; where both changed a field, theirs until chosen otherwise.
    void open(std::string what, std::vector<ConflictField> differing);
    bool is_open() const { return open_; }
    // Draws the modal while open; returns what was chosen in this frame (None while undecided). A
    // choice closes the modal; the caller then calls close() (or open() again for a new conflict).
    Choice draw();
    void close(); // forgets (and wipes) both versions

    bool merging() const { return merging_; }
    const std::vector<ConflictField>& rows() const { return rows_; }
    bool takes_mine(std::size_t row) const { return take_mine_.at(row); }
    void take_mine(std::size_t row, bool mine) { take_mine_.at(row) = mine; }

    static constexpr const char* kTitle = "Changed at another desk##edit_conflict";
    static constexpr const char* kKeepMine = "Keep mine (M)##conflict_mine";
    static constexpr const char* kKeepTheirs = "Keep theirs (T)##conflict_theirs";
    static constexpr const char* kMerge = "Merge field by field (F)##conflict_merge";
    static constexpr const char* kSaveMerge = "Save the merge (Enter)##conflict_save_merge";
    static constexpr const char* kBack = "Back to my edit (Esc)##conflict_back";

private:
    void draw_table();

    bool open_ = false;
    std::string what_;
    std::vector<ConflictField> rows_;
    std::vector<bool> take_mine_;
    bool merging_ = false;
    bool open_requested_ = false;
};

} // namespace rc::ui
