// Support bag stock: the stores where bags are kept (added, renamed, removed when empty).
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/operation.hpp"
#include "store/stock.hpp"
#include "store/stock_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace stock_detail {

// ---- stores -----------------------------------------------------------------------------------------

StockStore read_store_row(const Statement& st) {
    StockStore s;
    s.id = st.int64_at(0);
    s.details.code = st.text_at(1);
    s.details.name = st.text_at(2);
    s.details.kind = stock_store_kind_from_id(st.text_at(3)).value_or(StockStoreKind::Depot);
    s.version = st.int64_at(4);
    return s;
}

std::vector<StockStore> read_stores(Connection& db) {
    std::vector<StockStore> out;
    auto st = db.cached(
        "SELECT id, code, name, kind, version FROM stock_stores ORDER BY id <> 1, name COLLATE NOCASE, id");
    while (st->step())
        out.push_back(read_store_row(*st));
    return out;
}

std::optional<StockStore> read_store(Connection& db, StockStoreId id) {
    auto st = db.cached("SELECT id, code, name, kind, version FROM stock_stores WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_store_row(*st);
}

StockStoreDetails normalised(const StockStoreDetails& d) {
    return {to_lower_ascii(trim_space(d.code)), std::string(trim_space(d.name)), d.kind};
}

StockStoreDetails checked(const StockStoreDetails& in) {
    const StockStoreDetails d = normalised(in);
    if (auto p = stock_store_problem(d)) throw StoreError(ErrorKind::InvalidInput, *p);
    return d;
}

void require_unique(Connection& db, const StockStoreDetails& d, std::optional<StockStoreId> exclude) {
    // Ids start at 1, so 0 excludes nothing (PostgreSQL has no "IS NOT ?" for a value).
    auto st = db.cached(
        "SELECT id, code, name FROM stock_stores WHERE (code = ?1 OR name = ?2) AND id <> coalesce(?3, 0)");
    st->bind_all(d.code, d.name, exclude);
    if (!st->step()) return;
    if (equals_ignore_case(st->text_at(1), d.code))
        throw StoreError(ErrorKind::InvalidInput, "There is already a store with the code '" + d.code + "'.",
                         "Choose another code.");
    throw StoreError(ErrorKind::InvalidInput, "There is already a store called '" + d.name + "'.",
                     "Choose another name.");
}

StockStore require_store(Connection& db, StockStoreId id) {
    auto s = read_store(db, id);
    if (!s)
        throw StoreError(ErrorKind::InvalidInput, "There is no stock store #" + std::to_string(id) + ".",
                         "Choose a store from the list.");
    return std::move(*s);
}

} // namespace stock_detail

using namespace stock_detail;

// ---- stores -----------------------------------------------------------------------------------------

std::optional<std::string> stock_store_problem(const StockStoreDetails& in) {
    const StockStoreDetails d = normalised(in);
    if (d.code.empty()) return "Give the store a short code (e.g. depot, ripley-police).";
    if (d.code.size() > 64) return "The store's code is too long (more than 64 characters).";
    for (std::size_t i = 0; i < d.code.size(); ++i) {
        const char c = d.code[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '-' || c == '_')))
            return "The store's code '" + safe_to_show(d.code, 64) +
                   "' may hold only letters, digits, '-' and '_', and starts with a letter or digit.";
    }
    if (d.name.empty()) return "Give the store a name.";
    std::size_t chars = 0;
    for (std::size_t at = 0; at < d.name.size(); ++chars) {
        const Utf8Char ch = decode_utf8(d.name, at);
        if (!ch.valid) return "The store's name is not UTF-8 text.";
        if (ch.code_point == '\n' || is_unsafe_to_show(ch.code_point))
            return "The store's name holds a line break or a control character.";
        at += ch.length;
    }
    if (chars > 200) return "The store's name is too long (more than 200 characters).";
    return std::nullopt;
}

std::vector<StockStore> stock_stores(const Store& store) {
    return read_stores(store.connection_for_reading());
}

std::optional<StockStore> stock_store(const Store& store, StockStoreId id) {
    return read_store(store.connection_for_reading(), id);
}

std::optional<StockStore> find_stock_store(const Store& store, std::string_view code) {
    auto st = store.connection_for_reading().cached(
        "SELECT id, code, name, kind, version FROM stock_stores WHERE code = ?");
    st->bind(1, to_lower_ascii(trim_space(code)));
    if (!st->step()) return std::nullopt;
    return read_store_row(*st);
}

StockStoreId add_stock_store(Store& store, const StockStoreDetails& details) {
    const StockStoreDetails d = checked(details);
    const StockStoreId id = store.write(Permission::ManageStock, [&](WriteContext& w) {
        require_unique(w.db, d, std::nullopt);
        const StockStoreId new_id = w.next_id("stock_stores");
        w.db.cached("INSERT INTO stock_stores (id, code, name, kind) VALUES (?, ?, ?, ?)")
            ->bind_all(new_id, d.code, d.name, stock_store_kind_id(d.kind))
            .run();
        w.audit("insert", "stock_stores", new_id,
                AuditChanges()
                    .value("code", d.code)
                    .value("name", d.name)
                    .value("kind", stock_store_kind_id(d.kind)));
        return new_id;
    });
    spdlog::info("store: stock store #{} added", id);
    return id;
}

namespace {

// After a refused edit or removal (rolled back): the store as it now is, in the error.
[[noreturn]] void refuse_changed_store(const Store& store, StockStoreId id, bool removal) {
    std::optional<StockStore> now = stock_store(store, id);
    if (!now)
        throw StoreError(ErrorKind::InvalidInput,
                         "Stock store #" + std::to_string(id) + " was removed at another desk meanwhile.",
                         "Nothing was saved.");
    spdlog::info("store: stock store #{} {} refused: changed at another desk", id,
                 removal ? "removal" : "edit");
    const std::string what = "The stock store '" + now->details.name + "' was changed at another desk ";
    if (removal)
        throw EditConflict<StockStore>(what + "after you chose to remove it. Nothing was removed.",
                                       kRemovalConflictAdvice, std::move(*now));
    throw EditConflict<StockStore>(what + "while you were editing it. Nothing was saved.",
                                   kEditConflictAdvice, std::move(*now));
}

std::int64_t update_store_checked(Store& store, StockStoreId id, const StockStoreDetails& d,
                                  std::optional<std::int64_t> started_from) {
    return store.write(Permission::ManageStock, [&](WriteContext& w) -> std::int64_t {
        const StockStore before = require_store(w.db, id);
        const StockStoreDetails& b = before.details;
        if (b == d) return before.version;
        require_version("The stock store", started_from, before.version);
        if (id == kCentreStockStore && d.kind != StockStoreKind::Centre)
            throw StoreError(ErrorKind::InvalidInput, "The centre's own store stays a store at the centre.",
                             "Add another store for stock kept elsewhere.");
        require_unique(w.db, d, id);
        w.db.cached("UPDATE stock_stores SET code = ?, name = ?, kind = ?, version = version + 1 "
                    "WHERE id = ? AND version = ?")
            ->bind_all(d.code, d.name, stock_store_kind_id(d.kind), id, before.version)
            .run();
        require_row_written(w.db, "The stock store");
        AuditChanges c;
        if (b.code != d.code) c.change("code", b.code, d.code);
        if (b.name != d.name) c.change("name", b.name, d.name);
        if (b.kind != d.kind) c.change("kind", stock_store_kind_id(b.kind), stock_store_kind_id(d.kind));
        w.audit("update", "stock_stores", id, c);
        return before.version + 1;
    });
}

void remove_store_checked(Store& store, StockStoreId id, std::optional<std::int64_t> started_from) {
    store.write(Permission::ManageStock, [&](WriteContext& w) {
        const StockStore before = require_store(w.db, id);
        require_version("The stock store", started_from, before.version);
        if (id == kCentreStockStore)
            throw StoreError(ErrorKind::InvalidInput, "The centre's own store cannot be removed.",
                             "Rename it if its name is wrong.");
        auto st = w.db.cached("SELECT 1 FROM stock_movements WHERE from_store = ?1 OR to_store = ?1 LIMIT 1");
        st->bind(1, id);
        if (st->step())
            throw StoreError(ErrorKind::InvalidInput,
                             before.details.name +
                                 " has movements in the stock ledger, so it cannot be removed.",
                             "Transfer its bags elsewhere and keep it, or rename it.");
        w.db.cached("DELETE FROM stock_stores WHERE id = ? AND version = ?")
            ->bind_all(id, before.version)
            .run();
        require_row_written(w.db, "The stock store");
        w.audit("delete", "stock_stores", id, AuditChanges().value("code", before.details.code));
    });
}

} // namespace

std::int64_t update_stock_store(Store& store, StockStoreId id, const StockStoreDetails& details,
                                std::optional<std::int64_t> started_from) {
    const StockStoreDetails d = checked(details);
    std::int64_t version = 0;
    try {
        version = update_store_checked(store, id, d, started_from);
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_store(store, id, false);
    }
    spdlog::info("store: stock store #{} updated", id);
    return version;
}

void remove_stock_store(Store& store, StockStoreId id, std::optional<std::int64_t> started_from) {
    try {
        remove_store_checked(store, id, started_from);
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_store(store, id, true);
    }
    spdlog::info("store: stock store #{} removed", id);
}

} // namespace rc::store
