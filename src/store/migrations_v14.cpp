// Schema history from version 14: the version each edited record started from.
#include "store/migrations_internal.hpp"

namespace rc::store {

namespace {

const Migration kMigrations[] = {
    {14, "a version on each person's record, so that an edit started from an older one is refused",
     R"sql(
-- Goes up by one with every edit of the record's details (update_person). An edit states the version
-- it started from (UPDATE ... WHERE id = ? AND version = ?): when another desk changed the record
-- meanwhile, nothing is written and the desk shows both versions. Journey steps do not change it:
-- they are appended, and an edit keeps the journey as stored.
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
)sql"},
};

} // namespace

std::span<const Migration> migrations_v14() {
    return kMigrations;
}

} // namespace rc::store
