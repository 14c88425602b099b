# The dependencies for the Windows build: static libraries that scripts/windows/build-deps cross-built
# from Debian's source packages into RC_WINDOWS_PREFIX, and header-only libraries it copied there
# from Debian's -dev packages. They get the same target names as the Linux build's, so the layers'
# CMakeLists do not know which system they are built for.
if(NOT RC_WINDOWS_PREFIX)
  message(FATAL_ERROR "RC_WINDOWS_PREFIX is not set: build for Windows with scripts/build-windows")
endif()
set(P ${RC_WINDOWS_PREFIX})

find_package(Threads REQUIRED)

# A static library from a dependency prefix, with what it links to (ARGN).
function(rc_prefix_library prefix name library)
  add_library(${name} STATIC IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION ${prefix}/lib/${library})
  set_property(TARGET ${name} PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${prefix}/include)
  # The prefix's headers are third-party: no warnings from them.
  set_property(TARGET ${name} PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${prefix}/include)
  target_link_libraries(${name} INTERFACE ${ARGN})
endfunction()
function(rc_imported_library name library)
  rc_prefix_library(${P} ${name} ${library} ${ARGN})
endfunction()
function(rc_header_only name)
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  set_property(TARGET ${name} PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${P}/include)
  set_property(TARGET ${name} PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${P}/include)
  target_compile_definitions(${name} INTERFACE ${ARGN})
endfunction()

add_library(OpenGL::GL INTERFACE IMPORTED GLOBAL)
target_link_libraries(OpenGL::GL INTERFACE opengl32)

rc_imported_library(rc_zlib libz.a)
rc_imported_library(PkgConfig::SQLITE3 libsqlite3.a)
rc_imported_library(PkgConfig::SODIUM libsodium.a advapi32)
target_compile_definitions(PkgConfig::SODIUM INTERFACE SODIUM_STATIC)
rc_imported_library(PkgConfig::GLFW libglfw3.a gdi32 user32 shell32)
rc_imported_library(PkgConfig::FREETYPE libfreetype.a rc_zlib)
set_property(TARGET PkgConfig::FREETYPE APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${P}/include/freetype2)
set_property(TARGET PkgConfig::FREETYPE APPEND PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${P}/include/freetype2)
rc_imported_library(PkgConfig::XLSXWRITER libxlsxwriter.a rc_zlib)
rc_imported_library(rc_hpdf libhpdf.a rc_zlib)
rc_imported_library(PkgConfig::UTF8PROC libutf8proc.a)
target_compile_definitions(PkgConfig::UTF8PROC INTERFACE UTF8PROC_STATIC)
# The shared centre's engine needs libpq and OpenSSL, cross-built by scripts/windows/build-deps-libpq
# into a prefix of their own (RC_WINDOWS_PQ_PREFIX). Without them the store refuses a shared centre's
# connection line clearly (pg_engine_absent.cpp).
set(RC_POSTGRES OFF)
if(RC_WINDOWS_PQ_PREFIX AND EXISTS ${RC_WINDOWS_PQ_PREFIX}/lib/libpq.a AND EXISTS ${RC_WINDOWS_PQ_PREFIX}/lib/libssl.a)
  set(RC_POSTGRES ON)
  rc_prefix_library(${RC_WINDOWS_PQ_PREFIX} rc_openssl_crypto libcrypto.a ws2_32 crypt32 bcrypt)
  rc_prefix_library(${RC_WINDOWS_PQ_PREFIX} rc_openssl_ssl libssl.a rc_openssl_crypto)
  rc_prefix_library(${RC_WINDOWS_PQ_PREFIX} rc_pgport libpgport.a)
  rc_prefix_library(${RC_WINDOWS_PQ_PREFIX} rc_pgcommon libpgcommon.a rc_openssl_ssl rc_pgport)
  rc_prefix_library(${RC_WINDOWS_PQ_PREFIX} PkgConfig::LIBPQ libpq.a rc_pgcommon rc_pgport rc_openssl_ssl rc_openssl_crypto secur32 ws2_32
                shell32 advapi32)
endif()
# No libpwquality for Windows: src/store/passphrase_quality_win32.cpp makes its checks itself.
add_library(PkgConfig::PWQUALITY INTERFACE IMPORTED GLOBAL)
# Debian's pkg-config files for spdlog and toml++ describe their Linux shared builds: header-only here.
rc_header_only(PkgConfig::TOMLPP TOML_HEADER_ONLY=1)
rc_header_only(spdlog::spdlog FMT_HEADER_ONLY SPDLOG_FMT_EXTERNAL)
rc_header_only(nlohmann_json::nlohmann_json)
rc_header_only(CLI11::CLI11)
rc_header_only(doctest::doctest)

# Dear ImGui 1.86 with its FreeType helper and the GLFW and OpenGL 3 backends, in one libimgui.a.
rc_imported_library(rc_imgui_lib libimgui.a PkgConfig::FREETYPE)
add_library(imgui_core INTERFACE)
target_include_directories(imgui_core SYSTEM INTERFACE ${P}/include/imgui)
# ImGui 1.86's headers warn under C++20 (enum arithmetic); not the project's code.
target_compile_options(imgui_core INTERFACE -Wno-deprecated-enum-enum-conversion)
target_link_libraries(imgui_core INTERFACE rc_imgui_lib)
add_library(imgui_backends INTERFACE)
target_include_directories(imgui_backends SYSTEM INTERFACE ${P}/include/imgui/backends)
target_link_libraries(imgui_backends INTERFACE imgui_core PkgConfig::GLFW OpenGL::GL)

# Windows 10 APIs; no min/max macros; UTF-16 APIs by default.
add_compile_definitions(_WIN32_WINNT=0x0A00 WINVER=0x0A00 WIN32_LEAN_AND_MEAN NOMINMAX UNICODE _UNICODE)
# One .exe that needs no DLL beyond Windows' own.
add_link_options(-static -static-libgcc -static-libstdc++)
