// The link between desks in a build without libpq (RC_POSTGRES off): no shared centre can be opened
// in such a build (pg_engine_absent.cpp refuses its connection line), so there are never other desks
// and make() returns nullptr, as it does for a centre file on the laptop.
#include "store/shared_centre_link.hpp"

namespace rc::store {

std::unique_ptr<SharedCentreLink> SharedCentreLink::make(Store& store) {
    (void)store;
    return nullptr;
}

SharedCentreLink::~SharedCentreLink() = default;

bool SharedCentreLink::connected() const {
    return false;
}

std::vector<RecordChange> SharedCentreLink::poll() {
    return {};
}

std::vector<DeskContact> SharedCentreLink::heartbeat() {
    return {};
}

int SharedCentreLink::socket() const {
    return -1;
}

SharedCentreLink::Reconnect SharedCentreLink::start_reconnect() {
    return Reconnect::Failed;
}

SharedCentreLink::Reconnect SharedCentreLink::continue_reconnect() {
    return Reconnect::Failed;
}

} // namespace rc::store
