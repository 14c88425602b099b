# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (the POSIX-threads variant, which has
# std::thread and std::mutex). Used by scripts/build-windows, for the dependencies and the console.
# RC_WINDOWS_PREFIX is the private prefix the dependencies were installed into; the host's
# /usr/include and /usr/lib are never searched.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(RC_MINGW_TRIPLET x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${RC_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${RC_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${RC_MINGW_TRIPLET}-windres)
set(CMAKE_AR ${RC_MINGW_TRIPLET}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${RC_MINGW_TRIPLET}-gcc-ranlib-posix CACHE FILEPATH "")

# Passed down to try_compile projects too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RC_WINDOWS_PREFIX)
if(NOT RC_WINDOWS_PREFIX AND DEFINED ENV{RC_WINDOWS_PREFIX})
  set(RC_WINDOWS_PREFIX $ENV{RC_WINDOWS_PREFIX})
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${RC_MINGW_TRIPLET} ${RC_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Never let a host pkg-config answer for the target.
set(PKG_CONFIG_EXECUTABLE "" CACHE FILEPATH "" FORCE)
