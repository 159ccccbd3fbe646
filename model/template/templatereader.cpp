#include "template/templatereader.h"

#include "asl/reader.h"
#include "template/references.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace egress::tmpl {

namespace {

/** Long-form name of a short tag's intrinsic: "Ref" and "Condition" stay, the others gain "Fn::". */
std::string longForm(const std::string &tag)
{
    return tag == "Ref" || tag == "Condition" ? tag : "Fn::" + tag;
}

/**
 * Walks the yaml-cpp tree beside the converted JSON: records each value's line under its JSON pointer and
 * reports tags CloudFormation does not know. Stops recording (but keeps checking nothing more) after a
 * bounded number of nodes, so an alias bomb the reader already limited cannot make it slow.
 */
class LineWalker
{
public:
    LineWalker(Template &out, std::vector<Diagnostic> &problems) : m_out(out), m_problems(problems) {}

    void walk(const YAML::Node &node, const std::string &pointer)
    {
        if (++m_nodes > kMaxNodes)
            return;
        const std::string &tag = node.Tag();
        std::string inner = pointer;
        if (!tag.empty() && tag[0] == '!' && tag != "!" && tag.rfind("!!", 0) != 0) {
            const std::string name = tag.substr(1);
            const auto &known = knownShortTags();
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                Diagnostic d;
                d.file = m_out.path;
                d.pointer = pointer;
                d.line = node.Mark().line + 1;
                d.column = node.Mark().column + 1;
                d.message = "unknown tag " + tag + " (CloudFormation's short forms are !" +
                            std::string("Ref, !GetAtt, !Sub, !Join, !Select, !GetAZs, !If, !FindInMap, ") +
                            "!ImportValue, !Split, !Base64, !Cidr, !Equals, !Not, !And, !Or, !Condition)";
                m_problems.push_back(d);
            }
            inner = pointer + "/" + asl::escapePointerToken(longForm(name));
            if (!m_out.lines.count(inner))
                m_out.lines[inner] = node.Mark().line + 1;
        }
        if (node.IsMap()) {
            for (const auto &pair : node) {
                const std::string child = inner + "/" + asl::escapePointerToken(pair.first.Scalar());
                m_out.lines[child] = pair.first.Mark().line + 1;
                walk(pair.second, child);
            }
        } else if (node.IsSequence()) {
            std::size_t i = 0;
            for (const auto &item : node) {
                const std::string child = inner + "/" + std::to_string(i++);
                m_out.lines[child] = item.Mark().line + 1;
                walk(item, child);
            }
        }
    }

private:
    static constexpr std::size_t kMaxNodes = 2'000'000;
    Template &m_out;
    std::vector<Diagnostic> &m_problems;
    std::size_t m_nodes = 0;
};

} // namespace

const std::vector<std::string> &knownShortTags()
{
    // Fn::Transform, Fn::Length and Fn::ToJsonString come with the AWS::LanguageExtensions transform.
    static const std::vector<std::string> tags{
        "Ref",       "GetAtt",      "Sub",       "Join",      "Select", "GetAZs",       "If",
        "FindInMap", "ImportValue", "Split",     "Base64",    "Cidr",   "Equals",       "Not",
        "And",       "Or",          "Condition", "Transform", "Length", "ToJsonString", "GetParam"};
    return tags;
}

int Template::lineOf(const std::string &pointer) const
{
    std::string p = pointer;
    for (;;) {
        if (auto it = lines.find(p); it != lines.end())
            return it->second;
        const auto slash = p.rfind('/');
        if (slash == std::string::npos || p.empty())
            return 0;
        p.resize(slash);
    }
}

Diagnostic Template::at(Severity severity, const std::string &pointer, const std::string &message) const
{
    Diagnostic d;
    d.severity = severity;
    d.file = path;
    d.pointer = pointer;
    d.line = lineOf(pointer);
    d.message = message;
    return d;
}

std::string Template::where(const std::string &pointer) const
{
    const int line = lineOf(pointer);
    return line > 0 ? path + ":" + std::to_string(line) : path + ": " + pointer;
}

const Json &Template::resources() const
{
    static const Json empty = Json::object();
    const auto it = root.find("Resources");
    return it != root.end() && it->is_object() ? *it : empty;
}

const Json *Template::resource(const std::string &logicalId) const
{
    const Json &all = resources();
    const auto it = all.find(logicalId);
    return it != all.end() && it->is_object() ? &*it : nullptr;
}

const Json *Template::properties(const std::string &logicalId) const
{
    const Json *r = resource(logicalId);
    if (!r)
        return nullptr;
    const auto it = r->find("Properties");
    return it != r->end() && it->is_object() ? &*it : nullptr;
}

std::string Template::typeOf(const std::string &logicalId) const
{
    const Json *r = resource(logicalId);
    if (!r)
        return {};
    const auto it = r->find("Type");
    return it != r->end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Template::isSam() const
{
    const auto it = root.find("Transform");
    if (it == root.end())
        return false;
    auto isServerless = [](const Json &v) {
        return v.is_string() && v.get<std::string>().rfind("AWS::Serverless", 0) == 0;
    };
    if (isServerless(*it))
        return true;
    return it->is_array() && std::any_of(it->begin(), it->end(), isServerless);
}

std::string resourcePointer(const std::string &logicalId, const std::string &property)
{
    std::string p = "/Resources/" + asl::escapePointerToken(logicalId);
    if (!property.empty())
        p += "/Properties/" + asl::escapePointerToken(property);
    return p;
}

bool looksLikeTemplate(const Json &document)
{
    if (!document.is_object())
        return false;
    const auto resources = document.find("Resources");
    return resources != document.end() && resources->is_object() && !document.contains("States") &&
           !document.contains("definition");
}

TemplateRead parseTemplate(std::string_view text, const std::string &path, bool yaml)
{
    TemplateRead result;
    if (text.size() > kMaxTemplateBytes) {
        Diagnostic d;
        d.file = path;
        d.line = 1;
        d.message = "the template is " + std::to_string(text.size()) +
                    " bytes; CloudFormation accepts at most 1 MB (1,048,576 bytes), so it is not read";
        result.problems.push_back(d);
        return result;
    }
    asl::ReadResult read = yaml ? asl::parseYaml(text, path) : asl::parseJson(text, path);
    if (!read) {
        result.problems.push_back(*read.error);
        return result;
    }
    Template t;
    t.path = path;
    t.format = yaml ? "yaml" : "json";
    t.root = std::move(*read.value);
    for (const std::string &pointer : read.duplicateKeys)
        result.problems.push_back(
            t.at(Severity::Error, pointer,
                 "the key occurs more than once in its object (only the last one counts)"));
    // Lines: yaml-cpp reads JSON too (a JSON template has no tags to check). A JSON text yaml-cpp cannot
    // read only loses its line numbers; messages then carry the JSON pointer alone.
    try {
        LineWalker(t, result.problems).walk(YAML::Load(std::string(text)), "");
    } catch (const std::exception &) {
        t.lines.clear();
    }
    if (!looksLikeTemplate(t.root)) {
        result.problems.push_back(
            t.at(Severity::Error, "", "not a SAM or CloudFormation template (no \"Resources\" object)"));
        return result;
    }
    for (Diagnostic &d : checkReferences(t))
        result.problems.push_back(std::move(d));
    if (asl::hasErrors(result.problems))
        return result;
    result.value = std::move(t);
    return result;
}

bool isTemplateFile(const std::string &path)
{
    std::string text;
    if (asl::readWholeFile(path, text))
        return false;
    if (asl::formatForPath(path) == asl::TextFormat::YamlText) {
        for (const char *key : {"AWSTemplateFormatVersion:", "Resources:", "Transform:"}) {
            const std::string k(key);
            if (text.compare(0, k.size(), k) == 0 || text.find("\n" + k) != std::string::npos)
                return true;
        }
        return false;
    }
    // Parsed only when it may be one, so big ASL and project files are not read twice.
    if (text.find("\"Resources\"") == std::string::npos)
        return false;
    asl::ReadResult read = asl::parseJson(text, path);
    return read && looksLikeTemplate(*read.value);
}

TemplateRead readTemplate(const std::string &path)
{
    std::string text;
    if (auto problem = asl::readWholeFile(path, text)) {
        TemplateRead result;
        Diagnostic d;
        d.file = path;
        d.message = problem->substr(path.size() + 2);
        result.problems.push_back(d);
        return result;
    }
    return parseTemplate(text, path, asl::formatForPath(path) == asl::TextFormat::YamlText);
}

} // namespace egress::tmpl
