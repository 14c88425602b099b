#pragma once
// The fields of each record a form edits besides a person (person_fields.hpp), one entry each, in the
// form's order: what the conflict dialog compares and merges when an edit met another desk's change.
#include "app/operation_snapshot.hpp"
#include "app/partners_snapshot.hpp"
#include "app/stock_snapshot.hpp"
#include "domain/record_field.hpp"

#include <span>

namespace rc::app {

std::span<const RecordField<VenueForm>> venue_form_fields();
std::span<const RecordField<DirectoryForm>> directory_form_fields();
std::span<const RecordField<StockStoreForm>> stock_store_form_fields();

} // namespace rc::app
