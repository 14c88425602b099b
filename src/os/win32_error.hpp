#pragma once
// Windows error codes (GetLastError) as std::error_code, with the system's own words as message()
// and the usual std::errc equivalents (a full disk, a missing file, access denied).
#include <string>
#include <system_error>

namespace rc::os {

const std::error_category& win32_category();
std::error_code last_win32_error();
std::error_code win32_error(unsigned long code);
// UTF-16 <-> UTF-8 at the API boundary.
std::string utf8_from_wide(const wchar_t* text, int length = -1);
std::wstring wide_from_utf8(const std::string& text);

} // namespace rc::os
