// Cutting UTF-8 text to a byte limit (the workbook's cell limit) never splits a character.
#include "domain/utf8.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;

TEST_CASE("utf8_prefix cuts on a character boundary") {
    const std::string name = "Nguyễn"; // N g u y ễ(3 bytes) n
    CHECK(utf8_prefix(name, 100) == name);
    CHECK(utf8_prefix(name, 4) == "Nguy");
    CHECK(utf8_prefix(name, 5) == "Nguy"); // not the first byte of ễ
    CHECK(utf8_prefix(name, 6) == "Nguy");
    CHECK(utf8_prefix(name, 7) == "Nguyễ");
    CHECK(utf8_prefix("", 0).empty());
    CHECK(utf8_prefix("abc", 0).empty());

    // A cell of 40,000 bytes of two-byte letters, cut to the workbook's 32,767: whole characters only.
    std::string long_text;
    while (long_text.size() < 40000)
        long_text += "ł";
    const std::string_view cut = utf8_prefix(long_text, 32767);
    CHECK(cut.size() == 32766);
    std::size_t at = 0;
    while (at < cut.size()) {
        const Utf8Char c = decode_utf8(cut, at);
        REQUIRE(c.valid);
        at += c.length;
    }
    CHECK(at == cut.size());
}
