// One desk of a shared centre for the four-desk test: opens the centre through the real Store, signs
// in and checks people in one after another, each under a save key made before its first attempt.
// A save that fails because the server is out of reach is tried again under the same key until it is
// acknowledged (as the console's background retry does), for at most a minute without progress. Each
// acknowledged check-in is printed on stdout only after check_in() returned: "ID REFERENCE KEY".
//
// usage: rc_store_desk TARGET USER DESK COUNT   (passphrase in RECEPTION_CONSOLE_PASSPHRASE)
#include "domain/clock.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/store.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPatience = std::chrono::seconds(60);

// Retries `f` while the server is out of reach, up to kPatience without success.
template <class F> auto until_connected(F&& f, int& retries) {
    const auto give_up = Clock::now() + kPatience;
    for (;;) {
        try {
            return f();
        } catch (const rc::store::StoreError& e) {
            if (e.kind() != rc::store::ErrorKind::Disconnected || Clock::now() > give_up) throw;
            ++retries;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: rc_store_desk TARGET USER DESK COUNT\n");
        return 2;
    }
    const char* passphrase = std::getenv("RECEPTION_CONSOLE_PASSPHRASE");
    if (!passphrase) {
        std::fprintf(stderr, "rc_store_desk: RECEPTION_CONSOLE_PASSPHRASE is not set\n");
        return 2;
    }
    // stdout carries only acknowledgements: the store's log goes to stderr.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("desk"));
    spdlog::set_level(spdlog::level::err);
    rc::store::lower_kdf_floor_for_tests(); // the test made the centre with the minimum limits
    const std::string desk = argv[3];
    const int count = std::atoi(argv[4]);
    int retries = 0;
    try {
        rc::SystemClock clock;
        auto store = rc::store::Store::open(argv[1], {}, clock);
        auto r = store->sign_in(argv[2], passphrase);
        if (!r.ok()) {
            std::fprintf(stderr, "rc_store_desk: sign-in failed: %s\n", r.message.c_str());
            return 3;
        }
        for (int i = 0; i < count; ++i) {
            rc::Person p;
            p.tag = "D" + desk + "-" + std::to_string(i);
            const rc::store::SaveKey key = rc::store::SaveKey::make(); // before the first attempt
            const rc::store::CheckedIn in =
                until_connected([&] { return rc::store::check_in(*store, p, clock.now(), key); }, retries);
            std::printf("%lld %s %s\n", static_cast<long long>(in.id), in.reference.c_str(),
                        key.text().c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rc_store_desk %s: %s\n", desk.c_str(), e.what());
        return 1;
    }
    std::fprintf(stderr, "rc_store_desk %s: %d check-ins, %d tries again while the server was away\n",
                 desk.c_str(), count, retries);
    return 0;
}
