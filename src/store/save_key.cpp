#include "store/save_key.hpp"

#include <array>
#include <cstdint>
#include <sodium.h>
#include <stdexcept>

namespace rc::store {

SaveKey SaveKey::make() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return SaveKey(std::string(hex.data(), 32));
}

SaveKey SaveKey::of_contents(std::string_view salt, std::string_view contents) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, 16> bytes{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, bytes.size());
    // The salt's length first, so that no salt and contents pair reads as another.
    const auto salt_size = static_cast<std::uint64_t>(salt.size());
    std::array<unsigned char, 8> size_bytes{};
    for (std::size_t i = 0; i < size_bytes.size(); ++i)
        size_bytes[i] = static_cast<unsigned char>(salt_size >> (8 * i));
    crypto_generichash_update(&state, size_bytes.data(), size_bytes.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(contents.data()),
                              contents.size());
    crypto_generichash_final(&state, bytes.data(), bytes.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return SaveKey(std::string(hex.data(), 32));
}

std::optional<SaveKey> SaveKey::parse(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    return SaveKey(std::string(text));
}

} // namespace rc::store
