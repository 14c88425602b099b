// `reception-console export` and `reception-console purge`, run as the real program with the passphrase
// in RECEPTION_CONSOLE_PASSPHRASE: pseudonymised exports in every format that name nobody (read with
// unzip and pdftotext), mistakes refused before any passphrase, the identifiable export only with a
// reason; the purge refused until the centre has closed and the period has passed or it is forced, never
// without confirmation, and afterwards the names are in none of the database, its WAL or the backups.
#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

#include "cli_test_support.hpp"

namespace {

using namespace rc::cli::test;

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "a passphrase for the export tests";
constexpr const char* kUser = "Coordinator One";
const std::vector<std::string> kNames = {"Gwendolyn Thistlewaite", "Thistlewaite", "Bartholomew Quennell",
                                         "Quennell", "Flinders"};
// Tags are not names, but a pseudonymised export leaves them out too. (The store keeps them in clear as
// operational references, also in its audit trail; the purge clears them from the people table.)
const std::vector<std::string> kExportSecrets = {"Gwendolyn Thistlewaite",
                                                 "Thistlewaite",
                                                 "Bartholomew Quennell",
                                                 "Quennell",
                                                 "Flinders",
                                                 "ZQ-881",
                                                 "OP-0001-00"};

Run run_console(const fs::path& scratch, std::vector<std::string> args,
                const char* passphrase = kPassphrase, const std::string& stdin_text = {}) {
    return run_program(scratch, std::move(args), passphrase, stdin_text);
}

// Another program's output (unzip, pdftotext, python3).
std::string tool_output(const std::string& command) {
    std::string out;
    std::FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p);
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    ::pclose(p);
    return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string local_minutes_ago(int minutes) {
    const std::time_t t = std::time(nullptr) - minutes * 60;
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
    return buf;
}

// An activated centre with five people checked in from a roll, two of them named.
fs::path operation(const Scratch& s) {
    const fs::path db = s.dir / "centre.sqlite";
    Run r = run_console(s.dir, {"init", "--db", db.string(), "--user", kUser, "--centre", "Test hall"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = run_console(s.dir, {"activate", "--db", db.string(), "--user", kUser, "--name", "Operation Hazel",
                            "--expected", "6"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const fs::path roll = s.dir / "roll.csv";
    const auto row = [](const std::vector<std::string>& fields) {
        std::string line;
        for (std::size_t i = 0; i < fields.size(); ++i)
            line += (i ? "," : "") + fields[i];
        return line + "\n";
    };
    spit(roll, row({"tag", "name", "alias", "sex", "dob", "arrived_at", "departed_at", "destination",
                    "consent_nrm"}) +
                   row({"ZQ-881", "Gwendolyn Thistlewaite", "Flinders", "female", "1991-07-08",
                        local_minutes_ago(180), local_minutes_ago(30), "safe_accommodation", "yes"}) +
                   row({"", "Bartholomew Quennell", "", "male", "", local_minutes_ago(170), "", "", "no"}) +
                   row({"", "", "", "female", "2012-01-01", local_minutes_ago(160), "", "", ""}) +
                   row({"", "", "", "", "", local_minutes_ago(20), "", "", ""}) +
                   row({"", "", "", "male", "", local_minutes_ago(19), "", "", "undecided"}));
    r = run_console(s.dir, {"import", "arrivals", "--db", db.string(), "--user", kUser, roll.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    fs::remove(roll);
    return db;
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

// What a reader sees in an export file (the workbook unzipped, the report as text), and its bytes.
std::string readable(const fs::path& p) {
    const std::string quoted = "'" + p.string() + "'";
    if (p.extension() == ".xlsx") return tool_output("unzip -p " + quoted) + slurp(p);
    if (p.extension() == ".pdf") return tool_output("pdftotext -q -enc UTF-8 " + quoted + " -") + slurp(p);
    return slurp(p);
}

void close_centre(const fs::path& db, long days_ago) {
    // There is no command to close a centre (the window does it): set it as the store would.
    const fs::path script = db.parent_path() / "close_centre.py";
    spit(script, "import sqlite3, sys, time\n"
                 "c = sqlite3.connect(sys.argv[1])\n"
                 "c.execute(\"UPDATE centre SET status = 'closed', closed_at = ? WHERE id = 1\",\n"
                 "          (int(time.time()) - int(sys.argv[2]) * 86400,))\n"
                 "c.commit()\n");
    const std::string command =
        "python3 '" + script.string() + "' '" + db.string() + "' " + std::to_string(days_ago);
    REQUIRE(std::system(command.c_str()) == 0);
}

} // namespace

TEST_CASE("cli: export writes every format, pseudonymised, naming nobody") {
    Scratch s;
    const fs::path db = operation(s);
    const fs::path out = s.dir / "debrief";
    Run r = run_console(
        s.dir, {"export", "--db", db.string(), "--user", kUser, "--format", "all", "--out", out.string()});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Exported the debrief of 5 people (pseudonymised)"));
    for (const char* ext : {".xlsx", ".pdf", "-csv", ".json"})
        CHECK_MESSAGE(contains(r.out, ext), ext);

    const auto files = files_in(out);
    CHECK(files.size() > 10); // the workbook, the report, the JSON and the CSV files
    int json_files = 0;
    for (const fs::path& f : files) {
        CAPTURE(f);
        const std::string text = readable(f);
        for (const std::string& secret : kExportSecrets)
            CHECK_MESSAGE(!contains(text, secret), secret);
        if (f.extension() == ".json") {
            ++json_files;
            CHECK(contains(text, "\"format\": \"reception-console-debrief\""));
            const std::string people = tool_output(
                "python3 -c \"import json, sys; d = json.load(open(sys.argv[1])); print(len(d['people']), "
                "sum(1 for p in d['people'] if p['code'].startswith('P-')))\" '" +
                f.string() + "'");
            CHECK(people == "5 5\n");
        }
        if (f.extension() == ".pdf") CHECK(contains(text, "People received: 5"));
    }
    CHECK(json_files == 1);
}

TEST_CASE("cli: export refuses mistakes before the passphrase, and names only with a reason") {
    Scratch s;
    const fs::path db = operation(s);
    const fs::path out = s.dir / "debrief";

    Run r = run_console(
        s.dir, {"export", "--db", db.string(), "--user", kUser, "--format", "docx", "--out", out.string()},
        nullptr);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "Unknown format 'docx'"));
    r = run_console(s.dir,
                    {"export", "--db", db.string(), "--user", kUser, "--format", "pdf", "--out", out.string(),
                     "--identifiable"},
                    nullptr);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "An identifiable export needs a reason"));
    r = run_console(s.dir,
                    {"export", "--db", db.string(), "--user", kUser, "--format", "pdf", "--out", out.string(),
                     "--reason", "because"},
                    nullptr);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "The reason is not taken from the command line"));
    CHECK_FALSE(fs::exists(out));

    // Someone who cannot sign in exports nothing (a volunteer is refused too: see tests/export).
    r = run_console(s.dir, {"export", "--db", db.string(), "--user", "Nobody Known", "--format", "json",
                            "--out", out.string()});
    CHECK(r.exit_code == 1);
    CHECK(files_in(out).empty());

    r = run_console(s.dir, {"export", "--db", db.string(), "--user", kUser, "--format", "json,csv", "--out",
                            out.string(), "--identifiable"},
                    kPassphrase, "Handover to children's services\n");
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "(identifiable)"));
    CHECK(contains(r.out, "These files name people"));
    bool named = false;
    for (const fs::path& f : files_in(out)) {
        CHECK(contains(f.string(), "-identifiable"));
        named = named || contains(slurp(f), "Gwendolyn Thistlewaite");
    }
    CHECK(named);
}

TEST_CASE(
    "cli: purge only after the close and the period, confirmed; then the names are gone from every file") {
    Scratch s;
    const fs::path db = operation(s);
    Run r = run_console(s.dir, {"backup", "--db", db.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    // Still open: refused before any passphrase.
    r = run_console(s.dir, {"purge", "--db", db.string(), "--user", kUser, "--yes"}, nullptr);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "not closed"));

    close_centre(db, 1);
    r = run_console(s.dir, {"purge", "--db", db.string(), "--user", kUser, "--yes"}, nullptr);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "retention period (30 days after the centre closed) ends on"));
    CHECK(contains(r.err, "--force-before-period"));
    // No terminal and no --yes: not confirmed.
    r = run_console(s.dir, {"purge", "--db", db.string(), "--user", kUser, "--force-before-period"});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "There is no terminal to confirm the purge on"));

    r = run_console(s.dir, {"purge", "--db", db.string(), "--user", kUser, "--force-before-period", "--yes"});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Purged the personal details of 5 people"));
    CHECK(contains(r.out, "Backups made before the purge deleted: 1."));

    // The database, its WAL and the backups, as bytes.
    std::string bytes = slurp(db) + slurp(fs::path(db.string() + "-wal"));
    int backups = 0;
    for (const fs::path& f : files_in(db.parent_path() / "backups")) {
        bytes += slurp(f);
        ++backups;
    }
    CHECK(backups == 1);
    for (const std::string& name : kNames)
        CHECK_MESSAGE(!contains(bytes, name), name);

    // The pseudonymised record still exports.
    close_centre(db, 40);
    r = run_console(s.dir,
                    {"export", "--db", db.string(), "--user", kUser, "--format", "json", "--out",
                     (s.dir / "after").string(), "--identifiable"},
                    kPassphrase, "Check after the purge\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string after = slurp(files_in(s.dir / "after").at(0));
    CHECK(contains(after, "\"purged_at\": \"20"));
    CHECK(contains(after, "\"destination\": \"safe_accommodation\""));
    for (const std::string& name : kNames)
        CHECK_MESSAGE(!contains(after, name), name);
    // And a second purge, now past the period, needs no force.
    r = run_console(s.dir, {"purge", "--db", db.string(), "--user", kUser, "--yes"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
}
