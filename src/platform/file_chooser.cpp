#include "platform/file_chooser.hpp"

#include <cstdlib>

namespace rc::platform {

namespace {

constexpr const char* kChooserVariable = "RECEPTION_CONSOLE_FILE_CHOOSER";

std::string join_patterns(const std::vector<std::string>& patterns) {
    std::string out;
    for (const std::string& p : patterns)
        out += (out.empty() ? "" : " ") + p;
    return out;
}

// zenity's arguments (also what a RECEPTION_CONSOLE_FILE_CHOOSER program is given).
std::vector<std::string> zenity_arguments(const std::string& program, const ui::FileChoice& choice) {
    std::vector<std::string> argv = {program, "--file-selection", "--title=" + choice.title};
    if (choice.kind == ui::FileChoice::Kind::Folder) argv.push_back("--directory");
    if (!choice.start.empty()) {
        // A trailing slash opens the folder itself rather than proposing its name.
        std::string start = choice.start.string();
        if (choice.start.has_filename() && std::filesystem::is_directory(choice.start)) start += "/";
        argv.push_back("--filename=" + start);
    }
    if (choice.kind == ui::FileChoice::Kind::OpenFile && !choice.patterns.empty()) {
        argv.push_back("--file-filter=" + choice.filter_name + " | " + join_patterns(choice.patterns));
        argv.push_back("--file-filter=All files | *");
    }
    return argv;
}

std::vector<std::string> kdialog_arguments(const ui::FileChoice& choice) {
    const std::string start = choice.start.empty() ? std::string(".") : choice.start.string();
    if (choice.kind == ui::FileChoice::Kind::Folder)
        return {"kdialog", "--title", choice.title, "--getexistingdirectory", start};
    std::string filter;
    if (!choice.patterns.empty()) filter = join_patterns(choice.patterns) + "|" + choice.filter_name;
    std::vector<std::string> argv = {"kdialog", "--title", choice.title, "--getopenfilename", start};
    if (!filter.empty()) argv.push_back(filter);
    return argv;
}

} // namespace

std::vector<std::string> file_chooser_command(const ui::FileChoice& choice) {
    if (const char* named = std::getenv(kChooserVariable); named && *named) {
        if (!program_available(named)) return {};
        return zenity_arguments(named, choice);
    }
    if (program_available("zenity")) return zenity_arguments("zenity", choice);
    if (program_available("kdialog")) return kdialog_arguments(choice);
    return {};
}

ui::FileChosen file_chooser_outcome(const std::string& program, const ProcessOutcome& outcome) {
    ui::FileChosen chosen;
    std::string line = outcome.output.substr(0, outcome.output.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (outcome.exit_code == 0 && !line.empty()) {
        chosen.path = std::filesystem::path(line);
        return chosen;
    }
    if (outcome.exit_code == 1 || (outcome.exit_code == 0 && line.empty())) return chosen; // cancelled
    chosen.problem =
        "The file chooser (" + program + ") stopped with an error (" +
        (outcome.exit_code < 0 ? std::string("killed") : "status " + std::to_string(outcome.exit_code)) +
        "): type the path instead.";
    return chosen;
}

} // namespace rc::platform
