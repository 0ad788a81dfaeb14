# Writes a C++ source that holds every migrations/<dialect>/NNNN_name.sql as
# a raw string, so the binary carries its schema and works from any directory.
# Run as: cmake -DDIALECT=sqlite -DSRC_DIR=... -DOUT=... -DFUNC=... -P embed_migrations.cmake
file(GLOB files "${SRC_DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" number "${name}")
  if(number STREQUAL "")
    message(FATAL_ERROR "migration ${f} does not start with its number")
  endif()
  math(EXPR version "${number}")
  file(READ "${f}" sql)
  string(FIND "${sql}" ")hkmig\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "      {${version}, \"${name}\", R\"hkmig(${sql})hkmig\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from migrations/${DIALECT}/ by src/store/embed_migrations.cmake. Do not edit.
#include \"store/sql/sql_store.h\"

namespace hearken {

std::vector<SqlMigration> ${FUNC}() {
  return {
${body}  };
}

}  // namespace hearken
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
