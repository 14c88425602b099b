// A desk's link to the other desks of a shared centre: NOTIFY from triggers, heartbeats in rc_desks,
// a non-blocking reconnect. See shared_centre_link.hpp.
#include "store/shared_centre_link.hpp"

#include "store/error.hpp"

#include <algorithm>
#include <charconv>
#include <libpq-fe.h>
#include <sodium.h>

namespace rc::store {

namespace {

// The tables the screens show, and the column whose value the notification carries: the record's
// id, or for a journey step the person's (the Arrivals row is re-read by the person's id).
struct Announced {
    const char* table;
    const char* id_column;
};
constexpr Announced kAnnounced[] = {
    {"people", "id"},
    {"journey_events", "person_id"},
    {"referrals", "id"},
    {"referral_events", "referral_id"},
    {"stock_movements", "id"},
    {"stock_stores", "id"},
    {"staff", "id"},
    {"callouts", "id"},
    {"callout_events", "callout_id"},
    {"partner_directory", "id"},
    {"activity_log", "id"},
    {"action_records", "id"},
    {"activation", "id"},
    {"tier_changes", "id"},
    {"centre", "id"},
    {"pinned_procedure", "id"},
    {"venues", "id"},
};

constexpr const char* kChannel = "rc_change";
// Any fixed number: desks opening the centre at once install the triggers one after the other.
constexpr std::int64_t kInstallLock = 72061160;

constexpr const char* kNotifyFunction = R"(
CREATE OR REPLACE FUNCTION rc_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
BEGIN
    -- Only the table and the record's id leave the transaction: never a value of the row.
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    PERFORM pg_notify('rc_change', TG_TABLE_NAME || ':' || coalesce(r ->> TG_ARGV[0], '0'));
    RETURN NULL;
END
$$)";

constexpr const char* kDesksTable = "CREATE TABLE IF NOT EXISTS rc_desks ("
                                    " desk TEXT PRIMARY KEY,"
                                    " role_name TEXT NOT NULL,"
                                    " last_contact TIMESTAMPTZ NOT NULL DEFAULT now())";

std::string trimmed_error(pg_conn* c) {
    std::string m = c ? PQerrorMessage(c) : "no connection";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' '))
        m.pop_back();
    return m;
}

// The triggers and the desks table, when a desk finds them missing (a new centre, or a table that a
// migration made again since).
void install_if_missing(Connection& db) {
    int present_tables = 0;
    for (const Announced& a : kAnnounced)
        if (db.has_table(a.table)) ++present_tables;
    const auto installed = [&] {
        return db.has_table("rc_desks") &&
               db.query_int(
                   "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                   "WHERE t.tgname = 'rc_live' AND c.relnamespace = current_schema()::regnamespace") ==
                   present_tables;
    };
    if (installed()) return;
    Transaction tx(db);
    db.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kInstallLock) + ")");
    db.exec(kNotifyFunction);
    db.exec(kDesksTable);
    for (const Announced& a : kAnnounced) {
        if (!db.has_table(a.table)) continue;
        db.exec(std::string("CREATE OR REPLACE TRIGGER rc_live AFTER INSERT OR UPDATE OR DELETE ON ") +
                a.table + " FOR EACH ROW EXECUTE FUNCTION rc_notify_change('" + a.id_column + "')");
    }
    tx.commit();
}

} // namespace

std::unique_ptr<SharedCentreLink> SharedCentreLink::make(Store& store) {
    if (!store.shared_centre()) return nullptr;
    std::unique_ptr<SharedCentreLink> link(new SharedCentreLink(store));
    if (!store.read_only()) install_if_missing(link->db_);
    link->set_up_session();
    return link;
}

SharedCentreLink::SharedCentreLink(Store& store) : store_(store), db_(store.connection_for_reading()) {
    unsigned char random[8];
    randombytes_buf(random, sizeof random);
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned char b : random) {
        desk_key_ += hex[b >> 4];
        desk_key_ += hex[b & 15];
    }
}

SharedCentreLink::~SharedCentreLink() {
    if (!connected() || store_.read_only()) return;
    try {
        db_.cached("DELETE FROM rc_desks WHERE desk = ?")->bind(1, desk_key_).run();
    } catch (const StoreError&) { // the server has gone: its row ages out
    }
}

void SharedCentreLink::set_up_session() {
    db_.exec(std::string("LISTEN ") + kChannel);
}

bool SharedCentreLink::connected() const {
    pg_conn* c = db_.pg_handle();
    return c && PQstatus(c) == CONNECTION_OK;
}

int SharedCentreLink::socket() const {
    return connected() ? PQsocket(db_.pg_handle()) : -1;
}

std::vector<RecordChange> SharedCentreLink::poll() {
    std::vector<RecordChange> out;
    pg_conn* c = db_.pg_handle();
    if (!connected() || db_.in_transaction()) return out;
    // Reads whatever the socket holds without waiting; on a closed socket libpq marks the
    // connection bad, which connected() then reports.
    if (!PQconsumeInput(c)) return out;
    const int own = PQbackendPID(c);
    while (PGnotify* n = PQnotifies(c)) {
        const std::string_view payload = n->extra ? n->extra : "";
        const auto colon = payload.rfind(':');
        if (n->be_pid != own && colon != std::string_view::npos) {
            RecordChange change;
            change.table = std::string(payload.substr(0, colon));
            const std::string_view id = payload.substr(colon + 1);
            std::from_chars(id.data(), id.data() + id.size(), change.id);
            out.push_back(std::move(change));
        }
        PQfreemem(n);
    }
    return out;
}

std::vector<DeskContact> SharedCentreLink::heartbeat() {
    std::vector<DeskContact> desks;
    if (!store_.read_only()) {
        db_.cached("INSERT INTO rc_desks (desk, role_name, last_contact) VALUES (?, session_user, now()) "
                   "ON CONFLICT (desk) DO UPDATE SET last_contact = now()")
            ->bind(1, desk_key_)
            .run();
        // Desks that closed without saying so (a crash, a lost laptop) leave after a day.
        db_.cached("DELETE FROM rc_desks WHERE last_contact < now() - interval '1 day'")->run();
    }
    auto s = db_.cached("SELECT desk, role_name, extract(epoch FROM now() - last_contact)::float8 "
                        "FROM rc_desks ORDER BY role_name, desk");
    while (s->step()) {
        DeskContact d;
        d.this_desk = s->text_at(0) == desk_key_;
        d.role = s->text_at(1);
        d.seconds_since_contact = std::max(0.0, s->double_at(2));
        d.connected = d.seconds_since_contact <= 3 * kHeartbeatSeconds;
        desks.push_back(std::move(d));
    }
    return desks;
}

SharedCentreLink::Reconnect SharedCentreLink::start_reconnect() {
    pg_conn* c = db_.pg_handle();
    if (!c) return Reconnect::Failed;
    if (!PQresetStart(c)) {
        reconnect_problem_ = trimmed_error(c);
        return Reconnect::Failed;
    }
    return continue_reconnect();
}

SharedCentreLink::Reconnect SharedCentreLink::continue_reconnect() {
    pg_conn* c = db_.pg_handle();
    if (!c) return Reconnect::Failed;
    switch (PQresetPoll(c)) {
    case PGRES_POLLING_OK:
        break;
    case PGRES_POLLING_FAILED:
        reconnect_problem_ = trimmed_error(c);
        return Reconnect::Failed;
    default:
        return Reconnect::InProgress;
    }
    try {
        // A new server session: the statements prepared on the old one are gone.
        db_.clear_cache();
        db_.exec(db_.read_only() ? "SET default_transaction_read_only = on; SET client_min_messages = warning"
                                 : "SET client_min_messages = warning");
        set_up_session();
    } catch (const StoreError& e) {
        reconnect_problem_ = e.problem();
        return Reconnect::Failed;
    }
    reconnect_problem_.clear();
    return Reconnect::Connected;
}

} // namespace rc::store
