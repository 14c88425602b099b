#pragma once
// Encryption of what identifies a person (names, aliases, dates of birth, phone numbers, free-text and
// medical notes, property descriptions). Each value is sealed with XChaCha20-Poly1305 (libsodium's
// crypto_aead_xchacha20poly1305_ietf) under the data key, with the record's identity (table, column,
// row id) as associated data: a sealed value copied into another row or column does not open.
//
// Blob layout: 1 byte format version (1) | 24 bytes random nonce | ciphertext | 16 bytes tag.
#include "store/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

class SecureBuffer;

class FieldCipher {
public:
    static constexpr std::size_t key_size = 32;

    // The key must outlive the cipher (the Store hands out ciphers only while signed in).
    explicit FieldCipher(const SecureBuffer& data_key);

    Blob seal(std::string_view table, std::string_view column, std::int64_t rowid,
              std::string_view plaintext) const;
    // std::nullopt when the blob was altered, belongs to another record, or was sealed under another key.
    std::optional<std::string> open(std::string_view table, std::string_view column, std::int64_t rowid,
                                    const Blob& sealed) const;

    // The associated data for a field: "rc1" NUL table NUL column NUL decimal-rowid.
    static std::string associated_data(std::string_view table, std::string_view column, std::int64_t rowid);

private:
    const SecureBuffer* key_;
};

} // namespace rc::store
