// Support bag stock: the ledger's writes (each checked against the balances inside its own
// transaction) and reads. The stores are in stock_stores.cpp, a delivery note in stock_delivery.cpp.
#include "store/stock.hpp"

#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/operation.hpp"
#include "store/stock_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace stock_detail {

// ---- the procedure's bag kinds and plans ------------------------------------------------------------

// The pinned procedure never changes (triggers refuse it), so it is parsed once per hash.
std::shared_ptr<const Procedure> bag_procedure(const Store& store) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const Procedure>> cache;
    const std::optional<PinnedProcedureInfo> info = pinned_procedure_info(store);
    const std::string key = info ? info->sha256 : std::string("built-in");
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    std::optional<Procedure> p;
    if (info) {
        p = pinned_procedure(store);
    } else {
        ProcedureLoadResult r = parse_procedure(default_procedure_text(), default_procedure_name);
        p = std::move(r.procedure);
    }
    if (!p)
        throw StoreError(ErrorKind::Corrupt, "The procedure's bag kinds cannot be read.",
                         "Check the procedure with `reception-console procedure check`.");
    auto shared = std::make_shared<const Procedure>(std::move(*p));
    std::lock_guard lock(mutex);
    return cache.emplace(key, std::move(shared)).first->second;
}

std::string kind_ids(const std::vector<BagKind>& kinds) {
    std::string out;
    for (const BagKind& k : kinds)
        out += (out.empty() ? "" : ", ") + k.id;
    return out;
}

StockNames read_names(Connection& db, const std::vector<BagKind>& kinds) {
    StockNames names;
    for (const StockStore& s : read_stores(db))
        names.stores.emplace(s.id, s.details.name);
    for (const BagKind& k : kinds)
        names.bag_kinds.emplace(k.id, k.name);
    return names;
}

// ---- movements --------------------------------------------------------------------------------------

constexpr const char* kMovementColumns =
    "SELECT m.id, m.kind, m.bag_kind, m.quantity, m.from_store, m.to_store, "
    "m.person_id, m.write_off, m.supplier, m.reverses, m.at, m.by_user, "
    "m.note_enc";

// Everything but the sealed note.
StockMovement read_movement(const Statement& st) {
    StockMovement m;
    m.id = st.int64_at(0);
    m.kind = movement_kind_from_id(st.text_at(1)).value_or(MovementKind::Adjustment);
    m.bag_kind = st.text_at(2);
    m.quantity = st.get<int>(3);
    m.from_store = st.get<std::optional<std::int64_t>>(4);
    m.to_store = st.get<std::optional<std::int64_t>>(5);
    m.person = st.get<std::optional<std::int64_t>>(6);
    if (!st.is_null(7)) m.write_off = write_off_reason_from_id(st.text_at(7));
    m.supplier = st.get<std::optional<std::string>>(8).value_or("");
    m.reverses = st.get<std::optional<std::int64_t>>(9);
    m.at = st.int64_at(10);
    return m;
}

std::optional<StockMovement> movement_in(Connection& db, StockMovementId id) {
    auto st = db.cached(std::string(kMovementColumns) + " FROM stock_movements m WHERE m.id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_movement(*st);
}

std::optional<StockMovementId> reversal_in(Connection& db, StockMovementId id) {
    auto st = db.cached("SELECT id FROM stock_movements WHERE reverses = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return st->int64_at(0);
}

constexpr const char* kBalanceSelect =
    "SELECT bag_kind, store, sum(delta) FROM ("
    "SELECT bag_kind, to_store AS store, quantity AS delta FROM stock_movements WHERE to_store IS NOT NULL%s "
    "UNION ALL "
    "SELECT bag_kind, from_store, -quantity FROM stock_movements WHERE from_store IS NOT NULL%s) AS deltas "
    "GROUP BY bag_kind, store ORDER BY bag_kind, store";

std::string balance_sql(bool one_kind) {
    std::string sql = kBalanceSelect;
    const std::string filter = one_kind ? " AND bag_kind = ?1" : "";
    for (std::size_t at = sql.find("%s"); at != std::string::npos; at = sql.find("%s"))
        sql.replace(at, 2, filter);
    return sql;
}

// Sums in SQL rather than replaying the ledger: a check at the desk stays fast at 50,000 movements.
StockBalances read_balances(Connection& db, std::optional<std::string_view> bag_kind) {
    StockBalances b;
    auto st = db.cached(balance_sql(bag_kind.has_value()));
    if (bag_kind) st->bind(1, *bag_kind);
    while (st->step())
        b.add(st->text_at(0), st->int64_at(1), static_cast<int>(st->int64_at(2)));
    return b;
}

Permission permission_for(MovementKind k) {
    switch (k) {
    case MovementKind::Received:
    case MovementKind::Issued:
    case MovementKind::Transferred:
    case MovementKind::Returned:
        return Permission::HandleStock;
    case MovementKind::WrittenOff:
    case MovementKind::Adjustment:
    case MovementKind::Reversal:
        return Permission::ManageStock;
    }
    return Permission::ManageStock;
}

// Checks the movement against everything the database holds now and inserts it with its audit row.
// Throws StoreError(InvalidInput) and writes nothing when it is refused.
StockMovementId insert_checked(WriteContext& w, StockMovement m, const std::vector<BagKind>& kinds) {
    m.id = 0;
    m.at = w.now;
    m.supplier = std::string(trim_space(m.supplier));
    m.note = std::string(trim_space(m.note));
    if (auto p = movement_problem(m)) throw StoreError(ErrorKind::InvalidInput, *p);
    const bool known_kind =
        std::any_of(kinds.begin(), kinds.end(), [&](const BagKind& k) { return k.id == m.bag_kind; });
    if (!known_kind && m.kind != MovementKind::Reversal)
        throw StoreError(ErrorKind::InvalidInput, "'" + m.bag_kind + "' is not a bag kind of the procedure.",
                         "The kinds are " + kind_ids(kinds) + ".");
    for (const auto& s : {m.from_store, m.to_store})
        if (s) require_store(w.db, *s);
    if (m.person) {
        auto st = w.db.cached("SELECT 1 FROM people WHERE id = ?");
        st->bind(1, *m.person);
        if (!st->step())
            throw StoreError(ErrorKind::InvalidInput,
                             "There is no person #" + std::to_string(*m.person) + ".",
                             "Choose the person from the list of people received.");
    }
    if (m.kind == MovementKind::Reversal) {
        const std::optional<StockMovement> original = movement_in(w.db, *m.reverses);
        if (auto r = reversal_refusal(m, original ? &*original : nullptr, reversal_in(w.db, *m.reverses)))
            throw StoreError(ErrorKind::InvalidInput, r->problem, r->advice);
    }
    if (m.from_store) {
        // Two desks issuing the last bag at once: the second waits for the first to commit and then
        // sees the balance it left (the store's row lock; SQLite's single writer queues them anyway).
        w.db.lock_row("stock_stores", *m.from_store);
        const StockBalances balances = read_balances(w.db, m.bag_kind);
        if (auto r = shortage_refusal(m, balances, read_names(w.db, kinds)))
            throw StoreError(ErrorKind::InvalidInput, r->problem, r->advice);
    }

    const StockMovementId id = w.next_id("stock_movements");
    std::optional<Blob> note;
    if (!m.note.empty()) note = w.cipher.seal("stock_movements", "note", id, m.note);
    std::optional<std::string> write_off, supplier;
    if (m.write_off) write_off = std::string(write_off_reason_id(*m.write_off));
    if (m.kind == MovementKind::Received) supplier = m.supplier;
    w.db.cached("INSERT INTO stock_movements (id, kind, bag_kind, quantity, from_store, to_store, person_id, "
                "write_off, supplier, note_enc, reverses, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?)")
        ->bind_all(id, movement_kind_id(m.kind), m.bag_kind, m.quantity, m.from_store, m.to_store, m.person,
                   write_off, supplier, note, m.reverses, m.at, w.user)
        .run();

    AuditChanges a;
    a.value("kind", movement_kind_id(m.kind)).value("bag_kind", m.bag_kind).value("quantity", m.quantity);
    if (m.from_store) a.value("from_store", *m.from_store);
    if (m.to_store) a.value("to_store", *m.to_store);
    if (m.person) a.value("person_id", *m.person);
    if (write_off) a.value("write_off", *write_off);
    if (supplier) a.value("supplier", *supplier);
    if (m.reverses) a.value("reverses", *m.reverses);
    if (note) a.personal("note");
    w.audit("insert", "stock_movements", id, a);
    return id;
}

void require_viewer(const Store& store) {
    if (!store.can(Permission::ViewOnSite))
        throw StoreError(ErrorKind::NotPermitted, "Your role may not see who is on site.");
}

StockLedger read_ledger(const Store& store, const std::vector<BagKind>& kinds) {
    Connection& db = store.connection_for_reading();
    StockLedger ledger(read_names(db, kinds));
    auto st = db.cached(std::string(kMovementColumns) + " FROM stock_movements m ORDER BY m.id");
    while (st->step())
        ledger.load(read_movement(*st));
    return ledger;
}

std::vector<StockStoreId> centre_stores(Connection& db) {
    std::vector<StockStoreId> out;
    auto st = db.cached("SELECT id FROM stock_stores WHERE kind = 'centre' ORDER BY id");
    while (st->step())
        out.push_back(st->int64_at(0));
    return out;
}

StockForecastInput forecast_input(const Store& store, const Procedure& p) {
    StockForecastInput in;
    const Centre centre = store.centre();
    in.tier = centre.tier;
    in.kinds = p.bag_kinds;
    in.plan = bag_plan(p, centre.tier);
    in.expected_people = centre.expected_people;
    in.centre_stores = centre_stores(store.connection_for_reading());
    return in;
}

BagKindSuggestion suggestion(const PersonRecord& r, const std::vector<BagKind>& kinds) {
    return suggest_bag_kind(r.person, local_date_of(r.journey.arrived_at.value_or(r.created_at)), kinds);
}

} // namespace stock_detail

using namespace stock_detail;

// ---- bag kinds --------------------------------------------------------------------------------------

std::vector<BagKind> stock_bag_kinds(const Store& store) {
    return bag_procedure(store)->bag_kinds;
}

// ---- movements --------------------------------------------------------------------------------------

StockMovementId record_movement(Store& store, const StockMovement& movement, const SaveKey& key) {
    const std::vector<BagKind> kinds = stock_bag_kinds(store);
    const StockMovementId id =
        store
            .save(permission_for(movement.kind), key, "stock_movement",
                  [&](WriteContext& w) {
                      return std::vector<std::int64_t>{insert_checked(w, movement, kinds)};
                  })
            .ids.at(0);
    spdlog::info("store: stock movement #{} ({}) recorded", id, movement_kind_id(movement.kind));
    return id;
}

BagKindSuggestion suggest_bag_for(const Store& store, const PersonRecord& person) {
    return suggestion(person, stock_bag_kinds(store));
}

StockMovementId issue_bag(Store& store, PersonId person, std::string_view bag_kind, StockStoreId from,
                          const SaveKey& key) {
    return record_movement(store, issue(std::string(bag_kind), from, person), key);
}

StockMovementId reverse_movement(Store& store, StockMovementId id, std::string_view reason) {
    const std::vector<BagKind> kinds = stock_bag_kinds(store);
    const StockMovementId new_id = store.write(Permission::ManageStock, [&](WriteContext& w) {
        const std::optional<StockMovement> original = movement_in(w.db, id);
        if (!original)
            throw StoreError(ErrorKind::InvalidInput,
                             "There is no movement #" + std::to_string(id) + " to reverse.",
                             "Choose a movement from the stock ledger.");
        return insert_checked(w, reversal_of(*original, std::string(reason)), kinds);
    });
    spdlog::info("store: stock movement #{} reversed by #{}", id, new_id);
    return new_id;
}

std::vector<StockMovementId> apply_stocktake(Store& store, std::span<const StockCount> counts,
                                             std::string_view note) {
    const std::vector<BagKind> kinds = stock_bag_kinds(store);
    std::vector<StockMovementId> ids = store.write(Permission::ManageStock, [&](WriteContext& w) {
        // Every store at once, in one order, before counting: no desk can move bags in between, and
        // two stocktakes cannot each hold a store the other waits for.
        auto ids_st = w.db.cached("SELECT id FROM stock_stores ORDER BY id");
        std::vector<StockStoreId> stores;
        while (ids_st->step())
            stores.push_back(ids_st->int64_at(0));
        ids_st->reset();
        for (StockStoreId s : stores)
            w.db.lock_row("stock_stores", s);
        const StockNames names = read_names(w.db, kinds);
        const StocktakePlan plan = plan_stocktake(read_balances(w.db, std::nullopt), counts, names, note);
        if (!plan.ok()) {
            std::string all;
            for (const std::string& p : plan.problems)
                all += (all.empty() ? "" : " ") + p;
            throw StoreError(ErrorKind::InvalidInput, all,
                             "Nothing was recorded: correct the counts and try again.");
        }
        std::vector<StockMovementId> out;
        for (const StockMovement& m : plan.adjustments)
            out.push_back(insert_checked(w, m, kinds));
        return out;
    });
    spdlog::info("store: stocktake of {} counts recorded {} adjustments", counts.size(), ids.size());
    return ids;
}

// ---- reads ------------------------------------------------------------------------------------------

std::vector<StockMovementRecord> stock_movements(const Store& store) {
    const FieldCipher c = store.cipher(); // throws SignedOut while locked
    require_viewer(store);
    std::vector<StockMovementRecord> out;
    auto st = store.connection_for_reading().cached(
        std::string(kMovementColumns) + ", p.reference, r.id FROM stock_movements m "
                                        "LEFT JOIN people p ON p.id = m.person_id "
                                        "LEFT JOIN stock_movements r ON r.reverses = m.id ORDER BY m.id");
    while (st->step()) {
        StockMovementRecord r;
        r.movement = read_movement(*st);
        r.by_user = st->int64_at(11);
        if (!st->is_null(12)) {
            auto note = c.open("stock_movements", "note", r.movement.id, st->blob_at(12));
            if (!note)
                spdlog::warn("store: stock_movements #{} note failed its integrity check", r.movement.id);
            r.movement.note = note.value_or("[unreadable: failed its integrity check]");
        }
        r.person_reference = st->get<std::optional<std::string>>(13).value_or("");
        r.reversed_by = st->get<std::optional<std::int64_t>>(14);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<StockBalance> stock_balances(const Store& store) {
    return read_balances(store.connection_for_reading(), std::nullopt).all();
}

StockLedger stock_ledger(const Store& store) {
    return read_ledger(store, stock_bag_kinds(store));
}

std::vector<IssuedBag> bags_issued_to(const Store& store, PersonId person) {
    (void)store.cipher(); // signed in
    require_viewer(store);
    std::vector<IssuedBag> out;
    auto st = store.connection_for_reading().cached(
        std::string(kMovementColumns) +
        ", EXISTS (SELECT 1 FROM stock_movements r WHERE r.reverses = m.id) FROM stock_movements m "
        "WHERE m.person_id = ? ORDER BY m.id");
    st->bind(1, person);
    while (st->step()) {
        const StockMovement m = read_movement(*st);
        IssuedBag b;
        b.movement = m.id;
        b.kind = m.kind;
        b.bag_kind = m.bag_kind;
        b.quantity = bags_to_person(m);
        b.store = m.from_store ? m.from_store : m.to_store;
        b.at = m.at;
        b.reversed = st->int64_at(13) != 0;
        out.push_back(std::move(b));
    }
    return out;
}

int bags_held_by(const Store& store, PersonId person) {
    int held = 0;
    for (const IssuedBag& b : bags_issued_to(store, person))
        held += b.quantity;
    return held;
}

StockForecast stock_forecast(const Store& store) {
    const std::vector<PersonRecord> everyone = people(store); // signed in, ViewOnSite
    const std::shared_ptr<const Procedure> p = bag_procedure(store);
    const StockLedger ledger = read_ledger(store, p->bag_kinds);
    StockForecastInput in = forecast_input(store, *p);
    in.received_people = static_cast<int>(everyone.size());
    for (const PersonRecord& r : everyone) {
        if (!(r.journey.on_site || r.journey.temporarily_out)) continue;
        if (ledger.bags_held_by(r.id) > 0) continue;
        const BagKindSuggestion s = suggestion(r, p->bag_kinds);
        if (!s.bag_kind.empty()) ++in.waiting[s.bag_kind];
    }
    return forecast_stock(in, ledger.balances(), ledger.names());
}

std::vector<StockAlert> low_stock_alerts(const Store& store) {
    const std::shared_ptr<const Procedure> p = bag_procedure(store);
    Connection& db = store.connection_for_reading();
    const StockNames names = read_names(db, p->bag_kinds);
    StockForecastInput in = forecast_input(store, *p);
    in.expected_people = 0; // only the minimum matters here
    std::vector<StockAlert> out;
    for (StockAlert& a : forecast_stock(in, read_balances(db, std::nullopt), names).alerts)
        if (a.kind == StockAlertKind::BelowMinimum) out.push_back(std::move(a));
    return out;
}

std::vector<StockSeries> stock_over_time(const Store& store, UnixSeconds bucket_seconds) {
    const StockLedger ledger = read_ledger(store, {});
    return rc::stock_over_time(ledger.movements(), bucket_seconds);
}

} // namespace rc::store
