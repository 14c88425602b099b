// StoreSession on a shared centre: other desks' changes read again record by record, the desks'
// heartbeats for the status bar, and a lost server said at once and reconnected in the background.
#include "app/store_session.hpp"
#include "store/error.hpp"
#include "store/shared_centre_link.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

constexpr double kReconnectEverySeconds = 2.0;

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

void StoreSession::start_link() {
    link_.reset();
    status_.shared_centre = store_ && store_->shared_centre();
    if (!status_.shared_centre) return;
    find_offline_roll();
    try {
        link_ = store::SharedCentreLink::make(*store_);
        link_lost_ = false;
        heartbeat();
    } catch (const store::StoreError& e) {
        // The store opened, so the server was there a moment ago: treat it as a lost connection.
        spdlog::warn("session: the shared centre's change feed could not start ({})",
                     store::error_kind_id(e.kind()));
        if (!link_) return;
        connection_lost(e.problem());
    }
    ++status_.version;
}

int StoreSession::wake_socket() const {
    return link_ && !link_lost_ ? link_->socket() : -1;
}

double StoreSession::link_seconds_until_due() const {
    const double now = steady_seconds();
    const double at = link_lost_ ? (reconnecting_ ? now : next_reconnect_) : next_heartbeat_;
    return std::max(0.0, at - now);
}

void StoreSession::connection_lost(const std::string& why) {
    if (!link_lost_) {
        spdlog::warn("session: lost the connection to the shared centre's server");
        link_lost_ = true;
        reconnecting_ = false;
        next_reconnect_ = steady_seconds(); // at once, then every few seconds
    }
    status_.save_state = SaveState::NotConnected;
    status_.save_problem = why;
    status_.desks_connected = 0;
    for (DeskStatus& d : status_.desks)
        d.connected = false;
    ++status_.version;
}

bool StoreSession::tick_link() {
    if (link_lost_) return step_reconnect();
    if (!link_->connected()) {
        connection_lost("The connection to the shared centre's server was closed.");
        return true;
    }
    bool changed = false;
    const std::vector<store::RecordChange> changes = link_->poll();
    if (!link_->connected()) {
        connection_lost("The shared centre's server closed the connection.");
        return true;
    }
    if (!changes.empty()) changed = apply_remote_changes(changes);
    if (steady_seconds() >= next_heartbeat_) changed |= heartbeat();
    return changed;
}

bool StoreSession::heartbeat() {
    next_heartbeat_ = steady_seconds() + store::SharedCentreLink::kHeartbeatSeconds;
    try {
        std::vector<DeskStatus> desks;
        int connected = 0;
        for (const store::DeskContact& d : link_->heartbeat()) {
            desks.push_back({d.role, d.seconds_since_contact, d.connected, d.this_desk});
            if (d.connected) ++connected;
        }
        // Only a desk coming or going is worth a frame; the ages show at the next one (or on hover).
        bool visible = connected != status_.desks_connected || desks.size() != status_.desks.size();
        for (std::size_t i = 0; !visible && i < desks.size(); ++i)
            visible =
                desks[i].role != status_.desks[i].role || desks[i].connected != status_.desks[i].connected;
        status_.desks = std::move(desks);
        status_.desks_connected = connected;
        ++status_.version;
        return visible;
    } catch (const store::StoreError& e) {
        if (!link_->connected()) {
            connection_lost(e.problem());
            return true;
        }
        spdlog::warn("session: desk heartbeat failed ({})", store::error_kind_id(e.kind()));
        return false;
    }
}

bool StoreSession::step_reconnect() {
    using R = store::SharedCentreLink::Reconnect;
    const double now = steady_seconds();
    R r = R::InProgress;
    if (reconnecting_) {
        r = link_->continue_reconnect();
    } else {
        if (now < next_reconnect_) return false;
        reconnecting_ = true;
        r = link_->start_reconnect();
    }
    if (r == R::InProgress) return false;
    reconnecting_ = false;
    if (r == R::Failed) {
        next_reconnect_ = now + kReconnectEverySeconds;
        return false;
    }
    spdlog::info("session: connected to the shared centre's server again");
    link_lost_ = false;
    // Whatever the other desks did meanwhile is read again in full.
    people_patch_.clear();
    stock_stale_ = true;
    const bool signed_in = store_->signed_in();
    try {
        read_parts(kAllParts, signed_in);
        const store::Centre c = store_->centre();
        status_.centre_name = c.code + " " + c.name;
    } catch (const store::StoreError& e) {
        connection_lost(e.problem());
        return true;
    }
    count_offline_roll();
    status_.save_state = SaveState::Reconnected;
    status_.save_problem = "Connected again at " + format_local_time(clock_.now(), "%H:%M") + ".";
    heartbeat();
    ++status_.version;
    return true;
}

void StoreSession::key_changed_elsewhere() {
    spdlog::warn("session: the centre's data key was rotated on another desk; signed out");
    sign_out();
    status_.save_state = SaveState::KeyChanged;
    status_.save_problem = std::string(store::kKeyChangedMessage) +
                           " A coordinator rotated the centre's data key on another desk.";
    ++status_.version;
}

bool StoreSession::key_changed_elsewhere(const store::StoreError& e) {
    if (e.kind() != store::ErrorKind::SignedOut || e.problem() != store::kKeyChangedMessage) return false;
    key_changed_elsewhere();
    return true;
}

bool StoreSession::apply_remote_changes(const std::vector<store::RecordChange>& changes) {
    // A rotation's notice comes alone (the rotation's own rows notify nothing): nothing else is read
    // under the old key.
    for (const store::RecordChange& c : changes)
        if (c.table == "data_key") {
            if (store_->signed_in() || store_->pin_unlock_available()) key_changed_elsewhere();
            return true;
        }
    unsigned parts = 0;
    for (const store::RecordChange& c : changes) {
        const std::string& t = c.table;
        if (t == "people" || t == "journey_events") {
            // The person's row only; the reception clock and the bag forecast follow arrivals.
            if (std::find(people_patch_.begin(), people_patch_.end(), c.id) == people_patch_.end())
                people_patch_.push_back(c.id);
            parts |= kPeoplePart | kOperationPart | kStockPart;
        } else if (t == "referrals" || t == "referral_events") {
            parts |= kReferralsPart;
        } else if (t == "stock_movements" || t == "stock_stores") {
            stock_stale_ = true;
            parts |= kStockPart;
        } else if (t == "staff" || t == "callouts" || t == "callout_events" || t == "partner_directory") {
            parts |= kPartnersPart;
        } else if (t == "activity_log") {
            parts |= kLogPart;
        } else {
            parts |= kOperationPart; // the centre, its activation, tier, actions, procedure, venues
        }
    }
    const bool signed_in = store_->signed_in();
    if (!signed_in) people_patch_.clear(); // nothing personal is read behind the lock screen
    // Counts only: which records changed is not for the log.
    spdlog::info("session: read {} change(s) from another desk ({} people)", changes.size(),
                 people_patch_.size());
    try {
        read_parts(parts, signed_in);
        if (parts & kOperationPart) { // another desk may have renamed the centre
            const store::Centre c = store_->centre();
            status_.centre_name = c.code + " " + c.name;
        }
    } catch (const store::StoreError& e) {
        if (!link_->connected())
            connection_lost(e.problem());
        else
            spdlog::warn("session: reading another desk's change failed ({})",
                         store::error_kind_id(e.kind()));
    }
    ++status_.version;
    return parts != 0;
}

} // namespace rc::app
