#include "os/command_line.hpp"

namespace rc::os {

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    return std::vector<std::string>(argv, argv + argc);
}

} // namespace rc::os
