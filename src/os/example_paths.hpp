#pragma once
// Where the screens' hints and messages suggest a file might be: a USB stick, named as this system
// names one (a drive letter on Windows, a folder under /media on Linux).
#include <string>
#include <string_view>

namespace rc::os {

inline std::string usb_example(std::string_view name) {
#ifdef _WIN32
    return "E:\\" + std::string(name);
#else
    return "/media/usb/" + std::string(name);
#endif
}

} // namespace rc::os
