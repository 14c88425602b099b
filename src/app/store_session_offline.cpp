// StoreSession's offline roll: while a shared centre's server cannot be reached, check-ins go into an
// encrypted file on this desk; once it is back, the window offers to import them, previewed like a
// nominal roll and written all or nothing.
#include "app/data_paths.hpp"
#include "app/store_session.hpp"
#include "domain/date.hpp"
#include "domain/person.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/offline_roll.hpp"
#include "store/store.hpp"

#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

std::string entry_problem(const RollProblem& p) {
    std::string out = "offline check-in " + std::to_string(p.line);
    if (!p.column.empty()) out += ", " + p.column;
    return out + ": " + p.message;
}

} // namespace

void StoreSession::find_offline_roll() {
    offline_roll_file_.clear();
    status_.offline_roll = 0;
    if (!store_ || !store_->shared_centre()) return;
    try {
        const std::filesystem::path dir =
            options_.offline_roll_dir.empty() ? data_directory() : options_.offline_roll_dir;
        offline_roll_file_ = store::OfflineRoll::path_in(dir, store_->centre().name);
    } catch (const std::exception& e) {
        spdlog::warn("session: no folder for the offline roll ({})", e.what());
        return;
    }
    count_offline_roll();
}

void StoreSession::count_offline_roll() {
    if (offline_roll_file_.empty()) return;
    try {
        status_.offline_roll = static_cast<int>(store::OfflineRoll(offline_roll_file_).count());
    } catch (const store::StoreError& e) {
        // A damaged file is said when importing it; it is never changed here.
        spdlog::warn("session: the offline roll could not be counted ({})", store::error_kind_id(e.kind()));
        status_.offline_roll = 0;
    }
    ++status_.version;
}

bool StoreSession::offline_roll_offered() const {
    return store_ && link_lost_ && !offline_roll_file_.empty() && store_->signed_in() &&
           store_->can(Permission::CheckIn);
}

CheckInResult StoreSession::save_offline(const Person& person, std::string_view arrived_at) {
    CheckInResult r;
    if (!offline_roll_offered()) {
        r.message = "The offline roll is only for a shared centre whose server cannot be reached. Save the "
                    "check-in as usual.";
        return r;
    }
    std::string problem;
    const auto at = arrival_time(arrived_at, clock_.now(), problem);
    if (!at) {
        r.problems.push_back({"arrived_at", problem});
        r.message = "Nothing was saved: correct the fields marked in red.";
        return r;
    }
    // What can be checked on the desk alone; a tag in use elsewhere is checked at the import.
    r.problems = validate_person(person, local_date_of(clock_.now()), local_date_of(*at));
    if (!r.problems.empty()) {
        r.message = "Nothing was saved: correct the fields marked in red.";
        return r;
    }
    try {
        store::OfflineRoll(offline_roll_file_).append(store_->cipher(), person, *at);
    } catch (const store::StoreError& e) {
        r.message = "Not saved: " + message_of(e);
        return r;
    }
    count_offline_roll();
    r.ok = true;
    r.message = "On this desk only: saved to the offline roll (" + std::to_string(status_.offline_roll) +
                (status_.offline_roll == 1 ? " person" : " people") +
                "), not yet in the shared centre. It is imported when the server is back.";
    spdlog::info("arrivals: check-in saved to the offline roll ({} in it)", status_.offline_roll);
    return r;
}

RollPreview StoreSession::preview_offline_roll() {
    RollPreview preview;
    preview.file = os::path_to_utf8(offline_roll_file_);
    if (!store_ || offline_roll_file_.empty() || link_lost_) {
        preview.errors.push_back("The shared centre's server cannot be reached: import the offline roll once "
                                 "it is back.");
        return preview;
    }
    try {
        const auto entries = store::OfflineRoll(offline_roll_file_).read(store_->cipher());
        preview.rows = static_cast<int>(entries.size());
        const store::RollImportResult result = store::preview_offline_roll(*store_, entries);
        for (const RollProblem& p : result.errors)
            preview.errors.push_back(entry_problem(p));
        for (const RollProblem& p : result.warnings)
            preview.warnings.push_back(entry_problem(p));
        if (entries.empty()) preview.errors.push_back("The offline roll has nobody in it.");
    } catch (const store::StoreError& e) {
        if (store_->shared_centre() && link_lost_) connection_lost(e.problem());
        preview.errors.push_back(message_of(e));
    }
    return preview;
}

EditResult StoreSession::import_offline_roll() {
    if (!store_ || offline_roll_file_.empty()) return {false, "There is no offline roll on this desk."};
    if (link_lost_)
        return {false,
                "The shared centre's server cannot be reached: import the offline roll once it is back."};
    std::string message;
    bool imported = false;
    store::OfflineRoll roll(offline_roll_file_);
    EditResult r = guarded([&] {
        const auto entries = roll.read(store_->cipher());
        const store::RollImportResult result = store::import_offline_roll(*store_, entries, roll.save_key());
        if (!result.ok() || result.imported.empty()) {
            message = "Nothing was imported and the offline roll is kept: fix these and import again.";
            for (const RollProblem& p : result.errors)
                message += "\n" + entry_problem(p);
            return;
        }
        imported = true;
        if (result.already_imported) {
            message = "The offline roll was already imported: its " + std::to_string(result.imported.size()) +
                      " people (" + result.imported.front().reference + " to " +
                      result.imported.back().reference +
                      ") reached the shared centre before the connection broke. Nobody was imported twice.";
            spdlog::info("arrivals: offline roll was already imported ({} people)", result.imported.size());
            return;
        }
        message = std::to_string(result.imported.size()) +
                  " people from the offline roll are in the shared " + "centre now (" +
                  result.imported.front().reference + " to " + result.imported.back().reference + ").";
        spdlog::info("arrivals: offline roll imported ({} people)", result.imported.size());
    });
    if (!r.ok) return r;
    if (imported) {
        try {
            roll.remove();
        } catch (const store::StoreError& e) {
            message += " " + message_of(e);
        }
        count_offline_roll();
    }
    return {imported, message};
}

} // namespace rc::app
