#pragma once
// The fields of a person's record that the check-in form edits, one entry each: to compare two
// versions of a record field by field (an edit that met someone else's change) and to merge them.
//
//   for (const PersonField& f : person_fields())
//       if (f.differs(mine, theirs)) show(f.label, f.text(mine), f.text(theirs));
//   Person merged = theirs;
//   person_fields()[i].copy(mine, merged);   // take my value of field i
#include "domain/person.hpp"

#include <span>
#include <string>
#include <string_view>

namespace rc {

struct PersonField {
    std::string_view id;    // validate_person's field id where there is one ("tag", "dob", "medical")
    std::string_view label; // "Date of birth"
    // The value as a person reads it ("2009-03-14", "Vietnamese, English", "not recorded").
    std::string (*text)(const Person& p);
    bool (*differs)(const Person& a, const Person& b);
    // Sets the field of `to` from `from` (fields that belong together, such as the adult a child
    // arrived with and how they are related, travel together).
    void (*copy)(const Person& from, Person& to);
};

// In the order the check-in form asks for them. The reference and the journey are not edited by the
// form and are not listed.
std::span<const PersonField> person_fields();

} // namespace rc
