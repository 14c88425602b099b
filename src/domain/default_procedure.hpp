#pragma once
// The default procedure shipped with the console (procedures/derbyshire-template.toml, embedded at
// build time), for a first run and for drills before a partnership has written its own.
#include <string_view>

namespace rc {

std::string_view default_procedure_text();
inline constexpr std::string_view default_procedure_name = "derbyshire-template.toml (built in)";

} // namespace rc
