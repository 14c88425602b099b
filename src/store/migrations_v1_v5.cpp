// Schema migrations 1 to 5: the centre, users and audit trail, venues and activation,
// people and their journeys. Part of the numbered history (migrations.hpp);
// never edit one that has shipped.
#include "store/migrations_internal.hpp"
#include "store/sqlite_db.hpp"

namespace rc::store {

namespace {

// Personal values are never stored in clear: columns ending in `_enc` hold FieldCipher blobs sealed
// with (table, column without `_enc`, id) as associated data.
const Migration kMigrations[] = {
    {1, "core: centre, users, audit trail, settings",
     R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE centre (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    code            TEXT NOT NULL,
    venue           TEXT NOT NULL DEFAULT '',
    tier            TEXT NOT NULL CHECK (tier IN ('small', 'medium', 'large')),
    status          TEXT NOT NULL CHECK (status IN ('standby', 'open', 'standing_down', 'closed')),
    expected_people INTEGER NOT NULL DEFAULT 0 CHECK (expected_people >= 0),
    created_at      INTEGER NOT NULL,
    activated_at    INTEGER,
    closed_at       INTEGER
);

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name_tag     BLOB NOT NULL UNIQUE,
    name_enc     BLOB NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('coordinator', 'volunteer')),
    kdf_salt     BLOB NOT NULL,
    kdf_opslimit INTEGER NOT NULL,
    kdf_memlimit INTEGER NOT NULL,
    wrapped_key  BLOB NOT NULL,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL,
    disabled_at  INTEGER
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    action     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER,
    changes    TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
    {2, "activity log",
     R"sql(
CREATE TABLE activity_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    author_id INTEGER REFERENCES users (id),
    kind      TEXT NOT NULL CHECK (kind IN ('manual', 'automatic')),
    text_enc  BLOB NOT NULL
);
CREATE INDEX activity_log_at ON activity_log (at);
)sql"},
    {3, "audit trail: index by record",
     R"sql(
CREATE INDEX audit_record ON audit (table_name, record_id);
)sql"},
    {4, "venues, activation, pinned procedure, action records, tier changes",
     R"sql(
CREATE TABLE venues (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL COLLATE NOCASE UNIQUE
                        CHECK (length(trim(name)) > 0 AND length(name) <= 200),
    address             TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 1000),
    capacity            INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    interview_rooms     INTEGER NOT NULL DEFAULT 0 CHECK (interview_rooms IN (0, 1)),
    showers             INTEGER NOT NULL DEFAULT 0 CHECK (showers IN (0, 1)),
    kitchen             INTEGER NOT NULL DEFAULT 0 CHECK (kitchen IN (0, 1)),
    step_free_access    INTEGER NOT NULL DEFAULT 0 CHECK (step_free_access IN (0, 1)),
    parking             INTEGER NOT NULL DEFAULT 0 CHECK (parking IN (0, 1)),
    keyholder_name_enc  BLOB NOT NULL,
    keyholder_phone_enc BLOB NOT NULL,
    notes_enc           BLOB NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- The procedure an operation runs under, exactly as it was read: later edits to the file never
-- rewrite it.
CREATE TABLE pinned_procedure (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    version     TEXT NOT NULL,
    source_name TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    pinned_at   INTEGER NOT NULL,
    pinned_by   INTEGER NOT NULL REFERENCES users (id)
);
CREATE TRIGGER pinned_procedure_no_update BEFORE UPDATE ON pinned_procedure
BEGIN
    SELECT RAISE(ABORT, 'the pinned procedure cannot be changed');
END;
CREATE TRIGGER pinned_procedure_no_delete BEFORE DELETE ON pinned_procedure
BEGIN
    SELECT RAISE(ABORT, 'the pinned procedure cannot be changed');
END;

-- How the operation started. The current tier is centre.tier; tier_changes says how it got there.
CREATE TABLE activation (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    activated_at        INTEGER NOT NULL,
    activated_by        INTEGER NOT NULL REFERENCES users (id),
    expected_people     INTEGER NOT NULL CHECK (expected_people BETWEEN 1 AND 100000),
    expected_arrival_at INTEGER,
    proposed_tier       TEXT NOT NULL CHECK (proposed_tier IN ('small', 'medium', 'large')),
    tier                TEXT NOT NULL CHECK (tier IN ('small', 'medium', 'large')),
    venue_id            INTEGER REFERENCES venues (id),
    venue_name          TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER activation_no_update BEFORE UPDATE ON activation
BEGIN
    SELECT RAISE(ABORT, 'the activation record cannot be changed');
END;
CREATE TRIGGER activation_no_delete BEFORE DELETE ON activation
BEGIN
    SELECT RAISE(ABORT, 'the activation record cannot be changed');
END;

CREATE TABLE tier_changes (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    by_user    INTEGER NOT NULL REFERENCES users (id),
    from_tier  TEXT NOT NULL CHECK (from_tier IN ('small', 'medium', 'large')),
    to_tier    TEXT NOT NULL CHECK (to_tier IN ('small', 'medium', 'large')),
    reason_enc BLOB NOT NULL,
    CHECK ((from_tier = 'small' AND to_tier IN ('medium', 'large')) OR (from_tier = 'medium' AND to_tier = 'large'))
);
CREATE TRIGGER tier_changes_no_update BEFORE UPDATE ON tier_changes
BEGIN
    SELECT RAISE(ABORT, 'tier changes are append-only');
END;
CREATE TRIGGER tier_changes_no_delete BEFORE DELETE ON tier_changes
BEGIN
    SELECT RAISE(ABORT, 'tier changes are append-only');
END;

-- Append-only: the latest record of an action counts; 'reopened' undoes the one before it.
CREATE TABLE action_records (
    id         INTEGER PRIMARY KEY,
    action_id  TEXT NOT NULL CHECK (length(action_id) BETWEEN 1 AND 64),
    outcome    TEXT NOT NULL CHECK (outcome IN ('done', 'not_applicable', 'reopened')),
    at         INTEGER NOT NULL,
    by_user    INTEGER NOT NULL REFERENCES users (id),
    by_enc     BLOB NOT NULL,
    reason_enc BLOB,
    CHECK (outcome <> 'not_applicable' OR reason_enc IS NOT NULL)
);
CREATE INDEX action_records_action ON action_records (action_id, id);
CREATE TRIGGER action_records_no_update BEFORE UPDATE ON action_records
BEGIN
    SELECT RAISE(ABORT, 'action records are append-only');
END;
CREATE TRIGGER action_records_no_delete BEFORE DELETE ON action_records
BEGIN
    SELECT RAISE(ABORT, 'action records are append-only');
END;
)sql"},
    {5, "people received and their journey through the centre",
     R"sql(
-- One row per person checked in. In clear: what runs the centre and what the debrief counts (the
-- reference, the tag, sex, the recorded age band and claimed age, the child statement, nationality,
-- languages, interpreter, exploitation and indicator bits, consent, where they are now). Sealed: what
-- identifies a person or is free text (name, alias, date of birth, diet, property held, the arrival
-- group's name) in one record, padded, so that one decryption reads a row and the length says little;
-- the medical note apart, so that a role that may not read it never opens it.
-- Bit i of exploitation / indicators is the i-th value of rc::ExploitationType /
-- rc::ForcedLabourIndicator: never reorder those enums.
CREATE TABLE people (
    id                 INTEGER PRIMARY KEY,
    sequence           INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
    reference          TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
    tag                TEXT NOT NULL DEFAULT '' COLLATE NOCASE CHECK (length(tag) <= 32),
    sex                TEXT NOT NULL CHECK (sex IN ('unknown', 'female', 'male', 'other')),
    claimed_age        INTEGER CHECK (claimed_age BETWEEN 0 AND 120),
    age_band           TEXT NOT NULL CHECK (age_band IN ('unknown', '0-4', '5-11', '12-15', '16-17', '18-24',
                                                        '25-34', '35-49', '50-64', '65+')),
    child_status       TEXT NOT NULL CHECK (child_status IN ('unknown', 'child', 'adult', 'age_disputed')),
    nationality        TEXT NOT NULL DEFAULT '' CHECK (length(nationality) IN (0, 2)),
    languages          TEXT NOT NULL DEFAULT '',
    interpreter_needed INTEGER CHECK (interpreter_needed IN (0, 1)),
    exploitation       INTEGER NOT NULL DEFAULT 0 CHECK (exploitation BETWEEN 0 AND 127),
    indicators         INTEGER NOT NULL DEFAULT 0 CHECK (indicators BETWEEN 0 AND 63),
    nrm_consent        TEXT CHECK (nrm_consent IN ('undecided', 'yes', 'no')),
    status             TEXT NOT NULL CHECK (status IN ('on_site', 'temporarily_out', 'departed')),
    arrived_at         INTEGER NOT NULL,
    departed_at        INTEGER,
    destination        TEXT CHECK (destination IN ('safe_accommodation', 'hospital', 'home', 'with_police',
                                                   'left_of_own_accord', 'other')),
    personal_enc       BLOB NOT NULL,
    medical_enc        BLOB NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    CHECK ((status = 'departed') = (departed_at IS NOT NULL)),
    CHECK ((departed_at IS NULL) = (destination IS NULL))
);
-- Tags are unique within the operation, ignoring case; people without one have ''.
CREATE UNIQUE INDEX people_tag ON people (tag) WHERE tag <> '';
CREATE INDEX people_arrived_at ON people (arrived_at);
CREATE INDEX people_status ON people (status, arrived_at);

-- Append-only: a step is never changed or removed on its own. The events go with their person when
-- the person is purged (the cascade), which is the only way to delete them.
CREATE TABLE journey_events (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    step        TEXT NOT NULL CHECK (step IN ('arrived', 'welfare_check_done', 'interviewed',
                                              'decision_recorded', 'temporary_exit', 'returned', 'departed')),
    at          INTEGER NOT NULL,
    destination TEXT CHECK (destination IN ('safe_accommodation', 'hospital', 'home', 'with_police',
                                            'left_of_own_accord', 'other')),
    note_enc    BLOB,
    by_user     INTEGER NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL,
    CHECK ((step = 'departed') = (destination IS NOT NULL))
);
CREATE INDEX journey_events_person ON journey_events (person_id, id);
CREATE TRIGGER journey_events_no_update BEFORE UPDATE ON journey_events
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;
CREATE TRIGGER journey_events_no_delete BEFORE DELETE ON journey_events
WHEN EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;
)sql"},
};

} // namespace

std::span<const Migration> migrations_v1_v5() {
    return kMigrations;
}

} // namespace rc::store
