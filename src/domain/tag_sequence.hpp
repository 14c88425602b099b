#pragma once
// Tags for a group that arrived together, counting up from the first: the store numbers a group's
// placeholders this way and a drill checks its tags the same way.
#include <optional>
#include <string>

namespace rc {

// "T015" -> "T016", "B1-9" -> "B1-10", "099" -> "100"; nullopt without a trailing number.
std::optional<std::string> next_tag(const std::string& tag);

} // namespace rc
