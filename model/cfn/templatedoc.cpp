#include "cfn/templatedoc.h"

namespace egress::cfn {

std::string TemplateDoc::addParameter(std::string_view base, Json definition)
{
    std::string name = m_names.claim(base);
    m_parameters[name] = std::move(definition);
    return name;
}

std::string TemplateDoc::addResource(std::string_view base, std::string_view type, Json properties)
{
    std::string name = m_names.claim(base);
    putResource(name, type, std::move(properties));
    return name;
}

void TemplateDoc::putResource(const std::string &claimedName, std::string_view type, Json properties)
{
    Json resource = {{"Type", std::string(type)}};
    if (!properties.is_null())
        resource["Properties"] = std::move(properties);
    m_resources[claimedName] = std::move(resource);
}

std::string TemplateDoc::addCondition(std::string_view base, Json condition)
{
    std::string name = m_names.claim(base);
    m_conditions[name] = std::move(condition);
    return name;
}

void TemplateDoc::addOutput(std::string_view base, std::string description, Json value)
{
    const std::string name = m_names.claim(base);
    m_outputs[name] = {{"Description", std::move(description)}, {"Value", std::move(value)}};
}

Json TemplateDoc::toJson(const std::string &description, Json metadata) const
{
    Json out = {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Description", description}};
    if (!m_notes.empty())
        metadata["Notes"] = m_notes;
    out["Metadata"] = {{"EgressStudio", std::move(metadata)}};
    if (!m_parameters.empty())
        out["Parameters"] = m_parameters;
    if (!m_conditions.empty())
        out["Conditions"] = m_conditions;
    out["Resources"] = m_resources;
    if (!m_outputs.empty())
        out["Outputs"] = m_outputs;
    return out;
}

} // namespace egress::cfn
