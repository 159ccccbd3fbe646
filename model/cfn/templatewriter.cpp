#include "cfn/templatewriter.h"

#include "asl/writer.h"
#include "asl/yamlemitter.h"
#include "cfn/templatebuilder.h"

namespace egress::cfn {

using asl::Json;

std::string writeTemplateYaml(const Json &templateJson, const asl::NumberTexts *numberTexts)
{
    return asl::emitYaml(
        templateJson,
        {.literalBlocks = false, .tagOf = asl::cloudFormationShortForm, .numberTexts = numberTexts});
}

std::string writeTemplateJson(const Json &templateJson, const asl::NumberTexts *numberTexts)
{
    return asl::writeJson(templateJson, 2, numberTexts);
}

std::string writeTemplate(const Json &templateJson, asl::TextFormat format,
                          const asl::NumberTexts *numberTexts)
{
    return format == asl::TextFormat::YamlText ? writeTemplateYaml(templateJson, numberTexts)
                                               : writeTemplateJson(templateJson, numberTexts);
}

std::string writeTemplate(const ExportResult &result, asl::TextFormat format)
{
    const asl::NumberTexts texts = asl::numberTextsIn(result.templateJson, result.numberForms);
    return writeTemplate(result.templateJson, format, &texts);
}

} // namespace egress::cfn
