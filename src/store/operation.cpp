#include "store/operation.hpp"

#include "domain/procedure_loader.hpp"
#include "store/people.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

constexpr std::size_t kMaxReason = 2000;
constexpr std::size_t kMaxBy = 200;
constexpr UnixSeconds kDay = 24 * 60 * 60;

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// "there is no action 'x'" -> "There is no action 'x'."
std::string sentence(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    if (!s.empty() && s.back() != '.') s += '.';
    return s;
}

std::string lower_first(std::string_view label) {
    std::string s(label);
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

Tier tier_or_small(const std::string& id) {
    return tier_from_id(id).value_or(Tier::Small);
}

std::string short_hash(std::string_view sha256) {
    return std::string(sha256.substr(0, 12));
}

bool has_activation(Connection& db) {
    return db.query_int("SELECT count(*) FROM activation") != 0;
}

std::string user_display_name(WriteContext& w) {
    auto st = w.db.cached("SELECT name_enc FROM users WHERE id = ?");
    st->bind(1, w.user);
    if (!st->step()) return {};
    return w.cipher.open("users", "name", w.user, st->blob_at(0)).value_or("");
}

std::optional<RecordedOutcome> latest_outcome(Connection& db, std::string_view action_id) {
    auto st = db.cached("SELECT outcome FROM action_records WHERE action_id = ? ORDER BY id DESC LIMIT 1");
    st->bind(1, action_id);
    if (!st->step()) return std::nullopt;
    return recorded_outcome_from_id(st->text_at(0));
}

std::int64_t append_action_record(Store& store, std::string_view action_id, RecordedOutcome outcome,
                                  std::string_view reason_in, std::string_view by_in) {
    const std::string reason = trimmed(reason_in);
    const std::string by_given = trimmed(by_in);
    if (reason.size() > kMaxReason)
        throw StoreError(ErrorKind::InvalidInput, "The reason is too long (more than 2000 characters).");
    if (by_given.size() > kMaxBy)
        throw StoreError(ErrorKind::InvalidInput, "Who did it is too long (more than 200 characters).");
    const std::optional<Procedure> procedure = pinned_procedure(store);
    if (!procedure)
        throw StoreError(
            ErrorKind::InvalidInput,
            "The centre has not been activated, so there is no procedure to record actions against.",
            "Activate the centre first.");
    return store.write(Permission::ManageCentre, [&](WriteContext& w) {
        const std::string by = by_given.empty() ? user_display_name(w) : by_given;
        if (outcome == RecordedOutcome::Reopened) {
            if (!find_action(*procedure, action_id))
                throw StoreError(ErrorKind::InvalidInput, "There is no action '" + std::string(action_id) +
                                                              "' in the pinned procedure.");
            auto latest = latest_outcome(w.db, action_id);
            if (!latest || *latest == RecordedOutcome::Reopened)
                throw StoreError(ErrorKind::InvalidInput,
                                 "Action '" + std::string(action_id) +
                                     "' is not done or marked not applicable: there is nothing to reopen.");
        } else {
            const ActionRecord r{std::string(action_id),
                                 outcome == RecordedOutcome::Done ? ActionOutcome::Done
                                                                  : ActionOutcome::NotApplicable,
                                 by, w.now, reason};
            if (std::string problem = check_action_record(*procedure, r); !problem.empty())
                throw StoreError(ErrorKind::InvalidInput, sentence(problem));
        }
        const std::int64_t id = w.next_id("action_records");
        std::optional<Blob> reason_sealed;
        if (!reason.empty()) reason_sealed = w.cipher.seal("action_records", "reason", id, reason);
        w.db.cached("INSERT INTO action_records (id, action_id, outcome, at, by_user, by_enc, reason_enc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(id, action_id, recorded_outcome_id(outcome), w.now, w.user,
                       w.cipher.seal("action_records", "by", id, by), reason_sealed)
            .run();
        AuditChanges c;
        c.value("action_id", action_id).value("outcome", recorded_outcome_id(outcome)).personal("by");
        if (reason_sealed) c.personal("reason");
        w.audit("insert", "action_records", id, c);
        return id;
    });
}

} // namespace

// ------------------------------------------------------------------------------------------- activation

InvalidProcedure::InvalidProcedure(std::string_view source, std::vector<Diagnostic> diagnostics)
    : StoreError(ErrorKind::InvalidInput,
                 std::string(source) + " has " + std::to_string(diagnostics.size()) +
                     (diagnostics.size() == 1 ? " problem" : " problems") + "; the centre was not activated.",
                 "Each problem says where it is (file:line:column). Fix them, check the file with "
                 "`reception-console procedure check FILE`, and activate again."),
      diagnostics_(std::move(diagnostics)) {}

ActivationProposal propose_activation(const Store& store, int expected_people,
                                      std::string_view procedure_text, std::string_view procedure_source) {
    ActivationProposal out;
    ProcedureLoadResult loaded = parse_procedure(procedure_text, procedure_source);
    if (!loaded.ok()) {
        out.diagnostics = std::move(loaded.diagnostics);
        return out;
    }
    out.proposed_tier = propose_tier(*loaded.procedure, expected_people);
    out.venues_that_fit = venues_that_fit(venues(store), expected_people);
    return out;
}

ActivationResult activate(Store& store, const ActivationRequest& r) {
    if (r.expected_people < 1 || r.expected_people > max_people)
        throw StoreError(ErrorKind::InvalidInput,
                         "The expected number of people must be from 1 to " + std::to_string(max_people) +
                             ".",
                         "Give your best estimate; the tier can be raised later if more people arrive.");
    const std::string source = r.procedure_source.empty() ? "the procedure" : r.procedure_source;
    ProcedureLoadResult loaded = parse_procedure(r.procedure_text, source);
    if (!loaded.ok()) throw InvalidProcedure(source, std::move(loaded.diagnostics));
    const Procedure& procedure = *loaded.procedure;
    const Tier proposed = propose_tier(procedure, r.expected_people);
    const Tier tier = r.tier.value_or(proposed);
    const std::string source_file = std::filesystem::path(source).filename().string();

    ActivationResult result;
    store.write(Permission::ManageCentre, [&](WriteContext& w) {
        const Centre before = read_centre(w.db);
        if (before.status != CentreStatus::Standby || has_activation(w.db))
            throw StoreError(ErrorKind::InvalidInput,
                             "The centre is already " + lower_first(centre_status_label(before.status)) +
                                 "; a centre is activated once, from standby.",
                             "To run another operation, create a new centre database.");
        if (r.expected_arrival_at &&
            (*r.expected_arrival_at < w.now - kDay || *r.expected_arrival_at > w.now + 7 * kDay))
            throw StoreError(ErrorKind::InvalidInput,
                             "The expected arrival time is more than a day ago or more than a week ahead.",
                             "Check the date and time, or leave it empty.");
        std::optional<Venue> venue;
        if (!trimmed(r.venue).empty()) {
            venue = find_venue(store, trimmed(r.venue));
            if (!venue)
                throw StoreError(ErrorKind::InvalidInput,
                                 "There is no venue called '" + trimmed(r.venue) + "' in the register.",
                                 "Add it to the venues (or import the register) first, or activate without a "
                                 "venue.");
        }
        const CentreDetails details{r.name, before.code, venue ? venue->details.name : before.venue, tier,
                                    r.expected_people};
        if (auto p = centre_details_problem(details)) throw StoreError(ErrorKind::InvalidInput, *p);

        w.db.cached("UPDATE centre SET name = ?, venue = ?, tier = ?, expected_people = ?, status = 'open', "
                    "activated_at = ? WHERE id = 1")
            ->bind_all(details.name, details.venue, tier_id(tier), details.expected_people, w.now)
            .run();
        AuditChanges cc;
        if (before.name != details.name) cc.change("name", before.name, details.name);
        if (before.venue != details.venue) cc.change("venue", before.venue, details.venue);
        if (before.tier != tier) cc.change("tier", tier_id(before.tier), tier_id(tier));
        if (before.expected_people != details.expected_people)
            cc.change("expected_people", before.expected_people, details.expected_people);
        cc.change("status", centre_status_id(before.status), centre_status_id(CentreStatus::Open));
        cc.change("activated_at", before.activated_at, w.now);
        w.audit("update", "centre", 1, cc);

        PinnedProcedureInfo& pin = result.pinned;
        pin = PinnedProcedureInfo{
            procedure.info.name, procedure.info.version, source_file, procedure.source_sha256, w.now, w.user};
        w.db.cached("INSERT INTO pinned_procedure (id, name, version, source_name, text, sha256, pinned_at, "
                    "pinned_by) VALUES (1, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(pin.name, pin.version, pin.source_name, std::string_view(r.procedure_text), pin.sha256,
                       pin.pinned_at, pin.pinned_by)
            .run();
        w.audit("insert", "pinned_procedure", 1,
                AuditChanges()
                    .value("name", pin.name)
                    .value("version", pin.version)
                    .value("source_name", pin.source_name)
                    .value("sha256", pin.sha256)
                    .value("bytes", static_cast<std::int64_t>(r.procedure_text.size())));

        Activation& a = result.activation;
        a = Activation{w.now,    w.user, r.expected_people, r.expected_arrival_at,
                       proposed, tier,   std::nullopt,      venue ? venue->details.name : std::string()};
        if (venue) a.venue_id = venue->id;
        w.db.cached("INSERT INTO activation (id, activated_at, activated_by, expected_people, "
                    "expected_arrival_at, proposed_tier, tier, venue_id, venue_name) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(a.activated_at, a.activated_by, a.expected_people, a.expected_arrival_at,
                       tier_id(a.proposed_tier), tier_id(a.tier), a.venue_id, a.venue_name)
            .run();
        AuditChanges ac;
        ac.value("expected_people", a.expected_people)
            .value("proposed_tier", tier_id(a.proposed_tier))
            .value("tier", tier_id(a.tier));
        if (a.expected_arrival_at) ac.value("expected_arrival_at", *a.expected_arrival_at);
        if (a.venue_id) ac.value("venue_id", *a.venue_id);
        w.audit("insert", "activation", 1, ac);

        std::string text = "Centre activated: " + details.name + ". " + std::string(tier_label(tier)) +
                           " tier for " + std::to_string(a.expected_people) + " people expected";
        if (tier != proposed) text += " (the procedure proposes " + std::string(tier_label(proposed)) + ")";
        text += ".";
        if (a.expected_arrival_at)
            text += " First arrivals expected " + format_local_time(*a.expected_arrival_at) + ".";
        text += venue ? " Venue: " + venue->details.name + "." : " No venue chosen yet.";
        text += " Procedure pinned: " + pin.name + " v" + pin.version + " (" + pin.source_name +
                ", SHA-256 " + short_hash(pin.sha256) + ").";
        result.log_entry = insert_log(w, text, LogKind::Automatic);
        result.venue = venue;
        result.venue_fits = !venue || venue->details.capacity >= r.expected_people;
    });
    spdlog::info("store: centre activated at {} tier, procedure {} pinned", tier_id(tier),
                 short_hash(result.pinned.sha256));
    return result;
}

std::optional<Activation> activation(const Store& store) {
    auto st = store.connection_for_reading().cached(
        "SELECT activated_at, activated_by, expected_people, expected_arrival_at, proposed_tier, tier, "
        "venue_id, venue_name FROM activation WHERE id = 1");
    if (!st->step()) return std::nullopt;
    Activation a;
    a.activated_at = st->int64_at(0);
    a.activated_by = st->int64_at(1);
    a.expected_people = st->get<int>(2);
    a.expected_arrival_at = st->get<std::optional<std::int64_t>>(3);
    a.proposed_tier = tier_or_small(st->text_at(4));
    a.tier = tier_or_small(st->text_at(5));
    a.venue_id = st->get<std::optional<std::int64_t>>(6);
    a.venue_name = st->text_at(7);
    return a;
}

std::optional<PinnedProcedureInfo> pinned_procedure_info(const Store& store) {
    auto st = store.connection_for_reading().cached(
        "SELECT name, version, source_name, sha256, pinned_at, pinned_by FROM pinned_procedure WHERE id = 1");
    if (!st->step()) return std::nullopt;
    PinnedProcedureInfo p;
    std::tie(p.name, p.version, p.source_name, p.sha256, p.pinned_at, p.pinned_by) =
        st->row<std::string, std::string, std::string, std::string, std::int64_t, std::int64_t>();
    return p;
}

std::optional<std::string> pinned_procedure_text(const Store& store) {
    auto st = store.connection_for_reading().cached("SELECT text FROM pinned_procedure WHERE id = 1");
    if (!st->step()) return std::nullopt;
    return st->text_at(0);
}

std::optional<Procedure> pinned_procedure(const Store& store) {
    auto info = pinned_procedure_info(store);
    auto text = pinned_procedure_text(store);
    if (!info || !text) return std::nullopt;
    const std::string where = store.path().string();
    if (procedure_hash(*text) != info->sha256)
        throw StoreError(ErrorKind::Corrupt,
                         "The procedure pinned in " + where + " does not match its recorded fingerprint.",
                         restore_advice(where));
    ProcedureLoadResult loaded = parse_procedure(*text, "pinned " + info->source_name);
    if (!loaded.ok()) {
        const std::string first = loaded.diagnostics.empty() ? "" : format_diagnostic(loaded.diagnostics[0]);
        throw StoreError(ErrorKind::Corrupt,
                         "The procedure pinned in " + where + " can no longer be read: " + first,
                         "It was accepted when the centre was activated; this version of Reception Console "
                         "reads it differently. Use the version the centre was activated with.");
    }
    return std::move(loaded.procedure);
}

std::optional<UnixSeconds> first_arrival_at(const Store& store) {
    return earliest_arrival_at(store);
}

std::optional<OperationTimes> operation_times(const Store& store) {
    auto a = activation(store);
    if (!a) return std::nullopt;
    return OperationTimes{a->activated_at, first_arrival_at(store)};
}

// ------------------------------------------------------------------------------------------------ tier

void raise_tier(Store& store, Tier new_tier, std::string_view reason_in) {
    const std::string reason = trimmed(reason_in);
    if (reason.empty())
        throw StoreError(ErrorKind::InvalidInput, "Say why the tier is raised.",
                         "For example: a second coach of 14 people is on its way.");
    if (reason.size() > kMaxReason)
        throw StoreError(ErrorKind::InvalidInput, "The reason is too long (more than 2000 characters).");
    Tier from = Tier::Small;
    store.write(Permission::ManageCentre, [&](WriteContext& w) {
        const Centre c = read_centre(w.db);
        from = c.tier;
        if (!has_activation(w.db))
            throw StoreError(ErrorKind::InvalidInput, "The centre has not been activated yet.",
                             "Choose the tier when you activate the centre.");
        if (c.status == CentreStatus::Closed)
            throw StoreError(ErrorKind::InvalidInput, "The centre is closed; its tier can no longer change.");
        if (tier_index(new_tier) <= tier_index(c.tier))
            throw StoreError(ErrorKind::InvalidInput, "The centre is already at the " +
                                                          std::string(tier_label(c.tier)) +
                                                          " tier; the tier can only be raised.");
        const std::int64_t id = w.next_id("tier_changes");
        w.db.cached("INSERT INTO tier_changes (id, at, by_user, from_tier, to_tier, reason_enc) "
                    "VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(id, w.now, w.user, tier_id(c.tier), tier_id(new_tier),
                       w.cipher.seal("tier_changes", "reason", id, reason))
            .run();
        w.audit(
            "insert", "tier_changes", id,
            AuditChanges().value("from", tier_id(c.tier)).value("to", tier_id(new_tier)).personal("reason"));
        w.db.cached("UPDATE centre SET tier = ? WHERE id = 1")->bind_all(tier_id(new_tier)).run();
        w.audit("update", "centre", 1, AuditChanges().change("tier", tier_id(c.tier), tier_id(new_tier)));
        insert_log(w,
                   "Tier raised from " + std::string(tier_label(c.tier)) + " to " +
                       std::string(tier_label(new_tier)) + ": " + reason,
                   LogKind::Automatic);
    });
    spdlog::info("store: tier raised from {} to {}", tier_id(from), tier_id(new_tier));
}

void revise_expected(Store& store, int expected_people, std::string_view reason_in) {
    const std::string reason = trimmed(reason_in);
    if (expected_people < 1 || expected_people > max_people)
        throw StoreError(ErrorKind::InvalidInput,
                         "The expected number must be from 1 to " + std::to_string(max_people) + ".",
                         "Give the number of people now expected in total, including those already here.");
    if (reason.size() > kMaxReason)
        throw StoreError(ErrorKind::InvalidInput, "The reason is too long (more than 2000 characters).");
    int from = 0;
    store.write(Permission::ManageCentre, [&](WriteContext& w) {
        const Centre c = read_centre(w.db);
        from = c.expected_people;
        if (!has_activation(w.db))
            throw StoreError(ErrorKind::InvalidInput, "The centre has not been activated yet.",
                             "Give the expected number when you activate the centre.");
        if (c.status == CentreStatus::Closed)
            throw StoreError(ErrorKind::InvalidInput,
                             "The centre is closed; its expected number can no longer change.");
        if (expected_people == c.expected_people) return;
        w.db.cached("UPDATE centre SET expected_people = ? WHERE id = 1")->bind_all(expected_people).run();
        AuditChanges a;
        a.change("expected_people", c.expected_people, expected_people);
        if (!reason.empty()) a.personal("expected_people_reason"); // free text: in the log, not the audit
        w.audit("update", "centre", 1, a);
        insert_log(w,
                   "Expected number revised from " + std::to_string(c.expected_people) + " to " +
                       std::to_string(expected_people) + (reason.empty() ? std::string() : ": " + reason),
                   LogKind::Automatic);
    });
    spdlog::info("store: expected number revised from {} to {}", from, expected_people);
}

std::vector<TierChange> tier_changes(const Store& store) {
    FieldCipher c = store.cipher();
    std::vector<TierChange> out;
    auto st = store.connection_for_reading().cached(
        "SELECT id, at, by_user, from_tier, to_tier, reason_enc FROM tier_changes ORDER BY id");
    while (st->step()) {
        TierChange t;
        t.id = st->int64_at(0);
        t.at = st->int64_at(1);
        t.by = st->int64_at(2);
        t.from = tier_or_small(st->text_at(3));
        t.to = tier_or_small(st->text_at(4));
        t.reason = c.open("tier_changes", "reason", t.id, st->blob_at(5))
                       .value_or("[unreadable: failed its integrity check]");
        out.push_back(std::move(t));
    }
    return out;
}

// -------------------------------------------------------------------------------------- action records

std::string_view recorded_outcome_id(RecordedOutcome o) {
    switch (o) {
    case RecordedOutcome::Done:
        return "done";
    case RecordedOutcome::NotApplicable:
        return "not_applicable";
    case RecordedOutcome::Reopened:
        return "reopened";
    }
    return "done";
}

std::optional<RecordedOutcome> recorded_outcome_from_id(std::string_view id) {
    for (RecordedOutcome o :
         {RecordedOutcome::Done, RecordedOutcome::NotApplicable, RecordedOutcome::Reopened})
        if (recorded_outcome_id(o) == id) return o;
    return std::nullopt;
}

std::int64_t record_action(Store& store, std::string_view action_id, ActionOutcome outcome,
                           std::string_view reason, std::string_view by) {
    return append_action_record(
        store, action_id,
        outcome == ActionOutcome::Done ? RecordedOutcome::Done : RecordedOutcome::NotApplicable, reason, by);
}

std::int64_t reopen_action(Store& store, std::string_view action_id, std::string_view reason) {
    return append_action_record(store, action_id, RecordedOutcome::Reopened, reason, {});
}

std::vector<StoredActionRecord> action_history(const Store& store) {
    FieldCipher c = store.cipher();
    std::vector<StoredActionRecord> out;
    auto st = store.connection_for_reading().cached(
        "SELECT id, action_id, outcome, at, by_user, by_enc, reason_enc FROM action_records ORDER BY id");
    while (st->step()) {
        StoredActionRecord r;
        r.id = st->int64_at(0);
        r.action_id = st->text_at(1);
        r.outcome = recorded_outcome_from_id(st->text_at(2)).value_or(RecordedOutcome::Done);
        r.at = st->int64_at(3);
        r.by_user = st->int64_at(4);
        r.by = c.open("action_records", "by", r.id, st->blob_at(5)).value_or("[unreadable]");
        if (!st->is_null(6))
            r.reason = c.open("action_records", "reason", r.id, st->blob_at(6))
                           .value_or("[unreadable: failed its integrity check]");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<ActionRecord> action_records(const Store& store) {
    std::vector<StoredActionRecord> history = action_history(store);
    std::map<std::string, std::size_t> latest; // action id -> index into history
    for (std::size_t i = 0; i < history.size(); ++i)
        latest[history[i].action_id] = i;
    std::vector<std::size_t> counting;
    for (const auto& [id, index] : latest)
        if (history[index].outcome != RecordedOutcome::Reopened) counting.push_back(index);
    std::sort(counting.begin(), counting.end());
    std::vector<ActionRecord> out;
    for (std::size_t i : counting) {
        StoredActionRecord& r = history[i];
        out.push_back(ActionRecord{std::move(r.action_id),
                                   r.outcome == RecordedOutcome::Done ? ActionOutcome::Done
                                                                      : ActionOutcome::NotApplicable,
                                   std::move(r.by), r.at, std::move(r.reason)});
    }
    return out;
}

} // namespace rc::store
