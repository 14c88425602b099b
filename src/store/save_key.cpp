#include "store/save_key.hpp"

#include <array>
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

std::optional<SaveKey> SaveKey::parse(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    return SaveKey(std::string(text));
}

} // namespace rc::store
