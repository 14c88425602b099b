#pragma once
// The audit trail: one row per change (and per sign-in), appended in the same transaction as the change
// it describes. It records who, when, which table and record, and which fields changed with their
// non-personal values; a personal field is named but its value is never written. Rows cannot be
// changed or deleted: the Store has no API for it, and triggers RAISE(ABORT) on UPDATE and DELETE.
#include "domain/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

using UserId = std::int64_t;

struct AuditEntry {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    std::optional<UserId> user; // empty for the system (schema upgrade, restore from the command line)
    std::string action;         // insert, update, sign_in, sign_in_failed, schema_upgrade, restore, ...
    std::string table;
    std::optional<std::int64_t> record;
    std::string changes; // JSON object: {"status":{"from":"standby","to":"open"},"name":"(personal)"}
};

// Builds the `changes` JSON of an audit row.
class AuditChanges {
public:
    // A field set on insert, or a fact about an event.
    AuditChanges& value(std::string_view field, std::string_view v);
    AuditChanges& value(std::string_view field, std::int64_t v);
    // A field that changed from one non-personal value to another.
    AuditChanges& change(std::string_view field, std::string_view from, std::string_view to);
    AuditChanges& change(std::string_view field, std::optional<std::int64_t> from,
                         std::optional<std::int64_t> to);
    // A personal field that was set or changed: only its name is recorded.
    AuditChanges& personal(std::string_view field);

    std::string json() const { return "{" + body_ + "}"; }
    bool empty() const { return body_.empty(); }
    // The same fields with no values at all: what the audit keeps about a person (who changed which
    // fields of their record, never what the record says).
    AuditChanges names_only() const;

private:
    void key(std::string_view field);
    std::string body_;
    std::string fields_; // the field names, NUL-separated, in order
};

std::string json_quote(std::string_view s);

// Tables about a person whose audit rows name fields without values (people, journey_events,
// referrals, referral_events): exploitation types, consent and destinations are as sensitive as names.
bool audit_names_only(std::string_view table);

} // namespace rc::store
