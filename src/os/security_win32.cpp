// Windows implementation of security.hpp.
#include "os/file_io.hpp"
#include "os/security.hpp"
#include "os/win32_error.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <windows.h>

namespace rc::os {

namespace {

std::atomic<bool> g_hardened{false};

// A crash ends the process at once: no Windows Error Reporting dialog, and no dump of a memory that
// may hold decrypted names and notes.
LONG WINAPI end_without_dump(EXCEPTION_POINTERS*) {
    TerminateProcess(GetCurrentProcess(), 3);
    return EXCEPTION_EXECUTE_HANDLER;
}

std::string as_text(const std::filesystem::path& p) {
    return utf8_from_wide(p.c_str());
}

} // namespace

void harden_process() {
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(end_without_dump);
    g_hardened = true;
}

ProcessProtection process_protection() {
    ProcessProtection p;
    const UINT mode = GetErrorMode();
    p.dumpable = !(g_hardened && (mode & SEM_NOGPFAULTERRORBOX) != 0);
    p.core_limit = p.dumpable ? ~0ULL : 0;
    // Windows has no umask: the folders the console makes get an owner-only ACL, which files in them
    // inherit (make_private_directory).
    p.file_mode_mask = g_hardened ? 077 : 0;
    return p;
}

std::optional<std::string> take_secret_from_environment(const char* name) {
    const std::wstring wide_name = wide_from_utf8(name);
    std::optional<std::string> value;
    if (wchar_t* v = _wgetenv(wide_name.c_str())) {
        value = utf8_from_wide(v);
        SecureZeroMemory(v, std::wcslen(v) * sizeof(wchar_t));
    }
    // The C runtime's narrow copy too.
    if (char* v = std::getenv(name)) SecureZeroMemory(v, std::strlen(v));
    // Removes it from the C runtime's environments and the process's own (child processes).
    _wputenv_s(wide_name.c_str(), L"");
    SetEnvironmentVariableW(wide_name.c_str(), nullptr);
    return value;
}

std::optional<std::string> overwrite_and_remove(const std::filesystem::path& file) {
    const DWORD attributes = GetFileAttributesW(file.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        const DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND)
            return std::string("it is no longer there (moved, or on a drive not connected)");
        return "it cannot be reached: " + win32_error(err).message();
    }
    if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) {
        // A link (symbolic link or junction) is removed, never followed: its target may be anything.
        const bool removed = (attributes & FILE_ATTRIBUTE_DIRECTORY) ? RemoveDirectoryW(file.c_str())
                                                                     : DeleteFileW(file.c_str());
        if (!removed) return "the link could not be removed: " + last_win32_error().message();
        return std::string("it was a symbolic link; the link was removed and its target left alone");
    }
    if (attributes & FILE_ATTRIBUTE_DIRECTORY) return std::string("it is not a regular file");
    const std::error_code overwritten = overwrite_with_zeros(file);
    if (!DeleteFileW(file.c_str())) return "it could not be deleted: " + last_win32_error().message();
    if (overwritten) return std::string("it was deleted, but overwriting it failed part-way");
    return std::nullopt;
}

std::optional<std::string> make_private_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const DWORD attributes = GetFileAttributesW(dir.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES)
        return "The folder " + as_text(dir) + " cannot be made: " + last_win32_error().message();
    if (attributes & FILE_ATTRIBUTE_REPARSE_POINT)
        return "The folder " + as_text(dir) + " is a symbolic link or junction; refusing to use it.";
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) return as_text(dir) + " is not a folder.";
    if (!is_owner_only(dir)) {
        if (auto why = make_owner_only(dir))
            return "The folder " + as_text(dir) + " is open to other users and cannot be made private (" +
                   why.message() + ").";
    }
    return std::nullopt;
}

} // namespace rc::os
