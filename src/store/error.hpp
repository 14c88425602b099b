#pragma once
// What goes wrong in the store, said so that a coordinator can act on it: what is wrong, where, and
// what to do. Messages never contain personal data (they name files and record ids, never people).
#include <stdexcept>
#include <string>
#include <string_view>

namespace rc::store {

enum class ErrorKind {
    NotFound,      // no database at that path
    AlreadyExists, // create() on a path that exists
    Empty,         // a zero-length or empty SQLite file
    NotOurs,       // another program's file (or not SQLite at all)
    NewerVersion,  // made by a newer Reception Console
    Truncated,     // shorter than its own header says
    Corrupt,       // quick_check / integrity_check failed, or SQLite says it is malformed
    Locked,        // another copy of the console is writing to this file
    Busy,          // SQLite busy beyond the timeout
    ReadOnly,      // a write on a read-only store
    SignedOut,     // needs a signed-in user (the data key)
    NotPermitted,  // the signed-in role may not do this
    InvalidInput,  // the caller's values are not acceptable
    Conflict,      // an edit started from a version of the record that someone else has changed since
    DiskFull,
    Io,
    // A shared centre's server is out of reach (the connection broke, the server is down or starting
    // up). The desk reconnects on its next write; a save with a save key is tried again under it.
    Disconnected,
    Backup, // a backup or restore could not be made or verified
    Crypto, // a sealed value failed to open (tampered, or the wrong key)
    Sql     // anything else SQLite reports
};

std::string_view error_kind_id(ErrorKind kind);

class StoreError : public std::runtime_error {
public:
    StoreError(ErrorKind kind, std::string problem, std::string advice = {});
    ErrorKind kind() const { return kind_; }
    // What is wrong (one sentence or two).
    const std::string& problem() const { return problem_; }
    // What to do about it; may be empty.
    const std::string& advice() const { return advice_; }

private:
    ErrorKind kind_;
    std::string problem_;
    std::string advice_;
};

// The advice every refusal of a damaged file ends with.
std::string restore_advice(std::string_view db_path);

} // namespace rc::store
