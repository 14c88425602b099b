#include "os/file_io.hpp"

#include <utility>

namespace rc::os {

ExclusiveFileLock::~ExclusiveFileLock() {
    release();
}

ExclusiveFileLock::ExclusiveFileLock(ExclusiveFileLock&& other) noexcept
    : handle_(std::exchange(other.handle_, kNone)) {}

ExclusiveFileLock& ExclusiveFileLock::operator=(ExclusiveFileLock&& other) noexcept {
    if (this != &other) {
        release();
        handle_ = std::exchange(other.handle_, kNone);
    }
    return *this;
}

} // namespace rc::os
