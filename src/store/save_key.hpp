#pragma once
// A save key: made on the desk when a form that creates records is opened (or its save is first
// tried) and kept with the form across retries. The store records it under a UNIQUE key in the same
// transaction as the rows the save made (the `saves` table), so a save tried again after its
// acknowledgement was lost (a shared centre's connection broke during the commit) gets back the rows
// the first attempt made and never makes them twice. Random, so desks need no coordination; it names
// no one, and it is never shown.
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

class SaveKey {
public:
    // 128 random bits as 32 lower-case hexadecimal digits.
    static SaveKey make();
    // A key kept as text (e.g. by a form across a restart); nullopt unless 32 lower-case hex digits.
    static std::optional<SaveKey> parse(std::string_view text);

    const std::string& text() const { return text_; }
    bool operator==(const SaveKey&) const = default;

private:
    explicit SaveKey(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

} // namespace rc::store
