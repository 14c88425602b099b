// Exports that open right in a spreadsheet: the CSV files carry a UTF-8 byte-order mark (Excel needs it
// to read accented names), text that a spreadsheet would run as a formula is neutralised, and the
// folder opens in LibreOffice (headless) with the names intact and no formula anywhere. The LibreOffice
// case is skipped in the ordinary run and has its own ctest entry (label "libreoffice").
#include "domain/csv_reader.hpp"
#include "export/debrief_export.hpp"
#include "export_scenario.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace rc;
using namespace rc::exports;
using namespace rc::exports::test;

namespace {

constexpr const char* kFormulaName = "=HYPERLINK(\"http://example.invalid\",\"x\")";
constexpr const char* kVietnamese = "Nguyễn Văn Ánh";
constexpr const char* kPolish = "Łukasz Wiśniewski";

// The scenario with three more people whose names test the spreadsheet, exported identifiable as CSV.
std::filesystem::path export_names_as_csv(const TempDir& dir) {
    Scenario sc = make_scenario(dir / "centre.sqlite", 2, false);
    for (const char* name : {kFormulaName, kVietnamese, kPolish}) {
        Person p;
        p.name = name;
        store::check_in(*sc.store, p, sc.clock->now() - 60);
    }
    ExportRequest r;
    r.debrief.mode = DebriefMode::Identifiable;
    r.debrief.reason = "Checking the export opens in a spreadsheet";
    r.formats = {ExportFormat::Csv};
    r.out_dir = dir / "out";
    return export_debrief(*sc.store, r, *sc.clock).files.at(0).path;
}

std::size_t column(const CsvRecord& header, const std::string& key) {
    for (std::size_t i = 0; i < header.fields.size(); ++i)
        if (header.fields[i] == key) return i;
    FAIL("no column " << key);
    return 0;
}

} // namespace

TEST_CASE("csv: every file starts with the UTF-8 byte-order mark; formula-looking text is neutralised") {
    CHECK(neutralise_formula("=1+2") == "'=1+2");
    CHECK(neutralise_formula("+44 7700 900123") == "'+44 7700 900123");
    CHECK(neutralise_formula("-") == "'-");
    CHECK(neutralise_formula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(neutralise_formula("\t=1") == "'\t=1");
    CHECK(neutralise_formula("\r=1") == "'\r=1");
    CHECK(neutralise_formula("Andrei") == "Andrei");
    CHECK(neutralise_formula("") == "");

    TempDir dir("spreadsheet-csv");
    const auto folder = export_names_as_csv(dir);
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        CAPTURE(entry.path().filename().string());
        CHECK(read_file(entry.path()).rfind("\xEF\xBB\xBF", 0) == 0);
    }
    const CsvReadResult people = read_csv(read_file(folder / "people.csv"));
    REQUIRE(people.ok());
    const std::size_t name = column(people.records.at(0), "name");
    std::vector<std::string> names;
    for (const CsvRecord& r : people.records)
        names.push_back(r.fields.at(name));
    CHECK(std::count(names.begin(), names.end(), std::string("'") + kFormulaName) == 1);
    CHECK(std::count(names.begin(), names.end(), kVietnamese) == 1);
    CHECK(std::count(names.begin(), names.end(), kPolish) == 1);
}

// The LibreOffice import: separator comma, quote ", the character set detected (what the import
// dialog does), from line 1. The converted workbook is read back as XML.
TEST_CASE("csv: the export opens in LibreOffice with the names intact and no formula" * doctest::skip()) {
    TempDir dir("spreadsheet-libreoffice");
    const auto folder = export_names_as_csv(dir);
    const auto out = dir / "converted";
    const CommandOutput converted =
        run_command("soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                    " --headless --infilter='CSV:44,34,,1' --convert-to xlsx --outdir " + quoted(out) + " " +
                    quoted(folder / "people.csv") + " 2>&1");
    REQUIRE_MESSAGE(converted.status == 0, converted.out);
    const auto book = out / "people.xlsx";
    REQUIRE_MESSAGE(std::filesystem::exists(book), converted.out);

    const std::string sheet = run_command("unzip -p " + quoted(book) + " xl/worksheets/sheet1.xml").out;
    const std::string strings = run_command("unzip -p " + quoted(book) + " xl/sharedStrings.xml").out;
    REQUIRE_FALSE(sheet.empty());
    CHECK_MESSAGE(sheet.find("<f") == std::string::npos, "a cell was read as a formula");
    CHECK(strings.find(std::string(">") + kVietnamese + "<") != std::string::npos);
    CHECK(strings.find(std::string(">") + kPolish + "<") != std::string::npos);
    CHECK(strings.find("&apos;=HYPERLINK(&quot;http://example.invalid&quot;,&quot;x&quot;)") != std::string::npos);
    // The byte-order mark is read as one, not as characters in the first header.
    CHECK(strings.find(">person<") != std::string::npos);
}
