#include "migrate/migrator.h"

#include "asl/reader.h"
#include "asl/workflow.h"
#include "asl/writer.h"
#include "cfn/definitionwiring.h"
#include "cfn/iam.h"
#include "cfn/intrinsics.h"
#include "cfn/permissions.h"
#include "cfn/templatewriter.h"
#include "cost/pricetable.h"
#include "migrate/located.h"
#include "migrate/stepfunctions.h"
#include "migrate/textedits.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

namespace egress::migrate {

namespace {

namespace fs = std::filesystem;

bool isStateMachineType(const std::string &type)
{
    return type == "AWS::Serverless::StateMachine" || type == "AWS::StepFunctions::StateMachine";
}

bool isNoValue(const Json &value)
{
    return value.is_object() && value.size() == 1 && value.contains("Ref") && value["Ref"] == "AWS::NoValue";
}

std::string quoted(const std::string &s)
{
    return "\"" + s + "\"";
}

std::string joinQuoted(const std::vector<std::string> &names)
{
    std::string out;
    for (const auto &name : names)
        out += (out.empty() ? "" : ", ") + quoted(name);
    return out;
}

std::string money(double usd)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "$%.2f", usd);
    return buffer;
}

/** Every `${Name}` in the strings of a JSON value (keys included), in first-use order, once each. */
void collectPlaceholders(const Json &value, std::vector<std::string> &out)
{
    auto addFrom = [&out](const std::string &text) {
        for (auto &name : cfn::placeholdersIn(text))
            if (std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(name);
    };
    if (value.is_string()) {
        addFrom(value.get<std::string>());
    } else if (value.is_object()) {
        for (const auto &[key, item] : value.items()) {
            addFrom(key);
            collectPlaceholders(item, out);
        }
    } else if (value.is_array()) {
        for (const auto &item : value)
            collectPlaceholders(item, out);
    }
}

/** The Resource of every Task state of a definition. */
std::set<std::string> taskResources(const Json &definition)
{
    std::set<std::string> out;
    const auto index = asl::WorkflowIndex::build(definition);
    for (const auto &state : index.states())
        if (const Json *json = asl::stateJson(definition, state); json && json->is_object())
            if (const auto it = json->find("Resource"); it != json->end() && it->is_string())
                out.insert(it->get<std::string>());
    return out;
}

class Migrator
{
public:
    explicit Migrator(const MigrateInput &input)
        : m_in(input), m_project(*input.project), m_text(input.templateText)
    {
    }

    MigrateResult run()
    {
        if (load() && pickStateMachine()) {
            migrateFunctions();
            migrateDefinition();
            listNatResources();
            finish();
        }
        return std::move(m_out);
    }

private:
    // ---- reading -------------------------------------------------------------------------------

    std::string at(int line) const { return m_in.templatePath + ":" + std::to_string(line); }
    void error(int line, const std::string &message) { m_out.errors.push_back(at(line) + ": " + message); }

    bool load()
    {
        const auto first = m_text.find_first_not_of(" \t\r\n");
        m_json = first != std::string::npos && m_text[first] == '{';
        const asl::ReadResult read = asl::parseText(
            m_text, m_in.templatePath, m_json ? asl::TextFormat::JsonText : asl::TextFormat::YamlText);
        if (!read) {
            const auto &d = *read.error;
            m_out.errors.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) +
                                   ": " + d.message);
            return false;
        }
        m_template = *read.value;
        LocateResult located = m_json ? locateJson(m_text) : locateYaml(m_text);
        if (!located.root) {
            error(located.error ? located.error->line : 1,
                  "cannot read the template's layout: " +
                      (located.error ? located.error->message : std::string()));
            return false;
        }
        m_root = std::move(*located.root);
        const Located *resources = m_root.find("Resources");
        if (!m_template.is_object() || !m_template.contains("Resources") ||
            !m_template["Resources"].is_object() || !resources || resources->kind != Located::Kind::Map) {
            error(1, "not a CloudFormation or SAM template (no Resources map)");
            return false;
        }
        m_resources = resources;
        // The template's own indentation step, so that what we add looks like what is there.
        const LocatedEntry *section = m_root.entry("Resources");
        if (!resources->entries.empty() && resources->entries.front().column > section->column)
            m_indentUnit = resources->entries.front().column - section->column;
        if (m_indentUnit <= 0 || m_indentUnit > 8)
            m_indentUnit = 2;
        return true;
    }

    const Json &resourceJson(const std::string &id) const { return m_template["Resources"][id]; }
    std::string typeOf(const std::string &id) const
    {
        const auto &resources = m_template["Resources"];
        const auto it = resources.find(id);
        return it != resources.end() && it->is_object() ? it->value("Type", std::string()) : std::string();
    }
    const LocatedEntry *resourceEntry(const std::string &id) const { return m_resources->entry(id); }
    const Located *propertiesAt(const std::string &id) const
    {
        const Located *resource = m_resources->find(id);
        return resource ? resource->find("Properties") : nullptr;
    }

    bool pickStateMachine()
    {
        std::vector<std::string> machines;
        for (const auto &[id, resource] : m_template["Resources"].items())
            if (resource.is_object() && isStateMachineType(resource.value("Type", std::string())))
                machines.push_back(id);
        if (machines.empty()) {
            error(m_root.entry("Resources")->line,
                  "the template has no state machine (no "
                  "AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)");
            return false;
        }
        // An imported project says which state machine it came from ("source", written by `import`).
        std::string named = m_in.stateMachine;
        if (named.empty() && m_project.source &&
            std::find(machines.begin(), machines.end(), m_project.source->stateMachine) != machines.end())
            named = m_project.source->stateMachine;
        if (!named.empty()) {
            if (std::find(machines.begin(), machines.end(), named) == machines.end()) {
                error(m_root.entry("Resources")->line,
                      "no state machine \"" + named + "\"; the template has " + joinQuoted(machines));
                return false;
            }
            m_machine = named;
        } else if (machines.size() > 1) {
            error(m_root.entry("Resources")->line, "the template has " + std::to_string(machines.size()) +
                                                       " state machines (" + joinQuoted(machines) +
                                                       "); pick one with --state-machine");
            return false;
        } else {
            m_machine = machines.front();
        }
        m_serverless = typeOf(m_machine) == "AWS::Serverless::StateMachine";
        m_machineProps = resourceJson(m_machine).value("Properties", Json::object());
        m_machinePropsAt = propertiesAt(m_machine);
        if (!m_machinePropsAt || m_machinePropsAt->kind != Located::Kind::Map) {
            error(resourceEntry(m_machine)->line, "state machine \"" + m_machine + "\" has no Properties");
            return false;
        }
        m_out.summary.push_back("State machine " + m_machine + " (" + typeOf(m_machine) + ", " +
                                at(resourceEntry(m_machine)->line) + ")");
        return true;
    }

    // ---- editing primitives --------------------------------------------------------------------

    std::string yamlOf(const Json &value) const { return cfn::writeTemplateYaml(value); }

    /** JSON text for a value whose first line continues a line indented by `baseIndent`. */
    std::string jsonAt(const Json &value, int baseIndent) const
    {
        std::string text = asl::writeJson(value, m_indentUnit);
        while (!text.empty() && text.back() == '\n')
            text.pop_back();
        std::string out;
        for (char c : text) {
            out += c;
            if (c == '\n')
                out.append(static_cast<std::size_t>(baseIndent), ' ');
        }
        return out;
    }

    /** A YAML entry `key: value` as block text at `column` (0-based), newline-terminated. */
    std::string yamlEntryAt(const std::string &key, const Json &value, int column) const
    {
        return indentLines(yamlOf(Json{{key, value}}), column);
    }

    /** Where the problem is, for messages on what we refuse to edit. */
    bool editable(const Located &map, int line, const std::string &what)
    {
        if (map.kind != Located::Kind::Map || (!m_json && map.flow && map.entries.empty())) {
            m_out.problems.push_back(at(line) + ": " + what +
                                     ": not a mapping we can edit; change it by hand");
            return false;
        }
        return true;
    }

    void removeEntry(const Located &map, const std::string &key)
    {
        const auto &entries = map.entries;
        std::size_t i = 0;
        while (i < entries.size() && entries[i].key != key)
            ++i;
        if (i == entries.size())
            return;
        const LocatedEntry &e = entries[i];
        if (!map.flow) {
            m_edits.push_back({startOfLine(m_text, e.keyBegin), e.entryEnd, {}});
        } else if (i + 1 < entries.size()) {
            m_edits.push_back({e.keyBegin, entries[i + 1].keyBegin, {}});
        } else if (i > 0) {
            m_edits.push_back({entries[i - 1].value.end, e.value.end, {}});
        } else {
            m_edits.push_back({e.keyBegin, e.value.end, {}});
        }
    }

    /** Adds `key: value` after the map's last entry, indented like its entries. */
    void appendEntry(const Located &map, const std::string &key, const Json &value)
    {
        if (map.entries.empty()) {
            m_out.problems.push_back(at(map.line) + ": cannot add " + key +
                                     " to an empty mapping; add it by hand");
            return;
        }
        const LocatedEntry &last = map.entries.back();
        if (!map.flow) {
            std::string text = yamlEntryAt(key, value, last.column - 1);
            if (last.entryEnd > 0 && m_text[last.entryEnd - 1] != '\n')
                text = "\n" + text;
            m_edits.push_back({last.entryEnd, last.entryEnd, text});
        } else if (m_json) {
            const int indent = lineIndent(m_text, last.keyBegin);
            const bool ownLine =
                startOfLine(m_text, last.keyBegin) + static_cast<std::size_t>(indent) == last.keyBegin;
            const std::string separator =
                ownLine ? ",\n" + std::string(static_cast<std::size_t>(indent), ' ') : ", ";
            m_edits.push_back({last.value.end, last.value.end,
                               separator + Json(key).dump() + ": " + jsonAt(value, indent)});
        } else {
            m_edits.push_back({last.value.end, last.value.end, ", " + key + ": " + value.dump()});
        }
    }

    /** Replaces a whole entry (key and value) with `key: value`; `yamlText` overrides the YAML rendering. */
    void replaceEntry(const Located &map, const LocatedEntry &e, const Json &value,
                      const std::string &yamlText = {})
    {
        if (!map.flow) {
            std::string text = yamlText.empty() ? yamlEntryAt(e.key, value, e.column - 1)
                                                : indentLines(yamlText, e.column - 1);
            text.erase(0, static_cast<std::size_t>(e.column - 1)); // the key's line keeps its own indentation
            m_edits.push_back({e.keyBegin, e.entryEnd, text});
        } else if (m_json) {
            m_edits.push_back({e.value.begin, e.value.end, jsonAt(value, lineIndent(m_text, e.keyBegin))});
        } else {
            m_edits.push_back({e.value.begin, e.value.end, value.dump()});
        }
    }

    /** Adds an item after a sequence's last one. */
    bool appendItem(const Located &seq, const Json &value)
    {
        if (seq.kind != Located::Kind::Seq || seq.items.empty())
            return false;
        const Located &last = seq.items.back();
        if (!seq.flow) {
            std::string text = indentLines(yamlOf(Json::array({value})), last.dashColumn);
            if (last.itemEnd > 0 && m_text[last.itemEnd - 1] != '\n')
                text = "\n" + text;
            m_edits.push_back({last.itemEnd, last.itemEnd, text});
        } else if (m_json) {
            const int indent = lineIndent(m_text, last.begin);
            m_edits.push_back(
                {last.end, last.end,
                 ",\n" + std::string(static_cast<std::size_t>(indent), ' ') + jsonAt(value, indent)});
        } else {
            m_edits.push_back({last.end, last.end, ", " + value.dump()});
        }
        return true;
    }

    // ---- functions -----------------------------------------------------------------------------

    /** The VpcConfig of SAM Globals.Function, or null. */
    Json globalVpcConfig() const
    {
        const Json *config = asl::resolvePointer(m_template, "/Globals/Function/VpcConfig");
        return config && !isNoValue(*config) ? *config : Json();
    }

    /** A VpcConfig for a function moving into the VPC: another function's, the Globals', or new parameters.
     */
    Json vpcConfigToAdd(const std::string &function, std::string &source)
    {
        for (const auto &[id, resource] : m_template["Resources"].items()) {
            if (id == function || !resource.is_object() ||
                !isFunctionType(resource.value("Type", std::string())))
                continue;
            const Json *config = asl::resolvePointer(resource, "/Properties/VpcConfig");
            if (config && config->is_object() && config->contains("SubnetIds")) {
                source = "copied from function " + id;
                return *config;
            }
        }
        if (Json global = globalVpcConfig(); global.is_object()) {
            source = "copied from Globals.Function";
            return global;
        }
        if (m_newSubnetParameter.empty()) {
            m_newSubnetParameter = uniqueId("PrivateSubnetIds");
            m_newSecurityGroupParameter = uniqueId("LambdaSecurityGroupIds");
            m_newParameters[m_newSubnetParameter] = {
                {"Type", "List<AWS::EC2::Subnet::Id>"},
                {"Description", "Private subnets for the functions Egress Studio moved into the VPC"}};
            m_newParameters[m_newSecurityGroupParameter] = {
                {"Type", "List<AWS::EC2::SecurityGroup::Id>"},
                {"Description", "Security groups for the functions Egress Studio moved into the VPC"}};
        }
        source = "from the new parameters " + m_newSubnetParameter + " and " + m_newSecurityGroupParameter +
                 " (no function of the template had one to copy)";
        return {{"SubnetIds", cfn::refOf(m_newSubnetParameter)},
                {"SecurityGroupIds", cfn::refOf(m_newSecurityGroupParameter)}};
    }

    std::string uniqueId(const std::string &base) const
    {
        const Json parameters = m_template.value("Parameters", Json::object());
        std::string id = base;
        for (int n = 2; parameters.contains(id) || m_template["Resources"].contains(id); ++n)
            id = base + std::to_string(n);
        return id;
    }

    void migrateFunctions()
    {
        const StepFunctions resolved = resolveStepFunctions(m_project, m_template, m_machine);
        for (const auto &note : resolved.notes)
            m_out.problems.push_back(m_in.templatePath + ": " + note);
        std::map<std::string, std::vector<std::string>> stepsOf;
        for (const auto &[step, function] : resolved.functionOfStep)
            stepsOf[function].push_back(step);
        for (const auto &[function, steps] : stepsOf) {
            if (!resourceEntry(function))
                continue; // resolved from the JSON, so always located; kept safe all the same
            m_backed.insert(function);
            migrateFunction(function, steps);
        }
        if (stepsOf.empty())
            m_out.summary.push_back("  no step resolved to a function of the template: no VpcConfig changed");
    }

    void migrateFunction(const std::string &function, const std::vector<std::string> &steps)
    {
        const LocatedEntry *entry = resourceEntry(function);
        const std::string what = "function " + function + " (step" + (steps.size() > 1 ? "s " : " ") +
                                 joinQuoted(steps) + ", " + at(entry->line) + ")";
        int inside = 0;
        for (const auto &step : steps)
            inside += m_project.step(step).placement == design::Placement::InsideVpc ? 1 : 0;
        if (inside != 0 && inside != static_cast<int>(steps.size())) {
            m_out.problems.push_back(at(entry->line) + ": " + what +
                                     " backs steps placed both inside and outside the VPC; left as it is");
            return;
        }
        const bool wantInside = inside != 0;
        const Json props = resourceJson(function).value("Properties", Json::object());
        const bool own = props.contains("VpcConfig") && !isNoValue(props["VpcConfig"]);
        const bool fromGlobals =
            typeOf(function) == "AWS::Serverless::Function" && globalVpcConfig().is_object();
        const bool isInside = own || fromGlobals;
        if (wantInside == isInside) {
            m_out.summary.push_back("  " + what + ": unchanged, " + (isInside ? "inside" : "outside") +
                                    " the VPC");
            return;
        }
        const Located *propsAt = propertiesAt(function);
        if (!propsAt || !editable(*propsAt, entry->line, what)) {
            if (!propsAt)
                m_out.problems.push_back(at(entry->line) + ": " + what +
                                         " has no Properties; set its VpcConfig by hand");
            return;
        }
        if (!wantInside) {
            if (fromGlobals) {
                m_out.problems.push_back(
                    at(entry->line) + ": " + what +
                    " gets its VpcConfig from Globals.Function, which the other functions "
                    "share: move it out of the VPC by hand");
                return;
            }
            const Json &config = props["VpcConfig"];
            if (!config.is_object() || !config.contains("SubnetIds")) {
                m_out.problems.push_back(at(propsAt->entry("VpcConfig")->line) + ": " + what +
                                         ": its VpcConfig is computed (" + config.dump().substr(0, 60) +
                                         "); remove it by hand");
                return;
            }
            removeEntry(*propsAt, "VpcConfig");
            m_out.summary.push_back("  " + what + ": VpcConfig removed, now outside the VPC");
            return;
        }
        std::string source;
        const Json config = vpcConfigToAdd(function, source);
        appendEntry(*propsAt, "VpcConfig", config);
        m_out.summary.push_back("  " + what + ": VpcConfig added (" + source + "), now inside the VPC");
        if (typeOf(function) == "AWS::Lambda::Function")
            grantVpcAccess(function, props, what); // SAM adds the policy to the roles it makes itself
    }

    /** A plain Lambda function moved into the VPC: its role needs to manage network interfaces. */
    void grantVpcAccess(const std::string &function, const Json &props, const std::string &what)
    {
        static const std::string policy = "AWSLambdaVPCAccessExecutionRole";
        const Json *role = props.contains("Role") ? &props["Role"] : nullptr;
        std::string roleId;
        if (role && role->is_object() && role->contains("Fn::GetAtt") && (*role)["Fn::GetAtt"].is_array())
            roleId = (*role)["Fn::GetAtt"][0].get<std::string>();
        const Located *roleProps = typeOf(roleId) == "AWS::IAM::Role" ? propertiesAt(roleId) : nullptr;
        if (roleProps && roleProps->kind == Located::Kind::Map) {
            const Json arns = resourceJson(roleId)["Properties"].value("ManagedPolicyArns", Json());
            if (arns.dump().find(policy) != std::string::npos)
                return;
            const Json arn = cfn::managedPolicy("service-role/" + policy);
            const Located *list = roleProps->find("ManagedPolicyArns");
            bool added = false;
            if (!list) {
                appendEntry(*roleProps, "ManagedPolicyArns", Json::array({arn}));
                added = true;
            } else {
                added = arns.is_array() && appendItem(*list, arn);
            }
            if (added) {
                m_out.summary.push_back("  role " + roleId + " (of function " + function + "): " + policy +
                                        " added, so that it can attach to the VPC");
                return;
            }
        }
        m_out.problems.push_back(at(resourceEntry(function)->line) + ": " + what + ": its role needs the " +
                                 policy + " managed policy (ec2:CreateNetworkInterface ...); add it by hand");
    }

    // ---- the definition ------------------------------------------------------------------------

    /** The definition the template has now, for comparing integrations (empty when unreadable). */
    Json currentDefinition() const
    {
        if (m_machineProps.contains("Definition"))
            return m_machineProps["Definition"];
        std::string text;
        if (m_machineProps.contains("DefinitionString")) {
            text = definitionStringText(m_machineProps["DefinitionString"]);
        } else if (m_machineProps.contains("DefinitionUri") && m_machineProps["DefinitionUri"].is_string()) {
            const fs::path file = fs::path(m_in.templatePath).parent_path() /
                                  m_machineProps["DefinitionUri"].get<std::string>();
            const asl::ReadResult read = asl::readFile(file.string());
            return read ? *read.value : Json::object();
        }
        const asl::ReadResult read = asl::parseJson(text, m_in.templatePath);
        return read ? *read.value : Json::object();
    }

    /** How Fn::Sub would spell an intrinsic: ${X} for Ref X, ${X.Attr} for Fn::GetAtt; ${Intrinsic} else. */
    static std::string placeholderFor(const Json &intrinsic)
    {
        if (intrinsic.is_object() && intrinsic.contains("Ref") && intrinsic["Ref"].is_string())
            return "${" + intrinsic["Ref"].get<std::string>() + "}";
        if (intrinsic.is_object() && intrinsic.contains("Fn::GetAtt") && intrinsic["Fn::GetAtt"].is_array() &&
            intrinsic["Fn::GetAtt"].size() == 2 && intrinsic["Fn::GetAtt"][0].is_string() &&
            intrinsic["Fn::GetAtt"][1].is_string())
            return "${" + intrinsic["Fn::GetAtt"][0].get<std::string>() + "." +
                   intrinsic["Fn::GetAtt"][1].get<std::string>() + "}";
        return "${Intrinsic}"; // bare or inside a string, the JSON reader takes it
    }

    /** The JSON text of a DefinitionString: a string, Fn::Sub (either form) or Fn::Join of strings. */
    static std::string definitionStringText(const Json &value)
    {
        if (value.is_string())
            return value.get<std::string>();
        if (value.is_object() && value.contains("Fn::Sub")) {
            const Json &sub = value["Fn::Sub"];
            if (sub.is_string())
                return sub.get<std::string>();
            if (sub.is_array() && !sub.empty() && sub[0].is_string())
                return sub[0].get<std::string>();
        }
        if (value.is_object() && value.contains("Fn::Join")) {
            const Json &join = value["Fn::Join"];
            std::string out;
            if (join.is_array() && join.size() == 2 && join[1].is_array())
                for (std::size_t i = 0; i < join[1].size(); ++i) {
                    if (i && join[0].is_string())
                        out += join[0].get<std::string>();
                    out +=
                        join[1][i].is_string() ? join[1][i].get<std::string>() : placeholderFor(join[1][i]);
                }
            return out;
        }
        return {};
    }

    void migrateDefinition()
    {
        const Json &definition = m_project.definition;
        const std::string where = "state machine " + m_machine + ": definition updated";
        const Located &props = *m_machinePropsAt;
        if (!editable(props, resourceEntry(m_machine)->line, "state machine " + m_machine))
            return;
        bool subForm = false; // Fn::Sub resolves ${LogicalId}, ${Resource.Attr} and ${AWS::...} itself
        Json subVariables = Json::object();
        if (const LocatedEntry *e = props.entry("Definition")) {
            replaceEntry(props, *e, definition);
            m_out.summary.push_back("  " + where + " (inline Definition, " + at(e->line) + ")");
        } else if (const LocatedEntry *uri = props.entry("DefinitionUri")) {
            if (!m_machineProps["DefinitionUri"].is_string()) {
                m_out.problems.push_back(at(uri->line) +
                                         ": DefinitionUri is an S3 location, which cannot be written "
                                         "offline: the definition was not updated");
                return;
            }
            writeDefinitionFile(props, *uri, definition);
        } else if (const LocatedEntry *string = props.entry("DefinitionString")) {
            subForm = replaceDefinitionString(props, *string, definition, subVariables);
        } else {
            const LocatedEntry *s3 = props.entry("DefinitionS3Location");
            m_out.problems.push_back(
                at(s3 ? s3->line : resourceEntry(m_machine)->line) +
                ": the definition is in S3 (DefinitionS3Location) or missing: not updated");
            return;
        }
        Json substitutions = m_machineProps.value("DefinitionSubstitutions", Json::object());
        const Json added = addMissingSubstitutions(definition, subForm, subVariables);
        for (const auto &[key, value] : added.items())
            substitutions[key] = value;
        addPermissionsForNewIntegrations(definition, substitutions);
    }

    void writeDefinitionFile(const Located &props, const LocatedEntry &e, const Json &definition)
    {
        const std::string original = m_machineProps["DefinitionUri"].get<std::string>();
        const bool yaml = asl::formatForPath(original) == asl::TextFormat::YamlText;
        const fs::path output(m_in.outputPath);
        std::string stem = output.filename().string();
        if (const auto dot = stem.find('.'); dot != std::string::npos && dot > 0)
            stem.resize(dot);
        const std::string name = stem + "." + m_machine + (yaml ? ".asl.yaml" : ".asl.json");
        const fs::path target = output.parent_path() / name;
        m_out.files.push_back(
            {target.string(), yaml ? asl::writeYaml(definition) : asl::writeJson(definition)});
        replaceEntry(props, e, Json(name));
        m_out.summary.push_back("  state machine " + m_machine + ": definition updated, written to " +
                                target.string() + " (DefinitionUri was " + original + ", " + at(e.line) +
                                ")");
    }

    /** Keeps the DefinitionString's form; a Fn::Join becomes a Fn::Sub. Returns whether it is a Fn::Sub. */
    bool replaceDefinitionString(const Located &props, const LocatedEntry &e, const Json &definition,
                                 Json &subVariables)
    {
        const Json &old = m_machineProps["DefinitionString"];
        std::string text = asl::writeJson(definition);
        while (!text.empty() && text.back() == '\n')
            text.pop_back();
        const bool plain = old.is_string();
        const bool withVariables = old.is_object() && old.contains("Fn::Sub") && old["Fn::Sub"].is_array() &&
                                   old["Fn::Sub"].size() == 2 && old["Fn::Sub"][1].is_object();
        if (withVariables)
            subVariables = old["Fn::Sub"][1];
        Json value = plain           ? Json(text)
                     : withVariables ? Json{{"Fn::Sub", Json::array({text, subVariables})}}
                                     : Json{{"Fn::Sub", text}};
        std::string form = plain ? "a plain string" : withVariables ? "Fn::Sub with variables" : "Fn::Sub";
        if (old.is_object() && old.contains("Fn::Join"))
            form = "Fn::Join, written back as Fn::Sub";
        std::string yaml;
        if (!m_json) {
            // A literal block keeps the JSON readable; the template's own indentation step.
            const int unit = m_indentUnit;
            const std::string body = indentLines(text + "\n", withVariables ? 2 * unit : unit);
            if (plain)
                yaml = e.key + ": |-\n" + body;
            else if (!withVariables)
                yaml = e.key + ": !Sub |-\n" + body;
            else
                yaml = e.key + ": !Sub\n" + std::string(static_cast<std::size_t>(unit), ' ') + "- |-\n" +
                       body + indentLines(yamlOf(Json::array({subVariables})), unit);
        }
        replaceEntry(props, e, value, yaml);
        m_out.summary.push_back("  state machine " + m_machine + ": definition updated (DefinitionString, " +
                                form + ", " + at(e.line) + ")");
        return !plain;
    }

    /** Placeholders of the new definition nothing gives a value: DefinitionSubstitutions entries for them. */
    Json addMissingSubstitutions(const Json &definition, bool subForm, const Json &subVariables)
    {
        std::vector<std::string> names;
        collectPlaceholders(definition, names);
        const Json substitutions = m_machineProps.value("DefinitionSubstitutions", Json::object());
        const Json parameters = m_template.value("Parameters", Json::object());
        const Json &resources = m_template["Resources"];
        Json added = Json::object();
        for (const auto &name : names) {
            const std::string head = name.substr(0, name.find('.'));
            const bool resource = resources.contains(head);
            const bool nativeToSub = name.rfind("AWS::", 0) == 0 || resource || parameters.contains(name);
            if (substitutions.contains(name) || subVariables.contains(name) || (subForm && nativeToSub) ||
                name.rfind("!", 0) == 0)
                continue;
            const bool alnum = std::all_of(
                name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
            if (alnum && (resource || parameters.contains(name)))
                added[name] = cfn::refOf(name);
            else if (alnum && name.size() > 3 && name.ends_with("Arn") &&
                     resources.contains(name.substr(0, name.size() - 3)))
                added[name] = cfn::getAtt(name.substr(0, name.size() - 3), "Arn");
            else
                m_out.problems.push_back(m_in.templatePath + ": the definition uses ${" + name +
                                         "}, which nothing in the template gives a value: add it to "
                                         "DefinitionSubstitutions");
        }
        // Entries the new definition no longer uses go: the spec check (and reviewers) flag them.
        std::vector<std::string> unused;
        for (const auto &[key, value] : substitutions.items())
            if (std::find(names.begin(), names.end(), key) == names.end())
                unused.push_back(key);
        if (added.empty() && unused.empty())
            return added;
        const Located &props = *m_machinePropsAt;
        const LocatedEntry *existingEntry = props.entry("DefinitionSubstitutions");
        const Located *existing = existingEntry ? &existingEntry->value : nullptr;
        if (!existing || existing->kind != Located::Kind::Map || existing->entries.empty()) {
            if (!added.empty())
                appendEntry(props, "DefinitionSubstitutions", added);
        } else if (!existing->flow && unused.size() < existing->entries.size()) {
            for (const auto &key : unused)
                removeEntry(*existing, key); // whole lines: never overlaps the additions after the last one
            for (const auto &[key, value] : added.items())
                appendEntry(*existing, key, value);
        } else {
            Json kept = substitutions;
            for (const auto &key : unused)
                kept.erase(key);
            for (const auto &[key, value] : added.items())
                kept[key] = value;
            if (kept.empty())
                removeEntry(props, "DefinitionSubstitutions");
            else
                replaceEntry(props, *existingEntry, kept);
        }
        std::vector<std::string> keys;
        for (const auto &[key, value] : added.items())
            keys.push_back(key);
        if (!keys.empty())
            m_out.summary.push_back("  state machine " + m_machine + ": DefinitionSubstitutions added for " +
                                    joinQuoted(keys));
        if (!unused.empty())
            m_out.summary.push_back("  state machine " + m_machine + ": DefinitionSubstitutions " +
                                    joinQuoted(unused) +
                                    " removed (the definition no longer uses them; the resources stay)");
        return added;
    }

    // ---- IAM -----------------------------------------------------------------------------------

    void addPermissionsForNewIntegrations(const Json &definition, const Json &substitutions)
    {
        const std::set<std::string> before = taskResources(currentDefinition());
        Json states = Json::object();
        std::vector<std::string> stepNames;
        const auto index = asl::WorkflowIndex::build(definition);
        for (const auto &state : index.states()) {
            const Json *json = asl::stateJson(definition, state);
            if (!json || !json->is_object())
                continue;
            const asl::TaskKind kind = asl::classifyTask(*json);
            if (kind != asl::TaskKind::Http && kind != asl::TaskKind::AwsService)
                continue;
            if (before.count(json->value("Resource", std::string())))
                continue;
            Json copy = *json;
            copy.erase("Next");
            copy.erase("Catch");
            copy["End"] = true;
            states[state.name] = copy;
            stepNames.push_back(state.name);
        }
        if (states.empty())
            return;
        cfn::WiredDefinition wired;
        wired.definition = {{"StartAt", states.begin().key()}, {"States", states}};
        wired.substitutions = substitutions;
        // The template's own connections, so the policy grants each one's credentials and its own secret
        // once (not again as a named connection with every events!connection/* secret).
        for (const auto &[name, state] : states.items())
            if (asl::classifyTask(state) == asl::TaskKind::Http)
                if (auto id = templateConnectionOf(state, wired))
                    if (std::none_of(wired.connections.begin(), wired.connections.end(),
                                     [&](const auto &c) { return c.logicalId == *id; }))
                        wired.connections.push_back({*id, {name}});
        const cfn::StateMachinePolicy policy =
            cfn::stateMachinePolicy(wired, cfn::accountScope("states", "stateMachine:*"), "");
        for (const auto &note : policy.notes)
            m_out.problems.push_back(m_in.templatePath + ": IAM: " + note);
        Json statements = policy.statements;
        for (const auto &[name, state] : states.items())
            if (asl::classifyTask(state) == asl::TaskKind::Http)
                addConnectionAccess(state, wired, statements);
        if (statements.empty())
            return;
        std::set<std::string> actions;
        for (const auto &statement : statements)
            if (statement.contains("Action"))
                for (const auto &action : statement["Action"].is_array() ? statement["Action"]
                                                                         : Json::array({statement["Action"]}))
                    if (action.is_string())
                        actions.insert(action.get<std::string>());
        std::string list;
        for (const auto &action : actions)
            list += (list.empty() ? "" : ", ") + action;
        const Json document = {{"Version", "2012-10-17"}, {"Statement", statements}};
        const std::string what = list + " for the new integrations of " + joinQuoted(stepNames);
        if (addPolicy(document))
            m_out.summary.push_back("  state machine " + m_machine + ": IAM " + what);
        else
            m_out.problems.push_back(
                m_in.templatePath + ": IAM: could not find where to add " + what +
                "; add this statement to the state machine's role: " + statements.dump());
    }

    /** The literal ConnectionArn of an HTTP Task, or nullptr when it is chosen at run time. */
    static const Json *connectionArnOf(const Json &state)
    {
        const Json *connection = nullptr;
        for (const char *arguments : {"Parameters", "Arguments"})
            if (const Json *found = asl::resolvePointer(state, std::string("/") + arguments +
                                                                   "/Authentication/ConnectionArn"))
                connection = found;
        return connection && connection->is_string() ? connection : nullptr;
    }

    /** The logical id of the template's AWS::Events::Connection an HTTP Task names, if it names one. */
    std::optional<std::string> templateConnectionOf(const Json &state,
                                                    const cfn::WiredDefinition &wired) const
    {
        const Json *connection = connectionArnOf(state);
        if (!connection)
            return std::nullopt;
        const Json arn = wired.expressionFor(connection->get<std::string>());
        if (arn.is_object() && arn.contains("Fn::GetAtt") && arn["Fn::GetAtt"].is_array() &&
            !arn["Fn::GetAtt"].empty() && arn["Fn::GetAtt"][0].is_string() &&
            typeOf(arn["Fn::GetAtt"][0].get<std::string>()) == "AWS::Events::Connection")
            return arn["Fn::GetAtt"][0].get<std::string>();
        return std::nullopt;
    }

    /**
     * An HTTP Task reads its connection's credentials, kept in a Secrets Manager secret the connection owns.
     * The policy (cfn::stateMachinePolicy) grants both for a connection the definition names; one chosen at
     * run time is left to the user.
     */
    void addConnectionAccess(const Json &state, const cfn::WiredDefinition &, Json &)
    {
        if (!connectionArnOf(state))
            m_out.problems.push_back(m_in.templatePath +
                                     ": IAM: the HTTP Task's connection is chosen at run time; "
                                     "grant events:RetrieveConnectionCredentials on it by hand");
    }

    /** Adds the document to the SAM Policies, or to the inline policies of the role the state machine uses.
     */
    bool addPolicy(const Json &document)
    {
        const Located &props = *m_machinePropsAt;
        if (m_serverless && !m_machineProps.contains("Role")) {
            const Located *policies = props.find("Policies");
            if (!policies) {
                appendEntry(props, "Policies", Json::array({document}));
                return true;
            }
            return m_machineProps["Policies"].is_array() && appendItem(*policies, document);
        }
        const Json role = m_machineProps.value(m_serverless ? "Role" : "RoleArn", Json());
        std::string roleId;
        if (role.is_object() && role.contains("Fn::GetAtt") && role["Fn::GetAtt"].is_array())
            roleId = role["Fn::GetAtt"][0].get<std::string>();
        if (roleId.empty() || typeOf(roleId) != "AWS::IAM::Role")
            return false;
        const Located *roleProps = propertiesAt(roleId);
        if (!roleProps || roleProps->kind != Located::Kind::Map)
            return false;
        const Json inlinePolicy = {{"PolicyName", "egress-studio-migration"}, {"PolicyDocument", document}};
        if (const Located *policies = roleProps->find("Policies"))
            return appendItem(*policies, inlinePolicy);
        appendEntry(*roleProps, "Policies", Json::array({inlinePolicy}));
        return true;
    }

    // ---- NAT gateways --------------------------------------------------------------------------

    void listNatResources()
    {
        bool needsNat = false;
        const auto index = asl::WorkflowIndex::build(m_project.definition);
        for (const auto &state : index.states()) {
            const design::StepDesign step = m_project.step(state.name);
            needsNat = needsNat || (step.placement == design::Placement::InsideVpc &&
                                    step.egress == design::Egress::Internet);
        }
        std::vector<std::string> gateways;
        const Json &resources = m_template["Resources"];
        for (const auto &[id, resource] : resources.items())
            if (resource.is_object() && resource.value("Type", std::string()) == "AWS::EC2::NatGateway")
                gateways.push_back(id);
        if (gateways.empty())
            return;
        if (needsNat) {
            m_out.summary.push_back("  NAT gateways " + joinQuoted(gateways) +
                                    ": still needed (a step inside the VPC reaches the internet)");
            return;
        }
        m_out.summary.push_back(
            "  no longer needed by the workflow (not deleted: remove them once nothing else "
            "uses them):");
        const double monthly = natGatewayMonthlyUsd();
        for (const auto &gateway : gateways) {
            m_out.summary.push_back("    " + gateway + " (AWS::EC2::NatGateway, " +
                                    at(resourceEntry(gateway)->line) + ")" +
                                    (monthly > 0 ? ", about " + money(monthly) + "/month" : std::string()));
            const Json *allocation = asl::resolvePointer(resources[gateway], "/Properties/AllocationId");
            if (allocation && allocation->is_object()) {
                std::string eip;
                if (allocation->contains("Fn::GetAtt") && (*allocation)["Fn::GetAtt"].is_array())
                    eip = (*allocation)["Fn::GetAtt"][0].get<std::string>();
                else if (allocation->contains("Ref") && (*allocation)["Ref"].is_string())
                    eip = (*allocation)["Ref"].get<std::string>();
                if (typeOf(eip) == "AWS::EC2::EIP")
                    m_out.summary.push_back("    " + eip + " (AWS::EC2::EIP, " +
                                            at(resourceEntry(eip)->line) + "), its public IPv4 address");
            }
            for (const auto &[id, resource] : resources.items()) {
                const Json *target = asl::resolvePointer(resource, "/Properties/NatGatewayId");
                if (resource.is_object() && resource.value("Type", std::string()) == "AWS::EC2::Route" &&
                    target && *target == cfn::refOf(gateway))
                    m_out.summary.push_back("    " + id + " (AWS::EC2::Route, " +
                                            at(resourceEntry(id)->line) + "), its route");
            }
        }
        if (monthly > 0)
            m_out.summary.push_back("    together about " +
                                    money(monthly * static_cast<double>(gateways.size())) +
                                    "/month before data processing (" + m_project.usage.region +
                                    " prices: 730 hours of NAT gateway and public IPv4 each)");
        std::vector<std::string> others;
        for (const auto &[id, resource] : resources.items())
            if (resource.is_object() && isFunctionType(resource.value("Type", std::string())) &&
                asl::resolvePointer(resource, "/Properties/VpcConfig") && !m_backed.count(id))
                others.push_back(id);
        if (!others.empty())
            m_out.summary.push_back("    check first: " + joinQuoted(others) +
                                    " also run in the VPC and are not steps of this workflow");
    }

    double natGatewayMonthlyUsd() const
    {
        const cost::PriceTableLoad prices = cost::bundledPriceTable(m_project.usage.region);
        if (!prices)
            return 0;
        try {
            return 730 * (prices.table->price("nat-gateway-hour").usd() +
                          prices.table->price("public-ipv4-hour").usd());
        } catch (const std::exception &) {
            return 0;
        }
    }

    // ---- the result ----------------------------------------------------------------------------

    void finish()
    {
        if (!m_newParameters.empty()) {
            const Located *parameters = m_root.find("Parameters");
            if (parameters && parameters->kind == Located::Kind::Map && !parameters->entries.empty()) {
                for (const auto &[key, value] : m_newParameters.items())
                    appendEntry(*parameters, key, value);
            } else {
                m_out.problems.push_back(
                    m_in.templatePath + ": the template has no Parameters section to add " +
                    m_newSubnetParameter + " and " + m_newSecurityGroupParameter + " to; add them by hand");
            }
        }
        std::optional<std::string> text = applyEdits(m_text, m_edits);
        if (!text) {
            error(1, "internal error: two changes overlap; nothing written");
            return;
        }
        // The safety net: what we write must read back as a template.
        const asl::ReadResult check = asl::parseText(
            *text, m_in.outputPath, m_json ? asl::TextFormat::JsonText : asl::TextFormat::YamlText);
        if (!check) {
            error(check.error->line, "internal error: the migrated template would not parse (" +
                                         check.error->message + " at its line " +
                                         std::to_string(check.error->line) + "); nothing written");
            return;
        }
        m_out.text = std::move(*text);
    }

    const MigrateInput &m_in;
    const design::Project &m_project;
    const std::string &m_text;
    MigrateResult m_out;
    bool m_json = false;
    int m_indentUnit = 2;
    Json m_template;
    Located m_root;
    const Located *m_resources = nullptr;
    std::string m_machine;
    bool m_serverless = false;
    Json m_machineProps;
    const Located *m_machinePropsAt = nullptr;
    std::vector<TextEdit> m_edits;
    std::set<std::string> m_backed;
    Json m_newParameters = Json::object();
    std::string m_newSubnetParameter;
    std::string m_newSecurityGroupParameter;
};

} // namespace

MigrateResult migrateTemplate(const MigrateInput &input)
{
    return Migrator(input).run();
}

} // namespace egress::migrate
