// Saves under a save key (save_key.hpp) and a shared centre's lost connection: the desk reconnects
// before a write, and a save whose connection broke is tried once more under the same key.
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <charconv>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::int64_t id : ids)
        out += (out.empty() ? "" : " ") + std::to_string(id);
    return out;
}

std::vector<std::int64_t> split_ids(std::string_view text) {
    std::vector<std::int64_t> out;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find(' '), text.size());
        std::int64_t id = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, id);
        if (ec != std::errc() || ptr != text.data() + end)
            throw StoreError(ErrorKind::Corrupt, "A recorded save lists a malformed record id.",
                             "Ask whoever looks after the centre's database to check the saves table.");
        out.push_back(id);
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return out;
}

} // namespace

std::int64_t WriteContext::next_number(std::string_view counter) {
    auto st = db.cached("UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value");
    st->bind(1, counter);
    if (!st->step())
        throw StoreError(ErrorKind::Corrupt,
                         "The database has no counter for " + std::string(counter) + " numbers.",
                         "It was not made by this version of Reception Console, or it was changed by "
                         "hand. Nothing was saved.");
    return st->int64_at(0);
}

bool Store::reconnect() {
    if (conn_.connected()) return true;
    const bool ok = conn_.reconnect();
    if (ok)
        spdlog::info("store: reconnected to the shared centre's server");
    else
        spdlog::warn("store: the shared centre's server is still out of reach");
    return ok;
}

void Store::require_connection() {
    if (conn_.connected() || reconnect()) return;
    throw StoreError(ErrorKind::Disconnected,
                     "Not connected to the shared centre's server: nothing was saved.",
                     "Check the network and that the server is running; the desk connects again on "
                     "its own when you save again.");
}

SaveOutcome Store::save(Permission needed, const SaveKey& key, std::string_view action,
                        const std::function<std::vector<std::int64_t>(WriteContext&)>& make_rows) {
    try {
        return save_once(needed, key, action, make_rows);
    } catch (const StoreError& e) {
        if (e.kind() != ErrorKind::Disconnected) throw;
        // The first attempt may have been committed with its acknowledgement lost: the key tells.
        spdlog::warn("store: the connection broke during a save ({}); trying it again under its key", action);
        if (!reconnect()) throw;
    }
    return save_once(needed, key, action, make_rows);
}

SaveOutcome Store::save_once(Permission needed, const SaveKey& key, std::string_view action,
                             const std::function<std::vector<std::int64_t>(WriteContext&)>& make_rows) {
    require_connection();
    WriteScope scope(*this, needed, true);
    WriteContext& w = scope.ctx();
    // Claim the key first: on a shared centre a second attempt running at the same time waits here
    // until the first one commits (then finds it) or rolls back (then makes the rows itself).
    conn_
        .cached("INSERT INTO saves (save_key, action, record_ids, by_user, saved_at) VALUES (?, ?, '', ?, ?) "
                "ON CONFLICT (save_key) DO NOTHING")
        ->bind_all(key.text(), action, w.user, w.now)
        .run();
    SaveOutcome out;
    if (conn_.changes() == 0) {
        auto st = conn_.cached("SELECT action, record_ids FROM saves WHERE save_key = ?");
        st->bind(1, key.text());
        if (!st->step())
            throw StoreError(ErrorKind::Sql,
                             "A save key was neither new nor recorded (a programming error).");
        if (st->text_at(0) != action)
            throw StoreError(ErrorKind::InvalidInput,
                             "This save key was already used for another kind of save (a programming "
                             "error): nothing was saved.");
        out.ids = split_ids(st->text_at(1));
        out.replayed = true;
        st->reset();
        scope.commit(); // nothing written; the snapshots still refresh to show the first attempt's rows
        spdlog::info("store: a save ({}) was already made under its key; nothing made twice", action);
        return out;
    }
    out.ids = make_rows(w);
    conn_.cached("UPDATE saves SET record_ids = ? WHERE save_key = ?")
        ->bind_all(join_ids(out.ids), key.text())
        .run();
    scope.commit();
    return out;
}

} // namespace rc::store
