// Support bag stock: a delivery note imported all at once, every receipt checked.
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

using namespace stock_detail;

// ---- a delivery note --------------------------------------------------------------------------------

DeliveryNote check_stock_csv(const Store& store, std::string_view text, const CsvLimits& limits) {
    DeliveryNoteOptions o;
    for (const BagKind& k : stock_bag_kinds(store))
        o.bag_kinds.push_back(k.id);
    for (const StockStore& s : stock_stores(store))
        o.stores.push_back(s.details.code);
    o.limits = limits;
    return parse_delivery_note(text, o);
}

StockImportResult import_stock_csv(Store& store, std::string_view text, const CsvLimits& limits,
                                   const SaveKey& attempt) {
    StockImportResult result;
    DeliveryNote note = check_stock_csv(store, text, limits);
    result.warnings = std::move(note.warnings);
    if (!note.ok()) {
        result.errors = std::move(note.errors);
        return result;
    }
    const std::vector<BagKind> kinds = stock_bag_kinds(store);
    const SaveOutcome saved = store.save(
        Permission::Import, SaveKey::of_contents(attempt.text(), text), "import_stock", [&](WriteContext& w) {
            std::map<std::string, StockStoreId> store_ids;
            for (const StockStore& s : read_stores(w.db))
                store_ids.emplace(s.details.code, s.id);
            std::vector<StockMovementId> ids;
            for (const DeliveryLine& line : note.lines) {
                const auto to = store_ids.find(line.store);
                if (to == store_ids.end())
                    throw StoreError(ErrorKind::InvalidInput, "line " + std::to_string(line.line) +
                                                                  ", column store: '" + line.store +
                                                                  "' is no longer a store.");
                ids.push_back(
                    insert_checked(w, receipt(line.bag_kind, line.quantity, to->second, line.from), kinds));
            }
            w.audit("import", "stock_movements", std::nullopt,
                    AuditChanges().value("rows", static_cast<std::int64_t>(ids.size())));
            return std::vector<std::int64_t>(ids.begin(), ids.end());
        });
    result.imported.assign(saved.ids.begin(), saved.ids.end());
    if (saved.replayed) {
        // The same file (its contents are in the key): the first attempt's bags are the file's.
        result.already_imported = true;
        result.warnings.clear();
        for (const DeliveryLine& line : note.lines)
            result.bags += line.quantity;
        spdlog::info("store: this delivery note was already imported under its key ({} receipts, {} bags)",
                     result.imported.size(), result.bags);
        return result;
    }
    for (const DeliveryLine& line : note.lines)
        result.bags += line.quantity;
    spdlog::info("store: delivery note imported: {} receipts, {} bags", result.imported.size(), result.bags);
    return result;
}

} // namespace rc::store
