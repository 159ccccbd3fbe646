// libFuzzer target: the ASL JSON reader, then everything that walks what it returns — validator,
// workflow index, JSON and YAML writers.
#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/workflow.h"
#include "asl/writer.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace egress::asl;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const ReadResult read = parseJson(text, "fuzz.asl.json");
    if (!read.value)
        return 0;
    (void)validateDefinition(*read.value, "fuzz.asl.json");
    const WorkflowIndex index = WorkflowIndex::build(*read.value);
    for (std::size_t i = 0; i < index.states().size(); ++i)
        (void)index.edgesFrom(static_cast<int>(i));
    (void)writeJson(*read.value);
    (void)writeYaml(*read.value);
    return 0;
}
