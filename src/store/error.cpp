#include "store/error.hpp"

namespace rc::store {

namespace {
std::string join(const std::string& problem, const std::string& advice) {
    if (advice.empty()) return problem;
    return problem + "\n" + advice;
}
} // namespace

std::string_view error_kind_id(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::NotFound:
        return "not_found";
    case ErrorKind::AlreadyExists:
        return "already_exists";
    case ErrorKind::Empty:
        return "empty";
    case ErrorKind::NotOurs:
        return "not_ours";
    case ErrorKind::NewerVersion:
        return "newer_version";
    case ErrorKind::Truncated:
        return "truncated";
    case ErrorKind::Corrupt:
        return "corrupt";
    case ErrorKind::Locked:
        return "locked";
    case ErrorKind::Busy:
        return "busy";
    case ErrorKind::ReadOnly:
        return "read_only";
    case ErrorKind::SignedOut:
        return "signed_out";
    case ErrorKind::NotPermitted:
        return "not_permitted";
    case ErrorKind::InvalidInput:
        return "invalid_input";
    case ErrorKind::Conflict:
        return "conflict";
    case ErrorKind::DiskFull:
        return "disk_full";
    case ErrorKind::Io:
        return "io";
    case ErrorKind::Disconnected:
        return "disconnected";
    case ErrorKind::Backup:
        return "backup";
    case ErrorKind::Crypto:
        return "crypto";
    case ErrorKind::Sql:
        return "sql";
    }
    return "sql";
}

StoreError::StoreError(ErrorKind kind, std::string problem, std::string advice)
    : std::runtime_error(join(problem, advice)), kind_(kind), problem_(std::move(problem)),
      advice_(std::move(advice)) {}

std::string restore_advice(std::string_view db_path) {
    return "Restore the latest good backup with `reception-console restore --db " + std::string(db_path) +
           " --from BACKUP` (backups are in the backup folder, by default `backups` beside the database), or "
           "ask "
           "your IT support to look at the file. This file was not changed.";
}

} // namespace rc::store
