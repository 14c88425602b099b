// Windows: folders open in Explorer (ShellExecuteW), and files and folders are chosen in Windows' own
// dialog (IFileOpenDialog), which every Windows desktop has. The dialog runs on a thread of its own (a
// COM apartment of its own) so the console's window keeps drawing while it is open, as the Linux
// chooser does as a separate program.
#include "os/win32_error.hpp"
#include "platform/system_desktop.hpp"

#include <memory>
#include <mutex>
#include <spdlog/spdlog.h>
#include <system_error>
#include <thread>

// windows.h first: shellapi.h and shobjidl.h depend on it.
// clang-format off
#include <windows.h>
#include <shellapi.h>
#include <shobjidl.h>
// clang-format on

namespace rc::platform {

namespace {

// Releases a COM interface when it goes out of scope.
struct ComRelease {
    void operator()(IUnknown* p) const {
        if (p) p->Release();
    }
};
template <class T> using ComPtr = std::unique_ptr<T, ComRelease>;

ui::FileChosen dialog_problem(const char* step, HRESULT hr) {
    spdlog::warn("desktop: the Windows file dialog failed at {} (0x{:08x})", step, static_cast<unsigned>(hr));
    return {std::nullopt, "The Windows file dialog could not be shown: type the path."};
}

// Shows the dialog and waits for it (on the calling thread, which has initialised COM).
ui::FileChosen show_dialog(const ui::FileChoice& choice) {
    IFileOpenDialog* raw = nullptr;
    HRESULT hr = CoCreateInstance(CLSID_FileOpenDialog, nullptr, CLSCTX_INPROC_SERVER, IID_IFileOpenDialog,
                                  reinterpret_cast<void**>(&raw));
    if (FAILED(hr)) return dialog_problem("CoCreateInstance", hr);
    ComPtr<IFileOpenDialog> dialog(raw);

    FILEOPENDIALOGOPTIONS options = 0;
    dialog->GetOptions(&options);
    // Real files only (no libraries or virtual folders), and the process's working folder left alone.
    options |= FOS_FORCEFILESYSTEM | FOS_NOCHANGEDIR | FOS_PATHMUSTEXIST;
    options |= choice.kind == ui::FileChoice::Kind::Folder ? FOS_PICKFOLDERS : FOS_FILEMUSTEXIST;
    dialog->SetOptions(options);
    if (!choice.title.empty()) dialog->SetTitle(os::wide_from_utf8(choice.title).c_str());

    // The filter's name and patterns ("*.csv;*.CSV"); Windows matches them ignoring case.
    std::wstring filter_name, filter_spec;
    if (choice.kind == ui::FileChoice::Kind::OpenFile && !choice.patterns.empty()) {
        filter_name = os::wide_from_utf8(choice.filter_name.empty() ? "Files" : choice.filter_name);
        for (const std::string& p : choice.patterns)
            filter_spec += (filter_spec.empty() ? L"" : L";") + os::wide_from_utf8(p);
        const COMDLG_FILTERSPEC specs[] = {{filter_name.c_str(), filter_spec.c_str()},
                                           {L"All files", L"*.*"}};
        dialog->SetFileTypes(2, specs);
    }

    if (!choice.start.empty()) {
        std::error_code ec;
        const bool is_folder = std::filesystem::is_directory(choice.start, ec);
        const std::filesystem::path folder = is_folder ? choice.start : choice.start.parent_path();
        IShellItem* item = nullptr;
        if (!folder.empty() && SUCCEEDED(SHCreateItemFromParsingName(folder.c_str(), nullptr, IID_IShellItem,
                                                                     reinterpret_cast<void**>(&item)))) {
            ComPtr<IShellItem> start(item);
            dialog->SetFolder(start.get());
        }
        if (!is_folder && choice.start.has_filename()) dialog->SetFileName(choice.start.filename().c_str());
    }

    hr = dialog->Show(nullptr);
    if (hr == HRESULT_FROM_WIN32(ERROR_CANCELLED)) return {};
    if (FAILED(hr)) return dialog_problem("Show", hr);
    IShellItem* result_raw = nullptr;
    hr = dialog->GetResult(&result_raw);
    if (FAILED(hr)) return dialog_problem("GetResult", hr);
    ComPtr<IShellItem> result(result_raw);
    PWSTR path = nullptr;
    hr = result->GetDisplayName(SIGDN_FILESYSPATH, &path);
    if (FAILED(hr)) return dialog_problem("GetDisplayName", hr);
    std::filesystem::path chosen(path);
    CoTaskMemFree(path);
    return {chosen, {}};
}

// One dialog at a time: what the thread that shows it and the window share.
struct Chooser {
    std::mutex mutex;
    std::string owner;                   // the field whose dialog is open or has closed
    bool open = false;                   // while the dialog is shown
    std::optional<ui::FileChosen> ended; // once closed, until taken
};

class ExplorerDesktop final : public SystemDesktop {
public:
    explicit ExplorerDesktop(std::function<void()> wake)
        : wake_(std::move(wake)), chooser_(std::make_shared<Chooser>()) {}

    bool can_open_folders() const override { return true; }
    std::optional<std::string> open_folder(const std::filesystem::path& folder) override {
        std::error_code ec;
        const std::string shown = os::utf8_from_wide(folder.c_str());
        if (!std::filesystem::is_directory(folder, ec))
            return "The folder " + shown + " is not there any more.";
        const auto result = reinterpret_cast<INT_PTR>(
            ShellExecuteW(nullptr, L"open", folder.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
        // ShellExecuteW reports success as a value above 32.
        if (result <= 32) return "Explorer could not be started to open " + shown + ": open it yourself.";
        spdlog::info("desktop: opened an export folder in Explorer");
        return std::nullopt;
    }

    bool can_choose_files() const override { return true; }
    std::optional<std::string> choose_file(const std::string& owner, const ui::FileChoice& choice) override {
        {
            std::lock_guard lock(chooser_->mutex);
            if (chooser_->open) return "A file chooser is already open: choose there, or close it, first.";
            chooser_->owner = owner;
            chooser_->open = true;
            chooser_->ended.reset();
        }
        // Detached: a dialog still open when the console ends goes with the process.
        std::thread([state = chooser_, wake = wake_, choice] {
            ui::FileChosen chosen;
            const HRESULT hr = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
            if (FAILED(hr)) {
                chosen = dialog_problem("CoInitializeEx", hr);
            } else {
                chosen = show_dialog(choice);
                CoUninitialize();
            }
            {
                std::lock_guard lock(state->mutex);
                state->open = false;
                state->ended = std::move(chosen);
            }
            if (wake) wake();
        }).detach();
        spdlog::info("desktop: file chooser opened (Windows dialog)");
        return std::nullopt;
    }
    std::string choosing() const override {
        std::lock_guard lock(chooser_->mutex);
        return chooser_->open ? chooser_->owner : std::string();
    }
    std::optional<ui::FileChosen> take_chosen(const std::string& owner) override {
        std::lock_guard lock(chooser_->mutex);
        if (!chooser_->ended || chooser_->owner != owner) return std::nullopt;
        std::optional<ui::FileChosen> out = std::move(chooser_->ended);
        chooser_->ended.reset();
        chooser_->owner.clear();
        return out;
    }

private:
    std::function<void()> wake_;
    std::shared_ptr<Chooser> chooser_;
};

} // namespace

std::unique_ptr<SystemDesktop> make_system_desktop(std::function<void()> wake) {
    return std::make_unique<ExplorerDesktop>(std::move(wake));
}

} // namespace rc::platform
