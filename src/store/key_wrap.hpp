#pragma once
// Passphrases, PINs and the data key.
//
// The data key (32 random bytes) encrypts every personal field. Each user holds their own copy of it,
// wrapped (XChaCha20-Poly1305) under a key derived from that user's passphrase with Argon2id
// (crypto_pwhash). The salt and the cost limits are stored per user, so tests can use the minimum.
// A PIN is stored only as a crypto_pwhash_str hash: it proves who is at the keyboard while the program
// runs, but can never unwrap the data key. See docs/security.md.
#include "store/passphrase_rule.hpp"
#include "store/secure_memory.hpp"
#include "store/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rc::store {

struct KdfLimits {
    std::uint64_t opslimit = 0;
    std::size_t memlimit = 0;

    static KdfLimits minimum();     // libsodium's minimum: for tests and the benchmark only
    static KdfLimits interactive(); // about 0.1 s and 64 MiB: the default for PINs
    static KdfLimits moderate();    // about 0.5-1 s and 256 MiB: the default for passphrases
    // Within libsodium's bounds and not absurd (limits read from a file are checked before use, so a
    // tampered file cannot ask for 100 GiB of memory).
    bool valid() const;
    // At least the floor below in both passes and memory: limits read from a file that are weaker are
    // refused, so a file edited to say "1 pass, 8 KiB" cannot make a passphrase cheap to guess.
    bool at_least_floor() const;
    bool operator==(const KdfLimits&) const = default;
};

// The weakest passphrase limits the console accepts: libsodium's MODERATE. Tests and the benchmark's
// throw-away databases lower it for their own process with ScopedKdfFloor (never the program).
KdfLimits kdf_floor();
class ScopedKdfFloor {
public:
    explicit ScopedKdfFloor(KdfLimits floor);
    ~ScopedKdfFloor();
    ScopedKdfFloor(const ScopedKdfFloor&) = delete;
    ScopedKdfFloor& operator=(const ScopedKdfFloor&) = delete;

private:
    KdfLimits previous_;
};
// For test executables: lowers the floor for the whole process (no way back).
void lower_kdf_floor_for_tests();

struct WrappedKey {
    Blob salt; // crypto_pwhash_SALTBYTES
    KdfLimits limits;
    Blob sealed; // nonce | XChaCha20-Poly1305(data key)
};

// Wraps the data key under a key derived from the passphrase. `context` (e.g. "users:3") is bound in as
// associated data so a wrapped key cannot be moved to another user's row.
WrappedKey wrap_data_key(const SecureBuffer& data_key, std::string_view passphrase, KdfLimits limits,
                         std::string_view context);
// std::nullopt when the passphrase is wrong (or the material was altered).
std::optional<SecureBuffer> unwrap_data_key(const WrappedKey& wrapped, std::string_view passphrase,
                                            std::string_view context);

// A user's keys: the data key and, for a coordinator, the coordinator key (the secret half of the
// X25519 key pair that medical and referral notes are sealed to), both wrapped under one Argon2id
// derivation of the passphrase, with different associated data.
struct UserKeys {
    SecureBuffer data_key;
    SecureBuffer coordinator_key; // empty: not a coordinator, or none wrapped for them
};
struct WrappedUserKeys {
    WrappedKey data;
    Blob coordinator_sealed; // empty when no coordinator key was given
};
WrappedUserKeys wrap_user_keys(const SecureBuffer& data_key, const SecureBuffer* coordinator_key,
                               std::string_view passphrase, KdfLimits limits, std::string_view context);
// std::nullopt when the passphrase is wrong or anything was altered. `coordinator_sealed` may be empty.
std::optional<UserKeys> unwrap_user_keys(const WrappedKey& wrapped, const Blob& coordinator_sealed,
                                         std::string_view passphrase, std::string_view context);

std::string hash_pin(std::string_view pin, KdfLimits limits);
bool verify_pin(const std::string& pin_hash, std::string_view pin);

// Names are looked up at sign-in, before any key is available, through a keyed BLAKE2b tag of the
// normalised name (the key is stored in the file: this hides names from a casual reader of the file,
// not from someone testing a list of guesses against it; see docs/security.md).
std::string normalise_user_name(std::string_view name); // trimmed, inner spaces collapsed, ASCII lowercased
Blob user_name_tag(std::span<const unsigned char> tag_key, std::string_view name);

// Rules for what the console accepts (messages say what is wrong; they never echo the secret). The
// passphrase rule is in passphrase_rule.hpp.
std::optional<std::string> pin_problem(std::string_view pin);

} // namespace rc::store
