#include "store/records.hpp"

namespace rc::store {

std::string_view log_kind_id(LogKind kind) {
    return kind == LogKind::Manual ? "manual" : "automatic";
}

std::optional<LogKind> log_kind_from_id(std::string_view id) {
    if (id == "manual") return LogKind::Manual;
    if (id == "automatic") return LogKind::Automatic;
    return std::nullopt;
}

} // namespace rc::store
