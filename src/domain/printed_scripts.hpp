#pragma once
// Which scripts the report prints correctly. The PDF is set in DejaVu Sans through libharu, which
// neither joins nor reorders letters: Latin (with Vietnamese), Greek and Cyrillic print; Arabic prints
// unjoined and reversed; Ethiopic, Chinese, Thai and most other scripts do not print at all. A name in
// such a script is shown and exported as written, with the person's name in Latin letters beside it.
#include <string_view>

namespace rc {

// Whether every character of `text` is in a script the report prints: Latin (Basic, Latin-1,
// Extended-A and -B, Extended Additional for Vietnamese), Greek, Cyrillic, combining accents, digits
// and common punctuation. Invalid UTF-8 does not print.
bool prints_in_report(std::string_view text);

} // namespace rc
