#include "template/derive.h"

#include "asl/workflow.h"
#include "design/projectio.h"
#include "template/references.h"

#include <cmath>
#include <filesystem>
#include <set>

namespace egress::tmpl {

namespace {

bool isFunctionType(const std::string &type)
{
    return type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function";
}

std::string stringOr(const Json &value, const std::string &fallback = {})
{
    return value.is_string() ? value.get<std::string>() : fallback;
}

/** The function name in a Lambda ARN ("arn:...:function:NAME[:qualifier]"), or the text itself. */
std::string functionNameIn(const std::string &text)
{
    const std::string marker = ":function:";
    const auto at = text.find(marker);
    if (at == std::string::npos)
        return text;
    std::string name = text.substr(at + marker.size());
    if (const auto colon = name.find(':'); colon != std::string::npos)
        name.resize(colon);
    return name;
}

/** The function whose FunctionName property is `name` (a literal or the same Fn::Sub text). */
std::string functionNamed(const Template &t, const std::string &name)
{
    for (const auto &[id, resource] : t.resources().items()) {
        if (!isFunctionType(t.typeOf(id)))
            continue;
        const Json props = functionProperties(t, id);
        const Json fn = props.value("FunctionName", Json());
        if ((fn.is_string() && fn.get<std::string>() == name) ||
            (asl::isIntrinsic(fn) && fn.begin().key() == "Fn::Sub" && fn.begin().value().is_string() &&
             fn.begin().value().get<std::string>() == name))
            return id;
    }
    return {};
}

class Resolver
{
public:
    Resolver(const Template &t, const Json &subs) : m_t(t), m_subs(subs) {}

    std::string resolve(const Json &value, std::string &why, int depth = 0)
    {
        if (depth > 16) {
            why = "the reference chain is deeper than 16 steps (cyclic?)";
            return {};
        }
        if (value.is_string())
            return resolveText(value.get<std::string>(), why, depth, true);
        if (!asl::isIntrinsic(value)) {
            why = "FunctionName " + value.dump() + " is not a name, ARN or reference";
            return {};
        }
        const std::string &fn = value.begin().key();
        const Json &arg = value.begin().value();
        if (fn == "Ref" && arg.is_string())
            return resolveResource(arg.get<std::string>(), why, depth);
        if (fn == "Fn::GetAtt") {
            const std::string target = arg.is_array() && !arg.empty() ? stringOr(arg[0])
                                       : arg.is_string() ? stringOr(arg).substr(0, stringOr(arg).find('.'))
                                                         : std::string();
            return resolveResource(target, why, depth);
        }
        if (fn == "Fn::Sub") {
            const std::string text = arg.is_string()                  ? arg.get<std::string>()
                                     : arg.is_array() && !arg.empty() ? stringOr(arg[0])
                                                                      : std::string();
            const Json *vars = arg.is_array() && arg.size() > 1 && arg[1].is_object() ? &arg[1] : nullptr;
            for (const std::string &name : subNames(text)) {
                std::string ignored;
                std::string id = vars && vars->contains(name)
                                     ? resolve((*vars)[name], ignored, depth + 1)
                                     : resolveResource(name.substr(0, name.find('.')), ignored, depth);
                if (!id.empty())
                    return id;
            }
            return resolveText(text, why, depth, false);
        }
        if (fn == "Fn::Join" && arg.is_array() && arg.size() == 2 && arg[1].is_array()) {
            std::string joined;
            for (const Json &part : arg[1]) {
                std::string ignored;
                if (!part.is_string()) {
                    if (std::string id = resolve(part, ignored, depth + 1); !id.empty())
                        return id;
                }
                joined += part.is_string() ? part.get<std::string>() : "?";
            }
            return resolveText(joined, why, depth, false);
        }
        why = fn + " cannot be resolved offline";
        return {};
    }

private:
    std::string resolveText(const std::string &text, std::string &why, int depth, bool placeholders)
    {
        if (placeholders)
            for (const std::string &name : subNames(text)) {
                if (m_subs.contains(name)) {
                    std::string id = resolve(m_subs[name], why, depth + 1);
                    if (!id.empty() || text == "${" + name + "}")
                        return id;
                } else if (text == "${" + name + "}") {
                    why = "${" + name + "} has no DefinitionSubstitutions entry";
                    return {};
                }
            }
        if (std::string id = functionNamed(m_t, functionNameIn(text)); !id.empty())
            return id;
        why = "no function of the template is named \"" + functionNameIn(text) + "\"";
        return {};
    }

    std::string resolveResource(const std::string &id, std::string &why, int depth)
    {
        const std::string type = m_t.typeOf(id);
        if (isFunctionType(type))
            return id;
        if (type == "AWS::Lambda::Alias" || type == "AWS::Lambda::Version") {
            const Json *props = m_t.properties(id);
            if (props && props->contains("FunctionName"))
                return resolve((*props)["FunctionName"], why, depth + 1);
        }
        if (!type.empty())
            why = "\"" + id + "\" is a " + type + ", not a Lambda function";
        else if (m_t.root.contains("Parameters") && m_t.root["Parameters"].contains(id))
            why = "the function comes from the parameter \"" + id + "\", known only at deployment";
        else
            why = "\"" + id + "\" is not a resource of this template";
        return {};
    }

    const Template &m_t;
    const Json &m_subs;
};

/** Where a Lambda step names its function: the Resource itself or Parameters/Arguments.FunctionName. */
const Json *functionReference(const Json &state, std::string &why)
{
    const auto resource = state.find("Resource");
    if (resource == state.end() || !resource->is_string())
        return nullptr;
    if (resource->get<std::string>().find("states:::lambda:invoke") == std::string::npos)
        return &*resource;
    for (const char *key : {"Parameters", "Arguments"}) {
        const auto args = state.find(key);
        if (args == state.end() || !args->is_object())
            continue;
        if (auto name = args->find("FunctionName"); name != args->end())
            return &*name;
        if (args->contains("FunctionName.$")) {
            why = "FunctionName.$ chooses the function at run time";
            return nullptr;
        }
    }
    why = "the step names no FunctionName";
    return nullptr;
}

void applyFunction(const Template &t, const std::string &stateName, const std::string &id,
                   design::StepDesign &step, std::vector<Diagnostic> &notes)
{
    const Json props = functionProperties(t, id);
    const std::string where = resourcePointer(id);
    auto note = [&](const std::string &property, const std::string &message) {
        Diagnostic d =
            t.at(Severity::Info, props.contains(property) ? resourcePointer(id, property) : where, message);
        d.state = stateName;
        notes.push_back(d);
    };
    step.function = id;
    const Json vpc = props.value("VpcConfig", Json());
    const bool noValue = vpc.is_object() && vpc.size() == 1 && vpc.value("Ref", "") == "AWS::NoValue";
    const bool inside =
        vpc.is_object() && !vpc.empty() && !noValue &&
        !(vpc.contains("SubnetIds") && vpc["SubnetIds"].is_array() && vpc["SubnetIds"].empty());
    if (asl::isIntrinsic(vpc) && !noValue)
        note("VpcConfig", "VpcConfig of " + id + " is " + vpc.begin().key() +
                              "; the step is placed inside the VPC (check it)");
    step.placement = inside || (asl::isIntrinsic(vpc) && !noValue) ? design::Placement::InsideVpc
                                                                   : design::Placement::OutsideVpc;
    if (auto memory = props.find("MemorySize"); memory != props.end()) {
        double mb = -1;
        if (memory->is_number())
            mb = memory->get<double>();
        else if (memory->is_string() && !memory->get<std::string>().empty() &&
                 memory->get<std::string>().find_first_not_of("0123456789") == std::string::npos &&
                 memory->get<std::string>().size() < 7)
            mb = std::stod(memory->get<std::string>());
        if (mb >= design::kMinMemoryMb && mb <= design::kMaxMemoryMb && mb == std::floor(mb))
            step.memoryMb = static_cast<int>(mb);
        else
            note("MemorySize",
                 "MemorySize " + memory->dump() + " of " + id + " cannot be used; 128 MB is kept");
    }
    if (auto arch = props.find("Architectures"); arch != props.end()) {
        const std::string a = arch->is_array() && arch->size() == 1 ? stringOr((*arch)[0]) : std::string();
        if (auto value = design::architectureFromString(a))
            step.architecture = *value;
        else
            note("Architectures",
                 "Architectures " + arch->dump() + " of " + id + " cannot be used; x86_64 is kept");
    }
    if (auto timeout = props.find("Timeout"); timeout != props.end()) {
        if (timeout->is_number())
            step.extra["timeoutSeconds"] = *timeout;
        else
            note("Timeout", "Timeout " + timeout->dump() + " of " + id + " is not a number of seconds");
    }
}

} // namespace

Json functionProperties(const Template &t, const std::string &logicalId)
{
    Json merged = Json::object();
    if (t.typeOf(logicalId) == "AWS::Serverless::Function") {
        const Json *globals = asl::resolvePointer(t.root, "/Globals/Function");
        if (globals && globals->is_object())
            merged = *globals;
    }
    if (const Json *props = t.properties(logicalId))
        for (const auto &[key, value] : props->items())
            merged[key] = value;
    return merged;
}

std::string resolveFunction(const Template &t, const Json &substitutions, const Json &value, std::string &why)
{
    return Resolver(t, substitutions).resolve(value, why);
}

std::optional<std::string> chooseStateMachine(const Template &t, const std::string &requested,
                                              std::string &error, bool &ambiguous)
{
    ambiguous = false;
    const auto machines = listStateMachines(t);
    std::string list;
    for (const auto &m : machines)
        list += "\n  " + m.logicalId + " (" + m.type + ", line " + std::to_string(m.line) + ")";
    if (!requested.empty()) {
        for (const auto &m : machines)
            if (m.logicalId == requested)
                return requested;
        error = t.path + ": no state machine \"" + requested + "\" in the template" +
                (machines.empty() ? std::string(" (it has none)") : "; it has:" + list);
        return std::nullopt;
    }
    if (machines.size() == 1)
        return machines.front().logicalId;
    if (machines.empty()) {
        error = t.path +
                ": the template has no AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine";
        return std::nullopt;
    }
    ambiguous = true;
    error = t.path + ": the template has " + std::to_string(machines.size()) +
            " state machines; choose one with --state-machine:" + list;
    return std::nullopt;
}

std::string templatePathFor(const std::string &templatePath, const std::string &projectPath)
{
    namespace fs = std::filesystem;
    if (projectPath.empty() || projectPath == "-")
        return templatePath;
    std::error_code ec;
    const fs::path folder = fs::absolute(fs::path(projectPath), ec).parent_path();
    const fs::path target = fs::absolute(fs::path(templatePath), ec);
    if (ec)
        return templatePath;
    const fs::path relative = target.lexically_normal().lexically_relative(folder.lexically_normal());
    return relative.empty() ? templatePath : relative.generic_string();
}

TemplateImport importStateMachine(const Template &t, const std::string &logicalId,
                                  const std::string &templatePathInProject)
{
    TemplateImport out;
    out.definition = extractDefinition(t, logicalId);
    out.notes = out.definition.notes;
    if (!out.definition.ok()) {
        out.problems = out.definition.problems;
        return out;
    }
    design::Project project = design::projectFromDefinition(out.definition.definition, logicalId);
    if (out.definition.workflowType)
        project.workflowType = *out.definition.workflowType;
    design::TemplateSource source;
    source.templatePath = templatePathInProject;
    source.stateMachine = logicalId;
    source.format = t.format;
    source.substitutions = out.definition.substitutions;
    project.source = source;

    const auto index = asl::WorkflowIndex::build(project.definition);
    for (const auto &state : index.states()) {
        const Json *json = asl::stateJson(project.definition, state);
        // A task whose whole Resource is a placeholder (`!GetAtt Fn.Arn` inline) runs a function when
        // the placeholder resolves to one.
        const auto kind = json ? asl::classifyTask(*json) : asl::TaskKind::NotATask;
        if (kind != asl::TaskKind::Lambda && kind != asl::TaskKind::Placeholder)
            continue;
        std::string why;
        const Json *reference = functionReference(*json, why);
        const std::string id =
            reference ? resolveFunction(t, out.definition.substitutions, *reference, why) : "";
        design::StepDesign &step = project.steps[state.name];
        // A placeholder that stands for a service integration or another kind of resource is not a
        // function the import missed: nothing to note.
        if (id.empty() && kind == asl::TaskKind::Placeholder &&
            (why.find(":states:::") != std::string::npos || why.find("\" is a AWS::") != std::string::npos))
            continue;
        if (id.empty()) {
            Diagnostic d;
            d.severity = Severity::Info;
            d.file = out.definition.definitionFile;
            d.pointer = state.pointer;
            d.message = kind == asl::TaskKind::Lambda
                            ? "the step's Lambda function is not resolved (" + why +
                                  "); it keeps the defaults: inside the VPC, 128 MB, x86_64"
                            : "the step's Resource is not resolved to a Lambda function (" + why +
                                  "); it stays outside the VPC";
            d = locateInTemplate(t, out.definition, d);
            d.state = state.name;
            out.notes.push_back(d);
            continue;
        }
        applyFunction(t, state.name, id, step, out.notes);
    }
    deriveVpc(t, project, out.notes);
    deriveTrigger(t, logicalId, project, out.notes);
    for (const Diagnostic &note : out.notes)
        project.importNotes.push_back(note.toString());
    out.project = std::move(project);
    return out;
}

} // namespace egress::tmpl
