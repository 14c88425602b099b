#pragma once
// Emergency support bag stock as the Stock screen and the arrivals desk see it: the bag kinds, the
// stores, what each store holds, the forecast (shortfalls, kinds below the tier's minimum), stock over
// time for the chart, and the ledger's movements newest first with their display texts worked out.
// Rebuilt by the session only when the data change; the screens draw from it and do nothing per frame
// beyond drawing. Person references and movement notes are personal: cleared behind the lock screen.
#include "domain/clock.hpp"
#include "domain/delivery_note.hpp"
#include "domain/stock_forecast.hpp"
#include "domain/stock_ledger.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rc::app {

struct BagKindView {
    std::string id; // "adult_female"
    std::string name;
    bool in_procedure = true; // false: a kind the stores hold that the procedure has since dropped
};

struct StockStoreView {
    StockStoreId id = 0;
    std::string code; // what delivery notes use
    std::string name;
    StockStoreKind kind = StockStoreKind::Depot;
    std::int64_t version = 1; // an edit or a removal states the version it started from
};

// One movement ready to draw: every text worked out when the snapshot was built.
struct StockMovementRow {
    StockMovement movement; // the note decrypted (personal: never log it)
    std::string id_text;    // "#12"
    std::string at_text;    // "Tue 14:05"
    std::string kind_text;  // "Written off", "Reversal of #9"
    std::string bag_text;   // "Adult (female)"
    std::string from_text;  // a store, a supplier ("Mothers' Union"), or empty
    std::string to_text;    // a store, a person's reference, or empty
    std::string detail;     // "lost", "OP-0001-017", "reversed by #14"
    std::string person_reference;
    std::optional<StockMovementId> reversed_by;
    bool reversible = false; // not a reversal and not reversed yet
};

// The stock-over-time chart on a common hourly axis: one line per kind, every store together.
struct StockChart {
    UnixSeconds start = 0; // the first bucket's start
    UnixSeconds bucket_seconds = 3600;
    std::vector<std::string> bag_kinds;    // one per line, in the snapshot's kind order
    std::vector<std::vector<float>> lines; // the level at the end of each bucket; same length each
    int max_level = 0;
    std::size_t buckets() const { return lines.empty() ? 0 : lines.front().size(); }
};

struct StockSnapshot {
    std::uint64_t version = 0;
    bool loaded = false; // false: signed out, or no centre database
    std::vector<BagKindView> kinds;
    std::vector<StockStoreView> stores; // the centre's store first, then by name
    StockNames names;
    StockBalances balances;
    // on_hand[kind index * stores.size() + store index]; totals per kind in `kind_totals`.
    std::vector<int> on_hand;
    std::vector<int> kind_totals;
    int total_on_hand = 0;
    StockForecast forecast;
    std::vector<StockSeries> series; // per kind, hourly (rc::stock_over_time)
    StockChart chart;
    std::vector<StockMovementRow> movements;              // newest first
    std::unordered_map<std::int64_t, int> held_by_person; // bags each person holds now (0s left out)
    // Indices into `movements` of each person's movements, newest first.
    std::unordered_map<std::int64_t, std::vector<std::size_t>> person_movements;

    int held_at(std::size_t kind_index, std::size_t store_index) const {
        const std::size_t i = kind_index * stores.size() + store_index;
        return i < on_hand.size() ? on_hand[i] : 0;
    }
    const StockStoreView* find_store(StockStoreId id) const {
        for (const StockStoreView& s : stores)
            if (s.id == id) return &s;
        return nullptr;
    }
    int held_by(std::int64_t person) const {
        const auto it = held_by_person.find(person);
        return it == held_by_person.end() ? 0 : it->second;
    }
};

// A new store, or a store's details changed.
struct StockStoreForm {
    std::string code;
    std::string name;
    StockStoreKind kind = StockStoreKind::Depot;
};

// What importing a delivery note would do, before anything is written.
struct StockImportPreview {
    std::string file;
    std::vector<DeliveryLine> lines;   // kinds and stores spelt as the database spells them
    int bags = 0;                      // the quantities added up
    std::vector<std::string> errors;   // "delivery.csv: line 4, column quantity: ..."; any: refused
    std::vector<std::string> warnings; // unknown columns
    bool ok() const { return errors.empty() && !lines.empty(); }
};

} // namespace rc::app
