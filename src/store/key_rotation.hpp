#pragma once
// Rotating the data key: after a volunteer leaves or a laptop (or a backup) is lost, everything sealed
// is re-sealed under a new data key (and coordinator-only notes to a new coordinator key), in one
// transaction. The new keys are wrapped only for the coordinator doing it; every other user's keys are
// removed, so each needs a passphrase reset by a coordinator before signing in again. Old copies of the
// file still open with old passphrases, but nothing written after the rotation opens with the old keys.
//
//   auto r = KeyRotation::begin(store, passphrase);  // checks the passphrase; coordinators only
//   while (!r->step(2000)) show(r->progress());      // a few thousand values per frame in the window
//   RotationResult done = r->commit();               // or let it go out of scope to roll back
#include "store/store.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

struct RotationProgress {
    std::size_t done = 0;
    std::size_t total = 0;
    double fraction() const {
        return total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    }
};

struct RotationResult {
    std::size_t values_resealed = 0;
    std::size_t users_needing_reset = 0; // everyone but the coordinator who rotated
};

class KeyRotation {
public:
    // Refused (StoreError) unless a coordinator is signed in, `passphrase` is theirs and, once the
    // database has a coordinator key, they hold it. Opens the transaction: no other write can run until
    // commit() or destruction.
    static std::unique_ptr<KeyRotation> begin(Store& store, std::string_view passphrase);
    // Everything in one call (the command line): `on_progress` after each step.
    static RotationResult run(Store& store, std::string_view passphrase,
                              const std::function<void(const RotationProgress&)>& on_progress = {});

    ~KeyRotation(); // rolls back unless committed
    KeyRotation(const KeyRotation&) = delete;
    KeyRotation& operator=(const KeyRotation&) = delete;

    // Re-seals up to `budget` values; true when none are left. Throws StoreError (Corrupt) when a value
    // does not open under the old key: nothing is changed then.
    bool step(std::size_t budget = 2000);
    RotationProgress progress() const { return progress_; }
    RotationResult commit();

private:
    struct Column {
        std::string table, sql_column, column;
        std::int64_t last_id = 0;
        bool done = false;
    };
    struct Keys;
    KeyRotation(Store& store);
    // A shared centre: takes the data key's generation row for update (see the .cpp).
    void lock_out_other_desks();

    Store& store_;
    std::unique_ptr<Keys> keys_;
    std::optional<Transaction> tx_;
    std::vector<std::pair<std::string, std::string>> triggers_; // the file: name, CREATE sql
    std::vector<std::string> suspended_; // a shared centre: tables whose triggers are disabled until commit
    std::int64_t new_generation_ = 0;    // a shared centre: the data key's generation after the commit
    std::vector<Column> columns_;
    std::size_t current_ = 0;
    RotationProgress progress_;
    bool committed_ = false;
};

} // namespace rc::store
