#pragma once
// Checks that a file the console made private is its owner's only, where the system can tell.
//
// Windows keeps the owner-only access list the console sets (os::make_owner_only), and
// os::is_owner_only reads it back. Wine, where the Windows build's tests run here, keeps no access
// list on a file: it turns the list into Unix mode bits (and adds the parent folder's inheritable
// entries although the list is marked protected), and reads back a list it makes up from those bits,
// never marked protected. So under Wine the check cannot pass whatever the console does; it is left
// out there and said so in the test's output. On Linux and on real Windows it stays a hard check.
#include "os/file_io.hpp"

#include <doctest/doctest.h>
#include <filesystem>

#ifdef _WIN32
#include <windows.h>
#endif

namespace rc::test {

inline bool running_under_wine() {
#ifdef _WIN32
    const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    return ntdll != nullptr && GetProcAddress(ntdll, "wine_get_version") != nullptr;
#else
    return false;
#endif
}

inline void check_owner_only(const std::filesystem::path& path) {
    if (running_under_wine()) {
        MESSAGE("not checked under Wine, which keeps no access list on files: that "
                << path.string() << " is its owner's only");
        return;
    }
    CHECK_MESSAGE(rc::os::is_owner_only(path), path.string() << " is not its owner's only");
}

} // namespace rc::test
