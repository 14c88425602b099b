#pragma once
// The conflict dialog (edit_conflict_dialog.hpp) for one kind of record: it lists the fields of the
// record kind's field list (record_field.hpp) whose values differ between mine and theirs, and turns
// the choice back into a record: theirs with the fields chosen as mine taken from mine.
//
//   RecordConflictDialog<app::VenueForm> conflict_;
//   if (r.conflict) conflict_.open(*r.conflict, base, app::venue_form_fields(), "the venue " + name);
//   switch (conflict_.draw()) { case Choice::SaveMerge: save(conflict_.merged(), their_version); ... }
#include "app/edit_conflict.hpp"
#include "domain/record_field.hpp"
#include "ui/screens/edit_conflict_dialog.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace rc::ui {

template <class Form, class Conflict = app::EditConflict<Form>> class RecordConflictDialog {
public:
    using Fields = std::span<const RecordField<Form>>;
    using Choice = EditConflictDialog::Choice;
    // Adjusts a row before it is shown (a value the role may not read, say so instead).
    using Adjust = std::function<void(const Conflict&, ConflictField&)>;

    // `wipe`: clears a record's personal values when the dialog forgets it (a person's).
    explicit RecordConflictDialog(void (*wipe)(Form&) = nullptr) : wipe_(wipe) {}

    // `base` is the record as the edit started from it: each field says who changed it.
    void open(Conflict conflict, const Form& base, Fields fields, std::string what, Adjust adjust = {}) {
        std::vector<ConflictField> rows;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const RecordField<Form>& f = fields[i];
            if (!f.differs(conflict.mine, conflict.theirs)) continue;
            ConflictField row{i,
                              std::string(f.id),
                              std::string(f.label),
                              f.text(conflict.mine),
                              f.text(conflict.theirs),
                              f.differs(conflict.mine, base),
                              f.differs(conflict.theirs, base)};
            if (adjust) adjust(conflict, row);
            rows.push_back(std::move(row));
        }
        fields_ = fields;
        conflict_ = std::move(conflict);
        dialog_.open(std::move(what), std::move(rows));
    }
    bool is_open() const { return dialog_.is_open(); }
    Choice draw() { return dialog_.draw(); }
    void close() {
        dialog_.close();
        if (conflict_ && wipe_) {
            wipe_(conflict_->mine);
            wipe_(conflict_->theirs);
        }
        conflict_.reset();
    }

    const Conflict& conflict() const { return *conflict_; }
    bool merging() const { return dialog_.merging(); }
    const std::vector<ConflictField>& rows() const { return dialog_.rows(); }
    EditConflictDialog& dialog() { return dialog_; }
    const EditConflictDialog& dialog() const { return dialog_; }

    // Theirs, with the fields chosen as mine taken from mine.
    Form merged() const {
        Form out = conflict_->theirs;
        const std::vector<ConflictField>& rows = dialog_.rows();
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (dialog_.takes_mine(r)) fields_[rows[r].field].copy(conflict_->mine, out);
        return out;
    }

private:
    EditConflictDialog dialog_;
    std::optional<Conflict> conflict_;
    Fields fields_;
    void (*wipe_)(Form&) = nullptr;
};

// What a form does with the dialog's choice. `save(form, version)` saves at their version and returns
// the session's result (SaveResult<Form>). Keep mine and a merge are saved at their version (changed
// yet again meanwhile: the dialog opens again against the newest record); keep theirs loads theirs
// into the form. On return `form`, `base` and `version` are what the form edits from now, and
// `message` says what happened (`is_error` when nothing was saved).
template <class Form, class Save>
void resolve_conflict(RecordConflictDialog<Form>& dialog, EditConflictDialog::Choice choice, Form& form,
                      Form& base, std::int64_t& version, std::string& message, bool& is_error,
                      typename RecordConflictDialog<Form>::Fields fields, const std::string& what,
                      Save save) {
    using Choice = EditConflictDialog::Choice;
    if (choice == Choice::None || !dialog.is_open()) return;
    const app::EditConflict<Form> c = dialog.conflict();
    if (choice == Choice::Back) {
        // The edit stays in the form, unsaved; saving again shows the dialog again.
        dialog.close();
        message = "Not saved: someone at another desk changed this. Save again to compare.";
        is_error = true;
        return;
    }
    if (choice == Choice::KeepTheirs) {
        dialog.close();
        form = c.theirs;
        base = c.theirs;
        version = c.their_version;
        message = "Kept the other desk's version; your changes were dropped.";
        is_error = false;
        return;
    }
    const Form chosen = choice == Choice::KeepMine ? c.mine : dialog.merged();
    const auto r = save(chosen, c.their_version);
    if (r.conflict) { // changed yet again meanwhile: the same choice, against the newest record
        dialog.open(*r.conflict, base, fields, what);
        message = r.message;
        is_error = true;
        return;
    }
    dialog.close();
    form = chosen;
    is_error = !r.ok;
    if (r.ok) {
        base = chosen;
        version = r.version;
        message = choice == Choice::KeepMine ? "Saved: your values replace the other desk's."
                                             : "Saved the merge of both versions.";
    } else {
        // Refused (a merge whose values do not fit together): at theirs, to correct and save.
        base = c.theirs;
        version = c.their_version;
        message = r.message;
    }
}

} // namespace rc::ui
