#pragma once
// What the stock code shares between its source files (stock.cpp: movements and reads;
// stock_stores.cpp: the stores; stock_delivery.cpp: a delivery note). Not for use outside src/store.
#include "store/stock.hpp"
#include "store/store_internal.hpp"

#include <vector>

namespace rc::store::stock_detail {

// Every store, in the order they were added.
std::vector<StockStore> read_stores(Connection& db);
// The store, or StoreError(InvalidInput) naming it.
StockStore require_store(Connection& db, StockStoreId id);
// Checks the movement against everything the database holds now and inserts it with its audit row.
// Throws StoreError(InvalidInput) and writes nothing when it is refused.
StockMovementId insert_checked(WriteContext& w, StockMovement m, const std::vector<BagKind>& kinds);

} // namespace rc::store::stock_detail
