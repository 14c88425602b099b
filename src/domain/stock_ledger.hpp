#pragma once
// Emergency support bag stock as a ledger: every change is a movement (received, issued to a person,
// transferred, returned, written off, a stocktake adjustment, or the reversal of an earlier movement),
// and what each store holds is the sum of the movements. History is never edited: a mistake is undone
// by a reversal with a reason. A movement that would take any store below zero is refused, naming the
// store, the kind, and the other stores that hold that kind.
//
//   StockLedger ledger(names);
//   ledger.record(receipt("adult_female", 20, depot, "Mothers' Union"));
//   auto r = ledger.record(issue("adult_female", centre, person));   // refused: the centre holds none
//   r.refusal->message();  // "Cannot issue 1 Adult (female) bag from The centre: it holds none. ..."
//
// Pure: no SQLite, no screen. The store keeps the movements; this decides what they add up to.
#include "domain/clock.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rc {

using StockStoreId = std::int64_t;
using StockMovementId = std::int64_t;
using StockPersonId = std::int64_t; // the person's record id (people.id in the database)

// Where bags are kept. Ids in parentheses are stable (database, files).
enum class StockStoreKind {
    Centre, // (centre) at the reception centre itself: bags are issued from here
    Police, // (police) a police station
    Depot,  // (depot) a council depot or a partner's store
};
inline constexpr std::array<StockStoreKind, 3> all_stock_store_kinds{
    StockStoreKind::Centre, StockStoreKind::Police, StockStoreKind::Depot};
std::string_view stock_store_kind_id(StockStoreKind k);
std::string_view stock_store_kind_label(StockStoreKind k); // "Police station"
std::optional<StockStoreKind> stock_store_kind_from_id(std::string_view id);

enum class MovementKind {
    Received,    // (received) a delivery into a store, from an organisation
    Issued,      // (issued) out of a store to a person
    Transferred, // (transferred) from one store to another
    Returned,    // (returned) an unused bag back into a store (from a person, or found)
    WrittenOff,  // (written_off) out of a store: lost, damaged, expired, issued without record
    Adjustment,  // (adjustment) a stocktake's correction, into or out of a store
    Reversal,    // (reversal) undoes an earlier movement, with a reason
};
inline constexpr std::array<MovementKind, 7> all_movement_kinds{
    MovementKind::Received,   MovementKind::Issued,     MovementKind::Transferred, MovementKind::Returned,
    MovementKind::WrittenOff, MovementKind::Adjustment, MovementKind::Reversal};
std::string_view movement_kind_id(MovementKind k);
std::string_view movement_kind_label(MovementKind k); // "Written off"
std::optional<MovementKind> movement_kind_from_id(std::string_view id);

enum class WriteOffReason {
    Lost,                // (lost)
    Damaged,             // (damaged)
    Expired,             // (expired)
    IssuedWithoutRecord, // (issued_without_record) handed out and not recorded at the time
};
inline constexpr std::array<WriteOffReason, 4> all_write_off_reasons{
    WriteOffReason::Lost, WriteOffReason::Damaged, WriteOffReason::Expired,
    WriteOffReason::IssuedWithoutRecord};
std::string_view write_off_reason_id(WriteOffReason r);
std::string_view write_off_reason_label(WriteOffReason r); // "Issued without record"
std::optional<WriteOffReason> write_off_reason_from_id(std::string_view id);

inline constexpr int max_movement_quantity = 100000;
inline constexpr std::size_t max_supplier_chars = 200;
inline constexpr std::size_t max_stock_note_chars = 1000;
inline constexpr std::size_t max_bag_kind_id_chars = 64;

// One movement. Bags leave `from_store` and arrive in `to_store`; a movement with only one of them
// exchanges bags with the world outside the stores (a supplier, a person, a loss).
struct StockMovement {
    StockMovementId id = 0; // 0 until recorded
    MovementKind kind = MovementKind::Received;
    std::string bag_kind; // the procedure's bag kind id, e.g. "adult_female"
    int quantity = 0;     // 1..max_movement_quantity
    std::optional<StockStoreId> from_store;
    std::optional<StockStoreId> to_store;
    std::optional<StockPersonId> person;     // Issued (required); Returned (optional); their reversals
    std::optional<WriteOffReason> write_off; // WrittenOff only (required)
    std::string supplier; // Received only (required): the organisation that delivered, "from whom"
    std::string note;     // why (required for a reversal); free text that may be personal: never log it
    std::optional<StockMovementId> reverses; // Reversal only (required)
    UnixSeconds at = 0;
    bool operator==(const StockMovement&) const = default;
};

// Building movements of each kind (quantities and ids are checked when they are recorded).
StockMovement receipt(std::string bag_kind, int quantity, StockStoreId to, std::string supplier);
StockMovement issue(std::string bag_kind, StockStoreId from, StockPersonId person, int quantity = 1);
StockMovement transfer(std::string bag_kind, int quantity, StockStoreId from, StockStoreId to);
StockMovement bag_return(std::string bag_kind, int quantity, StockStoreId to,
                         std::optional<StockPersonId> person = std::nullopt);
StockMovement write_off(std::string bag_kind, int quantity, StockStoreId from, WriteOffReason reason,
                        std::string note = {});
// A stocktake correction: positive adds to the store, negative takes from it (never 0).
StockMovement adjustment(std::string bag_kind, StockStoreId store, int difference, std::string note = {});
// Moves the same bags back: from and to swapped, the same kind, quantity and person.
StockMovement reversal_of(const StockMovement& original, std::string reason);

// What is wrong with a movement on its own (the stores it names, the fields its kind needs and only
// those, the quantity, the texts), as a sentence; nullopt when it is well formed. Balances and the
// movement a reversal undoes are the ledger's business.
std::optional<std::string> movement_problem(const StockMovement& m);

// What is wrong with the name of who delivered bags, as the end of a sentence ("is too long (more than
// 200 characters)"); nullopt when it is fine. Empty is fine here: a delivery's check asks for one.
std::optional<std::string> supplier_problem(std::string_view supplier);

// How many bags the movement gives the person it names (negative: takes back): an issue and the
// reversal of a return give, a return and the reversal of an issue take back.
int bags_to_person(const StockMovement& m);

// ---- balances ---------------------------------------------------------------------------------------

struct StockBalance {
    std::string bag_kind;
    StockStoreId store = 0;
    int on_hand = 0;
    bool operator==(const StockBalance&) const = default;
};

// What each store holds of each kind: the sum of the movements applied.
class StockBalances {
public:
    int on_hand(std::string_view bag_kind, StockStoreId store) const;
    int total(std::string_view bag_kind) const; // every store
    // Stores holding some of the kind, most first (then by id), leaving out `except`.
    std::vector<StockBalance> holders(std::string_view bag_kind,
                                      std::optional<StockStoreId> except = std::nullopt) const;
    // Every (kind, store) any movement touched, zeros included, by kind id then store id.
    std::vector<StockBalance> all() const;
    std::vector<std::string> bag_kinds() const; // kinds any movement touched, by id

    // Unchecked: adds the movement's effect (history as it was recorded, or a test's setup).
    void apply(const StockMovement& m);
    void add(std::string_view bag_kind, StockStoreId store, int delta);

private:
    std::map<std::string, std::map<StockStoreId, int>, std::less<>> by_kind_;
};

// Names for messages: a store or kind without one is called by its id.
struct StockNames {
    std::map<StockStoreId, std::string> stores;
    std::map<std::string, std::string, std::less<>> bag_kinds;
    std::string store(StockStoreId id) const;        // "Ripley police station", or "store #4"
    std::string bag_kind(std::string_view id) const; // "Adult (female)", or the id
};

// A movement the ledger will not record, said so that the person at the desk can act on it.
struct StockRefusal {
    std::string problem; // "Cannot issue 1 Adult (female) bag from The centre: it holds none."
    std::string advice;  // "Council depot holds 30 and ...: transfer some ..."; may be empty
    std::vector<StockBalance> elsewhere; // other stores holding the kind, most first (shortages only)
    std::string message() const;         // problem and advice in one line
};

// Refuses a movement that would take a store below zero, given what the stores hold now.
std::optional<StockRefusal> shortage_refusal(const StockMovement& m, const StockBalances& balances,
                                             const StockNames& names);

// Refuses a reversal of `original` (nullptr: there is no such movement) when the original is itself a
// reversal, was already reversed (`reversed_by`), or when the reversal does not mirror it
// (reversal_of: the same kind and quantity, stores and person the other way round).
std::optional<StockRefusal> reversal_refusal(const StockMovement& reversal, const StockMovement* original,
                                             std::optional<StockMovementId> reversed_by);

// ---- the ledger -------------------------------------------------------------------------------------

struct RecordResult {
    StockMovementId id = 0;              // the recorded movement's id; 0 when refused
    std::optional<StockRefusal> refusal; // why nothing was recorded
    bool ok() const { return !refusal; }
};

class StockLedger {
public:
    explicit StockLedger(StockNames names = {});

    // Records a movement after every check: its shape, for a reversal the movement it undoes (it
    // exists, is not itself a reversal and has not been reversed, and the reversal mirrors it), ids in
    // order, and no store below zero. A refused movement changes nothing. An id of 0 gets the next one.
    RecordResult record(StockMovement m);
    // Adds a movement as history recorded it, unchecked (loading what the database holds).
    void load(StockMovement m);

    const std::vector<StockMovement>& movements() const { return movements_; }
    const StockBalances& balances() const { return balances_; }
    const StockNames& names() const { return names_; }
    void set_names(StockNames names) { names_ = std::move(names); }

    const StockMovement* find(StockMovementId id) const;
    std::optional<StockMovementId> reversed_by(StockMovementId id) const;
    // Bags the person holds now by this ledger: issued, less returned and reversed.
    int bags_held_by(StockPersonId person) const;
    const std::unordered_map<StockPersonId, int>& bags_by_person() const { return by_person_; }
    StockMovementId last_id() const { return movements_.empty() ? 0 : movements_.back().id; }

private:
    void add(StockMovement m);

    StockNames names_;
    std::vector<StockMovement> movements_; // by id
    StockBalances balances_;
    std::unordered_map<StockMovementId, StockMovementId> reversed_by_;
    std::unordered_map<StockPersonId, int> by_person_;
};

// ---- stocktake --------------------------------------------------------------------------------------

struct StockCount {
    std::string bag_kind;
    StockStoreId store = 0;
    int counted = 0; // 0..max_movement_quantity
};

struct StocktakePlan {
    std::vector<StockMovement> adjustments; // one per count that differs from the balance, in count order
    std::vector<std::string> problems;      // any problem and nothing should be recorded
    bool ok() const { return problems.empty(); }
};

// The adjustments that make each counted kind and store hold what was counted. Problems: a count below
// zero or above the limit, a missing kind or store, the same kind and store counted twice.
StocktakePlan plan_stocktake(const StockBalances& balances, std::span<const StockCount> counts,
                             const StockNames& names, std::string_view note = {});

} // namespace rc
