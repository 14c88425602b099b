#pragma once
// Shared helpers for the store tests: temporary folders, file hashes, a quick way to make a store.
#include "domain/clock.hpp"
#include "os/process.hpp"
#include "os/utf8_path.hpp"
#include "store/store.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <string>

namespace rc::store::test {

// Tests create files with libsodium's minimum Argon2id limits (the program refuses anything below
// MODERATE); lower the floor for this test process only.
inline const bool weak_kdf_for_tests = [] {
    lower_kdf_floor_for_tests();
    return true;
}();

// The store logs at info; keep test output to warnings and worse.
inline const bool quiet_logs = [] {
    spdlog::set_level(spdlog::level::warn);
    return true;
}();

// A fresh folder under $RC_TEST_TMP (set by ctest) or the system temp folder; removed afterwards
// unless RC_KEEP_TEST_FILES is set.
class TempDir {
public:
    explicit TempDir(const std::string& name) {
        static std::atomic<int> counter{0};
        const char* base = std::getenv("RC_TEST_TMP");
        std::filesystem::path root = base && *base
                                         ? std::filesystem::path(base)
                                         : std::filesystem::temp_directory_path() / "rc-store-tests";
        path_ = root / (name + "-" + std::to_string(rc::os::process_id()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        if (!std::getenv("RC_KEEP_TEST_FILES")) {
            std::error_code ec;
            std::filesystem::remove_all(path_, ec);
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    // `name` is UTF-8, as the console's own strings are (also on Windows, where a narrow name would be
    // read in the system's code page).
    std::filesystem::path operator/(const std::string& name) const {
        return path_ / rc::os::path_from_utf8(name);
    }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// BLAKE2b of the file's bytes, hex.
inline std::string file_hash(const std::filesystem::path& p) {
    if (sodium_init() < 0) return "sodium-failed";
    std::string bytes = read_file(p);
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

inline bool file_contains(const std::filesystem::path& p, const std::string& needle) {
    return read_file(p).find(needle) != std::string::npos;
}

constexpr const char* kPassphrase = "correct horse battery staple";
constexpr const char* kCoordinator = "Test Coordinator";

// Fast key derivation for tests: the minimum Argon2id limits.
inline CreateOptions quick_options(const std::filesystem::path& db, int schema_version = 0) {
    CreateOptions o;
    o.path = db;
    o.centre_name = "Test reception centre";
    o.centre_code = "OP-0001";
    o.venue = "Community hall, main room";
    o.coordinator_name = kCoordinator;
    o.passphrase = kPassphrase;
    o.pin = "2468";
    o.passphrase_kdf = KdfLimits::minimum();
    o.pin_kdf = KdfLimits::minimum();
    o.schema_version = schema_version;
    return o;
}

inline std::unique_ptr<Store> make_store(const std::filesystem::path& db, const Clock& clock) {
    return Store::create(quick_options(db), clock);
}

inline std::unique_ptr<Store> open_signed_in(const std::filesystem::path& db, const Clock& clock,
                                             OpenMode mode = OpenMode::ReadWrite) {
    auto s = Store::open(db, OpenOptions{mode, {}}, clock);
    auto r = s->sign_in(kCoordinator, kPassphrase);
    if (!r.ok()) throw std::runtime_error("test sign-in failed: " + r.message);
    return s;
}

constexpr UnixSeconds kT0 = 1773470400; // 2026-03-14 06:40 UTC

} // namespace rc::store::test
