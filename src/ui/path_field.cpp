#include "ui/path_field.hpp"

#include "os/utf8_path.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <system_error>

namespace rc::ui {

namespace {

// Where the dialog opens: the folder of the path typed so far, when there is one.
std::filesystem::path start_folder(const std::string& typed, const std::filesystem::path& fallback) {
    if (typed.empty()) return fallback;
    std::error_code ec;
    const std::filesystem::path p = os::path_from_utf8(typed); // the field holds UTF-8, also on Windows
    if (std::filesystem::is_directory(p, ec)) return p;
    if (p.has_parent_path() && std::filesystem::is_directory(p.parent_path(), ec)) return p.parent_path();
    return fallback;
}

} // namespace

PathField::PathField(std::string id, std::string hint, FileChoice choice)
    : id_(std::move(id)), hint_(std::move(hint)), browse_label_("Browse\u2026" + id_),
      choice_(std::move(choice)) {}

bool PathField::draw(Desktop* desktop, std::string& path, float max_width) {
    bool changed = false;
    if (desktop) {
        if (auto chosen = desktop->take_chosen(id_)) {
            problem_ = chosen->problem;
            if (chosen->path && os::path_to_utf8(*chosen->path) != path) {
                path = os::path_to_utf8(*chosen->path);
                changed = true;
            }
        }
    }
    const bool offer_browse = desktop && desktop->can_choose_files();
    const float button_width = offer_browse ? ImGui::CalcTextSize("Browse\u2026").x +
                                                  ImGui::GetStyle().FramePadding.x * 2.0f +
                                                  ImGui::GetStyle().ItemSpacing.x
                                            : 0.0f;
    float width = ImGui::GetContentRegionAvail().x;
    if (max_width > 0.0f) width = std::min(width, max_width);
    ImGui::SetNextItemWidth(width - button_width);
    changed |= input_text(id_.c_str(), hint_.c_str(), path);
    if (offer_browse) {
        ImGui::SameLine();
        const bool open_here = desktop->choosing() == id_;
        const bool open_elsewhere = !open_here && !desktop->choosing().empty();
        ImGui::BeginDisabled(open_here || open_elsewhere);
        if (button(browse_label_.c_str())) {
            FileChoice choice = choice_;
            choice.start = start_folder(path, choice_.start);
            problem_ = desktop->choose_file(id_, choice).value_or(std::string());
        }
        ImGui::EndDisabled();
        if (open_here) paragraph_disabled("The file chooser is open: pick the file there, or type the path.");
    }
    if (!problem_.empty()) result_message(problem_, true);
    return changed;
}

} // namespace rc::ui
