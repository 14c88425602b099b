#include "store/field_cipher.hpp"

#include "store/error.hpp"
#include "store/secure_memory.hpp"

#include <sodium.h>

namespace rc::store {

namespace {
constexpr unsigned char kFormatVersion = 1;
constexpr unsigned char kCoordinatorFormat = 2;
constexpr unsigned char kAppendedFormat = 3;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kPublic = crypto_scalarmult_BYTES;

// The AEAD key for a coordinator-sealed value: BLAKE2b("rc1 coordinator" | shared | ephemeral | recipient).
bool coordinator_aead_key(const unsigned char* shared, const unsigned char* ephemeral_public,
                          const unsigned char* recipient_public, SecureBuffer& out) {
    crypto_generichash_state st;
    static constexpr char kLabel[] = "rc1 coordinator";
    if (crypto_generichash_init(&st, nullptr, 0, 32) != 0) return false;
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(kLabel), sizeof kLabel);
    crypto_generichash_update(&st, shared, crypto_scalarmult_BYTES);
    crypto_generichash_update(&st, ephemeral_public, kPublic);
    crypto_generichash_update(&st, recipient_public, kPublic);
    out = SecureBuffer(32);
    crypto_generichash_final(&st, out.data(), out.size());
    sodium_memzero(&st, sizeof st);
    return true;
}
} // namespace

FieldCipher::FieldCipher(const SecureBuffer& data_key, const Blob* coordinator_public_key,
                         const SecureBuffer* coordinator_secret_key)
    : key_(&data_key) {
    ensure_sodium();
    if (data_key.size() != key_size || data_key.empty())
        throw StoreError(ErrorKind::SignedOut, "the data key is not available: sign in first.");
    if (coordinator_public_key && coordinator_public_key->size() == coordinator_public_key_size)
        coordinator_public_ = coordinator_public_key;
    if (coordinator_secret_key && coordinator_secret_key->size() == crypto_scalarmult_SCALARBYTES)
        coordinator_secret_ = coordinator_secret_key;
}

bool FieldCipher::coordinator_only(std::string_view table, std::string_view column) {
    return (table == "people" && column == "medical") || (table == "referrals" && column == "notes");
}

bool FieldCipher::sealed_for_coordinators(const Blob& sealed) {
    return !sealed.empty() && (sealed[0] == kCoordinatorFormat || sealed[0] == kAppendedFormat);
}

namespace {
void put_part(Blob& out, const Blob& part) {
    for (int shift = 0; shift < 32; shift += 8)
        out.push_back(static_cast<unsigned char>((part.size() >> shift) & 0xFF));
    out.insert(out.end(), part.begin(), part.end());
}
} // namespace

Blob FieldCipher::seal_appended(const Blob& existing, std::string_view table, std::string_view column,
                                std::int64_t rowid, std::string_view plaintext) const {
    if (!coordinator_public_ || !coordinator_only(table, column) || !sealed_for_coordinators(existing)) {
        // Sealed under the data key (or nothing yet): open, join, seal again.
        std::string joined;
        if (!existing.empty()) {
            auto old = open(table, column, rowid, existing);
            if (!old) throw StoreError(ErrorKind::Crypto, "a sealed value failed its integrity check");
            joined = std::move(*old);
        }
        joined += plaintext;
        Blob out = seal(table, column, rowid, joined);
        sodium_memzero(joined.data(), joined.size());
        return out;
    }
    Blob out;
    if (existing[0] == kAppendedFormat) {
        out = existing;
    } else {
        out.push_back(kAppendedFormat);
        put_part(out, existing);
    }
    put_part(out, seal(table, column, rowid, plaintext));
    return out;
}

Blob FieldCipher::blind_index(std::string_view purpose, std::string_view value) const {
    // Subkey = BLAKE2b-256 keyed by the data key of "rc1 blind index" NUL purpose.
    SecureBuffer subkey(32);
    std::string label = "rc1 blind index";
    label += '\0';
    label += purpose;
    crypto_generichash(subkey.data(), subkey.size(), reinterpret_cast<const unsigned char*>(label.data()),
                       label.size(), key_->data(), key_->size());
    Blob out(32);
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(value.data()),
                       value.size(), subkey.data(), subkey.size());
    return out;
}

std::string FieldCipher::associated_data(std::string_view table, std::string_view column,
                                         std::int64_t rowid) {
    std::string ad = "rc1";
    ad += '\0';
    ad += table;
    ad += '\0';
    ad += column;
    ad += '\0';
    ad += std::to_string(rowid);
    return ad;
}

Blob FieldCipher::seal(std::string_view table, std::string_view column, std::int64_t rowid,
                       std::string_view plaintext) const {
    if (key_->empty())
        throw StoreError(ErrorKind::SignedOut, "the data key is not available: sign in first.");
    std::string ad = associated_data(table, column, rowid);
    if (coordinator_public_ && coordinator_only(table, column)) {
        // An ephemeral key pair per value: only the coordinator key's secret half can redo the exchange.
        Blob out(1 + kPublic + kNonce + plaintext.size() + kTag);
        out[0] = kCoordinatorFormat;
        unsigned char* epk = out.data() + 1;
        SecureBuffer esk = SecureBuffer::random(crypto_scalarmult_SCALARBYTES);
        crypto_scalarmult_base(epk, esk.data());
        SecureBuffer shared(crypto_scalarmult_BYTES), k;
        if (crypto_scalarmult(shared.data(), esk.data(), coordinator_public_->data()) != 0 ||
            !coordinator_aead_key(shared.data(), epk, coordinator_public_->data(), k))
            throw StoreError(ErrorKind::Crypto, "the coordinator key in this database is not usable");
        unsigned char* nonce = epk + kPublic;
        randombytes_buf(nonce, kNonce);
        unsigned long long clen = 0;
        crypto_aead_xchacha20poly1305_ietf_encrypt(
            nonce + kNonce, &clen, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
            reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce, k.data());
        out.resize(1 + kPublic + kNonce + static_cast<std::size_t>(clen));
        return out;
    }
    return seal_with_data_key(table, column, rowid, plaintext);
}

Blob FieldCipher::seal_with_data_key(std::string_view table, std::string_view column, std::int64_t rowid,
                                     std::string_view plaintext) const {
    if (key_->empty())
        throw StoreError(ErrorKind::SignedOut, "the data key is not available: sign in first.");
    std::string ad = associated_data(table, column, rowid);
    Blob out(1 + kNonce + plaintext.size() + kTag);
    out[0] = kFormatVersion;
    unsigned char* nonce = out.data() + 1;
    randombytes_buf(nonce, kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        nonce + kNonce, &clen, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
        reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce, key_->data());
    out.resize(1 + kNonce + static_cast<std::size_t>(clen));
    return out;
}

std::optional<std::string> FieldCipher::open(std::string_view table, std::string_view column,
                                             std::int64_t rowid, const Blob& sealed) const {
    if (key_->empty())
        throw StoreError(ErrorKind::SignedOut, "the data key is not available: sign in first.");
    if (!sealed.empty() && sealed[0] == kAppendedFormat) {
        std::string joined;
        std::size_t at = 1;
        while (at < sealed.size()) {
            if (sealed.size() - at < 4) return std::nullopt;
            std::size_t n = 0;
            for (std::size_t i = 0; i < 4; ++i)
                n |= static_cast<std::size_t>(sealed[at + i]) << (8 * i);
            at += 4;
            if (n == 0 || sealed.size() - at < n || sealed[at] != kCoordinatorFormat) return std::nullopt;
            auto part = open(table, column, rowid, Blob(sealed.begin() + static_cast<std::ptrdiff_t>(at),
                                                        sealed.begin() + static_cast<std::ptrdiff_t>(at + n)));
            if (!part) return std::nullopt;
            joined += *part;
            sodium_memzero(part->data(), part->size());
            at += n;
        }
        return joined;
    }
    if (sealed_for_coordinators(sealed)) {
        if (!coordinator_secret_ || sealed.size() < 1 + kPublic + kNonce + kTag) return std::nullopt;
        std::string ad = associated_data(table, column, rowid);
        const unsigned char* epk = sealed.data() + 1;
        unsigned char recipient[kPublic];
        crypto_scalarmult_base(recipient, coordinator_secret_->data());
        SecureBuffer shared(crypto_scalarmult_BYTES), k;
        if (crypto_scalarmult(shared.data(), coordinator_secret_->data(), epk) != 0 ||
            !coordinator_aead_key(shared.data(), epk, recipient, k))
            return std::nullopt;
        const unsigned char* nonce = epk + kPublic;
        const unsigned char* c = nonce + kNonce;
        std::size_t clen = sealed.size() - 1 - kPublic - kNonce;
        std::string plain(clen - kTag, '\0');
        unsigned long long mlen = 0;
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &mlen,
                                                       nullptr, c, clen,
                                                       reinterpret_cast<const unsigned char*>(ad.data()),
                                                       ad.size(), nonce, k.data()) != 0) {
            sodium_memzero(plain.data(), plain.size());
            return std::nullopt;
        }
        plain.resize(static_cast<std::size_t>(mlen));
        return plain;
    }
    if (sealed.size() < 1 + kNonce + kTag || sealed[0] != kFormatVersion) return std::nullopt;
    std::string ad = associated_data(table, column, rowid);
    const unsigned char* nonce = sealed.data() + 1;
    const unsigned char* c = nonce + kNonce;
    std::size_t clen = sealed.size() - 1 - kNonce;
    std::string plain(clen - kTag, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &mlen, nullptr, c, clen,
            reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce, key_->data()) != 0) {
        sodium_memzero(plain.data(), plain.size());
        return std::nullopt;
    }
    plain.resize(static_cast<std::size_t>(mlen));
    return plain;
}

} // namespace rc::store
