#pragma once
// Paths are UTF-8 everywhere in the console. On Linux a path's bytes are already that; on Windows a
// std::filesystem::path holds UTF-16 and a narrow std::string would be read in the ANSI code page, so
// every conversion between text and a path goes through these two functions.
#include <filesystem>
#include <string>
#include <string_view>

namespace rc::os {

std::filesystem::path path_from_utf8(std::string_view text);
std::string path_to_utf8(const std::filesystem::path& path);

} // namespace rc::os
