#include "os/file_io.hpp"
#include "os/win32_error.hpp"

#include <aclapi.h>
#include <memory>
#include <vector>
#include <windows.h>

namespace rc::os {

namespace {

// The lock is taken on one byte far past the note, so the note (at offset 0) stays readable by
// others: Windows byte-range locks are mandatory, unlike flock().
constexpr DWORD kLockOffset = 0x40000000;

struct HandleCloser {
    void operator()(HANDLE h) const {
        if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    }
};
using UniqueHandle = std::unique_ptr<void, HandleCloser>;

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

HANDLE open_file(const std::filesystem::path& path, DWORD access, DWORD disposition, DWORD flags = 0) {
    return CreateFileW(path.c_str(), access, kShareAll, nullptr, disposition, FILE_ATTRIBUTE_NORMAL | flags,
                       nullptr);
}

std::error_code write_all(HANDLE h, const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(size - done, 1u << 30));
        DWORD written = 0;
        if (!WriteFile(h, data + done, chunk, &written, nullptr)) return last_win32_error();
        done += written;
    }
    return {};
}

std::error_code flush_and_close(HANDLE h, std::error_code ec) {
    if (!ec && !FlushFileBuffers(h)) ec = last_win32_error();
    if (!CloseHandle(h) && !ec) ec = last_win32_error();
    return ec;
}

// The SID of the user this process runs as.
std::vector<unsigned char> current_user_sid(std::error_code& ec) {
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        ec = last_win32_error();
        return {};
    }
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector<unsigned char> buffer(size);
    if (!GetTokenInformation(token, TokenUser, buffer.data(), size, &size)) {
        ec = last_win32_error();
        CloseHandle(token);
        return {};
    }
    CloseHandle(token);
    const auto* user = reinterpret_cast<const TOKEN_USER*>(buffer.data());
    const DWORD sid_size = GetLengthSid(user->User.Sid);
    std::vector<unsigned char> sid(sid_size);
    CopySid(sid_size, sid.data(), user->User.Sid);
    return sid;
}

// Replaces the object's permissions by one entry: full control for the current user, inherited by
// whatever a folder will hold, and nothing inherited from the parent folder.
std::error_code set_owner_only_acl(const std::filesystem::path& path, bool folder) {
    std::error_code ec;
    std::vector<unsigned char> sid = current_user_sid(ec);
    if (ec) return ec;
    EXPLICIT_ACCESS_W access{};
    // The file rights themselves (what icacls shows as "F"), not GENERIC_ALL, so the entry reads back
    // as it is stored.
    access.grfAccessPermissions = FILE_ALL_ACCESS;
    access.grfAccessMode = SET_ACCESS;
    access.grfInheritance = folder ? SUB_CONTAINERS_AND_OBJECTS_INHERIT : NO_INHERITANCE;
    access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    access.Trustee.TrusteeType = TRUSTEE_IS_USER;
    access.Trustee.ptstrName = reinterpret_cast<LPWSTR>(sid.data());
    PACL acl = nullptr;
    if (DWORD rc = SetEntriesInAclW(1, &access, nullptr, &acl); rc != ERROR_SUCCESS) return win32_error(rc);
    std::wstring name = path.wstring();
    const DWORD rc = SetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT,
                                           DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                           nullptr, nullptr, acl, nullptr);
    LocalFree(acl);
    return rc == ERROR_SUCCESS ? std::error_code() : win32_error(rc);
}

} // namespace

std::error_code write_file_durably(const std::filesystem::path& path, std::string_view bytes,
                                   Privacy privacy) {
    if (privacy == Privacy::OwnerOnly) {
        if (auto ec = create_owner_only_file(path)) return ec;
    }
    // Opened and truncated rather than replaced, so an owner-only ACL set on it beforehand stays.
    HANDLE h = open_file(path, GENERIC_WRITE, OPEN_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) return last_win32_error();
    if (!SetEndOfFile(h)) return flush_and_close(h, last_win32_error());
    return flush_and_close(h, write_all(h, bytes.data(), bytes.size()));
}

std::error_code append_durably(const std::filesystem::path& path, std::string_view bytes, Privacy privacy) {
    std::error_code exists_ec;
    if (privacy == Privacy::OwnerOnly && !std::filesystem::exists(path, exists_ec)) {
        if (auto ec = create_owner_only_file(path)) return ec;
    }
    HANDLE h = open_file(path, GENERIC_WRITE, OPEN_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) return last_win32_error();
    LARGE_INTEGER start{};
    const LARGE_INTEGER zero{};
    if (!SetFilePointerEx(h, zero, &start, FILE_END)) return flush_and_close(h, last_win32_error());
    std::error_code ec = write_all(h, bytes.data(), bytes.size());
    if (ec && SetFilePointerEx(h, start, nullptr, FILE_BEGIN)) SetEndOfFile(h); // leave what was there whole
    return flush_and_close(h, ec);
}

std::error_code sync_file(const std::filesystem::path& path) {
    HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE) return last_win32_error();
    return flush_and_close(h, {});
}

std::error_code sync_directory(const std::filesystem::path&) {
    return {}; // NTFS journals the folder entry; move_durably asks for a write-through rename
}

std::error_code move_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return last_win32_error();
    return {};
}

std::error_code make_owner_only(const std::filesystem::path& path) {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(path, ec);
    return set_owner_only_acl(path, folder);
}

bool is_owner_only(const std::filesystem::path& path) {
    std::error_code ec;
    std::vector<unsigned char> me = current_user_sid(ec);
    if (ec) return false;
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (GetNamedSecurityInfoW(path.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr,
                              &dacl, nullptr, &sd) != ERROR_SUCCESS)
        return false;
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    bool ok = dacl != nullptr && GetSecurityDescriptorControl(sd, &control, &revision) &&
              (control & SE_DACL_PROTECTED) != 0;
    for (DWORD i = 0; ok && i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (!GetAce(dacl, i, &ace)) {
            ok = false;
            break;
        }
        const auto* header = static_cast<const ACE_HEADER*>(ace);
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) continue; // denials only narrow it further
        const auto* allowed = static_cast<const ACCESS_ALLOWED_ACE*>(ace);
        ok = EqualSid(const_cast<DWORD*>(&allowed->SidStart), me.data()) != 0;
    }
    LocalFree(sd);
    return ok;
}

std::error_code create_owner_only_file(const std::filesystem::path& path) {
    HANDLE h = open_file(path, GENERIC_WRITE, CREATE_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) return last_win32_error();
    CloseHandle(h);
    return set_owner_only_acl(path, false);
}

std::error_code create_owner_only_directory(const std::filesystem::path& path) {
    if (!CreateDirectoryW(path.c_str(), nullptr) && GetLastError() != ERROR_ALREADY_EXISTS)
        return last_win32_error();
    return set_owner_only_acl(path, true);
}

std::error_code overwrite_with_zeros(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return ec;
    HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE) return last_win32_error();
    const std::vector<char> zeros(64 * 1024, 0);
    std::uintmax_t left = size;
    while (left > 0 && !ec) {
        const auto chunk = static_cast<std::size_t>(std::min<std::uintmax_t>(left, zeros.size()));
        ec = write_all(h, zeros.data(), chunk);
        left -= chunk;
    }
    return flush_and_close(h, ec);
}

ExclusiveFileLock::Outcome ExclusiveFileLock::try_acquire(const std::filesystem::path& path,
                                                          ExclusiveFileLock& lock, std::error_code& ec) {
    std::error_code exists_ec;
    const bool existed = std::filesystem::exists(path, exists_ec);
    HANDLE h = open_file(path, GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS);
    if (h == INVALID_HANDLE_VALUE) {
        ec = last_win32_error();
        return Outcome::Failed;
    }
    if (!existed) set_owner_only_acl(path, false);
    OVERLAPPED at{};
    at.Offset = kLockOffset;
    if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
        const DWORD err = GetLastError();
        CloseHandle(h);
        ec = win32_error(err);
        return err == ERROR_LOCK_VIOLATION || err == ERROR_IO_PENDING ? Outcome::HeldElsewhere
                                                                      : Outcome::Failed;
    }
    lock.release();
    lock.handle_ = reinterpret_cast<std::intptr_t>(h);
    ec.clear();
    return Outcome::Acquired;
}

std::optional<std::string> ExclusiveFileLock::holder_note(const std::filesystem::path& path) {
    HANDLE h = open_file(path, GENERIC_READ, OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE) return std::nullopt;
    std::optional<std::string> note;
    OVERLAPPED at{};
    at.Offset = kLockOffset;
    if (!LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
        char buf[64] = {};
        DWORD n = 0;
        ReadFile(h, buf, sizeof buf - 1, &n, nullptr);
        note = std::string(buf, n);
    } else {
        UnlockFileEx(h, 0, 1, 0, &at);
    }
    CloseHandle(h);
    return note;
}

void ExclusiveFileLock::write_note(std::string_view note) noexcept {
    if (handle_ == kNone) return;
    HANDLE h = reinterpret_cast<HANDLE>(handle_);
    LARGE_INTEGER zero{};
    if (!SetFilePointerEx(h, zero, nullptr, FILE_BEGIN) || !SetEndOfFile(h)) return;
    DWORD written = 0;
    WriteFile(h, note.data(), static_cast<DWORD>(note.size()), &written, nullptr);
}

void ExclusiveFileLock::release() noexcept {
    if (handle_ == kNone) return;
    HANDLE h = reinterpret_cast<HANDLE>(handle_);
    OVERLAPPED at{};
    at.Offset = kLockOffset;
    UnlockFileEx(h, 0, 1, 0, &at);
    CloseHandle(h);
    handle_ = kNone;
}

} // namespace rc::os
