#pragma once
// Secrets (the data key, the in-process session key) live only in memory from sodium_malloc: locked
// into RAM (never swapped), excluded from core dumps, guarded by no-access pages, and wiped on free.
#include <cstddef>

namespace rc::store {

// Initialises libsodium once; throws StoreError when it cannot.
void ensure_sodium();

class SecureBuffer {
public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size); // zero-filled
    ~SecureBuffer();
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    static SecureBuffer random(std::size_t size);

    unsigned char* data() { return data_; }
    const unsigned char* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return data_ == nullptr; }
    // Wipes and frees now.
    void reset() noexcept;

    // Page protection while a secret is not being used (sodium_mprotect_*).
    void make_no_access() noexcept;
    void make_read_only() noexcept;
    void make_read_write() noexcept;

private:
    unsigned char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace rc::store
