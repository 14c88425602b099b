#pragma once
// The outcome of saving a record a form edits (a venue, a directory entry, a stock store, a referral):
// like EditResult, and, when the record was changed at another desk after the form opened it, both
// versions for the desk to choose between (keep mine, keep theirs, or merge field by field). Nothing
// was saved then. A person's edit has its own (PersonConflict, people_snapshot.hpp).
#include "app/edit_result.hpp"
#include "domain/person.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rc::app {

template <class Form> struct EditConflict {
    Form mine;                      // what this desk tried to save
    Form theirs;                    // the record as it now is
    std::int64_t their_version = 0; // save again stating this version to keep mine (or a merge)
};

template <class Form> struct SaveResult : EditResult {
    std::vector<FieldProblem> problems;         // beside the fields (a referral's)
    std::optional<EditConflict<Form>> conflict; // changed meanwhile: nothing was saved
    std::int64_t version = 0;                   // saved: the record's version now
    std::optional<std::int64_t> id;             // the record saved (a new one's id)

    static SaveResult refused(EditResult e) {
        SaveResult r;
        r.ok = e.ok;
        r.message = std::move(e.message);
        return r;
    }
};

} // namespace rc::app
