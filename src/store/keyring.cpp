#include "store/keyring.hpp"

#include "store/error.hpp"

#include <sodium.h>

namespace rc::store {

void Keyring::unlock(SecureBuffer data_key) {
    if (data_key.size() != crypto_secretbox_KEYBYTES)
        throw StoreError(ErrorKind::Crypto, "the data key has the wrong size");
    forget();
    key_ = std::move(data_key);
    key_.make_read_only();
}

void Keyring::lock() {
    if (!unlocked()) return;
    if (session_key_.empty()) {
        session_key_ = SecureBuffer::random(crypto_secretbox_KEYBYTES);
    }
    session_key_.make_read_only();
    sealed_.assign(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + key_.size(), 0);
    randombytes_buf(sealed_.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed_.data() + crypto_secretbox_NONCEBYTES, key_.data(), key_.size(),
                          sealed_.data(), session_key_.data());
    session_key_.make_no_access();
    key_.reset(); // sodium_free wipes it
}

bool Keyring::restore() {
    if (unlocked()) return true;
    if (sealed_.empty() || session_key_.empty()) return false;
    SecureBuffer k(crypto_secretbox_KEYBYTES);
    session_key_.make_read_only();
    int rc = crypto_secretbox_open_easy(k.data(), sealed_.data() + crypto_secretbox_NONCEBYTES,
                                        sealed_.size() - crypto_secretbox_NONCEBYTES, sealed_.data(),
                                        session_key_.data());
    session_key_.make_no_access();
    if (rc != 0) return false;
    key_ = std::move(k);
    key_.make_read_only();
    return true;
}

void Keyring::forget() noexcept {
    key_.reset();
    session_key_.reset();
    if (!sealed_.empty()) sodium_memzero(sealed_.data(), sealed_.size());
    sealed_.clear();
}

const SecureBuffer& Keyring::key() const {
    if (!unlocked()) throw StoreError(ErrorKind::SignedOut, "The console is locked.", "Sign in to continue.");
    return key_;
}

} // namespace rc::store
