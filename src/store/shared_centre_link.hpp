#pragma once
// A desk's link to the other desks of a shared centre (PostgreSQL): what they changed, which desks are
// connected, and getting the connection back after the network or the server dropped it.
//
// - Every committed row change in the tables the screens show is announced by a server-side trigger
//   with NOTIFY on the channel `rc_change`, carrying only "table:id" (the record's id, or for journey
//   steps the person's id): never a personal value, which is sealed anyway. poll() reads them from
//   the socket without blocking and leaves out this desk's own (it has already read them again).
// - Each desk writes a heartbeat into `rc_desks` (its role and when it was last heard from) every
//   kHeartbeatSeconds; desks() lists them. A desk not heard from for 3 heartbeats is not connected.
// - A lost connection is reconnected without blocking the window: start_reconnect() and then
//   continue_reconnect() from the loop until it says Connected or Failed.
//
// The triggers, their function and `rc_desks` are installed by the first desk that opens the centre
// (idempotent, under an advisory lock), not by a numbered migration: they exist only on the server.
// On the laptop file (SQLite) there are no other desks: make() returns nullptr.
#include "store/store.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rc::store {

// One record another desk changed (inserted, updated or deleted).
struct RecordChange {
    std::string table; // "people", "referrals", "stock_movements", ...
    std::int64_t id = 0;
};

// A desk as the others see it.
struct DeskContact {
    std::string role;               // the database role it connects as ("desk2")
    double seconds_since_contact{}; // since its last heartbeat
    bool connected = false;         // heard from within 3 heartbeats
    bool this_desk = false;
};

class SharedCentreLink {
public:
    static constexpr double kHeartbeatSeconds = 5.0;

    // nullptr unless the store is a shared centre. Installs the triggers if missing, LISTENs and
    // writes the first heartbeat. Throws StoreError when the server refuses.
    static std::unique_ptr<SharedCentreLink> make(Store& store);
    ~SharedCentreLink(); // removes this desk's heartbeat row when it can
    SharedCentreLink(const SharedCentreLink&) = delete;
    SharedCentreLink& operator=(const SharedCentreLink&) = delete;

    // Whether the connection is up as far as libpq knows (a failed write or a closed socket ends it).
    bool connected() const;
    // The changes other desks committed since the last call, read without waiting. Marks the link
    // lost (connected() false) when the socket shows the server has gone.
    std::vector<RecordChange> poll();
    // Writes this desk's heartbeat and reads every desk's; throws StoreError when the server is gone.
    std::vector<DeskContact> heartbeat();
    // The socket to wait on for notifications (-1 when there is none): readable means poll() has news.
    int socket() const;

    enum class Reconnect { InProgress, Connected, Failed };
    // Starts connecting again (non-blocking); then call continue_reconnect() until it is not
    // InProgress. On Connected, the session is set up again (LISTEN, statement cache emptied).
    Reconnect start_reconnect();
    Reconnect continue_reconnect();
    // Why the last reconnect failed (libpq's words, no password: they never contain one).
    const std::string& reconnect_problem() const { return reconnect_problem_; }

private:
    explicit SharedCentreLink(Store& store);
    void set_up_session(); // LISTEN and the desk's key
    Store& store_;
    Connection& db_;
    std::string desk_key_; // unique per running console: the heartbeat row's key
    std::string reconnect_problem_;
};

} // namespace rc::store
