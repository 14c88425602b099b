// The shield that keeps toml++ 3.3 away from its undefined behaviour (toml_shield.hpp), and the UTF-8
// helpers behind it.
#include "domain/procedure_loader.hpp"
#include "domain/toml_shield.hpp"
#include "domain/utf8.hpp"
#include "procedure_test_support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;

namespace {
std::string only_message(const std::string& text) {
    const auto r = parse_procedure(text, "h.toml");
    REQUIRE(r.diagnostics.size() == 1);
    return format_diagnostic(r.diagnostics[0]);
}

std::string utf8(char32_t c) {
    std::string s;
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
}
} // namespace

TEST_CASE("the unsafe code points are the ones toml++ 3.3 cannot classify") {
    CHECK(reaches_toml33_unreachable(0x023B));       // the fuzzer's first find
    CHECK(reaches_toml33_unreachable(0x032A));       // marzer/tomlplusplus issue 295
    CHECK(reaches_toml33_unreachable(0x00A7));       // issue 190
    CHECK(reaches_toml33_unreachable(0x00E9));       // é
    CHECK(reaches_toml33_unreachable(0x0418));       // И
    CHECK_FALSE(reaches_toml33_unreachable(0x00A0)); // handled by toml++ (a space)
    CHECK_FALSE(reaches_toml33_unreachable(0x3000));
    CHECK_FALSE(reaches_toml33_unreachable(0x201C)); // typographic quotes: handled
    CHECK_FALSE(reaches_toml33_unreachable(0x1EA0)); // Vietnamese letters: handled
    CHECK_FALSE(reaches_toml33_unreachable(U'a'));
    int count = 0;
    for (char32_t c = 0; c < 0x110000; ++c)
        count += reaches_toml33_unreachable(c) ? 1 : 0;
    CHECK(count == 3019);
}

TEST_CASE("shielding moves every unsafe code point into the private-use block and back") {
    int wrong = 0;
    for (char32_t c = 0x80; c < 0x10000; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const std::string original = "x = \"" + utf8(c) + "\"";
        const auto shielded = shield_toml_text(original);
        if (c >= 0xE000 && c <= 0xEBFF) {
            wrong += shielded.has_value() ? 1 : 0; // the block itself is refused
            continue;
        }
        if (!shielded) {
            ++wrong;
            continue;
        }
        const Utf8Char moved = decode_utf8(*shielded, 5);
        const bool ok = moved.valid && !reaches_toml33_unreachable(moved.code_point) &&
                        (moved.code_point != c) == reaches_toml33_unreachable(c) &&
                        unshield_toml_text(*shielded) == original;
        if (!ok) {
            INFO("code point " << static_cast<unsigned>(c));
            FAIL_CHECK("not shielded and restored");
            ++wrong;
        }
    }
    CHECK(wrong == 0);
    CHECK(shield_toml_text("ascii only = 1\n") == std::string("ascii only = 1\n"));
    CHECK(shield_toml_text("bad \xFF byte") == std::string("bad \xFF byte")); // left for toml++ to report
}

TEST_CASE("text the parser could trip over loads or fails cleanly") {
    // Each of these reached __builtin_unreachable in toml++ 3.3 before the shield.
    CHECK(
        only_message("\xC8\xBB#").rfind("h.toml:1:1: TOML syntax error: Error while parsing root table", 0) ==
        0);
    CHECK(only_message("\xCC\xAA").rfind("h.toml:1:1: TOML syntax error:", 0) == 0);
    CHECK(only_message("a = 1\"\xC8\x98tefan\"").rfind("h.toml:1:5: TOML syntax error:", 0) == 0);
    // Issue 190's document is valid TOML: it parses, and the loader then finds what a procedure lacks.
    const auto r = parse_procedure("s = \"\"\"\\\n\xC2\xA7\"\"\"\n", "h.toml");
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].message.find("unknown section 's'") != std::string::npos);
}

TEST_CASE("non-ASCII text in a procedure survives the shield unchanged") {
    std::string text =
        rc::test::with_edit(rc::test::default_procedure_file(), "owner = \"Emergency Planning Team",
                            "owner = \"\xC5\x81ukasz Nowak, \xC8\x98tefan, \xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD "
                            "\xC2\xA7 Emergency Planning Team");
    const auto r = parse_procedure(text, "u.toml");
    REQUIRE(r.ok());
    CHECK(r.procedure->info.owner.rfind(
              "\xC5\x81ukasz Nowak, \xC8\x98tefan, \xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xC2\xA7 "
              "Emergency",
              0) == 0);
    // An unknown key with accents is shown as written.
    const auto k = parse_procedure(rc::test::default_procedure_file() + "\"cl\xC3\xA9\" = 1\n", "k.toml");
    REQUIRE(k.diagnostics.size() == 1);
    CHECK(k.diagnostics[0].message.find("unknown key 'cl\xC3\xA9'") != std::string::npos);
}

TEST_CASE("private-use characters are refused") {
    CHECK(only_message("a = 1\n# \xEE\x80\x80\n") == "h.toml:2:3: the file contains a private-use character "
                                                     "(U+E000..U+EBFF), which a procedure has no use "
                                                     "for; remove it");
    CHECK(only_message("a = \"\\uE123\"").rfind("h.toml:1:6: the file contains a private-use character", 0) ==
          0);
    CHECK(only_message("a = \"\\U0000EBFF\"").rfind("h.toml:1:6:", 0) == 0);
}

TEST_CASE("syntax errors at characters word processors make get a plain hint") {
    CHECK(only_message("title = \xE2\x80\x9CHello\xE2\x80\x9D\n").find("that is a typographic quote") !=
          std::string::npos);
    CHECK(only_message("a =\xC2\xA0"
                       "1\n")
              .find("that is an unusual space character") != std::string::npos);
    CHECK(only_message("t\xC3\xA9 = 1\n").find("outside quotes only a-z, A-Z, 0-9") != std::string::npos);
}

TEST_CASE("UTF-8 helpers") {
    CHECK(decode_utf8("\xC3\xA9", 0).code_point == 0xE9);
    CHECK(decode_utf8("\xC3\xA9", 0).length == 2);
    CHECK_FALSE(decode_utf8("\xC0\xAF", 0).valid);         // overlong '/'
    CHECK_FALSE(decode_utf8("\xED\xA0\x80", 0).valid);     // a surrogate
    CHECK_FALSE(decode_utf8("\xF4\x90\x80\x80", 0).valid); // above U+10FFFF
    CHECK_FALSE(decode_utf8("\xE2\x82", 0).valid);         // cut short
    CHECK(decode_utf8("\xF0\x9F\x98\x80", 0).code_point == 0x1F600);
    CHECK(is_unsafe_to_show(0x1B));
    CHECK(is_unsafe_to_show(0x9B));
    CHECK(is_unsafe_to_show(0x202E));
    CHECK_FALSE(is_unsafe_to_show(U'\n'));
    CHECK_FALSE(is_unsafe_to_show(0xE9));
    CHECK(safe_to_show("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(safe_to_show("x\xE2\x80\xAEy") == "x\\u202ey");
    CHECK(safe_to_show("\xFF") == "\\xff");
    CHECK(safe_to_show("\xC5\x81ukasz", 3) == "\xC5\x81uk...");
}
