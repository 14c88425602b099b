// The kill test's writer: opens the database through the real Store, signs in, and commits log
// entries as fast as it can, printing each entry's id on stdout only after its commit returned (the
// acknowledgement). Every hundredth write it also takes an automatic backup. rc_store_tests kills it
// with SIGKILL at random moments and checks that every acknowledged id survived.
//
// usage: rc_store_kill_writer DB   (passphrase in RECEPTION_CONSOLE_PASSPHRASE)
#include "domain/clock.hpp"
#include "store/error.hpp"
#include "store/store.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: rc_store_kill_writer DB USER\n");
        return 2;
    }
    const char* passphrase = std::getenv("RECEPTION_CONSOLE_PASSPHRASE");
    if (!passphrase) {
        std::fprintf(stderr, "rc_store_kill_writer: RECEPTION_CONSOLE_PASSPHRASE is not set\n");
        return 2;
    }
    // stdout carries only acknowledgements: the store's log goes to stderr.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("writer"));
    spdlog::set_level(spdlog::level::warn);
    rc::store::lower_kdf_floor_for_tests(); // the test made the file with the minimum limits
    try {
        rc::SystemClock clock;
        auto store = rc::store::Store::open(argv[1], {}, clock);
        auto r = store->sign_in(argv[2], passphrase);
        if (!r.ok()) {
            std::fprintf(stderr, "rc_store_kill_writer: sign-in failed: %s\n", r.message.c_str());
            return 3;
        }
        for (long long seq = 0;; ++seq) {
            std::int64_t id = store->append_log("kill test entry " + std::to_string(seq));
            std::printf("%lld\n", static_cast<long long>(id));
            std::fflush(stdout);
            if (seq % 100 == 99) store->backup_now();
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rc_store_kill_writer: %s\n", e.what());
        return 1;
    }
}
