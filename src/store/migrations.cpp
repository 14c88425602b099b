#include "store/migrations.hpp"

#include "store/error.hpp"
#include "store/migration_dialect.hpp"
#include "store/sqlite_db.hpp"

#include <string>
#include <vector>

namespace rc::store {

namespace {

// Personal values are never stored in clear: columns ending in `_enc` hold FieldCipher blobs sealed
// with (table, column without `_enc`, id) as associated data.
const std::vector<Migration> kMigrations = {
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
    {6, "partners and staff: call-outs and their history, staff sign-in, partner directory",
     R"sql(
-- One row per contact of the pinned procedure that has been called (or noted): where it stands now.
-- callout_events keeps every change.
CREATE TABLE callouts (
    id                  INTEGER PRIMARY KEY,
    contact_id          TEXT NOT NULL UNIQUE CHECK (length(contact_id) BETWEEN 1 AND 64),
    status              TEXT NOT NULL
                        CHECK (status IN ('not_called', 'called', 'no_answer', 'confirmed', 'on_site', 'stood_down')),
    status_at           INTEGER NOT NULL,
    first_called_at     INTEGER,
    attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    people              INTEGER CHECK (people BETWEEN 1 AND 500),
    expected_arrival_at INTEGER,
    notes_enc           BLOB NOT NULL,
    updated_by          INTEGER NOT NULL REFERENCES users (id),
    updated_at          INTEGER NOT NULL
);

CREATE TABLE callout_events (
    id                  INTEGER PRIMARY KEY,
    callout_id          INTEGER NOT NULL REFERENCES callouts (id),
    at                  INTEGER NOT NULL,
    by_user             INTEGER NOT NULL REFERENCES users (id),
    from_status         TEXT NOT NULL
                        CHECK (from_status IN ('not_called', 'called', 'no_answer', 'confirmed', 'on_site', 'stood_down')),
    to_status           TEXT NOT NULL
                        CHECK (to_status IN ('called', 'no_answer', 'confirmed', 'on_site', 'stood_down')),
    people              INTEGER CHECK (people BETWEEN 1 AND 500),
    expected_arrival_at INTEGER,
    note_enc            BLOB
);
CREATE INDEX callout_events_callout ON callout_events (callout_id, id);
CREATE TRIGGER callout_events_no_update BEFORE UPDATE ON callout_events
BEGIN
    SELECT RAISE(ABORT, 'call-out history is append-only');
END;
CREATE TRIGGER callout_events_no_delete BEFORE DELETE ON callout_events
BEGIN
    SELECT RAISE(ABORT, 'call-out history is append-only');
END;

-- The sign-in list (ICS 211). A returning person gets a new row with the same person_id.
CREATE TABLE staff (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES staff (id),
    name_enc          BLOB NOT NULL,
    phone_enc         BLOB NOT NULL,
    partner_id        TEXT CHECK (partner_id IS NULL OR length(partner_id) BETWEEN 1 AND 64),
    organisation      TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
    role_at_centre    TEXT NOT NULL DEFAULT '' CHECK (length(role_at_centre) <= 200),
    awareness_trained INTEGER NOT NULL CHECK (awareness_trained IN (0, 1)),
    time_in           INTEGER NOT NULL,
    time_out          INTEGER CHECK (time_out IS NULL OR time_out >= time_in),
    signed_in_by      INTEGER NOT NULL REFERENCES users (id),
    signed_out_by     INTEGER REFERENCES users (id),
    CHECK (partner_id IS NOT NULL OR length(trim(organisation)) > 0),
    CHECK ((time_out IS NULL) = (signed_out_by IS NULL))
);
CREATE INDEX staff_person ON staff (person_id, id);
CREATE INDEX staff_on_site ON staff (time_out);

-- Standing contacts between operations, kept apart from an operation's call-out record.
CREATE TABLE partner_directory (
    id               INTEGER PRIMARY KEY,
    organisation     TEXT NOT NULL CHECK (length(trim(organisation)) > 0 AND length(organisation) <= 200),
    partner_id       TEXT CHECK (partner_id IS NULL OR length(partner_id) BETWEEN 1 AND 64),
    role             TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 200),
    contact_name_enc BLOB NOT NULL,
    phone_enc        BLOB NOT NULL,
    notes_enc        BLOB NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NOT NULL REFERENCES users (id)
);
)sql"},
    {7, "emergency support bag stock: stores and the append-only stock ledger",
     R"sql(
-- Where bags are kept. The code is what files and the command line use ("centre", "ripley-police").
-- Nothing here is personal. The centre's own store exists from the start, so that a first delivery
-- has somewhere to go.
CREATE TABLE stock_stores (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL COLLATE NOCASE UNIQUE
         CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^a-z0-9_-]*' AND code GLOB '[a-z0-9]*'),
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0 AND length(name) <= 200),
    kind TEXT NOT NULL CHECK (kind IN ('centre', 'police', 'depot'))
);
INSERT INTO stock_stores (id, code, name, kind) VALUES (1, 'centre', 'The centre', 'centre');

-- The stock ledger: what a store holds is the sum of its movements (into to_store, out of from_store).
-- Bag kinds are the pinned procedure's ids. `supplier` ("from whom" for a delivery) names an
-- organisation and stays in clear for the debrief, like the staff list's organisation; the note is
-- free text that may name a person, so it is sealed. A person's purge keeps the movement (the bag still
-- left the store) and forgets who had it: the only change the triggers allow.
CREATE TABLE stock_movements (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'issued', 'transferred', 'returned', 'written_off',
                                             'adjustment', 'reversal')),
    bag_kind   TEXT NOT NULL CHECK (length(bag_kind) BETWEEN 1 AND 64),
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
    from_store INTEGER REFERENCES stock_stores (id),
    to_store   INTEGER REFERENCES stock_stores (id),
    person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    write_off  TEXT CHECK (write_off IN ('lost', 'damaged', 'expired', 'issued_without_record')),
    supplier   TEXT CHECK (supplier IS NULL OR length(trim(supplier)) BETWEEN 1 AND 200),
    note_enc   BLOB,
    reverses   INTEGER UNIQUE REFERENCES stock_movements (id),
    at         INTEGER NOT NULL,
    by_user    INTEGER NOT NULL REFERENCES users (id),
    CHECK (from_store IS NOT NULL OR to_store IS NOT NULL),
    CHECK (from_store IS NULL OR to_store IS NULL OR from_store <> to_store),
    CHECK ((kind = 'received') = (supplier IS NOT NULL)),
    CHECK ((kind = 'written_off') = (write_off IS NOT NULL)),
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
    CHECK (kind <> 'reversal' OR note_enc IS NOT NULL),
    CHECK (kind NOT IN ('received', 'returned') OR (to_store IS NOT NULL AND from_store IS NULL)),
    CHECK (kind NOT IN ('issued', 'written_off') OR (from_store IS NOT NULL AND to_store IS NULL)),
    CHECK (kind <> 'transferred' OR (from_store IS NOT NULL AND to_store IS NOT NULL)),
    CHECK (kind <> 'adjustment' OR (from_store IS NULL) <> (to_store IS NULL))
);
CREATE INDEX stock_movements_bag_kind ON stock_movements (bag_kind, id);
CREATE INDEX stock_movements_person ON stock_movements (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX stock_movements_from_store ON stock_movements (from_store) WHERE from_store IS NOT NULL;
CREATE INDEX stock_movements_to_store ON stock_movements (to_store) WHERE to_store IS NOT NULL;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
WHEN NOT (OLD.person_id IS NOT NULL AND NEW.person_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)
          AND NEW.id = OLD.id AND NEW.kind = OLD.kind AND NEW.bag_kind = OLD.bag_kind
          AND NEW.quantity = OLD.quantity AND NEW.from_store IS OLD.from_store AND NEW.to_store IS OLD.to_store
          AND NEW.write_off IS OLD.write_off AND NEW.supplier IS OLD.supplier AND NEW.note_enc IS OLD.note_enc
          AND NEW.reverses IS OLD.reverses AND NEW.at = OLD.at AND NEW.by_user = OLD.by_user)
BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only: record a reversal instead');
END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only: record a reversal instead');
END;
)sql"},
    {8, "referrals and their history",
     R"sql(
-- One row per referral of a person: where it stands now; referral_events keeps every change. In clear:
-- what the rules and the debrief count (type, organisations, consent, status, times, the identifying
-- flag). Sealed: who made it, why it was declined or withdrawn, the external reference, the notes.
-- A Duty to Notify (MS1) never carries identifying details: the store refuses them, and so does this
-- table.
CREATE TABLE referrals (
    id                     INTEGER PRIMARY KEY,
    person_id              INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    type                   TEXT NOT NULL CHECK (type IN ('nrm', 'duty_to_notify', 'childrens_services',
                                                         'adult_safeguarding', 'pre_nrm_support',
                                                         'salvation_army_victim_care', 'safe_accommodation',
                                                         'medical', 'refuge', 'legal_advice', 'family_tracing',
                                                         'other')),
    making_partner         TEXT NOT NULL DEFAULT '' CHECK (length(making_partner) <= 64),
    receiving_organisation TEXT NOT NULL DEFAULT '' CHECK (length(receiving_organisation) <= 800),
    consent_explained      INTEGER NOT NULL CHECK (consent_explained IN (0, 1)),
    interpreter_language   TEXT NOT NULL DEFAULT '' CHECK (length(interpreter_language) <= 8),
    consent                TEXT NOT NULL CHECK (consent IN ('pending', 'given', 'declined', 'not_needed')),
    status                 TEXT NOT NULL
                           CHECK (status IN ('to_do', 'in_progress', 'made', 'accepted', 'declined', 'withdrawn')),
    status_at              INTEGER NOT NULL,
    made_at                INTEGER,
    outcome_at             INTEGER,
    identifying            INTEGER NOT NULL DEFAULT 0 CHECK (identifying IN (0, 1)),
    made_by_enc            BLOB NOT NULL,
    reason_enc             BLOB,
    external_reference_enc BLOB NOT NULL,
    notes_enc              BLOB NOT NULL,
    created_at             INTEGER NOT NULL,
    created_by             INTEGER NOT NULL REFERENCES users (id),
    updated_at             INTEGER NOT NULL,
    updated_by             INTEGER NOT NULL REFERENCES users (id),
    CHECK (type <> 'duty_to_notify' OR identifying = 0),
    CHECK (status NOT IN ('declined', 'withdrawn') OR reason_enc IS NOT NULL)
);
CREATE INDEX referrals_person ON referrals (person_id, id);
-- A referral goes only with its person (the purge, through the cascade); nothing else deletes one.
CREATE TRIGGER referrals_no_delete BEFORE DELETE ON referrals
WHEN EXISTS (SELECT 1 FROM people WHERE id = OLD.person_id)
BEGIN
    SELECT RAISE(ABORT, 'referrals are removed only with their person');
END;

-- Append-only: the creation, each edit (the fields that changed, by name) and each status change.
CREATE TABLE referral_events (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    action      TEXT NOT NULL CHECK (action IN ('created', 'updated', 'status')),
    at          INTEGER NOT NULL,
    from_status TEXT CHECK (from_status IN ('to_do', 'in_progress', 'made', 'accepted', 'declined', 'withdrawn')),
    to_status   TEXT NOT NULL
                CHECK (to_status IN ('to_do', 'in_progress', 'made', 'accepted', 'declined', 'withdrawn')),
    fields      TEXT NOT NULL DEFAULT '',
    reason_enc  BLOB,
    by_user     INTEGER NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL,
    CHECK ((action = 'status') = (from_status IS NOT NULL))
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, id);
CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events
BEGIN
    SELECT RAISE(ABORT, 'referral history is append-only');
END;
CREATE TRIGGER referral_events_no_delete BEFORE DELETE ON referral_events
WHEN EXISTS (SELECT 1 FROM referrals WHERE id = OLD.referral_id)
BEGIN
    SELECT RAISE(ABORT, 'referral history is append-only');
END;
)sql"},
    {9, "debrief exports and retention purges; sealed free text in the append-only tables may be cleared",
     R"sql(
-- Every debrief export: who, when, in which mode and formats, how many people. An identifiable export
-- needs a reason, sealed because it is free text; the audit row names it without its value.
CREATE TABLE debrief_exports (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    by_user    INTEGER NOT NULL REFERENCES users (id),
    mode       TEXT NOT NULL CHECK (mode IN ('pseudonymised', 'identifiable')),
    formats    TEXT NOT NULL CHECK (length(formats) BETWEEN 1 AND 100),
    people     INTEGER NOT NULL CHECK (people >= 0),
    reason_enc BLOB,
    CHECK ((mode = 'identifiable') = (reason_enc IS NOT NULL))
);
CREATE TRIGGER debrief_exports_no_update BEFORE UPDATE ON debrief_exports
WHEN NOT (NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.by_user = OLD.by_user AND NEW.mode = OLD.mode
          AND NEW.formats = OLD.formats AND NEW.people = OLD.people
          AND (NEW.reason_enc IS OLD.reason_enc OR length(NEW.reason_enc) = 41))
BEGIN
    SELECT RAISE(ABORT, 'the record of exports is append-only');
END;
CREATE TRIGGER debrief_exports_no_delete BEFORE DELETE ON debrief_exports
BEGIN
    SELECT RAISE(ABORT, 'the record of exports is append-only');
END;

-- Each retention purge: when, by whom, and what it cleared (counts only).
CREATE TABLE retention_purges (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    by_user        INTEGER NOT NULL REFERENCES users (id),
    closed_at      INTEGER NOT NULL,
    retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 0 AND 3650),
    before_period  INTEGER NOT NULL CHECK (before_period IN (0, 1)),
    people         INTEGER NOT NULL CHECK (people >= 0),
    staff          INTEGER NOT NULL CHECK (staff >= 0),
    referrals      INTEGER NOT NULL CHECK (referrals >= 0),
    log_entries    INTEGER NOT NULL CHECK (log_entries >= 0)
);
CREATE TRIGGER retention_purges_no_update BEFORE UPDATE ON retention_purges
BEGIN
    SELECT RAISE(ABORT, 'the record of purges is append-only');
END;
CREATE TRIGGER retention_purges_no_delete BEFORE DELETE ON retention_purges
BEGIN
    SELECT RAISE(ABORT, 'the record of purges is append-only');
END;

-- The retention purge clears sealed free text in the append-only tables and changes nothing else. A
-- cleared value is NULL or, where the column must hold one, a sealed empty value: 41 bytes (format
-- byte, nonce, tag), too short to hold any text.
DROP TRIGGER journey_events_no_update;
CREATE TRIGGER journey_events_no_update BEFORE UPDATE ON journey_events
WHEN NOT (NEW.id = OLD.id AND NEW.person_id = OLD.person_id AND NEW.step = OLD.step AND NEW.at = OLD.at
          AND NEW.destination IS OLD.destination AND NEW.by_user = OLD.by_user
          AND NEW.recorded_at = OLD.recorded_at AND NEW.note_enc IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'journey events are append-only');
END;

DROP TRIGGER action_records_no_update;
CREATE TRIGGER action_records_no_update BEFORE UPDATE ON action_records
WHEN NOT (NEW.id = OLD.id AND NEW.action_id = OLD.action_id AND NEW.outcome = OLD.outcome AND NEW.at = OLD.at
          AND NEW.by_user = OLD.by_user
          AND (NEW.by_enc IS OLD.by_enc OR length(NEW.by_enc) = 41)
          AND (NEW.reason_enc IS OLD.reason_enc OR NEW.reason_enc IS NULL OR length(NEW.reason_enc) = 41))
BEGIN
    SELECT RAISE(ABORT, 'action records are append-only');
END;

DROP TRIGGER tier_changes_no_update;
CREATE TRIGGER tier_changes_no_update BEFORE UPDATE ON tier_changes
WHEN NOT (NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.by_user = OLD.by_user AND NEW.from_tier = OLD.from_tier
          AND NEW.to_tier = OLD.to_tier AND (NEW.reason_enc IS OLD.reason_enc OR length(NEW.reason_enc) = 41))
BEGIN
    SELECT RAISE(ABORT, 'tier changes are append-only');
END;

DROP TRIGGER callout_events_no_update;
CREATE TRIGGER callout_events_no_update BEFORE UPDATE ON callout_events
WHEN NOT (NEW.id = OLD.id AND NEW.callout_id = OLD.callout_id AND NEW.at = OLD.at AND NEW.by_user = OLD.by_user
          AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status AND NEW.people IS OLD.people
          AND NEW.expected_arrival_at IS OLD.expected_arrival_at AND NEW.note_enc IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'call-out history is append-only');
END;

-- As before, a person's removal may forget who had the bag; now the note may also be cleared.
DROP TRIGGER stock_movements_no_update;
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

DROP TRIGGER referral_events_no_update;
CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events
WHEN NOT (NEW.id = OLD.id AND NEW.referral_id = OLD.referral_id AND NEW.action = OLD.action AND NEW.at = OLD.at
          AND NEW.from_status IS OLD.from_status AND NEW.to_status = OLD.to_status AND NEW.fields = OLD.fields
          AND NEW.by_user = OLD.by_user AND NEW.recorded_at = OLD.recorded_at
          AND (NEW.reason_enc IS OLD.reason_enc OR NEW.reason_enc IS NULL OR length(NEW.reason_enc) = 41))
BEGIN
    SELECT RAISE(ABORT, 'referral history is append-only');
END;
)sql"},
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
};

} // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

int latest_schema_version() {
    return kMigrations.back().version;
}

void apply_migrations(Connection& db, int from, int to) {
    if (!db.in_transaction())
        throw StoreError(ErrorKind::Sql, "migrations must run inside a transaction (a programming error)");
    const bool postgres = db.engine() == Engine::Postgres;
    static const std::vector<std::string> postgres_sql = postgres_migrations(kMigrations);
    if (postgres && from == 0) db.exec(postgres_schema_preamble());
    for (std::size_t i = 0; i < kMigrations.size(); ++i) {
        const Migration& m = kMigrations[i];
        if (m.version <= from || m.version > to) continue;
        if (postgres)
            db.exec(postgres_sql[i]);
        else
            db.exec(m.sql);
    }
    if (postgres) db.exec(postgres_identity_sync());
    db.set_schema_version(to);
}

} // namespace rc::store
