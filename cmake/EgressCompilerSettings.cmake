# Warnings for every target of ours, added through egress_set_warnings(target).
function(egress_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(EGRESS_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(EGRESS_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's sanitizer instrumentation makes -Wmaybe-uninitialized report false positives inside the
    # standard library (std::regex, std::function); the plain build keeps the warning.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()

if(EGRESS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Unity builds: the model's, the CLI's and the designer library's files are compiled in batches of 8
# (egress_batch_compile(target)).
# Most of a file's compile time there is nlohmann::json's templates, parsed, instantiated and optimised again in
# every file: six cost/ files took 46 s of CPU one by one and 16 s as one batch (gcc 12, -O2 -g1); the whole
# model took 347 s of CPU in batches. On 2 cores that is the largest part of the test command's three builds
# (plain, sanitizers, fuzz). So a file's own helpers need names unique within its target (the cost panel's
# columns are `CostColumn`, the problems panel's `ProblemColumn`), and a type held by a member of a class of the
# target's API cannot come from an anonymous namespace (-Wsubobject-linkage).
# EGRESS_UNITY_BUILD=OFF compiles file by file everywhere, e.g. to find a missing #include.
option(EGRESS_UNITY_BUILD "Compile the model's, the CLI's and the designer's sources in batches (faster full builds)" ON)
function(egress_batch_compile target)
  if(EGRESS_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
