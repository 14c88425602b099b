#include "store/key_wrap.hpp"

#include "store/error.hpp"

#include <cctype>
#include <sodium.h>

namespace rc::store {

namespace {
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kMaxMemlimit = std::size_t{4} * 1024 * 1024 * 1024; // 4 GiB
constexpr std::uint64_t kMaxOpslimit = 64;

std::string wrap_ad(std::string_view context) {
    std::string ad = "rc1 data key";
    ad += '\0';
    ad += context;
    return ad;
}

KdfLimits& floor_limits() {
    static KdfLimits floor{crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
    return floor;
}

SecureBuffer derive(std::string_view passphrase, const Blob& salt, KdfLimits limits) {
    if (!limits.valid())
        throw StoreError(ErrorKind::Crypto, "the key-derivation limits stored for a user are out of range");
    if (!limits.at_least_floor())
        throw StoreError(ErrorKind::Crypto,
                         "the key-derivation limits stored for a user are weaker than this console accepts",
                         "The file may have been altered. Restore a backup you trust.");
    if (salt.size() != crypto_pwhash_SALTBYTES)
        throw StoreError(ErrorKind::Crypto, "a user's salt has the wrong size");
    SecureBuffer k(kKeyBytes);
    if (crypto_pwhash(k.data(), k.size(), passphrase.data(), passphrase.size(), salt.data(), limits.opslimit,
                      limits.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw StoreError(ErrorKind::Crypto, "not enough memory to derive a key from the passphrase",
                         "Close other programs and try again.");
    return k;
}
} // namespace

KdfLimits KdfLimits::minimum() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}
KdfLimits KdfLimits::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}
KdfLimits KdfLimits::moderate() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
}

bool KdfLimits::valid() const {
    return opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN && opslimit <= kMaxOpslimit &&
           memlimit >= crypto_pwhash_argon2id_MEMLIMIT_MIN && memlimit <= kMaxMemlimit;
}

bool KdfLimits::at_least_floor() const {
    return opslimit >= floor_limits().opslimit && memlimit >= floor_limits().memlimit;
}

KdfLimits kdf_floor() {
    return floor_limits();
}

ScopedKdfFloor::ScopedKdfFloor(KdfLimits floor) : previous_(floor_limits()) {
    floor_limits() = floor;
}
ScopedKdfFloor::~ScopedKdfFloor() {
    floor_limits() = previous_;
}

void lower_kdf_floor_for_tests() {
    floor_limits() = KdfLimits::minimum();
}

WrappedKey wrap_data_key(const SecureBuffer& data_key, std::string_view passphrase, KdfLimits limits,
                         std::string_view context) {
    ensure_sodium();
    WrappedKey w;
    w.limits = limits;
    w.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(w.salt.data(), w.salt.size());
    SecureBuffer k = derive(passphrase, w.salt, limits);
    std::string ad = wrap_ad(context);
    w.sealed.resize(kNonce + data_key.size() + kTag);
    randombytes_buf(w.sealed.data(), kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        w.sealed.data() + kNonce, &clen, data_key.data(), data_key.size(),
        reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, w.sealed.data(), k.data());
    return w;
}

std::optional<SecureBuffer> unwrap_data_key(const WrappedKey& wrapped, std::string_view passphrase,
                                            std::string_view context) {
    ensure_sodium();
    if (wrapped.sealed.size() != kNonce + kKeyBytes + kTag) return std::nullopt;
    SecureBuffer k = derive(passphrase, wrapped.salt, wrapped.limits);
    std::string ad = wrap_ad(context);
    SecureBuffer out(kKeyBytes);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &mlen, nullptr, wrapped.sealed.data() + kNonce,
                                                   wrapped.sealed.size() - kNonce,
                                                   reinterpret_cast<const unsigned char*>(ad.data()),
                                                   ad.size(), wrapped.sealed.data(), k.data()) != 0 ||
        mlen != kKeyBytes)
        return std::nullopt;
    return out;
}

namespace {
void seal_key(const SecureBuffer& kek, const SecureBuffer& key, std::string_view ad, Blob& out) {
    out.assign(kNonce + key.size() + kTag, 0);
    randombytes_buf(out.data(), kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &clen, key.data(), key.size(),
                                               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                               nullptr, out.data(), kek.data());
}

std::optional<SecureBuffer> open_key(const SecureBuffer& kek, const Blob& sealed, std::string_view ad) {
    if (sealed.size() != kNonce + kKeyBytes + kTag) return std::nullopt;
    SecureBuffer out(kKeyBytes);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &mlen, nullptr, sealed.data() + kNonce,
                                                   sealed.size() - kNonce,
                                                   reinterpret_cast<const unsigned char*>(ad.data()),
                                                   ad.size(), sealed.data(), kek.data()) != 0 ||
        mlen != kKeyBytes)
        return std::nullopt;
    return out;
}
} // namespace

WrappedUserKeys wrap_user_keys(const SecureBuffer& data_key, const SecureBuffer* coordinator_key,
                               std::string_view passphrase, KdfLimits limits, std::string_view context) {
    ensure_sodium();
    WrappedUserKeys w;
    w.data.limits = limits;
    w.data.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(w.data.salt.data(), w.data.salt.size());
    SecureBuffer kek = derive(passphrase, w.data.salt, limits);
    seal_key(kek, data_key, wrap_ad(context), w.data.sealed);
    if (coordinator_key && !coordinator_key->empty())
        seal_key(kek, *coordinator_key, wrap_ad(std::string(context) + ":coordinator"), w.coordinator_sealed);
    return w;
}

std::optional<UserKeys> unwrap_user_keys(const WrappedKey& wrapped, const Blob& coordinator_sealed,
                                         std::string_view passphrase, std::string_view context) {
    ensure_sodium();
    if (wrapped.sealed.size() != kNonce + kKeyBytes + kTag) return std::nullopt;
    SecureBuffer kek = derive(passphrase, wrapped.salt, wrapped.limits);
    auto data = open_key(kek, wrapped.sealed, wrap_ad(context));
    if (!data) return std::nullopt;
    UserKeys keys;
    keys.data_key = std::move(*data);
    if (!coordinator_sealed.empty()) {
        auto coordinator = open_key(kek, coordinator_sealed, wrap_ad(std::string(context) + ":coordinator"));
        if (!coordinator) return std::nullopt;
        keys.coordinator_key = std::move(*coordinator);
    }
    return keys;
}

std::string hash_pin(std::string_view pin, KdfLimits limits) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), limits.opslimit, limits.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw StoreError(ErrorKind::Crypto, "not enough memory to hash the PIN",
                         "Close other programs and try again.");
    return std::string(out);
}

bool verify_pin(const std::string& pin_hash, std::string_view pin) {
    ensure_sodium();
    if (pin_hash.empty() || pin_hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string normalise_user_name(std::string_view name) {
    std::string out;
    bool space = false;
    for (char ch : name) {
        auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += (c < 0x80) ? static_cast<char>(std::tolower(c)) : ch;
    }
    return out;
}

Blob user_name_tag(std::span<const unsigned char> tag_key, std::string_view name) {
    ensure_sodium();
    std::string n = normalise_user_name(name);
    Blob tag(32);
    crypto_generichash(tag.data(), tag.size(), reinterpret_cast<const unsigned char*>(n.data()), n.size(),
                       tag_key.data(), tag_key.size());
    sodium_memzero(n.data(), n.size());
    return tag;
}

std::optional<std::string> pin_problem(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 8) return std::string("A PIN is 4 to 8 digits.");
    for (char c : pin)
        if (c < '0' || c > '9') return std::string("A PIN is digits only.");
    return std::nullopt;
}

} // namespace rc::store
