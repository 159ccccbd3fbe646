# conformance_yaml: every YAML export reads back equal with a YAML 1.1 and a 1.2 parser (npm yaml with
# version 1.1 / 1.2, js-yaml), compared with the JSON export of the same definition (yaml_roundtrip.js).
# Skipped (exit 77) when node_modules is missing; the test command runs "npm ci" first.
function(egress_add_yaml_conformance_test)
  find_program(EGRESS_NODE_EXECUTABLE node)
  if(NOT EGRESS_NODE_EXECUTABLE)
    return()
  endif()
  add_test(NAME conformance_yaml
           COMMAND ${EGRESS_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/yaml_roundtrip.js
                   --cli $<TARGET_FILE:egress-cli> --work ${CMAKE_CURRENT_BINARY_DIR}/yaml-roundtrip)
  set_tests_properties(conformance_yaml PROPERTIES SKIP_RETURN_CODE 77 LABELS conformance TIMEOUT 120)
endfunction()
