# conformance_asl, conformance_jsonata and conformance_paths. conformance_asl: egress-cli validate against the npm asl-validator pinned in package.json, over
# tests/data, the corpus when there is one (EGRESS_CORPUS_DIR, in the environment or the cache; skipped with one line otherwise) and our exports (asl_conformance.js; deliberate differences in asl-differences.json, docs/validation.md).
# Skipped (exit 77) with a message when node_modules is missing; the test command runs "npm ci" first.
function(egress_add_asl_conformance_test)
  find_program(EGRESS_NODE_EXECUTABLE node)
  if(NOT EGRESS_NODE_EXECUTABLE)
    message(WARNING "node not found: the conformance_asl test is not registered (install nodejs)")
    return()
  endif()
  add_test(NAME conformance_asl
           COMMAND ${EGRESS_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/asl_conformance.js
                   --cli $<TARGET_FILE:egress-cli>
                   --data ${CMAKE_SOURCE_DIR}/tests/data
                   --corpus ${EGRESS_CORPUS_DIR}
                   --examples ${CMAKE_SOURCE_DIR}/resources/examples
                   --work ${CMAKE_CURRENT_BINARY_DIR}/asl-exports)
  set_tests_properties(conformance_asl PROPERTIES SKIP_RETURN_CODE 77 LABELS conformance TIMEOUT 900)
  # conformance_jsonata: our JSONata syntax check against jsonata-js (the parser asl-validator uses).
  add_test(NAME conformance_jsonata
           COMMAND ${EGRESS_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/jsonata_conformance.js
                   --cli $<TARGET_FILE:egress-cli> --work ${CMAKE_CURRENT_BINARY_DIR}/jsonata)
  set_tests_properties(conformance_jsonata PROPERTIES SKIP_RETURN_CODE 77 LABELS conformance TIMEOUT 300)
  # conformance_paths: our path grammar against asl-path-validator (the grammar asl-validator uses).
  add_test(NAME conformance_paths
           COMMAND ${EGRESS_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/path_conformance.js
                   --cli $<TARGET_FILE:egress-cli> --work ${CMAKE_CURRENT_BINARY_DIR}/paths)
  set_tests_properties(conformance_paths PROPERTIES SKIP_RETURN_CODE 77 LABELS conformance TIMEOUT 300)
endfunction()
