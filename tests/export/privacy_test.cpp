// No personal value reaches a pseudonymised export, in any format: the operation is seeded with
// distinctive names, aliases, tags, dates of birth, notes, reasons and phone numbers, and every file is
// read as its reader would see it (the workbook unzipped, the report through pdftotext) and as raw
// bytes. The identifiable export of the same operation holds them: the search is not looking in the
// wrong place.
#include "export/debrief_export.hpp"
#include "export_scenario.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::exports;
using namespace rc::exports::test;

namespace {

// What a reader of each file sees, and the raw bytes.
std::string readable(const ExportedFile& f) {
    switch (f.format) {
    case ExportFormat::Xlsx:
        return unzipped(f.path) + read_file(f.path);
    case ExportFormat::Pdf:
        return pdf_text(f.path) + read_file(f.path);
    case ExportFormat::Csv:
        return folder_bytes(f.path);
    case ExportFormat::Json:
        return read_file(f.path);
    }
    return {};
}

} // namespace

TEST_CASE("privacy: no seeded name, tag, note or reason in any pseudonymised export, in any format") {
    TempDir dir("export-privacy");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    ExportRequest r;
    r.formats = {all_export_formats.begin(), all_export_formats.end()};
    r.out_dir = dir / "out";
    const ExportResult result = export_debrief(*sc.store, r, *sc.clock);
    REQUIRE(result.files.size() == 4);
    for (const ExportedFile& f : result.files) {
        CAPTURE(f.path);
        const std::string text = readable(f);
        REQUIRE(text.size() > 1000);
        CHECK(text.find("Operation Larch") != std::string::npos); // the reader worked
        for (const std::string& secret : kSecrets)
            CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
        CHECK(f.path.string().find("Zyxwaldo") == std::string::npos);
    }

    // The identifiable export of the same operation does hold them (the reasons and notes included).
    r.debrief.mode = DebriefMode::Identifiable;
    r.debrief.reason = "Safeguarding review";
    r.out_dir = dir / "named";
    for (const ExportedFile& f : export_debrief(*sc.store, r, *sc.clock).files) {
        CAPTURE(f.path);
        const std::string text = readable(f);
        CHECK(text.find("Zyxwaldo Quimbleton") != std::string::npos);
        if (f.format != ExportFormat::Pdf) {
            CHECK(text.find("OP-0001-001") != std::string::npos);
            for (const char* s : {"Frobisher Kettleby", "TQX-991", "Pemberton Oddlyfield", "NRM-ZZ-777",
                                  "Glimmerfrost", "Quorvath", "Blarnstone"})
                CHECK_MESSAGE(text.find(s) != std::string::npos, s);
            // The workbook holds a date of birth as an Excel date (a number), the others as text.
            if (f.format != ExportFormat::Xlsx) CHECK(text.find("1990-02-03") != std::string::npos);
        }
        // Never in either mode: medical notes, property, the arrival group, phone numbers, journey notes.
        for (const char* s :
             {"Myxoquartz", "Vantablack", "Xanadu", "07700 900123", "Vexillant", "Snorkelwick at"})
            CHECK_MESSAGE(text.find(s) == std::string::npos, s);
    }
}
