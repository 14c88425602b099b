#pragma once
// Where the data key lives in memory while the console runs.
//
//   signed in: the plaintext data key, in sodium_malloc'd memory (locked in RAM, read-only pages).
//   locked:    the plaintext is wiped; only a copy sealed (crypto_secretbox) under a random session key
//              that exists only in this process remains, so a correct PIN can bring it back. The session
//              key is never written anywhere; after the program exits, only a passphrase opens the file.
//   forgotten: nothing (signed out, or exit).
#include "store/secure_memory.hpp"
#include "store/sqlite_db.hpp"

#include <cstdint>

namespace rc::store {

class Keyring {
public:
    Keyring() = default;
    ~Keyring() { forget(); }
    Keyring(const Keyring&) = delete;
    Keyring& operator=(const Keyring&) = delete;

    // Takes the plaintext data key (after a passphrase unwrapped it) and, for a coordinator, the
    // coordinator key (may be empty). Any sealed copy is replaced.
    void unlock(SecureBuffer data_key, SecureBuffer coordinator_key = {});
    // Gives an unlocked keyring the coordinator key (it was just made).
    void set_coordinator_key(SecureBuffer coordinator_key);
    // Forgets the coordinator key (a volunteer unlocked with a PIN after a coordinator's session).
    void drop_coordinator_key() noexcept;
    // Seals the key under the session key and wipes the plaintext. No effect unless unlocked.
    void lock();
    // Brings the plaintext back from the sealed copy (the caller has verified a PIN). False if no
    // sealed copy exists.
    bool restore();
    // Wipes the plaintext, the sealed copy and the session key.
    void forget() noexcept;

    bool unlocked() const { return !key_.empty(); }
    bool has_sealed_key() const { return !sealed_.empty(); }
    // The plaintext data key; throws StoreError(SignedOut) when locked.
    const SecureBuffer& key() const;
    // The coordinator key's secret half, or nullptr when this session does not hold it.
    const SecureBuffer* coordinator_key() const {
        return unlocked() && !coordinator_key_.empty() ? &coordinator_key_ : nullptr;
    }

private:
    SecureBuffer key_;
    SecureBuffer coordinator_key_;
    SecureBuffer session_key_;
    Blob sealed_; // nonce | secretbox(data key [| coordinator key])
};

} // namespace rc::store
