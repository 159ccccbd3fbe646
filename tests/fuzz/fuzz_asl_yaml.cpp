// libFuzzer target: the YAML reader (anchors, aliases — cycles and bombs among the regressions —, depth,
// CloudFormation short-form tags), then the validator, the workflow index, the YAML writer read back and the
// JSON writer.
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
    const ReadResult read = parseYaml(text, "fuzz.asl.yaml");
    if (!read.value)
        return 0;
    (void)validateDefinition(*read.value, "fuzz.asl.yaml");
    (void)WorkflowIndex::build(*read.value);
    (void)parseYaml(writeYaml(*read.value), "fuzz-roundtrip.yaml");
    (void)writeJson(*read.value); // aliases and depth reach the JSON pretty printer too
    return 0;
}
