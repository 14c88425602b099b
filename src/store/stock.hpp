#pragma once
// Emergency support bag stock in the store: the stores bags are kept in, the append-only ledger of
// movements, and what they add up to (balances, each person's bags, the forecast, stock over time).
//
//   auto depot = rc::store::add_stock_store(*store, {"depot", "Council depot", rc::StockStoreKind::Depot});
//   rc::store::record_movement(*store, rc::receipt("adult_female", 40, depot, "Mothers' Union"));
//   rc::store::issue_bag(*store, person_id, "adult_female", rc::store::kCentreStockStore);
//       // refused (StoreError InvalidInput) when the centre holds none: "... Council depot (40) ..."
//   rc::store::reverse_movement(*store, id, "issued to the wrong person");
//   rc::StockForecast f = rc::store::stock_forecast(*store);   // shortfalls and low-stock alerts
//
// Every write is one Store::write() transaction with its audit rows, checked against the balances
// inside that transaction: nothing that would take a store below zero is ever written. Bag kinds are
// the pinned procedure's (before activation, the built-in template's). Permissions: receiving, issuing,
// returning and transferring are Permission::HandleStock (volunteers too: the desk cannot wait);
// write-offs, stocktakes, reversals and the list of stores Permission::ManageStock (coordinators); a
// delivery note file Permission::Import, like every import. Movement notes are sealed; the supplier
// (an organisation) is not. Messages name stores, kinds and movement ids, never people.
#include "domain/csv_reader.hpp"
#include "domain/delivery_note.hpp"
#include "domain/procedure.hpp"
#include "domain/stock_forecast.hpp"
#include "domain/stock_ledger.hpp"
#include "store/edit_conflict.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/store.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

// ---- stores -----------------------------------------------------------------------------------------

// The centre's own store, made with the schema ("centre", "The centre"); it can be renamed, not removed.
inline constexpr StockStoreId kCentreStockStore = 1;

struct StockStoreDetails {
    std::string code; // lower-case letters, digits, '-' and '_' (1..64): what files and commands use
    std::string name; // as shown: "Ripley police station"
    StockStoreKind kind = StockStoreKind::Depot;
    bool operator==(const StockStoreDetails&) const = default;
};

struct StockStore {
    StockStoreId id = 0;
    StockStoreDetails details;
    // Goes up by one with every edit: an edit or a removal states the version it started from.
    std::int64_t version = 1;
};

// What is wrong with the details (after trimming; the code is lower-cased), or nullopt.
std::optional<std::string> stock_store_problem(const StockStoreDetails& details);

// Nothing personal: readable while locked. By name, the centre's store first.
std::vector<StockStore> stock_stores(const Store& store);
std::optional<StockStore> stock_store(const Store& store, StockStoreId id);
std::optional<StockStore> find_stock_store(const Store& store, std::string_view code); // ignoring case

// ManageStock. Codes and names are unique ignoring case. Throw StoreError(InvalidInput).
StockStoreId add_stock_store(Store& store, const StockStoreDetails& details);
// `started_from`: the version the edit began with (StockStore::version). When another desk changed the
// store since, nothing is written and EditConflict<StockStore> (edit_conflict.hpp) carries it as it now
// is; without it, the version read in the edit's own transaction. Details equal to the store as it is
// save nothing. Returns the version after the edit.
std::int64_t update_stock_store(Store& store, StockStoreId id, const StockStoreDetails& details,
                                std::optional<std::int64_t> started_from = std::nullopt);
// Refused for the centre's store and for a store any movement names (the ledger must still add up),
// and with EditConflict<StockStore> when another desk changed it since `started_from`.
void remove_stock_store(Store& store, StockStoreId id,
                        std::optional<std::int64_t> started_from = std::nullopt);

// ---- bag kinds --------------------------------------------------------------------------------------

// The pinned procedure's bag kinds, or the built-in template's before activation. Readable while locked.
std::vector<BagKind> stock_bag_kinds(const Store& store);

// ---- movements --------------------------------------------------------------------------------------

// Records one movement (its id and time are assigned; `at` is now). Checked in the same transaction:
// its shape (rc::movement_problem), a known bag kind (a reversal may undo a kind the procedure has
// since dropped), the stores and the person exist, a reversal mirrors a movement not yet reversed, and
// no store goes below zero. Refused with StoreError(InvalidInput) carrying the ledger's message (the
// problem, and in the advice the other stores that hold the kind); nothing is written then.
// Permission: HandleStock for received, issued, transferred, returned; ManageStock for the rest.
// `key`: the form's save key (save_key.hpp); a retry under the same key returns the first movement.
StockMovementId record_movement(Store& store, const StockMovement& movement,
                                const SaveKey& key = SaveKey::make());

// The kind of bag that fits the person (rc::suggest_bag_kind on their arrival date, in local time)
// among the procedure's kinds: what the desk offers and what the forecast counts them under.
BagKindSuggestion suggest_bag_for(const Store& store, const PersonRecord& person);

// One bag of `bag_kind` from `from` to the person (HandleStock): the arrivals desk's one keystroke.
StockMovementId issue_bag(Store& store, PersonId person, std::string_view bag_kind,
                          StockStoreId from = kCentreStockStore, const SaveKey& key = SaveKey::make());

// Moves the same bags back, with a reason (ManageStock). Refused for a reversal, a movement already
// reversed, or when the bags have moved on (a store would go below zero).
StockMovementId reverse_movement(Store& store, StockMovementId id, std::string_view reason);

// A stocktake (ManageStock): each count becomes an adjustment for its difference from the balance, all
// in one transaction (counts that match the balance record nothing). Returns the adjustments' ids.
std::vector<StockMovementId> apply_stocktake(Store& store, std::span<const StockCount> counts,
                                             std::string_view note = {});

// ---- reads ------------------------------------------------------------------------------------------

struct StockMovementRecord {
    StockMovement movement; // the note decrypted (personal: never log it)
    UserId by_user = 0;
    std::string person_reference; // "OP-0001-017" when it names a person still on record
    std::optional<StockMovementId> reversed_by;
};

// Every movement, oldest first, notes decrypted. Signed in, ViewOnSite.
std::vector<StockMovementRecord> stock_movements(const Store& store);
// What each store holds of each kind (zeros included once a kind has been in a store), by kind then
// store. Nothing personal: readable while locked.
std::vector<StockBalance> stock_balances(const Store& store);
// The whole ledger with store and kind names, for a snapshot (notes left sealed: empty). Readable
// while locked.
StockLedger stock_ledger(const Store& store);

struct IssuedBag {
    StockMovementId movement = 0;
    MovementKind kind = MovementKind::Issued; // issued, returned, or the reversal of one
    std::string bag_kind;
    int quantity = 0; // + given to the person, - taken back
    std::optional<StockStoreId> store;
    UnixSeconds at = 0;
    bool reversed = false;
};
// Everything that gave the person a bag or took one back, oldest first. Signed in, ViewOnSite.
std::vector<IssuedBag> bags_issued_to(const Store& store, PersonId person);
// Bags the person holds now (issued, less returned and reversed).
int bags_held_by(const Store& store, PersonId person);

// The forecast for the centre's tier and expected number: the people on site without a bag (by the
// kind suggested for each), the people still expected (the plan's share), shortfalls and kinds below
// the tier's minimum at the centre's stores. Signed in, ViewOnSite (it reads the people on site).
StockForecast stock_forecast(const Store& store);
// The alerts for kinds below the tier's minimum only, without reading anyone's record: for the
// dashboard. Readable while locked.
std::vector<StockAlert> low_stock_alerts(const Store& store);
// Total on hand per kind after each movement, or per bucket (3600: per hour). Readable while locked.
std::vector<StockSeries> stock_over_time(const Store& store, UnixSeconds bucket_seconds = 0);

// ---- a delivery note --------------------------------------------------------------------------------

struct StockImportResult {
    std::vector<DeliveryProblem> errors;   // any error: nothing was imported; sorted by line
    std::vector<DeliveryProblem> warnings; // unknown columns
    std::vector<StockMovementId> imported; // one receipt per row, in file order; empty on errors
    int bags = 0;                          // the quantities added up
    // This delivery note had already been imported under its save key (a retry after a lost
    // acknowledgement): `imported` and `bags` are the first attempt's, nothing was written this time.
    bool already_imported = false;
    bool ok() const { return errors.empty(); }
};

// The file checked against the stores and bag kinds in the database, without writing (readable while
// locked: the command line checks a file before asking for a passphrase).
DeliveryNote check_stock_csv(const Store& store, std::string_view text, const CsvLimits& limits = {});

// Imports a delivery note (columns kind, store, quantity, from): one receipt per row, every row or
// none, in one transaction. Permission::Import. Throws StoreError for anything but the file's problems.
// `attempt`: kept by the caller across retries of this import (see import_roll): a retry after a lost
// acknowledgement returns the first attempt's receipts (already_imported) and adds no bag twice.
StockImportResult import_stock_csv(Store& store, std::string_view text, const CsvLimits& limits = {},
                                   const SaveKey& attempt = SaveKey::make());

} // namespace rc::store
