#pragma once
// One field of a record a form edits, to compare two versions of the record field by field (an edit
// that met someone else's change) and to merge them: the conflict dialog lists the fields that differ,
// mine beside theirs, and a merge copies the chosen ones from mine into theirs.
//
//   for (const RecordField<VenueForm>& f : venue_form_fields())
//       if (f.differs(mine, theirs)) show(f.label, f.text(mine), f.text(theirs));
#include <string>
#include <string_view>

namespace rc {

template <class Record> struct RecordField {
    std::string_view id;    // stable, for widget ids and tests ("address", "notes")
    std::string_view label; // as a person reads it ("Keyholder phone")
    // The value as a person reads it ("Yes", "not recorded", "Ripley police station").
    std::string (*text)(const Record& r);
    bool (*differs)(const Record& a, const Record& b);
    // Sets the field of `to` from `from` (values that belong together travel together).
    void (*copy)(const Record& from, Record& to);
};

// Helpers for an entry whose value is one member of the record, compared with ==.
template <auto Member, class Record> bool record_member_differs(const Record& a, const Record& b) {
    return !(a.*Member == b.*Member);
}
template <auto Member, class Record> void record_member_copy(const Record& from, Record& to) {
    to.*Member = from.*Member;
}

} // namespace rc
