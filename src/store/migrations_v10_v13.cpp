// Schema migrations 10 to 13: safeguarding destinations, staff functions, the coordinator
// key, and a person's facts sealed. Part of the numbered history (migrations.hpp);
// never edit one that has shipped.
#include "store/migrations_internal.hpp"
#include "store/sqlite_db.hpp"

namespace rc::store {

namespace {

// Migration 13 on PostgreSQL: columns are dropped in place (with the constraints and indexes that use
// them), so the foreign keys other tables hold on these tables stay as they are. It ends with the same
// tables, columns and constraints as SQLite's rebuild.
constexpr std::string_view kSealPersonFactsPostgres = R"sql(
DROP TRIGGER journey_events_no_update ON journey_events;
DROP TRIGGER journey_events_no_delete ON journey_events;
DROP TRIGGER referrals_no_delete ON referrals;
DROP TRIGGER referral_events_no_update ON referral_events;
DROP TRIGGER referral_events_no_delete ON referral_events;
DROP TRIGGER stock_movements_no_update ON stock_movements;

ALTER TABLE people
    ADD COLUMN tag_index BYTEA CHECK (tag_index IS NULL OR length(tag_index) = 32),
    DROP COLUMN tag, DROP COLUMN sex, DROP COLUMN claimed_age, DROP COLUMN age_band,
    DROP COLUMN child_status, DROP COLUMN nationality, DROP COLUMN languages,
    DROP COLUMN interpreter_needed, DROP COLUMN exploitation, DROP COLUMN indicators,
    DROP COLUMN nrm_consent, DROP COLUMN status, DROP COLUMN destination, DROP COLUMN destination_detail;

ALTER TABLE journey_events
    ADD COLUMN event_enc BYTEA NOT NULL DEFAULT '\x',
    DROP COLUMN step, DROP COLUMN destination, DROP COLUMN destination_detail;
ALTER TABLE journey_events ALTER COLUMN event_enc DROP DEFAULT;

ALTER TABLE referrals
    ADD COLUMN referral_enc BYTEA NOT NULL DEFAULT '\x',
    DROP COLUMN type, DROP COLUMN making_partner, DROP COLUMN receiving_organisation,
    DROP COLUMN consent_explained, DROP COLUMN interpreter_language, DROP COLUMN consent,
    DROP COLUMN status, DROP COLUMN identifying;
ALTER TABLE referrals ALTER COLUMN referral_enc DROP DEFAULT;

ALTER TABLE referral_events
    ADD COLUMN event_enc BYTEA NOT NULL DEFAULT '\x',
    DROP COLUMN action, DROP COLUMN from_status, DROP COLUMN to_status, DROP COLUMN fields;
ALTER TABLE referral_events ALTER COLUMN event_enc DROP DEFAULT;
)sql";

// Personal values are never stored in clear: columns ending in `_enc` hold FieldCipher blobs sealed
// with (table, column without `_enc`, id) as associated data.
const Migration kMigrations[] = {
    {10, "safeguarding at every exit: exact destinations, when the NRM answer was recorded",
     R"sql(
-- SQLite cannot widen migration 5's CHECK on destination without rebuilding people, which the other
-- tables point at: destination_detail holds the exact destination (new ones included), destination
-- keeps a value its CHECK allows ('other' for a new one). A temporary exit may name a temporary
-- destination (hospital_temporary) in destination_detail only.
ALTER TABLE people ADD COLUMN destination_detail TEXT
    CHECK (destination_detail IN ('safe_accommodation', 'hospital', 'home', 'with_police', 'left_of_own_accord', 'other', 'police_protection', 'childrens_services_placement', 'detained_immigration', 'arrested', 'hospital_temporary', 'missing'));
ALTER TABLE journey_events ADD COLUMN destination_detail TEXT
    CHECK (destination_detail IN ('safe_accommodation', 'hospital', 'home', 'with_police', 'left_of_own_accord', 'other', 'police_protection', 'childrens_services_placement', 'detained_immigration', 'arrested', 'hospital_temporary', 'missing'));
-- When the current NRM answer was recorded: an adult's NRM, and an MS1 after a decline, are due from it.
-- Rows from before have none, and count from the arrival (the earlier, stricter time).
ALTER TABLE people ADD COLUMN nrm_consent_at INTEGER;

DROP TRIGGER journey_events_no_update;
CREATE TRIGGER journey_events_no_update BEFORE UPDATE ON journey_events
WHEN NOT (NEW.id = OLD.id AND NEW.person_id = OLD.person_id AND NEW.step = OLD.step AND NEW.at = OLD.at
          AND NEW.destination IS OLD.destination AND NEW.destination_detail IS OLD.destination_detail
          AND NEW.by_user = OLD.by_user AND NEW.recorded_at = OLD.recorded_at AND NEW.note_enc IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;
)sql"},
    {11, "staff: the functions each person performs on site and the languages they interpret",
     R"sql(
-- Not personal: what someone may do at the centre (ids from rc::SiteFunction) and the ISO 639 codes of
-- the languages they interpret, both ';'-separated. The coverage check and the debrief read them.
ALTER TABLE staff ADD COLUMN functions TEXT NOT NULL DEFAULT '' CHECK (length(functions) <= 200);
ALTER TABLE staff ADD COLUMN languages TEXT NOT NULL DEFAULT '' CHECK (length(languages) <= 200);
)sql"},
    {12, "coordinator key for coordinator-only notes; every backup file written",
     R"sql(
-- The coordinator key's secret half, wrapped under the same passphrase derivation as wrapped_key, for
-- coordinators only (NULL for volunteers). Its public half is meta 'coordinator_public_key'.
-- A disabled user, or one whose key predates a rotation, has an empty wrapped_key: only a reset by a
-- coordinator gives them access again.
ALTER TABLE users ADD COLUMN coordinator_key BLOB;

-- Every backup file this database was copied to (paths are not personal), so that the retention
-- purge can find copies outside the backup folder. removed_at: when the purge overwrote it.
CREATE TABLE backup_copies (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE CHECK (length(path) BETWEEN 1 AND 4096),
    kind       TEXT NOT NULL CHECK (kind IN ('automatic', 'manual', 'before_upgrade', 'before_restore')),
    written_at INTEGER NOT NULL,
    removed_at INTEGER
);
)sql"},
    {13, "a person's facts sealed: only ids, references, links and times stay in clear",
     R"sql(
-- Until now people, journey_events, referrals and referral_events kept what the debrief counts in clear
-- (tag, sex, ages, nationality, languages, exploitation, indicators, consent, status, destinations,
-- referral types, organisations and statuses). From here they hold only ids, the reference, links
-- and times in clear; everything else is in one sealed record per row (personal_enc, event_enc,
-- referral_enc), padded, so that reading a row costs one decryption. The tag stays unique through a
-- blind index (tag_index: a keyed hash of the case-folded tag, see FieldCipher::blind_index).
-- Sealing needs the data key, so this migration runs when someone signs in (store_upgrade.cpp): the
-- sealed columns are filled by the program between this part and the next (sql_after).
--
-- SQLite cannot drop columns that CHECK constraints use, so each table is rebuilt (create the new one,
-- copy, drop the old, rename), with foreign keys off for the transaction. The triggers that name these
-- tables go first and come back, rewritten for the new columns, in sql_after.
DROP TRIGGER journey_events_no_update;
DROP TRIGGER journey_events_no_delete;
DROP TRIGGER referrals_no_delete;
DROP TRIGGER referral_events_no_update;
DROP TRIGGER referral_events_no_delete;
DROP TRIGGER stock_movements_no_update;

CREATE TABLE people_v13 (
    id             INTEGER PRIMARY KEY,
    sequence       INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
    reference      TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
    tag_index      BLOB CHECK (tag_index IS NULL OR length(tag_index) = 32),
    arrived_at     INTEGER NOT NULL,
    departed_at    INTEGER,
    nrm_consent_at INTEGER,
    personal_enc   BLOB NOT NULL,
    medical_enc    BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
INSERT INTO people_v13 (id, sequence, reference, tag_index, arrived_at, departed_at, nrm_consent_at,
                        personal_enc, medical_enc, created_at, updated_at)
    SELECT id, sequence, reference, NULL, arrived_at, departed_at, nrm_consent_at, personal_enc, medical_enc,
           created_at, updated_at
    FROM people;

CREATE TABLE journey_events_v13 (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    event_enc   BLOB NOT NULL,
    note_enc    BLOB,
    by_user     INTEGER NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL
);
INSERT INTO journey_events_v13 (id, person_id, at, event_enc, note_enc, by_user, recorded_at)
    SELECT id, person_id, at, X'', note_enc, by_user, recorded_at FROM journey_events;

CREATE TABLE referrals_v13 (
    id                     INTEGER PRIMARY KEY,
    person_id              INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    referral_enc           BLOB NOT NULL,
    status_at              INTEGER NOT NULL,
    made_at                INTEGER,
    outcome_at             INTEGER,
    made_by_enc            BLOB NOT NULL,
    reason_enc             BLOB,
    external_reference_enc BLOB NOT NULL,
    notes_enc              BLOB NOT NULL,
    created_at             INTEGER NOT NULL,
    created_by             INTEGER NOT NULL REFERENCES users (id),
    updated_at             INTEGER NOT NULL,
    updated_by             INTEGER NOT NULL REFERENCES users (id)
);
INSERT INTO referrals_v13 (id, person_id, referral_enc, status_at, made_at, outcome_at, made_by_enc, reason_enc,
                           external_reference_enc, notes_enc, created_at, created_by, updated_at, updated_by)
    SELECT id, person_id, X'', status_at, made_at, outcome_at, made_by_enc, reason_enc, external_reference_enc,
           notes_enc, created_at, created_by, updated_at, updated_by
    FROM referrals;

CREATE TABLE referral_events_v13 (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    event_enc   BLOB NOT NULL,
    reason_enc  BLOB,
    by_user     INTEGER NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL
);
INSERT INTO referral_events_v13 (id, referral_id, at, event_enc, reason_enc, by_user, recorded_at)
    SELECT id, referral_id, at, X'', reason_enc, by_user, recorded_at FROM referral_events;

DROP TABLE referral_events;
DROP TABLE referrals;
DROP TABLE journey_events;
DROP TABLE people;
ALTER TABLE people_v13 RENAME TO people;
ALTER TABLE journey_events_v13 RENAME TO journey_events;
ALTER TABLE referrals_v13 RENAME TO referrals;
ALTER TABLE referral_events_v13 RENAME TO referral_events;
CREATE INDEX people_arrived_at ON people (arrived_at);
CREATE INDEX journey_events_person ON journey_events (person_id, id);
CREATE INDEX referrals_person ON referrals (person_id, id);
CREATE INDEX referral_events_referral ON referral_events (referral_id, id);
)sql",
     seal_person_facts,
     R"sql(
-- Tags are unique within the operation, ignoring case: their blind index is.
CREATE UNIQUE INDEX people_tag_index ON people (tag_index) WHERE tag_index IS NOT NULL;

-- Append-only as before; the purge may still clear a step's note.
CREATE TRIGGER journey_events_no_update BEFORE UPDATE ON journey_events
WHEN NOT (NEW.id = OLD.id AND NEW.person_id = OLD.person_id AND NEW.at = OLD.at AND NEW.event_enc = OLD.event_enc
          AND NEW.by_user = OLD.by_user AND NEW.recorded_at = OLD.recorded_at AND NEW.note_enc IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;
CREATE TRIGGER journey_events_no_delete BEFORE DELETE ON journey_events
WHEN EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;

CREATE TRIGGER referrals_no_delete BEFORE DELETE ON referrals
WHEN EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)
BEGIN
    SELECT RAISE(ABORT, 'referrals are removed only with their person');
END;

CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events
WHEN NOT (NEW.id = OLD.id AND NEW.referral_id = OLD.referral_id AND NEW.at = OLD.at
          AND NEW.event_enc = OLD.event_enc AND NEW.by_user = OLD.by_user AND NEW.recorded_at = OLD.recorded_at
          AND (NEW.reason_enc IS OLD.reason_enc OR NEW.reason_enc IS NULL OR length(NEW.reason_enc) = 41))
BEGIN
    SELECT RAISE(ABORT, 'referral history is append-only');
END;
CREATE TRIGGER referral_events_no_delete BEFORE DELETE ON referral_events
WHEN EXISTS (SELECT 1 FROM referrals WHERE id = OLD.referral_id)
BEGIN
    SELECT RAISE(ABORT, 'referral history is append-only');
END;

-- Unchanged from migration 9 (it names people, so it was dropped for the rebuild).
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
WHEN NOT (NEW.id = OLD.id AND NEW.kind = OLD.kind AND NEW.bag_kind = OLD.bag_kind
          AND NEW.quantity = OLD.quantity AND NEW.from_store IS OLD.from_store AND NEW.to_store IS OLD.to_store
          AND NEW.write_off IS OLD.write_off AND NEW.supplier IS OLD.supplier
          AND NEW.reverses IS OLD.reverses AND NEW.at = OLD.at AND NEW.by_user = OLD.by_user
          AND (NEW.person_id IS OLD.person_id
               OR (OLD.person_id IS NOT NULL AND NEW.person_id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)))
          AND (NEW.note_enc IS OLD.note_enc OR NEW.note_enc IS NULL OR length(NEW.note_enc) = 41)
          AND (NEW.person_id IS NOT OLD.person_id OR NEW.note_enc IS NOT OLD.note_enc))
BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only: record a reversal instead');
END;
)sql",
     kSealPersonFactsPostgres},
};

} // namespace

std::span<const Migration> migrations_v10_v13() {
    return kMigrations;
}

} // namespace rc::store
