#pragma once
#include <string>

namespace rc::app {

// The outcome of an edit: when not ok, `message` says what is wrong and what to do.
struct EditResult {
    bool ok = false;
    std::string message;
};

} // namespace rc::app
