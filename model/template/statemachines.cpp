#include "template/statemachines.h"

#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/workflow.h"
#include "template/references.h"

#include <cctype>
#include <filesystem>
#include <set>

namespace egress::tmpl {

namespace {

bool isStateMachineType(const std::string &type)
{
    return type == "AWS::Serverless::StateMachine" || type == "AWS::StepFunctions::StateMachine";
}

/** Letters and digits only: DefinitionSubstitutions keys and our placeholders stay plain names. */
std::string alnum(const std::string &s)
{
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += c;
    return out;
}

/**
 * Names the template values a definition uses: each intrinsic becomes a `${Name}` whose value is kept in
 * `substitutions`. The same value always gets the same name; names already there (the template's own
 * DefinitionSubstitutions) are never reused for another value.
 */
class Placeholders
{
public:
    explicit Placeholders(Json &substitutions) : m_subs(substitutions) {}

    std::string nameFor(const Json &value, const std::string &base)
    {
        for (const auto &[key, existing] : m_subs.items())
            if (existing == value)
                return key;
        const std::string stem = alnum(base).empty() ? "Value" : alnum(base);
        std::string name = stem;
        for (int n = 2; m_subs.contains(name); ++n)
            name = stem + std::to_string(n);
        m_subs[name] = value;
        return name;
    }

    /** A readable placeholder name for an intrinsic: MyFunctionArn for !GetAtt MyFunction.Arn. */
    static std::string baseFor(const Json &intrinsic)
    {
        const std::string &fn = intrinsic.begin().key();
        const Json &arg = intrinsic.begin().value();
        if (fn == "Ref" && arg.is_string())
            return arg.get<std::string>();
        if (fn == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
            arg[1].is_string())
            return arg[0].get<std::string>() + arg[1].get<std::string>();
        if (fn == "Fn::GetAtt" && arg.is_string())
            return arg.get<std::string>();
        if (fn == "Fn::ImportValue" && arg.is_string())
            return arg.get<std::string>();
        return "Value";
    }

    /** Fn::Sub text → the same text with our placeholders (CloudFormation's `${!X}` becomes `${X}`). */
    std::string fromSub(const std::string &text, const Json *variables)
    {
        std::string out;
        std::size_t from = 0;
        for (std::size_t at = text.find("${", from); at != std::string::npos; at = text.find("${", from)) {
            const std::size_t end = text.find('}', at + 2);
            if (end == std::string::npos)
                break;
            out += text.substr(from, at - from);
            const std::string name = text.substr(at + 2, end - at - 2);
            from = end + 1;
            if (!name.empty() && name[0] == '!') {
                out += "${" + name.substr(1) + "}";
                continue;
            }
            if (variables && variables->contains(name)) {
                const Json &value = (*variables)[name];
                if (value.is_string()) {
                    out += value.get<std::string>();
                    continue;
                }
                out += "${" + nameFor(value, name) + "}";
                continue;
            }
            const auto dot = name.find('.');
            const Json value =
                dot == std::string::npos
                    ? Json{{"Ref", name}}
                    : Json{{"Fn::GetAtt", Json::array({name.substr(0, dot), name.substr(dot + 1)})}};
            out += "${" + nameFor(value, name) + "}";
        }
        out += text.substr(from);
        return out;
    }

    /** A string, Fn::Sub or Fn::Join as text; any other intrinsic as one placeholder. */
    std::string toText(const Json &value)
    {
        if (value.is_string())
            return value.get<std::string>();
        if (asl::isIntrinsic(value)) {
            const std::string &fn = value.begin().key();
            const Json &arg = value.begin().value();
            if (fn == "Fn::Sub" && arg.is_string())
                return fromSub(arg.get<std::string>(), nullptr);
            if (fn == "Fn::Sub" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
                arg[1].is_object())
                return fromSub(arg[0].get<std::string>(), &arg[1]);
            if (fn == "Fn::Join" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
                arg[1].is_array()) {
                std::string out;
                for (std::size_t i = 0; i < arg[1].size(); ++i) {
                    if (i > 0)
                        out += arg[0].get<std::string>();
                    out += toText(arg[1][i]);
                }
                return out;
            }
            return "${" + nameFor(value, baseFor(value)) + "}";
        }
        if (value.is_number() || value.is_boolean())
            return value.dump();
        return "${" + nameFor(value, "Value") + "}";
    }

    /** Every intrinsic inside an inline definition becomes a placeholder string. */
    void replaceIntrinsics(Json &value)
    {
        if (asl::isIntrinsic(value)) {
            value = toText(value);
            return;
        }
        if (value.is_structured())
            for (auto &child : value)
                replaceIntrinsics(child);
    }

private:
    Json &m_subs;
};

std::optional<design::WorkflowType> workflowTypeOf(const Template &t, const std::string &pointer,
                                                   const Json &value, std::vector<Diagnostic> &notes)
{
    if (value.is_string())
        if (auto type = design::workflowTypeFromString(value.get<std::string>()))
            return type;
    notes.push_back(
        t.at(Severity::Info, pointer,
             "the workflow type " + value.dump() + " is not STANDARD or EXPRESS; STANDARD is assumed"));
    return std::nullopt;
}

} // namespace

std::vector<StateMachineRef> listStateMachines(const Template &t)
{
    std::vector<StateMachineRef> out;
    for (const auto &[id, resource] : t.resources().items()) {
        const std::string type = t.typeOf(id);
        if (isStateMachineType(type))
            out.push_back({id, type, t.lineOf(resourcePointer(id))});
    }
    return out;
}

ExtractedDefinition extractDefinition(const Template &t, const std::string &logicalId)
{
    ExtractedDefinition out;
    out.logicalId = logicalId;
    const std::string type = t.typeOf(logicalId);
    if (!isStateMachineType(type)) {
        out.problems.push_back(t.at(Severity::Error,
                                    t.resource(logicalId) ? resourcePointer(logicalId) : "/Resources",
                                    "\"" + logicalId + "\" is not a state machine of this template"));
        return out;
    }
    const bool sam = type == "AWS::Serverless::StateMachine";
    static const Json none = Json::object();
    const Json *propsPtr = t.properties(logicalId);
    const Json &props = propsPtr ? *propsPtr : none;
    auto pointer = [&](const std::string &property) { return resourcePointer(logicalId, property); };

    if (auto subs = props.find("DefinitionSubstitutions"); subs != props.end()) {
        if (subs->is_object())
            out.substitutions = *subs;
        else
            out.problems.push_back(t.at(Severity::Error, pointer("DefinitionSubstitutions"),
                                        "DefinitionSubstitutions must be a map of name → value"));
    }
    Placeholders names(out.substitutions);

    if (auto typeField = props.find(sam ? "Type" : "StateMachineType"); typeField != props.end())
        out.workflowType =
            workflowTypeOf(t, pointer(sam ? "Type" : "StateMachineType"), *typeField, out.notes);

    if (auto definition = props.find("Definition"); definition != props.end()) {
        if (!definition->is_object()) {
            out.problems.push_back(t.at(Severity::Error, pointer("Definition"),
                                        "Definition must be the state machine as an object"));
            return out;
        }
        out.definition = *definition;
        // An intrinsic at the top (e.g. Fn::If between two definitions) cannot be read as one workflow.
        if (asl::isIntrinsic(out.definition)) {
            out.problems.push_back(t.at(Severity::Error, pointer("Definition"),
                                        "Definition is an intrinsic function (" +
                                            out.definition.begin().key() +
                                            "); only a literal state machine can be read"));
            return out;
        }
        names.replaceIntrinsics(out.definition);
        out.inlineObject = true;
        out.definitionPointer = pointer("Definition");
        out.definitionFile = t.path;
    } else if (auto string = props.find("DefinitionString"); string != props.end()) {
        out.definitionPointer = pointer("DefinitionString");
        out.definitionFile = t.path;
        const bool readable = string->is_string() ||
                              (asl::isIntrinsic(*string) &&
                               (string->begin().key() == "Fn::Sub" || string->begin().key() == "Fn::Join"));
        if (!readable) {
            out.problems.push_back(
                t.at(Severity::Error, out.definitionPointer,
                     "DefinitionString must be a string, Fn::Sub or Fn::Join, not " +
                         std::string(string->is_object() && !string->empty() ? string->begin().key()
                                                                             : string->type_name())));
            return out;
        }
        const std::string text = names.toText(*string);
        asl::ReadResult read = asl::parseJson(text, t.path);
        if (!read) {
            Diagnostic d = t.at(Severity::Error, out.definitionPointer,
                                "DefinitionString is not a JSON state machine: " + read.error->message);
            out.problems.push_back(d);
            return out;
        }
        out.definition = std::move(*read.value);
    } else if (auto uri = props.find("DefinitionUri"); uri != props.end() && sam) {
        if (!uri->is_string()) {
            out.problems.push_back(
                t.at(Severity::Error, pointer("DefinitionUri"),
                     "DefinitionUri names an S3 object (Bucket/Key): not readable offline; "
                     "point it at a local ASL file"));
            return out;
        }
        const std::string relative = uri->get<std::string>();
        if (relative.rfind("s3://", 0) == 0) {
            out.problems.push_back(t.at(Severity::Error, pointer("DefinitionUri"),
                                        "DefinitionUri " + relative + " is in S3: not readable offline"));
            return out;
        }
        const std::filesystem::path base = std::filesystem::path(t.path).parent_path();
        const std::string file = (base / relative).lexically_normal().string();
        asl::ReadResult read = asl::readFile(file);
        if (!read) {
            Diagnostic d = t.at(Severity::Error, pointer("DefinitionUri"),
                                "DefinitionUri \"" + relative + "\": " + read.error->toString());
            out.problems.push_back(d);
            return out;
        }
        // A key met twice in the definition file: as `validate` says of it (the last one counts).
        for (Diagnostic &d : asl::duplicateKeyProblems(read, file))
            out.problems.push_back(std::move(d));
        out.definition = std::move(*read.value);
        out.definitionFile = file;
    } else if (props.contains("DefinitionS3Location") || props.contains("DefinitionUri")) {
        const std::string key =
            props.contains("DefinitionS3Location") ? "DefinitionS3Location" : "DefinitionUri";
        out.problems.push_back(
            t.at(Severity::Error, pointer(key), key + " names an S3 object: not readable offline"));
        return out;
    } else {
        out.problems.push_back(
            t.at(Severity::Error, resourcePointer(logicalId),
                 "the state machine has no Definition, DefinitionString or DefinitionUri"));
        return out;
    }
    if (!out.definition.is_object() || !out.definition.contains("States")) {
        out.problems.push_back(
            t.at(Severity::Error,
                 out.definitionPointer.empty() ? resourcePointer(logicalId) : out.definitionPointer,
                 "the definition is not an ASL state machine (no \"States\")"));
    }
    return out;
}

Diagnostic locateInTemplate(const Template &t, const ExtractedDefinition &d, Diagnostic problem)
{
    if (d.inlineObject) {
        problem.file = t.path;
        problem.pointer = d.definitionPointer + problem.pointer;
        problem.line = t.lineOf(problem.pointer);
    } else if (d.definitionFile == t.path) {
        // A DefinitionString: the line of the string, the place inside the definition in the message.
        problem.message = "definition " + (problem.pointer.empty() ? std::string("/") : problem.pointer) +
                          ": " + problem.message;
        problem.file = t.path;
        problem.pointer = d.definitionPointer;
        problem.line = t.lineOf(d.definitionPointer);
        problem.column = 0;
    }
    return problem;
}

} // namespace egress::tmpl
