# Writes a C++ source defining `std::string_view NAMESPACE::FUNC()` that
# returns the text of one file, compiled in as a raw string literal, so the
# binary carries it and works from any directory.
# Run as: cmake -DIN=... -DOUT=... -DNAMESPACE=... -DFUNC=... -P embed_text_file.cmake
file(READ "${IN}" text)
string(FIND "${text}" ")hkembed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter")
endif()
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}.tmp" "// Generated from ${name} by src/core/survey/embed_text_file.cmake. Do not edit.
#include <string_view>

namespace ${NAMESPACE} {

std::string_view ${FUNC}() {
  static constexpr char kText[] = R\"hkembed(${text})hkembed\";
  return {kText, sizeof(kText) - 1};
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
