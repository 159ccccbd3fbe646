#pragma once

#include "asl/json.h"
#include "cfn/names.h"

#include <string>
#include <vector>

namespace egress::cfn {

using asl::Json;

/**
 * A CloudFormation template being built: its sections, the one namespace of logical ids, and the
 * notes that explain what the exporter could not know. Builders add to it; toJson() gives the
 * template with sections in the order people read them.
 */
class TemplateDoc
{
public:
    /** Adds a parameter under a fresh name (`base` or base2 ...) and returns that name. */
    std::string addParameter(std::string_view base, Json definition);
    std::string addResource(std::string_view base, std::string_view type, Json properties);
    /** Adds a resource under a name already claimed from names() (ids that other parts refer to early). */
    void putResource(const std::string &claimedName, std::string_view type, Json properties);
    std::string addCondition(std::string_view base, Json condition);
    void addOutput(std::string_view base, std::string description, Json value);
    /** A note for the whole template (Metadata.EgressStudio.Notes). */
    void addNote(std::string note) { m_notes.push_back(std::move(note)); }

    Json &resource(const std::string &name) { return m_resources[name]; }
    Json &properties(const std::string &name) { return m_resources[name]["Properties"]; }
    const std::vector<std::string> &notes() const { return m_notes; }
    NameRegistry &names() { return m_names; }

    std::size_t parameterCount() const { return m_parameters.size(); }
    std::size_t resourceCount() const { return m_resources.size(); }
    std::size_t outputCount() const { return m_outputs.size(); }

    Json toJson(const std::string &description, Json metadata) const;

private:
    NameRegistry m_names;
    Json m_parameters = Json::object();
    Json m_conditions = Json::object();
    Json m_resources = Json::object();
    Json m_outputs = Json::object();
    std::vector<std::string> m_notes;
};

} // namespace egress::cfn
