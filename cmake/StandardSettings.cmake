# INTERFACE target carrying the language level and sanitizer options for every jixiao target.
add_library(jixiao_settings INTERFACE)
target_compile_features(jixiao_settings INTERFACE cxx_std_23)
set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

if(JIXIAO_ENABLE_ASAN)
  target_compile_options(jixiao_settings INTERFACE -fsanitize=address -fno-omit-frame-pointer)
  target_link_options(jixiao_settings INTERFACE -fsanitize=address)
endif()
if(JIXIAO_ENABLE_UBSAN)
  # No recovery: undefined behaviour stops the program, so a test that meets it fails.
  target_compile_options(jixiao_settings INTERFACE -fsanitize=undefined -fno-sanitize-recover=undefined)
  target_link_options(jixiao_settings INTERFACE -fsanitize=undefined)
endif()

# libFuzzer build (`make fuzz`, tests/fuzz/): clang only. Every library gets the fuzzer's
# coverage instrumentation with ASan+UBSan; the fuzz targets link -fsanitize=fuzzer.
if(JIXIAO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "JIXIAO_FUZZ needs clang (CXX=clang++-14, see scripts/fuzz.sh)")
  endif()
  target_compile_options(jixiao_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  target_link_options(jixiao_settings INTERFACE -fsanitize=address,undefined)
  # libstdc++ 12's <expected> is empty under clang < 16 (tests/fuzz/compat/expected says why).
  if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
    target_include_directories(jixiao_settings BEFORE INTERFACE ${PROJECT_SOURCE_DIR}/tests/fuzz/compat)
  endif()
endif()
