#pragma once
// StoreSession::versioned: a save of a record a form edits, stating the version the form opened. For
// the session's source files only (it needs the store's headers).
#include "app/store_session.hpp"
#include "store/edit_conflict.hpp"
#include "store/store.hpp"

namespace rc::app {

template <class Form, class Record>
SaveResult<Form> StoreSession::versioned(const std::function<std::int64_t()>& write, unsigned parts,
                                         const Form& mine, Form (*form_of)(const Record&)) {
    SaveResult<Form> r;
    std::optional<EditConflict<Form>> conflict;
    std::string problem;
    const EditResult e = guarded(
        [&] {
            try {
                r.version = write();
            } catch (const store::EditConflict<Record>& c) {
                conflict = EditConflict<Form>{mine, form_of(c.current()), c.current().version};
                problem = c.problem();
            }
        },
        parts);
    if (conflict) {
        // Nothing was committed, so refresh() did not look: the part is read again so that the
        // screens show the record as it now is.
        read_parts(parts, store_->signed_in());
        r.ok = false;
        r.message = problem + " Compare the two and choose what to keep.";
        r.conflict = std::move(conflict);
        r.version = 0;
        return r;
    }
    r.ok = e.ok;
    r.message = e.message;
    return r;
}

} // namespace rc::app
