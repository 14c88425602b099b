#pragma once
// The fields of a person's record that the check-in form edits, one entry each: to compare two
// versions of a record field by field (an edit that met someone else's change) and to merge them.
//
//   for (const PersonField& f : person_fields())
//       if (f.differs(mine, theirs)) show(f.label, f.text(mine), f.text(theirs));
//   Person merged = theirs;
//   person_fields()[i].copy(mine, merged);   // take my value of field i
#include "domain/person.hpp"
#include "domain/record_field.hpp"

#include <span>
#include <string>
#include <string_view>

namespace rc {

// validate_person's field id where there is one ("tag", "dob", "medical"); the same shape as every
// record a form edits (record_field.hpp), so one conflict dialog serves them all.
using PersonField = RecordField<Person>;

// In the order the check-in form asks for them. The reference and the journey are not edited by the
// form and are not listed.
std::span<const PersonField> person_fields();

} // namespace rc
