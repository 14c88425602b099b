#pragma once
// What the session tests share: the coordinator they create, keys derived at the cheapest settings
// (the passphrase rules are tested in the store), and ticking a desk until something holds.
#include "app/store_session.hpp"

#include <chrono>
#include <functional>
#include <thread>

namespace rc::app::test {

inline constexpr const char* kCoordinator = "Anna Kowalska";
inline constexpr const char* kPassphrase = "correct horse battery";

inline StoreSession::Options quick_keys() {
    StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    return o;
}

// Ticks the desk until `done` holds or `seconds` pass; the time it took, or a negative number.
inline double seconds_until(StoreSession& desk, const std::function<bool()>& done, double seconds) {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        desk.tick();
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (done()) return took;
        if (took > seconds) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

inline bool tick_until(StoreSession& desk, const std::function<bool()>& done, double seconds) {
    return seconds_until(desk, done, seconds) >= 0;
}

} // namespace rc::app::test
