#include "domain/stock_ledger.hpp"

#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace rc {

namespace {

// The procedure's id syntax: lower-case letters and digits, then also '-' and '_'.
bool plain_id(std::string_view s) {
    if (s.empty() || s.size() > max_bag_kind_id_chars) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '-' || c == '_'))) return false;
    }
    return true;
}

// What is wrong with free text, as the end of a sentence that starts with its name.
std::optional<std::string> text_problem(std::string_view s, std::size_t max_chars, bool multi_line) {
    std::size_t chars = 0;
    for (std::size_t at = 0; at < s.size();) {
        const Utf8Char ch = decode_utf8(s, at);
        if (!ch.valid) return "is not UTF-8 text";
        if (ch.code_point == '\n' ? !multi_line : is_unsafe_to_show(ch.code_point))
            return multi_line ? "holds a control character" : "holds a line break or a control character";
        at += ch.length;
        ++chars;
    }
    if (chars > max_chars) return "is too long (more than " + std::to_string(max_chars) + " characters)";
    return std::nullopt;
}

std::string bags(int n, std::string_view kind_name) {
    return std::to_string(n) + " " + std::string(kind_name) + (n == 1 ? " bag" : " bags");
}

std::string holds(int n) {
    return n <= 0 ? "it holds none" : "it holds " + std::to_string(n);
}

std::string movement_ref(StockMovementId id) {
    return "movement #" + std::to_string(id);
}

} // namespace

// ---- ids and labels ---------------------------------------------------------------------------------

std::string_view stock_store_kind_id(StockStoreKind k) {
    switch (k) {
    case StockStoreKind::Centre:
        return "centre";
    case StockStoreKind::Police:
        return "police";
    case StockStoreKind::Depot:
        return "depot";
    }
    return "depot";
}

std::string_view stock_store_kind_label(StockStoreKind k) {
    switch (k) {
    case StockStoreKind::Centre:
        return "At the centre";
    case StockStoreKind::Police:
        return "Police station";
    case StockStoreKind::Depot:
        return "Depot";
    }
    return "Depot";
}

std::optional<StockStoreKind> stock_store_kind_from_id(std::string_view id) {
    for (StockStoreKind k : all_stock_store_kinds)
        if (stock_store_kind_id(k) == id) return k;
    return std::nullopt;
}

std::string_view movement_kind_id(MovementKind k) {
    switch (k) {
    case MovementKind::Received:
        return "received";
    case MovementKind::Issued:
        return "issued";
    case MovementKind::Transferred:
        return "transferred";
    case MovementKind::Returned:
        return "returned";
    case MovementKind::WrittenOff:
        return "written_off";
    case MovementKind::Adjustment:
        return "adjustment";
    case MovementKind::Reversal:
        return "reversal";
    }
    return "received";
}

std::string_view movement_kind_label(MovementKind k) {
    switch (k) {
    case MovementKind::Received:
        return "Received";
    case MovementKind::Issued:
        return "Issued";
    case MovementKind::Transferred:
        return "Transferred";
    case MovementKind::Returned:
        return "Returned";
    case MovementKind::WrittenOff:
        return "Written off";
    case MovementKind::Adjustment:
        return "Stocktake adjustment";
    case MovementKind::Reversal:
        return "Reversal";
    }
    return "Received";
}

std::optional<MovementKind> movement_kind_from_id(std::string_view id) {
    for (MovementKind k : all_movement_kinds)
        if (movement_kind_id(k) == id) return k;
    return std::nullopt;
}

std::string_view write_off_reason_id(WriteOffReason r) {
    switch (r) {
    case WriteOffReason::Lost:
        return "lost";
    case WriteOffReason::Damaged:
        return "damaged";
    case WriteOffReason::Expired:
        return "expired";
    case WriteOffReason::IssuedWithoutRecord:
        return "issued_without_record";
    }
    return "lost";
}

std::string_view write_off_reason_label(WriteOffReason r) {
    switch (r) {
    case WriteOffReason::Lost:
        return "Lost";
    case WriteOffReason::Damaged:
        return "Damaged";
    case WriteOffReason::Expired:
        return "Expired";
    case WriteOffReason::IssuedWithoutRecord:
        return "Issued without record";
    }
    return "Lost";
}

std::optional<WriteOffReason> write_off_reason_from_id(std::string_view id) {
    for (WriteOffReason r : all_write_off_reasons)
        if (write_off_reason_id(r) == id) return r;
    return std::nullopt;
}

// ---- movements --------------------------------------------------------------------------------------

StockMovement receipt(std::string bag_kind, int quantity, StockStoreId to, std::string supplier) {
    StockMovement m;
    m.kind = MovementKind::Received;
    m.bag_kind = std::move(bag_kind);
    m.quantity = quantity;
    m.to_store = to;
    m.supplier = std::move(supplier);
    return m;
}

StockMovement issue(std::string bag_kind, StockStoreId from, StockPersonId person, int quantity) {
    StockMovement m;
    m.kind = MovementKind::Issued;
    m.bag_kind = std::move(bag_kind);
    m.quantity = quantity;
    m.from_store = from;
    m.person = person;
    return m;
}

StockMovement transfer(std::string bag_kind, int quantity, StockStoreId from, StockStoreId to) {
    StockMovement m;
    m.kind = MovementKind::Transferred;
    m.bag_kind = std::move(bag_kind);
    m.quantity = quantity;
    m.from_store = from;
    m.to_store = to;
    return m;
}

StockMovement bag_return(std::string bag_kind, int quantity, StockStoreId to,
                         std::optional<StockPersonId> person) {
    StockMovement m;
    m.kind = MovementKind::Returned;
    m.bag_kind = std::move(bag_kind);
    m.quantity = quantity;
    m.to_store = to;
    m.person = person;
    return m;
}

StockMovement write_off(std::string bag_kind, int quantity, StockStoreId from, WriteOffReason reason,
                        std::string note) {
    StockMovement m;
    m.kind = MovementKind::WrittenOff;
    m.bag_kind = std::move(bag_kind);
    m.quantity = quantity;
    m.from_store = from;
    m.write_off = reason;
    m.note = std::move(note);
    return m;
}

StockMovement adjustment(std::string bag_kind, StockStoreId store, int difference, std::string note) {
    StockMovement m;
    m.kind = MovementKind::Adjustment;
    m.bag_kind = std::move(bag_kind);
    m.quantity = difference < 0 ? -difference : difference;
    if (difference < 0)
        m.from_store = store;
    else
        m.to_store = store;
    m.note = std::move(note);
    return m;
}

StockMovement reversal_of(const StockMovement& original, std::string reason) {
    StockMovement m;
    m.kind = MovementKind::Reversal;
    m.bag_kind = original.bag_kind;
    m.quantity = original.quantity;
    m.from_store = original.to_store;
    m.to_store = original.from_store;
    m.person = original.person;
    m.note = std::move(reason);
    m.reverses = original.id;
    return m;
}

std::optional<std::string> movement_problem(const StockMovement& m) {
    if (!plain_id(m.bag_kind))
        return m.bag_kind.empty() ? "Choose the kind of bag."
                                  : "'" + safe_to_show(m.bag_kind, 64) +
                                        "' is not a bag kind id (lower-case letters, digits, '-' and '_').";
    if (m.quantity < 1 || m.quantity > max_movement_quantity)
        return "The quantity must be a whole number from 1 to " + std::to_string(max_movement_quantity) + ".";
    if ((m.from_store && *m.from_store <= 0) || (m.to_store && *m.to_store <= 0)) return "Choose a store.";
    if (m.person && *m.person <= 0) return "Choose the person.";
    if (auto p = text_problem(m.supplier, max_supplier_chars, false)) return "The supplier " + *p + ".";
    if (auto p = text_problem(m.note, max_stock_note_chars, true)) return "The note " + *p + ".";

    const bool from = m.from_store.has_value(), to = m.to_store.has_value();
    const bool supplier = !trim_space(m.supplier).empty();
    const std::string_view label = movement_kind_label(m.kind);
    if (m.kind != MovementKind::Received && !m.supplier.empty())
        return "Only a delivery names a supplier: leave it out of a movement of kind '" + std::string(label) +
               "'.";
    if (m.kind != MovementKind::WrittenOff && m.write_off) return "Only a write-off has a write-off reason.";
    if (m.kind != MovementKind::Reversal && m.reverses)
        return "Only a reversal names a movement it reverses.";
    const bool person_allowed = m.kind == MovementKind::Issued || m.kind == MovementKind::Returned ||
                                m.kind == MovementKind::Reversal;
    if (!person_allowed && m.person) return "Only an issue, a return or a reversal of one names a person.";

    switch (m.kind) {
    case MovementKind::Received:
        if (!to || from) return "A delivery goes into one store: choose the store that received it.";
        if (!supplier) return "Say who delivered the bags (the organisation).";
        return std::nullopt;
    case MovementKind::Issued:
        if (!from || to) return "A bag is issued from one store: choose the store it comes from.";
        if (!m.person) return "Choose the person the bag is issued to.";
        return std::nullopt;
    case MovementKind::Transferred:
        if (!from || !to) return "A transfer needs the store the bags leave and the store they go to.";
        if (*m.from_store == *m.to_store) return "A transfer must go to a different store.";
        return std::nullopt;
    case MovementKind::Returned:
        if (!to || from) return "A returned bag goes back into one store: choose the store.";
        return std::nullopt;
    case MovementKind::WrittenOff:
        if (!from || to) return "A write-off takes bags out of one store: choose the store.";
        if (!m.write_off)
            return "Say why the bags are written off (lost, damaged, expired, issued without record).";
        return std::nullopt;
    case MovementKind::Adjustment:
        if (from == to) return "A stocktake adjustment adds to or takes from exactly one store.";
        return std::nullopt;
    case MovementKind::Reversal:
        if (!m.reverses || *m.reverses <= 0) return "Choose the movement to reverse.";
        if (!from && !to) return "A reversal moves bags back into or out of a store.";
        if (from && to && *m.from_store == *m.to_store)
            return "A reversal must move bags between two stores.";
        if (trim_space(m.note).empty()) return "Say why the movement is reversed.";
        return std::nullopt;
    }
    return "Unknown kind of movement.";
}

std::optional<std::string> supplier_problem(std::string_view supplier) {
    return text_problem(supplier, max_supplier_chars, false);
}

int bags_to_person(const StockMovement& m) {
    if (!m.person) return 0;
    if (m.from_store && !m.to_store) return m.quantity;
    if (m.to_store && !m.from_store) return -m.quantity;
    return 0;
}

// ---- balances ---------------------------------------------------------------------------------------

int StockBalances::on_hand(std::string_view bag_kind, StockStoreId store) const {
    const auto k = by_kind_.find(bag_kind);
    if (k == by_kind_.end()) return 0;
    const auto s = k->second.find(store);
    return s == k->second.end() ? 0 : s->second;
}

int StockBalances::total(std::string_view bag_kind) const {
    const auto k = by_kind_.find(bag_kind);
    if (k == by_kind_.end()) return 0;
    int sum = 0;
    for (const auto& [store, n] : k->second)
        sum += n;
    return sum;
}

std::vector<StockBalance> StockBalances::holders(std::string_view bag_kind,
                                                 std::optional<StockStoreId> except) const {
    std::vector<StockBalance> out;
    const auto k = by_kind_.find(bag_kind);
    if (k == by_kind_.end()) return out;
    for (const auto& [store, n] : k->second)
        if (n > 0 && (!except || store != *except)) out.push_back({k->first, store, n});
    std::stable_sort(out.begin(), out.end(),
                     [](const StockBalance& a, const StockBalance& b) { return a.on_hand > b.on_hand; });
    return out;
}

std::vector<StockBalance> StockBalances::all() const {
    std::vector<StockBalance> out;
    for (const auto& [kind, stores] : by_kind_)
        for (const auto& [store, n] : stores)
            out.push_back({kind, store, n});
    return out;
}

std::vector<std::string> StockBalances::bag_kinds() const {
    std::vector<std::string> out;
    for (const auto& entry : by_kind_)
        out.push_back(entry.first);
    return out;
}

void StockBalances::add(std::string_view bag_kind, StockStoreId store, int delta) {
    auto k = by_kind_.find(bag_kind);
    if (k == by_kind_.end()) k = by_kind_.emplace(std::string(bag_kind), std::map<StockStoreId, int>{}).first;
    k->second[store] += delta;
}

void StockBalances::apply(const StockMovement& m) {
    if (m.from_store) add(m.bag_kind, *m.from_store, -m.quantity);
    if (m.to_store) add(m.bag_kind, *m.to_store, m.quantity);
}

std::string StockNames::store(StockStoreId id) const {
    const auto it = stores.find(id);
    return it == stores.end() || it->second.empty() ? "store #" + std::to_string(id) : it->second;
}

std::string StockNames::bag_kind(std::string_view id) const {
    const auto it = bag_kinds.find(id);
    return it == bag_kinds.end() || it->second.empty() ? std::string(id) : it->second;
}

std::string StockRefusal::message() const {
    return advice.empty() ? problem : problem + " " + advice;
}

std::optional<StockRefusal> shortage_refusal(const StockMovement& m, const StockBalances& balances,
                                             const StockNames& names) {
    if (!m.from_store) return std::nullopt; // nothing leaves a store
    const StockStoreId from = *m.from_store;
    const int have = balances.on_hand(m.bag_kind, from);
    if (m.quantity <= have) return std::nullopt;

    StockRefusal r;
    const std::string kind = names.bag_kind(m.bag_kind);
    const std::string store = names.store(from);
    const std::string what = bags(m.quantity, kind);
    switch (m.kind) {
    case MovementKind::Issued:
        r.problem = "Cannot issue " + what + " from " + store + ": " + holds(have) + ".";
        break;
    case MovementKind::Transferred:
        r.problem = "Cannot transfer " + what + " from " + store + ": " + holds(have) + ".";
        break;
    case MovementKind::WrittenOff:
        r.problem = "Cannot write off " + what + " from " + store + ": " + holds(have) + ".";
        break;
    case MovementKind::Adjustment:
        r.problem = "Cannot take " + what + " off the count at " + store + ": " + holds(have) + ".";
        break;
    case MovementKind::Reversal:
        r.problem = "Cannot reverse " + movement_ref(m.reverses.value_or(0)) + ": it would take " + what +
                    " out of " + store + ", and " + holds(have) + ".";
        break;
    case MovementKind::Received:
    case MovementKind::Returned:
        r.problem = "Cannot take " + what + " out of " + store + ": " + holds(have) + ".";
        break;
    }

    r.elsewhere = balances.holders(m.bag_kind, from);
    if (r.elsewhere.empty()) {
        r.advice = "No other store holds any " + kind + " bags";
        if (m.kind == MovementKind::Issued || m.kind == MovementKind::Transferred)
            r.advice += ": record a delivery first.";
        else
            r.advice += ": check the count with a stocktake.";
    } else {
        r.advice = "Other stores holding " + kind + " bags: ";
        for (std::size_t i = 0; i < r.elsewhere.size(); ++i) {
            if (i > 0) r.advice += ", ";
            r.advice +=
                names.store(r.elsewhere[i].store) + " (" + std::to_string(r.elsewhere[i].on_hand) + ")";
        }
        r.advice += ".";
        if (m.kind == MovementKind::Issued)
            r.advice += " Issue from one of them, or transfer some to " + store + " first.";
        else if (m.kind == MovementKind::Transferred)
            r.advice += " Transfer from one of them instead.";
        else if (m.kind == MovementKind::Reversal)
            r.advice += " Some of these bags have moved on since: reverse those movements first.";
    }
    return r;
}

std::optional<StockRefusal> reversal_refusal(const StockMovement& m, const StockMovement* original,
                                             std::optional<StockMovementId> reversed_by) {
    const StockMovementId target = m.reverses.value_or(0);
    if (!original)
        return StockRefusal{
            "There is no " + movement_ref(target) + " to reverse.", "Choose a recorded movement.", {}};
    if (original->kind == MovementKind::Reversal)
        return StockRefusal{"Movement #" + std::to_string(target) +
                                " is itself a reversal and cannot be reversed.",
                            "Record the movement again instead.",
                            {}};
    if (reversed_by)
        return StockRefusal{"Movement #" + std::to_string(target) + " was already reversed by #" +
                                std::to_string(*reversed_by) + ".",
                            {},
                            {}};
    StockMovement mirror = reversal_of(*original, m.note);
    mirror.id = m.id;
    mirror.at = m.at;
    if (mirror != m)
        return StockRefusal{"The reversal of " + movement_ref(target) +
                                " must move the same bags back: the same kind and quantity, between the same "
                                "stores and person the other way round.",
                            {},
                            {}};
    return std::nullopt;
}

// ---- the ledger -------------------------------------------------------------------------------------

StockLedger::StockLedger(StockNames names) : names_(std::move(names)) {}

const StockMovement* StockLedger::find(StockMovementId id) const {
    const auto it = std::lower_bound(movements_.begin(), movements_.end(), id,
                                     [](const StockMovement& m, StockMovementId v) { return m.id < v; });
    return it != movements_.end() && it->id == id ? &*it : nullptr;
}

std::optional<StockMovementId> StockLedger::reversed_by(StockMovementId id) const {
    const auto it = reversed_by_.find(id);
    if (it == reversed_by_.end()) return std::nullopt;
    return it->second;
}

int StockLedger::bags_held_by(StockPersonId person) const {
    const auto it = by_person_.find(person);
    return it == by_person_.end() ? 0 : it->second;
}

RecordResult StockLedger::record(StockMovement m) {
    RecordResult r;
    if (m.id == 0) m.id = last_id() + 1;
    if (m.id <= last_id()) {
        r.refusal = StockRefusal{movement_ref(m.id) + " comes before the last one recorded (#" +
                                     std::to_string(last_id()) + ").",
                                 {},
                                 {}};
        return r;
    }
    if (auto p = movement_problem(m)) {
        r.refusal = StockRefusal{*p, {}, {}};
        return r;
    }
    if (m.kind == MovementKind::Reversal)
        if (auto refusal = reversal_refusal(m, find(*m.reverses), reversed_by(*m.reverses))) {
            r.refusal = std::move(refusal);
            return r;
        }
    if (auto refusal = shortage_refusal(m, balances_, names_)) {
        r.refusal = std::move(refusal);
        return r;
    }
    r.id = m.id;
    add(std::move(m));
    return r;
}

void StockLedger::load(StockMovement m) {
    if (m.id == 0 || m.id <= last_id()) m.id = last_id() + 1;
    add(std::move(m));
}

void StockLedger::add(StockMovement m) {
    balances_.apply(m);
    if (m.person) by_person_[*m.person] += bags_to_person(m);
    if (m.kind == MovementKind::Reversal && m.reverses) reversed_by_.emplace(*m.reverses, m.id);
    movements_.push_back(std::move(m));
}

// ---- stocktake --------------------------------------------------------------------------------------

StocktakePlan plan_stocktake(const StockBalances& balances, std::span<const StockCount> counts,
                             const StockNames& names, std::string_view note) {
    StocktakePlan plan;
    std::set<std::pair<std::string, StockStoreId>> seen;
    for (const StockCount& c : counts) {
        if (!plain_id(c.bag_kind)) {
            plan.problems.push_back("A count has no bag kind: choose the kind counted.");
            continue;
        }
        const std::string what = names.bag_kind(c.bag_kind) + " at " + names.store(c.store);
        if (c.store <= 0) {
            plan.problems.push_back("A count of " + names.bag_kind(c.bag_kind) +
                                    " has no store: choose the store.");
            continue;
        }
        if (c.counted < 0 || c.counted > max_movement_quantity) {
            plan.problems.push_back("The count of " + what + " must be a whole number from 0 to " +
                                    std::to_string(max_movement_quantity) + ".");
            continue;
        }
        if (!seen.emplace(c.bag_kind, c.store).second) {
            plan.problems.push_back(what + " is counted twice: enter one count for it.");
            continue;
        }
        const int difference = c.counted - balances.on_hand(c.bag_kind, c.store);
        if (difference != 0)
            plan.adjustments.push_back(adjustment(c.bag_kind, c.store, difference, std::string(note)));
    }
    if (!plan.ok()) plan.adjustments.clear();
    return plan;
}

} // namespace rc
