#pragma once
// An edit or a removal refused because someone at another desk changed the same record after the
// edit started: nothing was written, and the error carries the record as it now is (decrypted on this
// desk), with its version. Stating that version again keeps one's own values over it.
//
//   try { rc::store::update_venue(*store, id, details, opened.version); }
//   catch (const rc::store::EditConflict<rc::store::Venue>& e) { show(e.current()); }
//
// A person's details have their own (PersonEditConflict, people.hpp): they carry what a role may read.
#include "store/error.hpp"

#include <string>
#include <utility>

namespace rc::store {

template <class Record> class EditConflict : public StoreError {
public:
    EditConflict(std::string problem, std::string advice, Record current)
        : StoreError(ErrorKind::Conflict, std::move(problem), std::move(advice)),
          current_(std::move(current)) {}
    const Record& current() const { return current_; }

private:
    Record current_;
};

// The advice of an edit refused this way, and of a removal.
inline constexpr const char* kEditConflictAdvice =
    "Compare the two versions and choose which to keep, or merge them field by field.";
inline constexpr const char* kRemovalConflictAdvice =
    "Look at the record as it is now, and remove it again if it should still go.";

} // namespace rc::store
