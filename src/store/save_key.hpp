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
    // The key of an import: 128 bits of BLAKE2b over `salt` and the file's contents. `salt` is the
    // caller's attempt key, made when the import is first tried and kept across its retries, so a
    // retry of the same file finds the first attempt, a changed file never does, and the same file
    // imported again on purpose (a second, identical delivery note) is a new import. The offline roll
    // passes a fixed salt: its bytes are unique to it (docs/shared-centre.md, "Imports").
    static SaveKey of_contents(std::string_view salt, std::string_view contents);

    const std::string& text() const { return text_; }
    bool operator==(const SaveKey&) const = default;

private:
    explicit SaveKey(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

} // namespace rc::store
