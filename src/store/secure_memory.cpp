#include "store/secure_memory.hpp"

#include "store/error.hpp"

#include <mutex>
#include <sodium.h>
#include <utility>

namespace rc::store {

void ensure_sodium() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    if (!ok) throw StoreError(ErrorKind::Crypto, "libsodium could not be initialised on this machine.");
}

SecureBuffer::SecureBuffer(std::size_t size) {
    ensure_sodium();
    void* p = sodium_malloc(size);
    if (!p) throw StoreError(ErrorKind::Crypto, "could not allocate protected memory for a key");
    data_ = static_cast<unsigned char*>(p);
    size_ = size;
    sodium_memzero(data_, size_);
}

SecureBuffer SecureBuffer::random(std::size_t size) {
    SecureBuffer b(size);
    randombytes_buf(b.data_, size);
    return b;
}

SecureBuffer::~SecureBuffer() {
    reset();
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        reset();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void SecureBuffer::reset() noexcept {
    if (data_) {
        sodium_mprotect_readwrite(data_);
        sodium_free(data_); // zeroes the memory before unmapping it
        data_ = nullptr;
        size_ = 0;
    }
}

void SecureBuffer::make_no_access() noexcept {
    if (data_) sodium_mprotect_noaccess(data_);
}
void SecureBuffer::make_read_only() noexcept {
    if (data_) sodium_mprotect_readonly(data_);
}
void SecureBuffer::make_read_write() noexcept {
    if (data_) sodium_mprotect_readwrite(data_);
}

} // namespace rc::store
