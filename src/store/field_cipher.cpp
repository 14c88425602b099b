#include "store/field_cipher.hpp"

#include "store/error.hpp"
#include "store/secure_memory.hpp"

#include <sodium.h>

namespace rc::store {

namespace {
constexpr unsigned char kFormatVersion = 1;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
} // namespace

FieldCipher::FieldCipher(const SecureBuffer& data_key) : key_(&data_key) {
    ensure_sodium();
    if (data_key.size() != key_size || data_key.empty())
        throw StoreError(ErrorKind::SignedOut, "the data key is not available: sign in first.");
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
