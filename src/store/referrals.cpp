// Referrals: recording, status changes, reading back, the overview against the rules, prompt sheets.
#include "store/referrals.hpp"

#include "domain/procedure_rules.hpp"
#include "domain/text_match.hpp"
#include "store/operation.hpp"
#include "store/people_internal.hpp"
#include "store/referral_record.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>
#include <unordered_map>

namespace rc::store {

namespace {

constexpr std::string_view kUnreadable = "[unreadable: failed its integrity check]";

// The person as the referral rules see them: the sealed record (never the medical note, which no
// referral rule needs) and the times.
struct Subject {
    PersonId id = 0;
    std::string reference;
    Person person;
    UnixSeconds arrived_at = 0;
    bool departed = false;
    std::optional<PersonExit> departure;
};

constexpr std::string_view kSubjectSelect =
    "SELECT id, reference, arrived_at, personal_enc, nrm_consent_at, departed_at FROM people";

Subject read_subject_columns(const Statement& st, const FieldCipher& c) {
    Subject s;
    s.id = st.int64_at(0);
    s.reference = st.text_at(1);
    s.arrived_at = st.int64_at(2);
    Person& p = s.person;
    if (!st.is_null(4)) p.nrm_consent_at = st.int64_at(4);
    s.departed = !st.is_null(5);
    if (const auto personal = open_personal(c, s.id, st.blob_at(3))) {
        if (s.departed && personal->departed_to)
            s.departure = PersonExit{st.int64_at(5), *personal->departed_to};
        apply_personal(*personal, p);
    } else {
        spdlog::warn("store: people #{} failed its integrity check", s.id);
    }
    p.reference = s.reference;
    return s;
}

std::optional<Subject> read_subject(Connection& db, const FieldCipher& c, PersonId id) {
    auto st = db.cached(std::string(kSubjectSelect) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_subject_columns(*st, c);
}

Subject require_subject(Connection& db, const FieldCipher& c, PersonId id) {
    auto s = read_subject(db, c, id);
    if (!s) throw StoreError(ErrorKind::InvalidInput, "There is no person #" + std::to_string(id) + ".");
    return std::move(*s);
}

// Columns 0..10: ids, times and the sealed record; 11 the version; 12..15 the sealed free text (NULL
// when not to be read).
std::string referral_select(bool sealed) {
    return std::string("SELECT r.id, r.person_id, p.reference, r.referral_enc, r.status_at, r.made_at, "
                       "r.outcome_at, r.created_at, r.created_by, r.updated_at, r.updated_by, r.version, ") +
           (sealed ? "r.made_by_enc, r.reason_enc, r.external_reference_enc, r.notes_enc "
                   : "NULL, NULL, NULL, NULL ") +
           "FROM referrals r JOIN people p ON p.id = r.person_id ";
}

std::string open_field(const FieldCipher& c, std::string_view column, ReferralId id, const Statement& st,
                       int index) {
    if (st.is_null(index)) return {};
    auto plain = c.open("referrals", column, id, st.blob_at(index));
    if (!plain) {
        spdlog::warn("store: referrals #{} {} failed its integrity check", id, column);
        return std::string(kUnreadable);
    }
    return *plain;
}

// `sealed`: also open the free text (made by, reason, external reference, notes).
ReferralRecord read_referral_columns(const Statement& st, const FieldCipher& c, bool sealed) {
    ReferralRecord out;
    out.id = st.int64_at(0);
    out.person_id = st.int64_at(1);
    out.person_reference = st.text_at(2);
    Referral& r = out.referral;
    const auto plain = c.open("referrals", "referral", out.id, st.blob_at(3));
    if (!plain || !decode_referral(*plain, r)) {
        spdlog::warn("store: referrals #{} failed its integrity check", out.id);
        r.receiving_organisation = std::string(kUnreadable);
    }
    r.status_at = st.int64_at(4);
    r.made_at = st.get<std::optional<std::int64_t>>(5);
    r.outcome_at = st.get<std::optional<std::int64_t>>(6);
    out.created_at = st.int64_at(7);
    out.created_by = st.int64_at(8);
    out.updated_at = st.int64_at(9);
    out.updated_by = st.int64_at(10);
    out.version = st.int64_at(11);
    if (sealed) {
        r.made_by = open_field(c, "made_by", out.id, st, 12);
        r.reason = open_field(c, "reason", out.id, st, 13);
        r.external_reference = open_field(c, "external_reference", out.id, st, 14);
        r.notes = open_field(c, "notes", out.id, st, 15);
    }
    return out;
}

ReferralRecord require_referral(Connection& db, const FieldCipher& c, ReferralId id) {
    auto st = db.cached(referral_select(true) + "WHERE r.id = ?");
    st->bind(1, id);
    if (!st->step())
        throw StoreError(ErrorKind::InvalidInput, "There is no referral #" + std::to_string(id) + ".");
    return read_referral_columns(*st, c, true);
}

std::vector<ReferralRecord> read_referrals(const Store& store, std::optional<PersonId> person,
                                           std::optional<ReferralId> only) {
    const FieldCipher c = store.cipher(); // throws SignedOut while locked
    if (!store.can(Permission::RecordReferrals))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not read referrals.",
                         "A coordinator can, or can record them for you.");
    std::string sql = referral_select(true);
    if (person) sql += "WHERE r.person_id = ?1 ";
    if (only) sql += "WHERE r.id = ?1 ";
    sql += "ORDER BY r.person_id, r.id";
    auto st = store.connection_for_reading().cached(sql);
    if (person) st->bind(1, *person);
    if (only) st->bind(1, *only);
    std::vector<ReferralRecord> out;
    while (st->step())
        out.push_back(read_referral_columns(*st, c, true));
    return out;
}

Procedure require_procedure(const Store& store) {
    std::optional<Procedure> p = pinned_procedure(store);
    if (!p)
        throw StoreError(ErrorKind::InvalidInput,
                         "The centre has not been activated, so there is no procedure (its partners and "
                         "referral rules) to record referrals against.",
                         "Activate the centre first.");
    return std::move(*p);
}

std::string trimmed(std::string_view s) {
    return std::string(trim_space(s));
}

// Single-line fields without surrounding spaces; multi-line ones as typed.
Referral tidied(const Referral& in) {
    Referral r = in;
    r.making_partner = trimmed(r.making_partner);
    r.made_by = trimmed(r.made_by);
    r.receiving_organisation = trimmed(r.receiving_organisation);
    r.interpreter_language = to_lower_ascii(trim_space(r.interpreter_language));
    r.external_reference = trimmed(r.external_reference);
    return r;
}

std::vector<FieldProblem> problems_for(const Procedure& p, const Subject& who, const Referral& r,
                                       const std::function<Date(UnixSeconds)>& date_of) {
    const bool anonymous = referral_must_be_anonymous(p, who.person, date_of(who.arrived_at), r.type);
    return validate_referral(r, p, anonymous, &who.person);
}

std::string yes_no(bool b) {
    return b ? "yes" : "no";
}

Blob seal(WriteContext& w, std::string_view column, ReferralId id, std::string_view text) {
    return w.cipher.seal("referrals", column, id, text);
}

std::int64_t insert_event(WriteContext& w, ReferralId id, ReferralEventAction action, UnixSeconds at,
                          std::optional<ReferralStatus> from, ReferralStatus to, std::string_view fields,
                          std::string_view reason) {
    const std::int64_t event = w.next_id("referral_events");
    std::optional<Blob> reason_sealed;
    if (!reason.empty()) reason_sealed = w.cipher.seal("referral_events", "reason", event, reason);
    ReferralEventFacts facts;
    facts.action = action == ReferralEventAction::Created   ? "created"
                   : action == ReferralEventAction::Updated ? "updated"
                                                            : "status";
    facts.from_status = from;
    facts.to_status = to;
    facts.fields = std::string(fields);
    w.db.cached(
            "INSERT INTO referral_events (id, referral_id, at, event_enc, reason_enc, by_user, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(event, id, at,
                   w.cipher.seal("referral_events", "event", event, encode_referral_event(facts)),
                   reason_sealed, w.user, w.now)
        .run();
    return event;
}

ReferralEventAction event_action_from_id(std::string_view id) {
    if (id == "updated") return ReferralEventAction::Updated;
    if (id == "status") return ReferralEventAction::Status;
    return ReferralEventAction::Created;
}

std::optional<UnixSeconds> earliest(std::optional<UnixSeconds> a, std::optional<UnixSeconds> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

} // namespace

ReferralRejected::ReferralRejected(std::vector<FieldProblem> problems)
    : StoreError(ErrorKind::InvalidInput,
                 problems.size() == 1 ? "The referral has a problem: " + problems.front().field + ": " +
                                            problems.front().message + ". Nothing was saved."
                                      : "The referral has " + std::to_string(problems.size()) +
                                            " problems; nothing was saved.",
                 "Each problem is shown beside its field. Correct them and save again."),
      problems_(std::move(problems)) {}

// ---------------------------------------------------------------------------------------------- writes

ReferralId add_referral(Store& store, PersonId person, const Referral& details, const SaveKey& key) {
    const Procedure procedure = require_procedure(store);
    std::string reference;
    const SaveOutcome saved = store.save(Permission::RecordReferrals, key, "referral", [&](WriteContext& w) {
        const Subject who = require_subject(w.db, w.cipher, person);
        reference = who.reference;
        Referral r = tidied(details);
        r.status_at = w.now;
        r.outcome_at.reset();
        r.reason.clear();
        r.made_at =
            r.status == ReferralStatus::Made ? std::optional(details.made_at.value_or(w.now)) : std::nullopt;
        std::vector<FieldProblem> problems = problems_for(procedure, who, r, local_date_of);
        if (!referral_initial_status_allowed(r.status))
            problems.push_back({"status", "a new referral starts as to do, in progress or made"});
        if (r.made_at && *r.made_at > w.now) problems.push_back({"at", "the time made is in the future"});
        if (!problems.empty()) throw ReferralRejected(std::move(problems));

        const ReferralId rid = w.next_id("referrals");
        w.db.cached("INSERT INTO referrals (id, person_id, referral_enc, status_at, made_at, outcome_at, "
                    "made_by_enc, reason_enc, external_reference_enc, notes_enc, created_at, created_by, "
                    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?)")
            ->bind_all(rid, person, seal(w, "referral", rid, encode_referral(r)), r.status_at, r.made_at,
                       seal(w, "made_by", rid, r.made_by),
                       seal(w, "external_reference", rid, r.external_reference),
                       seal(w, "notes", rid, r.notes), w.now, w.user, w.now, w.user)
            .run();
        insert_event(w, rid, ReferralEventAction::Created, r.made_at.value_or(r.status_at), std::nullopt,
                     r.status, {}, {});
        AuditChanges a;
        a.value("person_id", person)
            .value("type", referral_type_id(r.type))
            .value("making_partner", r.making_partner)
            .value("receiving_organisation", r.receiving_organisation)
            .value("consent_explained", yes_no(r.consent_explained))
            .value("interpreter_language", r.interpreter_language)
            .value("consent", referral_consent_id(r.consent))
            .value("status", referral_status_id(r.status))
            .value("identifying", yes_no(r.identifying));
        if (r.made_at) a.value("made_at", *r.made_at);
        if (!r.made_by.empty()) a.personal("made_by");
        if (!r.external_reference.empty()) a.personal("external_reference");
        if (!r.notes.empty()) a.personal("notes");
        w.audit("insert", "referrals", rid, a);
        return std::vector<std::int64_t>{rid};
    });
    const ReferralId id = saved.ids.at(0);
    spdlog::info("store: referral #{} recorded for {}", id,
                 reference.empty() ? "person #" + std::to_string(person) : reference);
    return id;
}

namespace {

std::int64_t update_referral_checked(Store& store, ReferralId id, const Referral& details,
                                     std::optional<std::int64_t> started_from) {
    const Procedure procedure = require_procedure(store);
    return store.write(Permission::RecordReferrals, [&](WriteContext& w) -> std::int64_t {
        const ReferralRecord before_record = require_referral(w.db, w.cipher, id);
        const Referral& before = before_record.referral;
        if (before.made_by == kUnreadable || before.external_reference == kUnreadable ||
            before.notes == kUnreadable || before.reason == kUnreadable ||
            before.receiving_organisation == kUnreadable)
            throw StoreError(ErrorKind::Crypto,
                             "Referral #" + std::to_string(id) +
                                 " failed its integrity check and cannot be edited.",
                             restore_advice(w.db.path().string()));
        const Subject who = require_subject(w.db, w.cipher, before_record.person_id);
        Referral after = tidied(details);
        std::vector<FieldProblem> problems;
        if (after.type != before.type)
            problems.push_back(
                {"type", "the type of a referral cannot change: withdraw it and record a new one"});
        after.type = before.type;
        after.status = before.status;
        after.status_at = before.status_at;
        after.made_at = before.made_at;
        after.outcome_at = before.outcome_at;
        after.reason = before.reason;
        for (FieldProblem& fp : problems_for(procedure, who, after, local_date_of))
            problems.push_back(std::move(fp));
        if (!problems.empty()) throw ReferralRejected(std::move(problems));

        AuditChanges a;
        std::string fields;
        const auto note_field = [&](const char* field) {
            fields += (fields.empty() ? "" : ";") + std::string(field);
        };
        const auto clear = [&](const char* field, const std::string& from, const std::string& to) {
            if (from == to) return;
            a.change(field, from, to);
            note_field(field);
        };
        clear("making_partner", before.making_partner, after.making_partner);
        clear("receiving_organisation", before.receiving_organisation, after.receiving_organisation);
        clear("consent_explained", yes_no(before.consent_explained), yes_no(after.consent_explained));
        clear("interpreter_language", before.interpreter_language, after.interpreter_language);
        clear("consent", std::string(referral_consent_id(before.consent)),
              std::string(referral_consent_id(after.consent)));
        clear("identifying", yes_no(before.identifying), yes_no(after.identifying));
        const std::pair<const char*, bool> personal[] = {
            {"made_by", before.made_by != after.made_by},
            {"external_reference", before.external_reference != after.external_reference},
            {"notes", before.notes != after.notes}};
        for (const auto& [field, changed] : personal)
            if (changed) {
                a.personal(field);
                note_field(field);
            }
        if (a.empty()) return before_record.version;
        require_version("The referral", started_from, before_record.version);

        // The version read above is the one overwritten (its status included): a commit from another
        // desk since leaves no row matching.
        w.db.cached("UPDATE referrals SET referral_enc = ?, made_by_enc = ?, external_reference_enc = ?, "
                    "notes_enc = ?, updated_at = ?, updated_by = ?, version = version + 1 "
                    "WHERE id = ? AND version = ?")
            ->bind_all(seal(w, "referral", id, encode_referral(after)), seal(w, "made_by", id, after.made_by),
                       seal(w, "external_reference", id, after.external_reference),
                       seal(w, "notes", id, after.notes), w.now, w.user, id, before_record.version)
            .run();
        require_row_written(w.db, "The referral");
        insert_event(w, id, ReferralEventAction::Updated, w.now, std::nullopt, after.status, fields, {});
        w.audit("update", "referrals", id, a);
        return before_record.version + 1;
    });
}

} // namespace

std::int64_t update_referral(Store& store, ReferralId id, const Referral& details,
                             std::optional<std::int64_t> started_from) {
    try {
        return update_referral_checked(store, id, details, started_from);
    } catch (const RecordChangedMeanwhile&) {
        // Read after the rollback: the referral as it now is.
        std::optional<ReferralRecord> now = referral(store, id);
        if (!now)
            throw StoreError(ErrorKind::InvalidInput,
                             "Referral #" + std::to_string(id) + " was removed at another desk meanwhile.",
                             "Nothing was saved.");
        spdlog::info("store: referral #{} edit refused: changed at another desk", id);
        throw EditConflict<ReferralRecord>("The referral for " + now->person_reference +
                                               " was changed at another desk while you were editing it. "
                                               "Nothing was saved.",
                                           kEditConflictAdvice, std::move(*now));
    }
}

void set_referral_status(Store& store, ReferralId id, ReferralStatus to, std::string_view reason_in,
                         std::optional<UnixSeconds> at) {
    const Procedure procedure = require_procedure(store);
    std::string reference;
    ReferralStatus from = ReferralStatus::ToDo;
    store.write(Permission::RecordReferrals, [&](WriteContext& w) {
        const ReferralRecord before_record = require_referral(w.db, w.cipher, id);
        const Referral& before = before_record.referral;
        reference = before_record.person_reference;
        from = before.status;
        const Subject who = require_subject(w.db, w.cipher, before_record.person_id);
        const UnixSeconds when = at.value_or(w.now);
        const std::string reason = trimmed(reason_in);

        std::vector<FieldProblem> problems;
        if (!referral_transition_allowed(before.status, to))
            problems.push_back(
                {"status",
                 "cannot go from " + std::string(referral_status_label(before.status)) + " to " +
                     std::string(referral_status_label(to)) +
                     (before.status == ReferralStatus::Declined || before.status == ReferralStatus::Withdrawn
                          ? ": record a new referral instead"
                          : "")});
        if (when > w.now) problems.push_back({"at", "in the future"});
        if (when < before.status_at) problems.push_back({"at", "before the referral's last change"});
        Referral after = before;
        after.status = to;
        after.status_at = when;
        if (to == ReferralStatus::Made) after.made_at = when;
        if (to == ReferralStatus::Accepted || to == ReferralStatus::Declined ||
            to == ReferralStatus::Withdrawn)
            after.outcome_at = when;
        if (referral_status_needs_reason(to)) after.reason = reason;
        for (FieldProblem& fp : problems_for(procedure, who, after, local_date_of))
            problems.push_back(std::move(fp));
        if (!referral_status_needs_reason(to) && !reason.empty()) {
            // A note on another change is kept in the history only, and checked the same way.
            Referral probe = after;
            probe.reason = reason;
            for (FieldProblem& fp : problems_for(procedure, who, probe, local_date_of))
                if (fp.field == "reason") problems.push_back(std::move(fp));
        }
        if (!problems.empty()) throw ReferralRejected(std::move(problems));

        std::optional<Blob> reason_sealed;
        if (referral_status_needs_reason(to)) reason_sealed = seal(w, "reason", id, after.reason);
        w.db.cached("UPDATE referrals SET referral_enc = ?, status_at = ?, made_at = ?, outcome_at = ?, "
                    "reason_enc = coalesce(?, reason_enc), updated_at = ?, updated_by = ?, "
                    "version = version + 1 WHERE id = ? AND version = ?")
            ->bind_all(seal(w, "referral", id, encode_referral(after)), when, after.made_at, after.outcome_at,
                       reason_sealed, w.now, w.user, id, before_record.version)
            .run();
        // Checked against the status read above: another desk's move committed since is not overwritten.
        require_row_written(w.db, "The referral");
        insert_event(w, id, ReferralEventAction::Status, when, before.status, to, {}, reason);
        AuditChanges a;
        a.change("status", referral_status_id(before.status), referral_status_id(to)).value("at", when);
        if (!reason.empty()) a.personal("reason");
        w.audit("status", "referrals", id, a);
    });
    spdlog::info("store: referral #{} for {} {} -> {}", id, reference, referral_status_id(from),
                 referral_status_id(to));
}

// ----------------------------------------------------------------------------------------------- reads

std::vector<ReferralRecord> referrals(const Store& store) {
    return read_referrals(store, std::nullopt, std::nullopt);
}

std::vector<ReferralRecord> referrals_for(const Store& store, PersonId person) {
    return read_referrals(store, person, std::nullopt);
}

std::optional<ReferralRecord> referral(const Store& store, ReferralId id) {
    auto found = read_referrals(store, std::nullopt, id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<ReferralEvent> referral_history(const Store& store, ReferralId id) {
    const FieldCipher c = store.cipher();
    if (!store.can(Permission::RecordReferrals))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not read referrals.");
    std::vector<ReferralEvent> out;
    auto st =
        store.connection_for_reading().cached("SELECT id, at, event_enc, reason_enc, by_user, recorded_at "
                                              "FROM referral_events WHERE referral_id = ? ORDER BY id");
    st->bind(1, id);
    while (st->step()) {
        ReferralEvent e;
        e.id = st->int64_at(0);
        e.referral_id = id;
        e.at = st->int64_at(1);
        const auto plain = c.open("referral_events", "event", e.id, st->blob_at(2));
        std::optional<ReferralEventFacts> facts;
        if (plain) facts = decode_referral_event(*plain);
        if (facts) {
            e.action = event_action_from_id(facts->action);
            e.from_status = facts->from_status;
            e.to_status = facts->to_status;
            for (std::string_view f : split_list(facts->fields, ';'))
                e.fields.emplace_back(f);
        } else {
            spdlog::warn("store: referral_events #{} failed its integrity check", e.id);
            e.reason = std::string(kUnreadable);
        }
        if (!st->is_null(3)) {
            auto reason = c.open("referral_events", "reason", e.id, st->blob_at(3));
            if (!reason) spdlog::warn("store: referral_events #{} failed its integrity check", e.id);
            e.reason = reason.value_or(std::string(kUnreadable));
        }
        e.by_user = st->int64_at(4);
        e.recorded_at = st->int64_at(5);
        out.push_back(std::move(e));
    }
    return out;
}

ReferralOverview referral_overview(const Store& store, UnixSeconds now,
                                   const ReferralOverviewOptions& options) {
    const FieldCipher c = store.cipher();
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
    ReferralOverview out;
    const std::optional<Procedure> procedure = pinned_procedure(store);
    if (!procedure) return out;
    out.procedure_pinned = true;

    Connection& db = store.connection_for_reading();
    std::unordered_map<PersonId, std::size_t> index;
    std::vector<Subject> subjects;
    {
        auto st = db.cached(std::string(kSubjectSelect) + " ORDER BY id");
        while (st->step()) {
            subjects.push_back(read_subject_columns(*st, c));
            index.emplace(subjects.back().id, subjects.size() - 1);
        }
    }
    out.people.resize(subjects.size());
    {
        auto st = db.cached(referral_select(false) + "ORDER BY r.person_id, r.id");
        while (st->step()) {
            ReferralRecord r = read_referral_columns(*st, c, false);
            const auto at = index.find(r.person_id);
            if (at == index.end()) continue;
            PersonReferralOverview& row = out.people[at->second];
            row.referral_ids.push_back(r.id);
            row.referral_since.push_back(r.referral.status_at);
            row.referrals.push_back(std::move(r));
        }
    }

    std::vector<Referral> plain;
    std::vector<PersonAlertInput> inputs;
    inputs.reserve(subjects.size());
    for (std::size_t i = 0; i < subjects.size(); ++i) {
        const Subject& who = subjects[i];
        PersonReferralOverview& row = out.people[i];
        row.person_id = who.id;
        row.reference = who.reference;
        row.arrived_at = who.arrived_at;
        row.departed = who.departed;
        row.in_centre = !who.departed;
        plain.clear();
        for (const ReferralRecord& r : row.referrals)
            plain.push_back(r.referral);
        row.check = check_person_referrals(*procedure, who.person, options.date_of(who.arrived_at),
                                           who.arrived_at, plain, now, who.departure);
        const PersonReferralCheck& check = row.check;
        if (!check.missing.empty()) ++out.people_with_missing;
        out.missing += static_cast<int>(check.missing.size());
        out.overdue += static_cast<int>(check.overdue.size());
        out.contradictions += check.contradictions;
        if (check.age_not_established) ++out.age_not_established;
        if (check.departed_without_referral) ++out.departed_without_referral;
        if (check.undecided || check.consent_not_asked) ++out.undecided;
        out.next_change_at = earliest(out.next_change_at, check.next_due_at);
        if (row.in_centre) {
            const UnixSeconds limit =
                who.arrived_at + static_cast<UnixSeconds>(procedure->info.on_site_warning_hours) * 3600;
            if (limit >= now) out.next_change_at = earliest(out.next_change_at, limit + 1);
        }
    }
    // The inputs point into out.people, which no longer changes size.
    for (const PersonReferralOverview& row : out.people)
        inputs.push_back(PersonAlertInput{row.person_id, row.reference, row.arrived_at, row.in_centre,
                                          &row.check, row.referral_ids, row.referral_since});
    out.alerts = gather_alerts(AlertInputs{&*procedure, inputs, {}, now});
    return out;
}

std::optional<PromptSheet> referral_prompt_sheet(const Store& store, ReferralId id,
                                                 const std::function<Date(UnixSeconds)>& date_of) {
    std::optional<ReferralRecord> r = referral(store, id); // checks the permission
    if (!r) throw StoreError(ErrorKind::InvalidInput, "There is no referral #" + std::to_string(id) + ".");
    if (r->referral.type != ReferralType::Nrm && r->referral.type != ReferralType::DutyToNotify)
        return std::nullopt;
    const Procedure procedure = require_procedure(store);
    const Subject who = require_subject(store.connection_for_reading(), store.cipher(), r->person_id);
    return rc::referral_prompt_sheet(procedure, who.person, date_of(who.arrived_at), r->referral);
}

} // namespace rc::store
