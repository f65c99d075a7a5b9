# INTERFACE target with the project's warning set; -Werror only when asked (CI may ask).
add_library(jixiao_warnings INTERFACE)
target_compile_options(jixiao_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                                 -Wno-missing-field-initializers)
if(JIXIAO_WERROR)
  target_compile_options(jixiao_warnings INTERFACE -Werror)
endif()
