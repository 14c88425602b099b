#include "domain/csv_reader.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;

namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> fields_of(const CsvReadResult& r) {
    std::vector<Fields> out;
    for (const CsvRecord& rec : r.records)
        out.push_back(rec.fields);
    return out;
}

std::vector<std::uint32_t> lines_of(const CsvReadResult& r) {
    std::vector<std::uint32_t> out;
    for (const CsvRecord& rec : r.records)
        out.push_back(rec.line);
    return out;
}

} // namespace

TEST_CASE("plain records, LF or CRLF or CR, with or without a last line end") {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        INFO(eol.size());
        const CsvReadResult r = read_csv("a,b,c" + eol + "1,2,3" + eol + "4,,6");
        CHECK(r.ok());
        CHECK(fields_of(r) == std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}, {"4", "", "6"}});
        CHECK(lines_of(r) == std::vector<std::uint32_t>{1, 2, 3});
        CHECK(fields_of(read_csv("a,b" + eol)) == std::vector<Fields>{{"a", "b"}});
    }
}

TEST_CASE("quoted fields: commas, doubled quotes, line breaks, and the line each record starts on") {
    const CsvReadResult r = read_csv("name,notes\n"
                                     "\"O'Brien, Patrick\",\"said \"\"no\"\"\"\n"
                                     "\"Ana\",\"first line\r\nsecond line\nthird\"\n"
                                     "Bo,\"\"\n");
    CHECK(r.ok());
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[1].fields == Fields{"O'Brien, Patrick", "said \"no\""});
    CHECK(r.records[2].fields == Fields{"Ana", "first line\nsecond line\nthird"});
    CHECK(r.records[3].fields == Fields{"Bo", ""});
    CHECK(lines_of(r) == std::vector<std::uint32_t>{1, 2, 3, 6}); // the record on line 3 spans three lines
}

TEST_CASE("a UTF-8 byte-order mark is skipped; blank lines are skipped; empty fields are kept") {
    const CsvReadResult r = read_csv("\xEF\xBB\xBFtag,name\n\nT1,\n,\n\"\"\n");
    CHECK(r.ok());
    CHECK(fields_of(r) == std::vector<Fields>{{"tag", "name"}, {"T1", ""}, {"", ""}, {""}});
    CHECK(lines_of(r) == std::vector<std::uint32_t>{1, 3, 4, 5});
    CHECK(read_csv("").records.empty());
    CHECK(read_csv("\xEF\xBB\xBF").ok());
}

TEST_CASE("an unterminated quote is reported where it opens") {
    const CsvReadResult r = read_csv("a,b\n1,\"open\n2,3\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 3);
    CHECK(r.problems[0].message.find("never closed") != std::string::npos);
}

TEST_CASE("a stray quote in an unquoted field, and text after a closing quote") {
    CsvReadResult r = read_csv("a,b\n1,5\" tall\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 4);
    CHECK(r.problems[0].message.find("does not start with one") != std::string::npos);
    r = read_csv("a,b\n\"x\"y,2\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 4);
    CHECK(r.problems[0].message.find("after a closing quote") != std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 are reported once per line, with the character column") {
    const CsvReadResult r = read_csv("a,b\né,\xC3\n\xFF\xFF,ok\n");
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 3); // é counts as one character
    CHECK(r.problems[1].line == 3);
    CHECK(r.problems[1].column == 1);
    CHECK(r.problems[0].message.find("UTF-8") != std::string::npos);
}

TEST_CASE("UTF-16 files and NUL bytes are refused with a hint") {
    CsvReadResult r = read_csv(std::string("\xFF\xFE"
                                           "a\0,\0",
                                           6));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.find("UTF-16") != std::string::npos);
    r = read_csv(std::string("a,b\n1,\0\n", 8));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 2);
}

TEST_CASE("limits: bytes, records, fields, field size, problems") {
    CsvLimits limits;
    limits.max_bytes = 10;
    CHECK(read_csv("a,b,c,d,e,f,g", limits).problems.size() == 1);
    limits = {};
    limits.max_records = 3;
    CsvReadResult r = read_csv("a\nb\nc\nd\ne\n", limits);
    CHECK(r.records.size() == 3);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 4);
    limits = {};
    limits.max_fields_per_record = 4;
    CHECK(read_csv("1,2,3,4,5\n", limits).problems.size() == 1);
    limits = {};
    limits.max_field_bytes = 8;
    CHECK(read_csv("\"123456789\"\n", limits).problems.size() == 1);
    limits = {};
    limits.max_problems = 3;
    r = read_csv("a\"\nb\"\nc\"\nd\"\ne\"\n", limits);
    CHECK(r.problems.size() == 4); // three, then one saying there are more
    CHECK(r.problems.back().message.find("more than 3 problems") != std::string::npos);
}

TEST_CASE("format_csv_record quotes only what needs it, and reads back the same") {
    const std::vector<Fields> records{{"plain", "with, comma", "say \"hi\"", "two\nlines", " padded ", ""},
                                      {""},
                                      {"", ""},
                                      {"Nguyễn Văn Ánh", "Иван"}};
    std::string text;
    for (const Fields& f : records)
        text += format_csv_record(f) + "\r\n";
    CHECK(format_csv_record(records[0]) ==
          "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",");
    const CsvReadResult r = read_csv(text);
    CHECK(r.ok());
    CHECK(fields_of(r) == records);
}
