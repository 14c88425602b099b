#pragma once
// Helpers shared by the Store's source files. Not for use outside src/store.
#include "store/audit.hpp"
#include "store/key_wrap.hpp"
#include "store/records.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <optional>
#include <string_view>

namespace rc::store {

void insert_audit_row(Connection& db, UnixSeconds at, std::optional<UserId> user, std::string_view action,
                      std::string_view table, std::optional<std::int64_t> record,
                      const AuditChanges& changes);

// The wrapping context (associated data) of a user's copy of the data key.
inline std::string user_key_context(UserId id) {
    return "users:" + std::to_string(id);
}

struct Store::UserRow {
    UserId id = 0;
    Blob name_enc;
    UserRole role = UserRole::Volunteer;
    WrappedKey wrapped;
    std::optional<std::string> pin_hash;
    UnixSeconds created_at = 0;
    std::optional<UnixSeconds> disabled_at;
};

} // namespace rc::store
