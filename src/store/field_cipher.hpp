#pragma once
// Encryption of what identifies a person (names, aliases, dates of birth, phone numbers, free-text and
// medical notes, property descriptions). Each value is sealed with XChaCha20-Poly1305 (libsodium's
// crypto_aead_xchacha20poly1305_ietf) under the data key, with the record's identity (table, column,
// row id) as associated data: a sealed value copied into another row or column does not open.
//
// Blob layout: 1 byte format version (1) | 24 bytes random nonce | ciphertext | 16 bytes tag.
//
// What only coordinators read (medical notes, referral notes: coordinator_only()) is sealed to the
// coordinator key instead, an X25519 key pair whose secret half is wrapped only for coordinators. Anyone
// signed in can seal to it (a volunteer records a medical need at check-in) but only a coordinator's
// passphrase opens it, also offline with the file. Layout: 1 byte format (2) | 32 bytes ephemeral public
// key | 24 bytes nonce | ciphertext | 16 bytes tag; the AEAD key is BLAKE2b of the X25519 shared
// secret and both public keys, with the same associated data as format 1.
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

    static constexpr std::size_t coordinator_public_key_size = 32;

    // The keys must outlive the cipher (the Store hands out ciphers only while signed in). Without a
    // coordinator public key, coordinator-only fields are sealed under the data key (a database made
    // before the coordinator key existed, until a coordinator signs in); without the secret half they
    // do not open.
    explicit FieldCipher(const SecureBuffer& data_key, const Blob* coordinator_public_key = nullptr,
                         const SecureBuffer* coordinator_secret_key = nullptr);

    // Format 1 under the data key whatever the field: for an empty coordinator-only value, which says
    // nothing a volunteer does not see anyway ("no medical note"), and costs no key exchange.
    Blob seal_with_data_key(std::string_view table, std::string_view column, std::int64_t rowid,
                            std::string_view plaintext) const;
    // Adds `plaintext` to a coordinator-only value without opening it (a volunteer adding to a medical
    // note they may not read): the result opens to the old plaintext followed by this one. Format 3:
    // 1 byte (3) | parts, each a 4-byte little-endian length and a format 2 blob.
    Blob seal_appended(const Blob& existing, std::string_view table, std::string_view column, std::int64_t rowid,
                       std::string_view plaintext) const;

    // Fields sealed to the coordinator key: people.medical and referrals.notes.
    static bool coordinator_only(std::string_view table, std::string_view column);
    // Whether this blob was sealed to the coordinator key (it opens only with its secret half).
    static bool sealed_for_coordinators(const Blob& sealed);
    bool opens_coordinator_fields() const { return coordinator_secret_ != nullptr; }

    Blob seal(std::string_view table, std::string_view column, std::int64_t rowid,
              std::string_view plaintext) const;
    // std::nullopt when the blob was altered, belongs to another record, or was sealed under another key.
    std::optional<std::string> open(std::string_view table, std::string_view column, std::int64_t rowid,
                                    const Blob& sealed) const;

    // A keyed fingerprint of `value` for finding or keeping unique a sealed value (a blind index): BLAKE2b
    // of the value keyed by a subkey of the data key for `purpose` ("people.tag"). Without the data key
    // it cannot be computed, so the file shows only which rows share a value; a new data key gives new
    // fingerprints (the rotation recomputes them).
    Blob blind_index(std::string_view purpose, std::string_view value) const;
    // The associated data for a field: "rc1" NUL table NUL column NUL decimal-rowid.
    static std::string associated_data(std::string_view table, std::string_view column, std::int64_t rowid);

private:
    const SecureBuffer* key_;
    const Blob* coordinator_public_ = nullptr;
    const SecureBuffer* coordinator_secret_ = nullptr;
};

} // namespace rc::store
