// StoreSession: emergency support bag stock — deliveries, transfers, returns, write-offs, reversals,
// stocktakes, bags issued at the arrivals desk, the list of stores, delivery notes — and the snapshot
// the Stock screen and the desk draw from. The ledger is read again only after a stock edit; a people
// edit only recounts the forecast (who is waiting for a bag) from the people snapshot.
#include "app/stock_view.hpp"
#include "app/store_session.hpp"
#include "app/store_session_versioned.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "os/example_paths.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/stock.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

// The built-in template, which gives the bag kinds and plan before a procedure is pinned (as the store
// does).
const Procedure* template_procedure() {
    static const std::shared_ptr<const Procedure> parsed = [] {
        ProcedureLoadResult r = parse_procedure(default_procedure_text(), default_procedure_name);
        return r.procedure ? std::make_shared<const Procedure>(std::move(*r.procedure)) : nullptr;
    }();
    return parsed.get();
}

bool read_delivery_note(const std::filesystem::path& file, std::string& text, std::string& problem) {
    std::error_code ec;
    if (file.empty()) {
        problem = "Type the path of the delivery note (a CSV file) first.";
        return false;
    }
    if (!std::filesystem::is_regular_file(file, ec)) {
        problem = os::path_to_utf8(file) + ": there is no file there. Check the path (e.g. " +
                  os::usb_example("delivery.csv") + ").";
        return false;
    }
    if (std::filesystem::file_size(file, ec) > 4u * 1024u * 1024u) {
        problem = file.string() + ": the file is larger than 4 MB; a delivery note is far smaller. Check it "
                                  "is the right file.";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problem = file.string() + ": the file cannot be read (permissions?).";
        return false;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

std::string bags_text(int n, const std::string& kind_name) {
    return std::to_string(n) + " " + kind_name + (n == 1 ? " bag" : " bags");
}

} // namespace

// ---- the snapshot -----------------------------------------------------------------------------------

void StoreSession::refresh_stock(bool signed_in, bool everything) {
    const std::uint64_t version = stock_.version + 1;
    if (!signed_in) {
        for (StockMovementRow& r : stock_.movements) {
            wipe(r.movement.note);
            wipe(r.person_reference);
        }
        stock_ = StockSnapshot{};
        stock_.version = version;
        stock_stale_ = true;
        extra_alerts_.clear();
        return;
    }
    if (everything || stock_stale_ || !stock_.loaded) {
        StockSnapshot s;
        try {
            std::vector<StockStoreView> stores;
            for (const store::StockStore& st : store::stock_stores(*store_))
                stores.push_back({st.id, st.details.code, st.details.name, st.details.kind, st.version});
            std::vector<StockMovementInput> movements;
            if (store_->can(Permission::ViewOnSite)) {
                for (store::StockMovementRecord& r : store::stock_movements(*store_))
                    movements.push_back(
                        {std::move(r.movement), std::move(r.person_reference), r.reversed_by});
            } else {
                const StockLedger ledger = store::stock_ledger(*store_); // no notes, no references
                for (const StockMovement& m : ledger.movements())
                    movements.push_back({m, {}, ledger.reversed_by(m.id)});
            }
            s = build_stock_snapshot(store::stock_bag_kinds(*store_), std::move(stores),
                                     std::move(movements));
        } catch (const store::StoreError& e) {
            failed(message_of(e));
            return;
        }
        for (StockMovementRow& r : stock_.movements) {
            wipe(r.movement.note);
            wipe(r.person_reference);
        }
        stock_ = std::move(s);
        stock_stale_ = false;
    }
    rebuild_stock_forecast();
    stock_.version = version;
}

void StoreSession::rebuild_stock_forecast() {
    // From the snapshots in memory: reading and decrypting every person again (store::stock_forecast)
    // for each bag issued would stall the desk in a large centre.
    const Procedure* p = operation_.procedure ? operation_.procedure.get() : template_procedure();
    extra_alerts_.clear();
    if (!p) return;
    stock_.forecast =
        forecast_for(stock_, *p, operation_.tier, operation_.expected_people, people_, clock_.now());

    // The dashboard's share: running short is critical, below the tier's minimum a warning.
    for (const StockAlert& a : stock_.forecast.alerts) {
        Alert alert;
        const bool shortfall = a.kind == StockAlertKind::Shortfall;
        alert.severity = shortfall ? AlertSeverity::Critical : AlertSeverity::Warning;
        alert.kind = AlertKind::LowStock;
        alert.message = a.message;
        alert.target = AlertTarget{AlertTargetKind::Stock, 0, a.bag_kind, std::nullopt,
                                   stock_.names.bag_kind(a.bag_kind)};
        alert.key = std::string(stock_alert_kind_id(a.kind)) + "/" + a.bag_kind;
        extra_alerts_.push_back(std::move(alert));
    }
}

// ---- edits ------------------------------------------------------------------------------------------

EditResult StoreSession::stock_edit(const std::function<void()>& write, unsigned parts) {
    stock_stale_ = true;
    return guarded(write, parts);
}

EditResult StoreSession::receive_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                       std::string_view supplier, std::string_view note) {
    StockMovement m = receipt(std::string(bag_kind), quantity, to, std::string(supplier));
    m.note = std::string(note);
    EditResult r = stock_edit([&] { store::record_movement(*store_, m); });
    if (r.ok)
        r.message = "Received " + bags_text(quantity, stock_.names.bag_kind(bag_kind)) + " into " +
                    stock_.names.store(to) + ".";
    return r;
}

EditResult StoreSession::transfer_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                        StockStoreId to) {
    EditResult r = stock_edit(
        [&] { store::record_movement(*store_, transfer(std::string(bag_kind), quantity, from, to)); });
    if (r.ok)
        r.message = "Moved " + bags_text(quantity, stock_.names.bag_kind(bag_kind)) + " from " +
                    stock_.names.store(from) + " to " + stock_.names.store(to) + ".";
    return r;
}

EditResult StoreSession::return_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                      std::optional<std::int64_t> person, std::string_view note) {
    StockMovement m = bag_return(std::string(bag_kind), quantity, to, person);
    m.note = std::string(note);
    // A person's bag coming back changes whether they are waiting for one.
    if (person) people_patch_.push_back(*person);
    EditResult r = stock_edit([&] { store::record_movement(*store_, m); },
                              person ? kPeoplePart | kStockPart : kStockPart);
    if (!r.ok && person) people_patch_.clear();
    if (r.ok)
        r.message = "Returned " + bags_text(quantity, stock_.names.bag_kind(bag_kind)) + " to " +
                    stock_.names.store(to) + ".";
    return r;
}

EditResult StoreSession::write_off_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                         WriteOffReason reason, std::string_view note) {
    const StockMovement m = write_off(std::string(bag_kind), quantity, from, reason, std::string(note));
    EditResult r = stock_edit([&] { store::record_movement(*store_, m); });
    if (r.ok)
        r.message = "Wrote off " + bags_text(quantity, stock_.names.bag_kind(bag_kind)) + " from " +
                    stock_.names.store(from) + " (" + std::string(write_off_reason_label(reason)) + ").";
    return r;
}

EditResult StoreSession::reverse_stock_movement(StockMovementId id, std::string_view reason) {
    StockMovementId reversal = 0;
    EditResult r = stock_edit([&] { reversal = store::reverse_movement(*store_, id, reason); });
    if (r.ok)
        r.message = "Movement #" + std::to_string(id) + " reversed by #" + std::to_string(reversal) + ".";
    return r;
}

EditResult StoreSession::apply_stocktake(const std::vector<StockCount>& counts, std::string_view note) {
    if (counts.empty()) return {false, "Enter at least one counted quantity."};
    std::size_t adjustments = 0;
    EditResult r = stock_edit([&] { adjustments = store::apply_stocktake(*store_, counts, note).size(); });
    if (!r.ok) return r;
    r.message = adjustments == 0 ? "Stocktake recorded: every count matches the stock, nothing to adjust."
                                 : "Stocktake recorded: " + std::to_string(adjustments) + " adjustment" +
                                       (adjustments == 1 ? "" : "s") + ".";
    return r;
}

BagKindSuggestion StoreSession::suggest_bag(std::int64_t person) const {
    if (!store_ || !store_->signed_in()) return {};
    try {
        const std::optional<store::PersonRecord> rec = store::person(*store_, person);
        if (!rec) return {};
        return store::suggest_bag_for(*store_, *rec);
    } catch (const store::StoreError&) {
        return {};
    }
}

EditResult StoreSession::issue_bag(std::int64_t person, std::string_view bag_kind, StockStoreId from) {
    people_patch_.push_back(person); // the desk shows the bag at once
    EditResult r =
        stock_edit([&] { store::issue_bag(*store_, person, bag_kind, from); }, kPeoplePart | kStockPart);
    if (!r.ok) {
        people_patch_.clear();
        return r;
    }
    std::string reference = "person #" + std::to_string(person);
    for (const PersonRow& row : people_.rows)
        if (row.id == person) reference = row.person.reference;
    r.message = "Issued 1 " + stock_.names.bag_kind(bag_kind) + " bag to " + reference + " from " +
                stock_.names.store(from) + ".";
    spdlog::info("stock: bag issued to {}", reference);
    return r;
}

namespace {

StockStoreForm stock_store_form_of(const store::StockStore& s) {
    return {s.details.code, s.details.name, s.details.kind};
}

} // namespace

SaveResult<StockStoreForm> StoreSession::save_stock_store(std::optional<StockStoreId> id,
                                                          const StockStoreForm& form,
                                                          std::optional<std::int64_t> started_from) {
    const store::StockStoreDetails d{form.code, form.name, form.kind};
    if (const auto p = store::stock_store_problem(d)) return SaveResult<StockStoreForm>::refused({false, *p});
    stock_stale_ = true;
    SaveResult<StockStoreForm> r = versioned<StockStoreForm, store::StockStore>(
        [&]() -> std::int64_t {
            if (id) return store::update_stock_store(*store_, *id, d, started_from);
            store::add_stock_store(*store_, d);
            return 1;
        },
        kStockPart, form, &stock_store_form_of);
    if (r.ok) {
        r.id = id;
        r.message = id ? "Store saved." : "Store added.";
    }
    return r;
}

StockImportPreview StoreSession::preview_stock_import(const std::filesystem::path& file) const {
    StockImportPreview preview;
    preview.file = file.string();
    if (!store_) {
        preview.errors.push_back("No centre database is open.");
        return preview;
    }
    std::string text, problem;
    if (!read_delivery_note(file, text, problem)) {
        preview.errors.push_back(problem);
        return preview;
    }
    const std::string name = file.filename().string();
    try {
        DeliveryNote note = store::check_stock_csv(*store_, text);
        for (const DeliveryProblem& p : note.errors)
            preview.errors.push_back(name + ": " + format_delivery_problem(p));
        for (const DeliveryProblem& p : note.warnings)
            preview.warnings.push_back(name + ": warning: " + format_delivery_problem(p));
        for (const DeliveryLine& l : note.lines)
            preview.bags += l.quantity;
        preview.lines = std::move(note.lines);
    } catch (const store::StoreError& e) {
        preview.errors.push_back(message_of(e));
    }
    if (preview.lines.empty() && preview.errors.empty())
        preview.errors.push_back(name + ": the file has no rows to import.");
    return preview;
}

EditResult StoreSession::import_stock(const std::filesystem::path& file) {
    std::string text, problem;
    if (!read_delivery_note(file, text, problem)) return {false, problem};
    const std::string name = file.filename().string();
    std::string message;
    bool imported = false;
    EditResult r = stock_edit(
        [&] {
            const store::StockImportResult result =
                store::import_stock_csv(*store_, text, {}, import_attempt("stock", file));
            import_settled("stock", file);
            if (!result.ok()) {
                message = "Nothing was imported: fix these and import again.";
                for (const DeliveryProblem& p : result.errors)
                    message += "\n" + name + ": " + format_delivery_problem(p);
                return;
            }
            imported = true;
            const std::size_t n = result.imported.size();
            if (result.already_imported) {
                message = name + " was already imported: its " + std::to_string(n) + " delivery line" +
                          (n == 1 ? "" : "s") + " (" + std::to_string(result.bags) + " bag" +
                          (result.bags == 1 ? "" : "s") +
                          ") reached the centre before the connection broke. No bag was added twice.";
                return;
            }
            message = "Imported " + std::to_string(n) + " delivery line" + (n == 1 ? "" : "s") + " from " +
                      name + ": " + std::to_string(result.bags) + " bag" + (result.bags == 1 ? "" : "s") +
                      " received.";
        },
        kStockPart);
    if (!r.ok) return r;
    return {imported, message};
}

} // namespace rc::app
