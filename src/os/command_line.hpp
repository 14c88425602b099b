#pragma once
// The program's arguments as UTF-8. POSIX hands them over as they are; on Windows main()'s argv is in
// the ANSI code page, so they are read again from the UTF-16 command line (CommandLineToArgvW).
#include <string>
#include <vector>

namespace rc::os {

// Every argument, the program's name first.
std::vector<std::string> utf8_arguments(int argc, char** argv);

} // namespace rc::os
