#include "store/audit.hpp"

#include <cstdio>

namespace rc::store {

std::string json_quote(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

namespace {
std::string json_number(std::optional<std::int64_t> v) {
    return v ? std::to_string(*v) : "null";
}
} // namespace

AuditChanges AuditChanges::names_only() const {
    AuditChanges out;
    std::size_t at = 0;
    while (at < fields_.size()) {
        const std::size_t end = fields_.find('\0', at);
        out.personal(std::string_view(fields_).substr(at, end - at));
        at = end + 1;
    }
    return out;
}

bool audit_names_only(std::string_view table) {
    return table == "people" || table == "journey_events" || table == "referrals" || table == "referral_events";
}

void AuditChanges::key(std::string_view field) {
    fields_ += field;
    fields_ += '\0';
    if (!body_.empty()) body_ += ',';
    body_ += json_quote(field);
    body_ += ':';
}

AuditChanges& AuditChanges::value(std::string_view field, std::string_view v) {
    key(field);
    body_ += json_quote(v);
    return *this;
}

AuditChanges& AuditChanges::value(std::string_view field, std::int64_t v) {
    key(field);
    body_ += std::to_string(v);
    return *this;
}

AuditChanges& AuditChanges::change(std::string_view field, std::string_view from, std::string_view to) {
    key(field);
    body_ += "{\"from\":" + json_quote(from) + ",\"to\":" + json_quote(to) + "}";
    return *this;
}

AuditChanges& AuditChanges::change(std::string_view field, std::optional<std::int64_t> from,
                                   std::optional<std::int64_t> to) {
    key(field);
    body_ += "{\"from\":" + json_number(from) + ",\"to\":" + json_number(to) + "}";
    return *this;
}

AuditChanges& AuditChanges::personal(std::string_view field) {
    key(field);
    body_ += "\"(personal, not recorded)\"";
    return *this;
}

} // namespace rc::store
