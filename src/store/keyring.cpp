#include "store/keyring.hpp"

#include "store/error.hpp"

#include <algorithm>
#include <sodium.h>

namespace rc::store {

void Keyring::unlock(SecureBuffer data_key, SecureBuffer coordinator_key) {
    if (data_key.size() != crypto_secretbox_KEYBYTES)
        throw StoreError(ErrorKind::Crypto, "the data key has the wrong size");
    if (!coordinator_key.empty() && coordinator_key.size() != crypto_scalarmult_SCALARBYTES)
        throw StoreError(ErrorKind::Crypto, "the coordinator key has the wrong size");
    forget();
    key_ = std::move(data_key);
    key_.make_read_only();
    coordinator_key_ = std::move(coordinator_key);
    if (!coordinator_key_.empty()) coordinator_key_.make_read_only();
}

void Keyring::set_coordinator_key(SecureBuffer coordinator_key) {
    if (coordinator_key.size() != crypto_scalarmult_SCALARBYTES)
        throw StoreError(ErrorKind::Crypto, "the coordinator key has the wrong size");
    coordinator_key_ = std::move(coordinator_key);
    coordinator_key_.make_read_only();
}

void Keyring::drop_coordinator_key() noexcept {
    coordinator_key_.reset();
}

void Keyring::lock() {
    if (!unlocked()) return;
    if (session_key_.empty()) {
        session_key_ = SecureBuffer::random(crypto_secretbox_KEYBYTES);
    }
    session_key_.make_read_only();
    SecureBuffer both(key_.size() + coordinator_key_.size());
    std::copy(key_.data(), key_.data() + key_.size(), both.data());
    if (!coordinator_key_.empty())
        std::copy(coordinator_key_.data(), coordinator_key_.data() + coordinator_key_.size(),
                  both.data() + key_.size());
    sealed_.assign(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + both.size(), 0);
    randombytes_buf(sealed_.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed_.data() + crypto_secretbox_NONCEBYTES, both.data(), both.size(),
                          sealed_.data(), session_key_.data());
    session_key_.make_no_access();
    key_.reset(); // sodium_free wipes it
    coordinator_key_.reset();
}

bool Keyring::restore() {
    if (unlocked()) return true;
    if (sealed_.empty() || session_key_.empty()) return false;
    const std::size_t plain = sealed_.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    SecureBuffer both(plain);
    session_key_.make_read_only();
    int rc = crypto_secretbox_open_easy(both.data(), sealed_.data() + crypto_secretbox_NONCEBYTES,
                                        sealed_.size() - crypto_secretbox_NONCEBYTES, sealed_.data(),
                                        session_key_.data());
    session_key_.make_no_access();
    if (rc != 0) return false;
    SecureBuffer k(crypto_secretbox_KEYBYTES);
    std::copy(both.data(), both.data() + k.size(), k.data());
    key_ = std::move(k);
    key_.make_read_only();
    if (plain > crypto_secretbox_KEYBYTES) {
        SecureBuffer c(plain - crypto_secretbox_KEYBYTES);
        std::copy(both.data() + crypto_secretbox_KEYBYTES, both.data() + plain, c.data());
        coordinator_key_ = std::move(c);
        coordinator_key_.make_read_only();
    }
    return true;
}

void Keyring::forget() noexcept {
    key_.reset();
    coordinator_key_.reset();
    session_key_.reset();
    if (!sealed_.empty()) sodium_memzero(sealed_.data(), sealed_.size());
    sealed_.clear();
}

const SecureBuffer& Keyring::key() const {
    if (!unlocked()) throw StoreError(ErrorKind::SignedOut, "The console is locked.", "Sign in to continue.");
    return key_;
}

} // namespace rc::store
