// What names a PostgreSQL database rather than a file, how it is shown, and the placeholder numbering
// its statements need: no libpq here, so the build without the PostgreSQL engine
// (pg_engine_absent.cpp) still recognises a shared centre's connection line and refuses it clearly.
#include "store/pg_engine.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace rc::store {

bool is_postgres_target(std::string_view t) {
    if (t.starts_with("postgresql://") || t.starts_with("postgres://")) return true;
    // A libpq keyword string: `service=centre`, `host=... dbname=...`. A file path never starts so.
    for (std::string_view key : {"service=", "host=", "hostaddr=", "dbname="})
        if (t.starts_with(key)) return true;
    return false;
}

std::string redact_postgres_target(std::string_view t) {
    std::string s(t);
    // URI form: postgresql://user:secret@host/...
    if (auto scheme = s.find("://"); scheme != std::string::npos) {
        auto at = s.find('@', scheme + 3);
        auto colon = s.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            s.replace(colon + 1, at - colon - 1, "***");
    }
    // Keyword form or URI query: password=secret
    for (std::size_t at = s.find("password="); at != std::string::npos; at = s.find("password=", at + 1)) {
        std::size_t from = at + 9, to = from;
        while (to < s.size() && s[to] != ' ' && s[to] != '&')
            ++to;
        s.replace(from, to - from, "***");
    }
    return s;
}

namespace detail {

std::string number_placeholders(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    count = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') { // a literal or quoted identifier, with doubled quotes inside
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (sql[j] == c) {
                    if (j + 1 < sql.size() && sql[j + 1] == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            std::size_t j = sql.find('\n', i);
            if (j == std::string_view::npos) j = sql.size() - 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '?') {
            // As SQLite numbers them: `?NNN` is parameter NNN; a bare `?` is one past the largest so far.
            std::size_t j = i + 1;
            int n = 0;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
                n = n * 10 + (sql[j++] - '0');
            if (j == i + 1) n = count + 1;
            count = std::max(count, n);
            out += '$';
            out += std::to_string(n);
            i = j - 1;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace detail

} // namespace rc::store
