// Schema migrations from 14: several desks writing at once on a shared centre (counters, save keys,
// record versions). Part of the numbered
// history (migrations.hpp); never edit one that has shipped.
#include "store/migrations_internal.hpp"
#include "store/sqlite_db.hpp"

namespace rc::store {

namespace {

constexpr Migration kMigrations[] = {
    {14, "counters for references and save keys for retried saves",
     R"sql(
-- Numbers handed out one at a time (the sequence in a person's reference): UPDATE ... RETURNING
-- locks the counter's row until the save commits, so two desks never take the same number. It goes
-- on from the highest number used so far.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    value INTEGER NOT NULL CHECK (value >= 0)
);
INSERT INTO counters (name, value) SELECT 'people', coalesce(max(sequence), 0) FROM people;

-- Saves that create rows, under the key the desk made for the save: a save tried again after its
-- acknowledgement was lost finds its first attempt here and makes nothing twice. The ids of the rows
-- it made, in order, separated by spaces. Nothing personal.
CREATE TABLE saves (
    save_key   TEXT PRIMARY KEY CHECK (length(save_key) = 32),
    action     TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    record_ids TEXT NOT NULL,
    by_user    INTEGER NOT NULL,
    saved_at   INTEGER NOT NULL
);
)sql"},
    {15, "a version on each person's record, so that an edit started from an older one is refused",
     R"sql(
-- Goes up by one with every edit of the record's details (update_person). An edit states the version
-- it started from (UPDATE ... WHERE id = ? AND version = ?): when another desk changed the record
-- meanwhile, nothing is written and the desk shows both versions. Journey steps do not change it:
-- they are appended, and an edit keeps the journey as stored.
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
)sql"},
    {16, "a version on each other record a form edits, so that an edit started from an older one is refused",
     R"sql(
-- As people.version (migration 15), for the records a desk's form edits: a referral's details, a staff
-- record, a partner directory entry, a venue and a stock store. Goes up by one with every edit; an
-- edit or a removal states the version it started from. A count, in clear: nothing personal. A
-- referral's status changes are checked against its current status instead and do not change it.
ALTER TABLE referrals ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE staff ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE partner_directory ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE venues ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE stock_stores ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
)sql"},
};

} // namespace

std::span<const Migration> migrations_v14_v17() {
    return kMigrations;
}

} // namespace rc::store
