// The call-out board: where each contact of the pinned procedure's cascade stands, and its history.
#include "domain/procedure_rules.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/partners_internal.hpp"
#include "store/store_internal.hpp"

#include <map>
#include <spdlog/spdlog.h>

namespace rc::store {

using partners_detail::kUnreadable;
using partners_detail::trimmed;

namespace {

constexpr std::size_t kMaxNotes = 5000;
constexpr UnixSeconds kDay = 24 * 60 * 60;
constexpr UnixSeconds kClockSlack = 5 * 60; // two machines' clocks and a slow typist

struct CalloutRow {
    std::int64_t id = 0;
    CalloutState state;
    std::optional<UnixSeconds> first_called_at;
    int attempts = 0;
    UserId updated_by = 0;
    Blob notes_enc;
};

constexpr const char* kCalloutColumns =
    "SELECT id, contact_id, status, status_at, first_called_at, attempts, "
    "people, expected_arrival_at, updated_by, notes_enc FROM callouts";

CalloutRow read_callout_row(const Statement& st) {
    CalloutRow r;
    r.id = st.int64_at(0);
    r.state.status = callout_status_from_id(st.text_at(2)).value_or(CalloutStatus::NotCalled);
    r.state.since = st.int64_at(3);
    r.first_called_at = st.get<std::optional<std::int64_t>>(4);
    r.attempts = st.get<int>(5);
    r.state.people = st.get<std::optional<int>>(6);
    r.state.expected_arrival_at = st.get<std::optional<std::int64_t>>(7);
    r.updated_by = st.int64_at(8);
    r.notes_enc = st.blob_at(9);
    return r;
}

std::optional<CalloutRow> find_callout(Connection& db, std::string_view contact_id) {
    auto st = db.cached(std::string(kCalloutColumns) + " WHERE contact_id = ?");
    st->bind(1, contact_id);
    if (!st->step()) return std::nullopt;
    return read_callout_row(*st);
}

std::string open_notes(const FieldCipher& c, std::int64_t id, const Blob& sealed) {
    auto text = c.open("callouts", "notes", id, sealed);
    if (!text) spdlog::warn("store: callouts #{} notes failed their integrity check", id);
    return text.value_or(kUnreadable);
}

// "British Red Cross (Emergency response duty officer)": the procedure's words, nothing personal.
std::string contact_title(const Contact& c) {
    return c.role.empty() ? c.organisation : c.organisation + " (" + c.role + ")";
}

std::string log_text(const Contact& contact, const CalloutState& s) {
    std::string text =
        "Call-out: " + contact_title(contact) + ": " + std::string(callout_status_label(s.status));
    if (s.status == CalloutStatus::Confirmed || s.status == CalloutStatus::OnSite) {
        if (s.people) text += ", " + std::to_string(*s.people) + (*s.people == 1 ? " person" : " people");
        if (s.status == CalloutStatus::Confirmed && s.expected_arrival_at)
            text += ", expected at " + format_local_time(*s.expected_arrival_at, "%H:%M");
    }
    return text + ".";
}

bool is_call(CalloutStatus from, CalloutStatus to) {
    if (to == CalloutStatus::Called || to == CalloutStatus::NoAnswer) return true;
    // Confirmed at the first ring, without a "called" in between.
    return to == CalloutStatus::Confirmed &&
           (from == CalloutStatus::NotCalled || from == CalloutStatus::StoodDown);
}

Procedure require_pinned(const Store& store) {
    std::optional<Procedure> p = pinned_procedure(store);
    if (!p)
        throw StoreError(ErrorKind::InvalidInput,
                         "The centre has not been activated, so there is no call-out cascade yet.",
                         "Activate the centre first; its procedure gives the contacts to call.");
    return std::move(*p);
}

const Contact& require_contact(const Procedure& p, std::string_view contact_id) {
    const Contact* c = find_contact(p, contact_id);
    if (!c)
        throw StoreError(ErrorKind::InvalidInput,
                         "There is no contact '" + std::string(contact_id) + "' in the pinned procedure.",
                         "Choose a contact from the call-out board.");
    return *c;
}

std::string checked_notes(std::string_view notes) {
    std::string t = trimmed(notes);
    if (t.size() > kMaxNotes)
        throw StoreError(ErrorKind::InvalidInput, "The notes are too long (more than 5000 characters).");
    return t;
}

} // namespace

std::vector<CalloutBoardEntry> callout_board(const Store& store, const Procedure& procedure,
                                             const CalloutTimings& timings) {
    FieldCipher c = store.cipher();
    std::map<std::string, CalloutRow, std::less<>> rows;
    {
        auto st = store.connection_for_reading().cached(kCalloutColumns);
        while (st->step())
            rows.emplace(st->text_at(1), read_callout_row(*st));
    }
    std::vector<CalloutBoardEntry> out;
    auto add = [&](const Contact& contact) {
        CalloutBoardEntry e;
        e.contact = contact;
        if (const Partner* p = find_partner(procedure, contact.partner)) e.partner_name = p->name;
        if (auto it = rows.find(contact.id); it != rows.end()) {
            const CalloutRow& r = it->second;
            e.state = r.state;
            e.first_called_at = r.first_called_at;
            e.attempts = r.attempts;
            e.updated_by = r.updated_by;
            e.notes = open_notes(c, r.id, r.notes_enc);
            rows.erase(it);
        }
        e.follow_up = callout_follow_up(e.state, timings);
        out.push_back(std::move(e));
    };
    for (const Contact& contact : call_out_cascade(procedure))
        add(contact);
    // Reference numbers (no cascade order) that someone rang anyway, in file order.
    for (const Contact& contact : procedure.contacts)
        if (rows.count(contact.id)) add(contact);
    return out;
}

std::vector<CalloutBoardEntry> callout_board(const Store& store, const CalloutTimings& timings) {
    std::optional<Procedure> p = pinned_procedure(store);
    if (!p) return {};
    return callout_board(store, *p, timings);
}

std::int64_t record_callout(Store& store, std::string_view contact_id, const CalloutDetails& d) {
    const Procedure procedure = require_pinned(store);
    const Contact& contact = require_contact(procedure, contact_id);
    std::optional<std::string> notes;
    if (d.notes) notes = checked_notes(*d.notes);
    const std::int64_t event_id = store.write(Permission::ManagePartners, [&](WriteContext& w) {
        const UnixSeconds at = d.at.value_or(w.now);
        if (at > w.now + kClockSlack || at < w.now - kDay)
            throw StoreError(ErrorKind::InvalidInput,
                             "The time given for the call to " + contact.organisation +
                                 " is in the future or more than a day ago.",
                             "Check the time, or leave it empty for now.");
        const std::optional<CalloutRow> before = find_callout(w.db, contact.id);
        const CalloutState current = before ? before->state : CalloutState{};
        const CalloutUpdate update{d.status, at, d.people, d.expected_arrival_at};
        if (auto problem = callout_update_problem(current, update, contact.organisation))
            throw StoreError(ErrorKind::InvalidInput, *problem);
        const CalloutState next = apply_callout_update(current, update);
        const bool call = is_call(current.status, next.status);
        const int attempts = (before ? before->attempts : 0) + (call ? 1 : 0);
        // Built with value_or, not a ternary of optionals: GCC 12 -O2 warns (wrongly) that the latter
        // may be used uninitialised.
        std::optional<UnixSeconds> first_called;
        if (before && before->first_called_at) first_called = *before->first_called_at;
        if (call && !first_called) first_called = at;
        const std::string_view from_id = callout_status_id(current.status);
        const std::string_view to_id = callout_status_id(next.status);

        std::int64_t callout_id = 0;
        if (!before) {
            callout_id = w.next_id("callouts");
            w.db.cached("INSERT INTO callouts (id, contact_id, status, status_at, first_called_at, attempts, "
                        "people, expected_arrival_at, notes_enc, updated_by, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                ->bind_all(callout_id, contact.id, to_id, at, first_called, attempts, next.people,
                           next.expected_arrival_at,
                           w.cipher.seal("callouts", "notes", callout_id, notes.value_or("")), w.user, w.now)
                .run();
            AuditChanges c;
            c.value("contact_id", contact.id).value("status", to_id).value("attempts", attempts);
            if (next.people) c.value("people", *next.people);
            if (next.expected_arrival_at) c.value("expected_arrival_at", *next.expected_arrival_at);
            if (notes) c.personal("notes");
            w.audit("insert", "callouts", callout_id, c);
        } else {
            callout_id = before->id;
            w.db.cached("UPDATE callouts SET status = ?, status_at = ?, first_called_at = ?, attempts = ?, "
                        "people = ?, expected_arrival_at = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                ->bind_all(to_id, at, first_called, attempts, next.people, next.expected_arrival_at, w.user,
                           w.now, callout_id)
                .run();
            if (notes)
                w.db.cached("UPDATE callouts SET notes_enc = ? WHERE id = ?")
                    ->bind_all(w.cipher.seal("callouts", "notes", callout_id, *notes), callout_id)
                    .run();
            AuditChanges c;
            c.value("contact_id", contact.id).change("status", from_id, to_id);
            if (before->attempts != attempts) c.change("attempts", before->attempts, attempts);
            if (current.people != next.people) c.change("people", current.people, next.people);
            if (current.expected_arrival_at != next.expected_arrival_at)
                c.change("expected_arrival_at", current.expected_arrival_at, next.expected_arrival_at);
            if (notes) c.personal("notes");
            w.audit("update", "callouts", callout_id, c);
        }

        const std::int64_t id = w.next_id("callout_events");
        std::optional<Blob> note_sealed;
        if (notes) note_sealed = w.cipher.seal("callout_events", "note", id, *notes);
        w.db.cached(
                "INSERT INTO callout_events (id, callout_id, at, by_user, from_status, to_status, people, "
                "expected_arrival_at, note_enc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(id, callout_id, at, w.user, from_id, to_id, next.people, next.expected_arrival_at,
                       note_sealed)
            .run();
        AuditChanges ec;
        ec.value("callout_id", callout_id).value("from_status", from_id).value("to_status", to_id);
        if (note_sealed) ec.personal("note");
        w.audit("insert", "callout_events", id, ec);
        insert_log(w, log_text(contact, next), LogKind::Automatic);
        return id;
    });
    spdlog::info("store: call-out to contact '{}' recorded as {} (callout_events #{})", contact.id,
                 callout_status_id(d.status), event_id);
    return event_id;
}

void set_callout_notes(Store& store, std::string_view contact_id, std::string_view notes_in) {
    const Procedure procedure = require_pinned(store);
    const Contact& contact = require_contact(procedure, contact_id);
    const std::string notes = checked_notes(notes_in);
    store.write(Permission::ManagePartners, [&](WriteContext& w) {
        const std::optional<CalloutRow> before = find_callout(w.db, contact.id);
        if (!before) {
            const std::int64_t id = w.next_id("callouts");
            w.db.cached("INSERT INTO callouts (id, contact_id, status, status_at, notes_enc, updated_by, "
                        "updated_at) VALUES (?, ?, 'not_called', ?, ?, ?, ?)")
                ->bind_all(id, contact.id, w.now, w.cipher.seal("callouts", "notes", id, notes), w.user,
                           w.now)
                .run();
            w.audit("insert", "callouts", id,
                    AuditChanges()
                        .value("contact_id", contact.id)
                        .value("status", callout_status_id(CalloutStatus::NotCalled))
                        .personal("notes"));
            return;
        }
        w.db.cached("UPDATE callouts SET notes_enc = ?, updated_by = ?, updated_at = ? WHERE id = ?")
            ->bind_all(w.cipher.seal("callouts", "notes", before->id, notes), w.user, w.now, before->id)
            .run();
        w.audit("update", "callouts", before->id,
                AuditChanges().value("contact_id", contact.id).personal("notes"));
    });
}

std::vector<CalloutEvent> callout_history(const Store& store, std::string_view contact_id) {
    FieldCipher c = store.cipher();
    std::vector<CalloutEvent> out;
    const std::string sql =
        "SELECT e.id, o.contact_id, e.at, e.by_user, e.from_status, e.to_status, e.people, "
        "e.expected_arrival_at, e.note_enc FROM callout_events e "
        "JOIN callouts o ON o.id = e.callout_id" +
        std::string(contact_id.empty() ? "" : " WHERE o.contact_id = ?") + " ORDER BY e.id";
    auto st = store.connection_for_reading().cached(sql);
    if (!contact_id.empty()) st->bind(1, contact_id);
    while (st->step()) {
        CalloutEvent e;
        e.id = st->int64_at(0);
        e.contact_id = st->text_at(1);
        e.at = st->int64_at(2);
        e.by = st->int64_at(3);
        e.from = callout_status_from_id(st->text_at(4)).value_or(CalloutStatus::NotCalled);
        e.to = callout_status_from_id(st->text_at(5)).value_or(CalloutStatus::Called);
        e.people = st->get<std::optional<int>>(6);
        e.expected_arrival_at = st->get<std::optional<std::int64_t>>(7);
        if (!st->is_null(8)) {
            auto text = c.open("callout_events", "note", e.id, st->blob_at(8));
            if (!text) spdlog::warn("store: callout_events #{} note failed its integrity check", e.id);
            e.notes = text.value_or(kUnreadable);
        }
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace rc::store
