#include "platform/window_icon.hpp"

#include <GLFW/glfw3.h>
#include <array>
#include <filesystem>
#include <spdlog/spdlog.h>
#include <stb/stb_image.h>
#include <string>
#include <system_error>
#include <vector>

namespace rc::platform {

namespace {

constexpr std::array<int, 4> kSizes{48, 64, 128, 256};

// Installed: <prefix>/bin/reception-console and <prefix>/share/icons/hicolor/NxN/apps/. From a build:
// the PNGs in the source tree's assets/.
std::filesystem::path icon_file(int size) {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string n = std::to_string(size);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/icons/hicolor" / (n + "x" + n) /
                               "apps" / "reception-console.png";
        if (std::filesystem::exists(installed, ec)) return installed;
    }
    return std::filesystem::path(RC_SOURCE_DIR) / "assets" / ("reception-console-" + n + ".png");
}

} // namespace

void hint_window_class() {
    glfwWindowHintString(GLFW_X11_CLASS_NAME, kX11ClassName);
    glfwWindowHintString(GLFW_X11_INSTANCE_NAME, kX11ClassName);
}

int set_window_icon(GLFWwindow* window) {
    std::vector<GLFWimage> images;
    std::vector<unsigned char*> pixels;
    for (int size : kSizes) {
        int w = 0, h = 0, channels = 0;
        unsigned char* data = stbi_load(icon_file(size).c_str(), &w, &h, &channels, 4);
        if (!data) continue;
        pixels.push_back(data);
        images.push_back(GLFWimage{w, h, data});
    }
    if (!images.empty()) glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
    for (unsigned char* p : pixels)
        stbi_image_free(p);
    if (images.empty()) spdlog::warn("window: no icon files found; the window keeps the default icon");
    return static_cast<int>(images.size());
}

} // namespace rc::platform
