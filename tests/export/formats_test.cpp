// Each export format opened with tools that are not ours: the workbook with unzip and Python's XML
// parser, the report with pdftotext, the JSON with nlohmann_json against docs/export-schema.json, the
// CSV files with rc::read_csv; and the figures in each checked against the store.
#include "domain/csv_reader.hpp"
#include "domain/debrief_figures.hpp"
#include "export/debrief_export.hpp"
#include "export_scenario.hpp"
#include "os/local_time.hpp"
#include "schema_check.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace rc;
using namespace rc::exports;
using namespace rc::exports::test;
using nlohmann::json;

namespace {

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The workbook as Python's zipfile and ElementTree read it: per sheet, its rows (each cell's value and
// whether its number format is a date), whether the header row is frozen, and its filter's range.
const char* kReadXlsx = R"py(
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
styles = ET.fromstring(z.read('xl/styles.xml'))
formats = {int(f.get('numFmtId')): f.get('formatCode') for f in styles.findall('m:numFmts/m:numFmt', ns)}
xfs = [int(x.get('numFmtId', '0')) for x in styles.findall('m:cellXfs/m:xf', ns)]
def is_date(style):
    fid = xfs[style] if style < len(xfs) else 0
    return fid in (14, 15, 16, 17, 22) or 'yy' in formats.get(fid, '')
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
book = ET.fromstring(z.read('xl/workbook.xml'))
out = {'order': []}
for sheet in book.findall('m:sheets/m:sheet', ns):
    name = sheet.get('name')
    out['order'].append(name)
    target = rels[sheet.get('{%s}id' % ns['r'])]
    root = ET.fromstring(z.read('xl/' + target.lstrip('/').replace('xl/', '')))
    rows = []
    for row in root.findall('m:sheetData/m:row', ns):
        cells = {}
        for c in row.findall('m:c', ns):
            col = re.match(r'[A-Z]+', c.get('r')).group(0)
            index = 0
            for ch in col:
                index = index * 26 + ord(ch) - 64
            v = c.find('m:v', ns)
            kind, value = 'n', None
            if c.get('t') == 's':
                kind, value = 's', shared[int(v.text)]
            elif c.get('t') in ('str', 'inlineStr'):
                kind, value = 's', ''.join(t.text or '' for t in c.iter('{%s}t' % ns['m']))
            elif v is not None:
                value = float(v.text)
                if is_date(int(c.get('s', '0'))):
                    kind = 'd'
            cells[index - 1] = [kind, value]
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, ['e', None]) for i in range(width)])
    pane = root.find('m:sheetViews/m:sheetView/m:pane', ns)
    frozen = pane is not None and pane.get('state') == 'frozen' and pane.get('ySplit') == '1'
    auto = root.find('m:autoFilter', ns)
    out[name] = {'rows': rows, 'frozen': frozen, 'autofilter': auto.get('ref') if auto is not None else None}
print(json.dumps(out))
)py";

json read_xlsx(const TempDir& dir, const std::filesystem::path& xlsx) {
    const auto script = dir / "read_xlsx.py";
    write_file(script, kReadXlsx);
    const CommandOutput r = run_command("python3 " + quoted(script) + " " + quoted(xlsx));
    REQUIRE_MESSAGE(r.status == 0, r.out);
    return json::parse(r.out);
}

int column_of(const json& header, const std::string& title) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i][1] == title) return static_cast<int>(i);
    FAIL("no column " << title);
    return -1;
}

std::filesystem::path export_one(Scenario& sc, const std::filesystem::path& out, ExportFormat format,
                                 DebriefRequest request = {}) {
    ExportRequest r;
    r.debrief = request;
    r.formats = {format};
    r.out_dir = out;
    return export_debrief(*sc.store, r, *sc.clock).files.at(0).path;
}

std::vector<CsvRecord> csv_records(const std::filesystem::path& file) {
    const CsvReadResult r = read_csv(read_file(file));
    REQUIRE_MESSAGE(r.ok(), file);
    return r.records;
}

int made_in_store(const store::Store& s, ReferralType type) {
    int n = 0;
    for (const store::ReferralRecord& r : store::referrals(s))
        if (r.referral.type == type && referral_status_made(r.referral.status)) ++n;
    return n;
}

} // namespace

TEST_CASE("formats: the workbook has the sheets, real dates and numbers, frozen headers and filters") {
    TempDir dir("format-xlsx");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    const auto xlsx = export_one(sc, dir / "out", ExportFormat::Xlsx);
    const json book = read_xlsx(dir, xlsx);

    CHECK(book["order"] == json({"Summary", "Timeline", "People", "Referrals", "Procedure",
                                 "Partners & staff", "Stock", "Log"}));
    for (const std::string sheet : book["order"]) {
        CHECK_MESSAGE(book[sheet]["frozen"] == true, sheet);
        CHECK_MESSAGE(book[sheet]["autofilter"].is_string(), sheet);
    }

    // People: one row per person in the store, arrivals as dates, numbers as numbers.
    const json& people = book["People"]["rows"];
    REQUIRE(people.size() == store::people(*sc.store).size() + 1);
    const int arrived = column_of(people[0], "Arrived");
    const int bags = column_of(people[0], "Bags");
    const int age_band = column_of(people[0], "Age band");
    CHECK(column_of(people[0], "Person") == 0);
    for (std::size_t r = 1; r < people.size(); ++r) {
        CHECK(people[r][static_cast<std::size_t>(arrived)][0] == "d");
        CHECK(people[r][static_cast<std::size_t>(bags)][0] == "n");
        CHECK(has(people[r][0][1].get<std::string>(), "P-"));
    }
    CHECK(people[1][static_cast<std::size_t>(age_band)][1] == "35-49");
    for (const auto& header : people[0])
        CHECK_FALSE(header[1] == "Name");
    // The first arrival, an Excel date: days since 1899-12-30, in local time.
    const double serial = people[1][static_cast<std::size_t>(arrived)][1];
    const auto arrival = store::people(*sc.store)[0].journey.arrived_at.value();
    const auto tt = static_cast<std::time_t>(arrival);
    const std::tm tm = os::local_calendar(tt);
    const double expected =
        static_cast<double>(days_since_epoch(Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday})) + 25569.0 +
        (tm.tm_hour * 3600 + tm.tm_min * 60) / 86400.0;
    CHECK(serial == doctest::Approx(expected).epsilon(1e-9));

    // Summary: the people received as a number; a suppressed count as text.
    bool found_people = false, found_suppressed = false;
    for (const json& row : book["Summary"]["rows"]) {
        if (row.size() < 4) continue;
        if (row[1][1] == "people_received") {
            CHECK(row[3][0] == "n");
            CHECK(row[3][1] == 12.0);
            found_people = true;
        }
        if (row[1][1] == "nrm_referrals") {
            CHECK(row[3][1] == "<3");
            found_suppressed = true;
        }
    }
    CHECK(found_people);
    CHECK(found_suppressed);

    // Referrals: NRM made counted against the store; stock movements with the balances beside them.
    const json& referrals = book["Referrals"]["rows"];
    const int type = column_of(referrals[0], "Referral");
    const int status = column_of(referrals[0], "Status");
    int nrm = 0;
    for (std::size_t r = 1; r < referrals.size(); ++r)
        if (referrals[r][static_cast<std::size_t>(type)][1] == "National Referral Mechanism (NRM)" &&
            referrals[r][static_cast<std::size_t>(status)][1] == "Made")
            ++nrm;
    CHECK(nrm == made_in_store(*sc.store, ReferralType::Nrm));
    const json& stock = book["Stock"]["rows"];
    CHECK(stock.size() == store::stock_movements(*sc.store).size() + 1);
    const int left = column_of(stock[0], "Left at the end");
    CHECK(stock[1][static_cast<std::size_t>(left)][0] == "n");
    CHECK(book["Stock"]["autofilter"] == "A1:L" + std::to_string(stock.size()));
}

TEST_CASE("formats: the report reads aloud the figures, with charts, in any script") {
    TempDir dir("format-pdf");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    const auto pdf = export_one(sc, dir / "out", ExportFormat::Pdf);
    CHECK(read_file(pdf).rfind("%PDF-", 0) == 0);
    const std::string text = pdf_text(pdf);
    REQUIRE_MESSAGE(!text.empty(), "pdftotext read nothing");
    for (const char* expected :
         {"Debrief: Operation Larch", "The operation in figures", "People received: 12", "Timeline",
          "Arrivals per hour", "People on site", "Procedure compliance", "Referrals and the Duty to Notify",
          "NRM referrals made: <3", "Duty to Notify (MS1) reports: <3", "Where people went",
          "Support bags: used and left", "Partners and staff", "British Red Cross", "Issues raised",
          "Tier raised from Small to Medium", "Pseudonymised"})
        CHECK_MESSAGE(has(text, expected), expected);

    DebriefRequest shown;
    shown.suppress_small_counts = false;
    const std::string plain = pdf_text(export_one(sc, dir / "out2", ExportFormat::Pdf, shown));
    CHECK(has(plain, "NRM referrals made: " + std::to_string(sc.nrm_made)));
    CHECK(has(plain, "Duty to Notify (MS1) reports: " + std::to_string(sc.ms1_made)));

    // Non-Latin text prints (the font and the UTF-8 encoder), straight from the data.
    DebriefData d = build_debrief(*sc.store, DebriefRequest{}, *sc.clock);
    d.centre_name = "Центр прийому Ωμέγα";
    d.timeline.push_back({d.generated_at, "other", "Перекладач прибув — مترجم"});
    const auto unicode = dir / "unicode.pdf";
    write_pdf(d, unicode);
    const std::string unicode_text = pdf_text(unicode);
    CHECK(has(unicode_text, "Центр прийому Ωμέγα"));
    CHECK(has(unicode_text, "Перекладач прибув"));

    // An identifiable report lists the people received: a name in a script it cannot print by the
    // name in Latin letters, a Cyrillic one as written, one with neither by a pointer to the workbook.
    DebriefData named = build_debrief(*sc.store, DebriefRequest{}, *sc.clock);
    named.mode = DebriefMode::Identifiable;
    named.reason = "Safeguarding review";
    REQUIRE(named.people.size() >= 3);
    named.people[0].reference = "OP-0001-001";
    named.people[0].name = "ዳዊት ተስፋይ";
    named.people[0].latin_name = "Dawit Tesfay";
    named.people[1].name = "Олена Коваль";
    named.people[1].latin_name = "Olena Koval";
    named.people[2].name = "王伟";
    named.people[2].latin_name.clear();
    const auto people_pdf = dir / "people.pdf";
    write_pdf(named, people_pdf);
    const std::string people_text = pdf_text(people_pdf);
    CHECK(has(people_text, "People received"));
    CHECK(has(people_text, "Dawit Tesfay (in Latin letters)"));
    CHECK(has(people_text, "Олена Коваль"));
    CHECK_FALSE(has(people_text, "Olena Koval"));
    CHECK(has(people_text, "(another script: see the workbook)"));
}

TEST_CASE(
    "formats: the JSON follows docs/export-schema.json and carries referrals per person and open alerts") {
    TempDir dir("format-json");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    std::ifstream schema_file(std::string(RC_SOURCE_DIR) + "/docs/export-schema.json");
    REQUIRE(schema_file);
    const json schema = json::parse(schema_file);

    for (DebriefMode mode : {DebriefMode::Pseudonymised, DebriefMode::Identifiable}) {
        CAPTURE(debrief_mode_id(mode));
        DebriefRequest request;
        request.mode = mode;
        request.reason = mode == DebriefMode::Identifiable ? "Audit of the operation" : "";
        const auto file =
            export_one(sc, dir / std::string(debrief_mode_id(mode)), ExportFormat::Json, request);
        const json doc = json::parse(read_file(file));
        SchemaCheck check(schema);
        const auto problems = check.check(doc);
        for (const std::string& p : problems)
            FAIL_CHECK(p);

        CHECK(doc["mode"] == debrief_mode_id(mode));
        CHECK(doc["people"].size() == store::people(*sc.store).size());
        CHECK(doc["operation"]["code"] == "OP-0001");
        int nrm = 0, ms1 = 0;
        for (const json& r : doc["referrals"]) {
            const bool made = r["status"] == "made" || r["status"] == "accepted" || r["status"] == "declined";
            if (r["type"] == "nrm" && made) ++nrm;
            if (r["type"] == "duty_to_notify" && made) ++ms1;
        }
        CHECK(nrm == made_in_store(*sc.store, ReferralType::Nrm));
        CHECK(ms1 == made_in_store(*sc.store, ReferralType::DutyToNotify));
        CHECK(doc["figures"]["nrm_by_organisation"][0]["count"] == nrm);

        // Each person's required, made and missing referrals; a child needs children's services.
        const json& child = doc["people"][2];
        CHECK(child["child_status"] == "child");
        CHECK(child["referrals"]["checked"] == true);
        CHECK(std::find(child["referrals"]["required"].begin(), child["referrals"]["required"].end(),
                        "childrens_services") != child["referrals"]["required"].end());
        CHECK(std::find(child["referrals"]["made"].begin(), child["referrals"]["made"].end(),
                        "childrens_services") != child["referrals"]["made"].end());
        // Each required referral with its due time: a child's from arrival, the procedure's 4 h.
        REQUIRE(child["referrals"]["due"].size() == child["referrals"]["required"].size());
        for (const json& due : child["referrals"]["due"]) {
            CHECK(due["due_at"].is_string());
            CHECK(due.contains("made_late"));
        }
        const json& unknown_age = doc["people"][3];
        CHECK(unknown_age["child_status"] == "unknown");
        // Presumed a child: the child's referrals are required.
        CHECK(std::find(unknown_age["referrals"]["required"].begin(),
                        unknown_age["referrals"]["required"].end(),
                        "childrens_services") != unknown_age["referrals"]["required"].end());

        // Every alert open now, with its message.
        REQUIRE_FALSE(doc["open_alerts"].empty());
        std::vector<json> age_targets;
        for (const json& a : doc["open_alerts"]) {
            CHECK_FALSE(a["message"].get<std::string>().empty());
            if (a["kind"] == "age_not_established") age_targets.push_back(a["target"]);
        }
        CHECK(std::find(age_targets.begin(), age_targets.end(), unknown_age["code"]) != age_targets.end());

        const bool named = mode == DebriefMode::Identifiable;
        CHECK(doc["people"][0].contains("name") == named);
        CHECK(doc.contains("reason") == named);
        if (named) CHECK(doc["people"][0]["name"] == "Zyxwaldo Quimbleton");
    }
}

TEST_CASE("formats: the CSV folder has one RFC 4180 file per table, read back with rc::read_csv") {
    TempDir dir("format-csv");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    const auto folder = export_one(sc, dir / "out", ExportFormat::Csv);
    for (const char* name : {"summary", "about", "timeline", "people", "referrals", "procedure", "staff",
                             "attendance", "callouts", "stock_movements", "stock_by_kind", "stock_balances",
                             "log", "open_alerts", "arrivals_per_hour", "people_on_site"})
        CHECK_MESSAGE(std::filesystem::exists(folder / (std::string(name) + ".csv")), name);

    const std::string raw = read_file(folder / "people.csv");
    CHECK(has(raw, "\r\n"));
    const auto people = csv_records(folder / "people.csv");
    REQUIRE(people.size() == store::people(*sc.store).size() + 1);
    CHECK(people[0].fields[0] == "person");
    CHECK(people[1].fields[0].rfind("P-", 0) == 0);

    int nrm = 0;
    const auto referrals = csv_records(folder / "referrals.csv");
    for (const CsvRecord& r : referrals)
        if (r.fields[1] == "nrm" && (r.fields[5] == "made" || r.fields[5] == "accepted")) ++nrm;
    CHECK(nrm == made_in_store(*sc.store, ReferralType::Nrm));

    bool people_received = false;
    for (const CsvRecord& r : csv_records(folder / "summary.csv"))
        if (r.fields[1] == "people_received") {
            CHECK(r.fields[3] == "12");
            people_received = true;
        }
    CHECK(people_received);
    CHECK(csv_records(folder / "stock_movements.csv").size() == store::stock_movements(*sc.store).size() + 1);
    // A value with a comma is quoted and comes back whole.
    CHECK(has(read_file(folder / "about.csv"), "\"Community hall, main room\""));
    bool venue = false;
    for (const CsvRecord& r : csv_records(folder / "about.csv"))
        venue = venue || (r.fields[0] == "Venue" && r.fields[1] == "Community hall, main room");
    CHECK(venue);
}
