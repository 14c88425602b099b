# The dependencies from Debian 12's packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenGL REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(PWQUALITY REQUIRED IMPORTED_TARGET pwquality)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(spdlog REQUIRED)
find_package(CLI11 CONFIG QUIET)
find_package(nlohmann_json REQUIRED)

# Dear ImGui 1.86 from Debian's libimgui-dev: a static library plus backend sources we compile.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
add_library(imgui_core INTERFACE)
target_include_directories(imgui_core SYSTEM INTERFACE /usr/include/imgui /usr/include/stb)
target_link_libraries(imgui_core INTERFACE imgui stb PkgConfig::FREETYPE m)

set(IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends)
add_library(imgui_backends STATIC
  ${IMGUI_BACKENDS_DIR}/imgui_impl_glfw.cpp
  ${IMGUI_BACKENDS_DIR}/imgui_impl_opengl3.cpp)
target_include_directories(imgui_backends SYSTEM PUBLIC /usr/include/imgui/backends)
target_link_libraries(imgui_backends PUBLIC imgui_core PkgConfig::GLFW OpenGL::GL ${CMAKE_DL_LIBS})
set_target_properties(imgui_backends PROPERTIES POSITION_INDEPENDENT_CODE ON)

# libharu: Debian's libhpdf-dev ships no pkg-config file.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY NAMES hpdf REQUIRED)
add_library(rc_hpdf INTERFACE)
target_include_directories(rc_hpdf SYSTEM INTERFACE ${HPDF_INCLUDE_DIR})
target_link_libraries(rc_hpdf INTERFACE ${HPDF_LIBRARY})
set(RC_POSTGRES ON) # the shared centre's engine: libpq from libpq-dev
