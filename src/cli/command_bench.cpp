// reception-console bench: measurements for docs/performance.md, in one run: per-frame CPU time of
// each screen (headless) and the idle CPU of the real window loop against a polling loop. A readable
// table, or --json. Sections are listed in bench/bench_sections.cpp.
#include "cli/bench/bench_section.hpp"
#include "cli/commands.hpp"
#include "os/local_time.hpp"
#include "os/paths.hpp"
#include "os/utf8_path.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace rc::cli {

namespace {

struct BenchArgs {
    bench::BenchOptions options;
    bool json = false;
    bool list = false;
    std::vector<std::string> only;
    std::string window_child; // hidden: see run_window_child
    double window_seconds = 30;
};


std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
        }
    }
    return "unknown";
}

std::string today() {
    const std::time_t t = std::time(nullptr);
    const std::tm tm = rc::os::local_calendar(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

// Display width of UTF-8 text (counts code points; the table uses no wide characters).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

void print_table(const bench::BenchSection& section, const bench::SectionResult& r) {
    std::printf("\n== %s [%s]\n", section.title, section.name);
    if (r.skipped) {
        std::printf("skipped: %s\n", r.skip_reason.c_str());
        return;
    }
    std::vector<std::size_t> w(r.columns.size());
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        w[c] = width(r.columns[c].title);
        for (const auto& row : r.rows)
            if (c < row.size()) w[c] = std::max(w[c], width(row[c].text));
    }
    const auto cell = [&](const std::string& text, std::size_t c, bool left) {
        const std::string pad(w[c] - width(text), ' ');
        std::printf("%s%s%s  ", left ? text.c_str() : pad.c_str(), left ? pad.c_str() : text.c_str(), "");
    };
    for (std::size_t c = 0; c < r.columns.size(); ++c)
        cell(r.columns[c].title, c, c == 0);
    std::printf("\n");
    for (std::size_t c = 0; c < r.columns.size(); ++c)
        std::printf("%s  ", std::string(w[c], '-').c_str());
    std::printf("\n");
    for (const auto& row : r.rows) {
        for (std::size_t c = 0; c < r.columns.size() && c < row.size(); ++c)
            cell(row[c].text, c, c == 0);
        std::printf("\n");
    }
    for (const std::string& note : r.notes)
        std::printf("  * %s\n", note.c_str());
}

void print_json(const std::vector<std::pair<const bench::BenchSection*, bench::SectionResult>>& results,
                const std::string& machine_cpu, unsigned cores, const bench::BenchOptions& o) {
    std::printf("{\n  \"program\": %s,\n  \"date\": %s,\n",
                json_string(std::string("reception-console ") + RC_VERSION).c_str(),
                json_string(today()).c_str());
    std::printf("  \"machine\": {\"cpu\": %s, \"cores\": %u},\n", json_string(machine_cpu).c_str(), cores);
    std::printf("  \"options\": {\"frames\": %d, \"idle_seconds\": %g},\n  \"sections\": [", o.frames,
                o.idle_seconds);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& [section, r] = results[i];
        std::printf("%s\n    {\"name\": %s, \"title\": %s, \"skipped\": %s", i ? "," : "",
                    json_string(section->name).c_str(), json_string(section->title).c_str(),
                    r.skipped ? "true" : "false");
        if (r.skipped) std::printf(", \"skip_reason\": %s", json_string(r.skip_reason).c_str());
        std::printf(", \"rows\": [");
        for (std::size_t j = 0; j < r.rows.size(); ++j) {
            std::printf("%s\n      {", j ? "," : "");
            for (std::size_t c = 0; c < r.columns.size() && c < r.rows[j].size(); ++c) {
                const bench::Cell& cell = r.rows[j][c];
                std::printf("%s%s: ", c ? ", " : "", json_string(r.columns[c].key).c_str());
                if (cell.value)
                    std::printf("%.6g", *cell.value);
                else
                    std::printf("%s", json_string(cell.text).c_str());
            }
            std::printf("}");
        }
        std::printf("%s], \"notes\": [", r.rows.empty() ? "" : "\n    ");
        for (std::size_t j = 0; j < r.notes.size(); ++j)
            std::printf("%s%s", j ? ", " : "", json_string(r.notes[j]).c_str());
        std::printf("]}");
    }
    std::printf("\n  ]\n}\n");
}

int run_bench(BenchArgs& args) {
    if (!args.window_child.empty()) return bench::run_window_child(args.window_child, args.window_seconds);

    const auto sections = bench::bench_sections();
    if (args.list) {
        for (const bench::BenchSection& s : sections)
            std::printf("%-12s %s\n", s.name, s.title);
        return 0;
    }
    for (const std::string& name : args.only) {
        if (std::none_of(sections.begin(), sections.end(), [&](const auto& s) { return name == s.name; })) {
            std::fprintf(stderr,
                         "bench: there is no section called \"%s\"; `reception-console bench --list` "
                         "shows them\n",
                         name.c_str());
            return 1;
        }
    }
    args.options.self_exe = os::path_to_utf8(os::executable_path());
    const std::string cpu = cpu_model();
    const unsigned cores = std::thread::hardware_concurrency();
    if (!args.json)
        std::printf("Reception Console %s benchmark, %s\nMachine: %s, %u cores\n", RC_VERSION,
                    today().c_str(), cpu.c_str(), cores);

    std::vector<std::pair<const bench::BenchSection*, bench::SectionResult>> results;
    for (const bench::BenchSection& s : sections) {
        if (!args.only.empty() && std::find(args.only.begin(), args.only.end(), s.name) == args.only.end())
            continue;
        std::fprintf(stderr, "bench: %s ...\n", s.name);
        results.emplace_back(&s, s.run(args.options));
        if (!args.json) print_table(s, results.back().second);
        std::fflush(stdout);
    }
    if (args.json) print_json(results, cpu, cores, args.options);
    return 0;
}

} // namespace

void register_bench_command(CLI::App& app, CliContext& ctx) {
    auto args = std::make_shared<BenchArgs>();
    CLI::App* cmd = app.add_subcommand(
        "bench", "Measure the console's performance (frame time per screen, idle CPU of the window) and "
                 "print a table; the window part needs a display (use xvfb-run without one)");
    cmd->add_option("--frames", args->options.frames, "Frames measured per screen")
        ->default_val(300)
        ->check(CLI::Range(10, 100000));
    cmd->add_option("--idle-seconds", args->options.idle_seconds, "Seconds each idle window runs")
        ->default_val(30)
        ->check(CLI::Range(1.0, 3600.0));
    cmd->add_option("--pg", args->options.pg,
                    "shared_centre: an empty PostgreSQL database to measure on (a connection line); "
                    "without it a throwaway server is started");
    cmd->add_flag("--json", args->json, "Print JSON instead of tables");
    cmd->add_option("--only", args->only, "Run only these sections (see --list)");
    cmd->add_flag("--list", args->list, "List the sections and exit");
    // Hidden: the idle measurement starts the program itself in this mode.
    cmd->add_option("--window-child", args->window_child)
        ->group("")
        ->check(CLI::IsMember({"event", "poll", "startup", "startup-people"}));
    cmd->add_option("--window-seconds", args->window_seconds)->group("");
    cmd->callback([args, &ctx] { ctx.exit_code = run_bench(*args); });
}

} // namespace rc::cli
