# Writes OUTPUT, a C++ file defining rc::default_procedure_text() as the exact bytes of INPUT.
# Run at build time (cmake -P) so that editing the procedure file rebuilds it without reconfiguring.
file(READ "${INPUT}" content)
string(FIND "${content}" ")rc_procedure\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )rc_procedure\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by embed_procedure.cmake; do not edit.\n"
  "#include \"domain/default_procedure.hpp\"\n\n"
  "namespace rc {\n\n"
  "std::string_view default_procedure_text() {\n"
  "    static constexpr char text[] = R\"rc_procedure(${content})rc_procedure\";\n"
  "    return std::string_view(text, sizeof text - 1);\n"
  "}\n\n"
  "} // namespace rc\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
