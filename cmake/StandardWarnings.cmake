# INTERFACE target with the project's warning set. JIXIAO_WERROR turns warnings into errors (the
# build that `make test` and CI run sets it), except GCC 12's two known false positives inside
# libstdc++'s std::string (docs/decisions/007-warnings-as-errors.md says why and when to drop them).
add_library(jixiao_warnings INTERFACE)
target_compile_options(jixiao_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                                 -Wno-missing-field-initializers)
if(JIXIAO_WERROR)
  target_compile_options(jixiao_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(jixiao_warnings INTERFACE -Wno-error=restrict -Wno-error=maybe-uninitialized)
  endif()
endif()

# Narrowing conversions (-Wconversion -Wsign-conversion), turned on module by module from core
# upward as each one is clean (issue 18): a module calls jixiao_strict_conversions(name) in its
# CMakeLists. Fix a finding by checking the range (a type that holds it, or a checked
# conversion), not with a cast that only silences it.
function(jixiao_strict_conversions module)
  target_compile_options(jixiao_${module} PRIVATE -Wconversion -Wsign-conversion)
endfunction()
