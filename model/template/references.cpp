#include "template/references.h"

#include <algorithm>
#include <map>

namespace egress::tmpl {

std::vector<std::string> subNames(const std::string &text)
{
    std::vector<std::string> names;
    for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
        const std::size_t end = text.find('}', at + 2);
        if (end == std::string::npos)
            break;
        if (end > at + 2 && text[at + 2] != '!')
            names.push_back(text.substr(at + 2, end - at - 2));
    }
    return names;
}

void forEachReference(
    const Json &value, const std::string &pointer,
    const std::function<void(const std::string &, const std::string &, const std::string &)> &visit)
{
    if (value.is_object()) {
        if (value.size() == 1) {
            const std::string &fn = value.begin().key();
            const Json &arg = value.begin().value();
            const std::string inner = pointer + "/" + asl::escapePointerToken(fn);
            if (fn == "Ref" && arg.is_string()) {
                visit(arg.get<std::string>(), "", inner);
                return;
            }
            if (fn == "Fn::GetAtt") {
                if (arg.is_array() && !arg.empty() && arg[0].is_string()) {
                    visit(arg[0].get<std::string>(),
                          arg.size() > 1 && arg[1].is_string() ? arg[1].get<std::string>() : "", inner);
                    for (std::size_t i = 1; i < arg.size(); ++i)
                        forEachReference(arg[i], inner + "/" + std::to_string(i), visit);
                } else if (arg.is_string()) {
                    const std::string s = arg.get<std::string>();
                    const auto dot = s.find('.');
                    visit(s.substr(0, dot), dot == std::string::npos ? "" : s.substr(dot + 1), inner);
                }
                return;
            }
            if (fn == "Fn::Sub") {
                const Json *text =
                    arg.is_string() ? &arg : (arg.is_array() && !arg.empty() ? &arg[0] : nullptr);
                const Json *vars = arg.is_array() && arg.size() > 1 && arg[1].is_object() ? &arg[1] : nullptr;
                if (text && text->is_string())
                    for (const std::string &name : subNames(text->get<std::string>())) {
                        if (vars && vars->contains(name))
                            continue;
                        const auto dot = name.find('.');
                        visit(name.substr(0, dot), dot == std::string::npos ? "" : name.substr(dot + 1),
                              inner);
                    }
                if (vars)
                    forEachReference(*vars, inner + "/1", visit);
                return;
            }
            if (fn == "Fn::If" && arg.is_array()) {
                // The first item names a condition, not a resource.
                for (std::size_t i = 1; i < arg.size(); ++i)
                    forEachReference(arg[i], inner + "/" + std::to_string(i), visit);
                return;
            }
            if (fn == "Fn::FindInMap" || fn == "Condition")
                return;
        }
        for (const auto &[key, child] : value.items())
            forEachReference(child, pointer + "/" + asl::escapePointerToken(key), visit);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            forEachReference(value[i], pointer + "/" + std::to_string(i), visit);
    }
}

namespace {

class ReferenceCheck
{
public:
    explicit ReferenceCheck(const Template &t) : m_t(t)
    {
        if (auto it = t.root.find("Parameters"); it != t.root.end() && it->is_object())
            for (const auto &[name, value] : it->items())
                m_parameters.insert(name);
    }

    std::vector<Diagnostic> run()
    {
        for (const auto &item : m_t.resources().items()) {
            // Named copies, not structured bindings: clang 14 (the fuzz build) cannot capture those.
            const std::string &id = item.key();
            const Json &resource = item.value();
            const std::string pointer = resourcePointer(id);
            forEachReference(
                resource, pointer,
                [&](const std::string &name, const std::string &attribute, const std::string &where) {
                    if (check(name, attribute, where) && m_t.resource(name) && name != id)
                        m_edges[id].insert(name);
                });
            if (auto dependsOn = resource.find("DependsOn"); dependsOn != resource.end()) {
                const Json list = dependsOn->is_array() ? *dependsOn : Json::array({*dependsOn});
                for (const Json &name : list)
                    if (name.is_string() && m_t.resource(name.get<std::string>()))
                        m_edges[id].insert(name.get<std::string>());
            }
        }
        if (auto outputs = m_t.root.find("Outputs"); outputs != m_t.root.end())
            forEachReference(*outputs, "/Outputs",
                             [&](const std::string &name, const std::string &attribute,
                                 const std::string &where) { check(name, attribute, where); });
        findCycles();
        return std::move(m_problems);
    }

private:
    /** Reports a reference to nothing; true when the name is known. */
    bool check(const std::string &name, const std::string &attribute, const std::string &where)
    {
        if (name.rfind("AWS::", 0) == 0 || m_t.resource(name))
            return true;
        if (attribute.empty() && m_parameters.count(name))
            return true;
        if (m_t.isSam() && samGenerated(name))
            return true;
        m_problems.push_back(
            m_t.at(Severity::Error, where,
                   (attribute.empty() ? "Ref to \"" + name + "\"" : "\"" + name + "." + attribute + "\"") +
                       ", which is neither a parameter nor a resource of this template"));
        return false;
    }

    /** SAM makes resources named after the ones it expands (MyFunctionRole, MyApiStage...). */
    bool samGenerated(const std::string &name) const
    {
        if (name.rfind("Serverless", 0) == 0)
            return true;
        for (const auto &[id, resource] : m_t.resources().items())
            if (name.size() > id.size() && name.compare(0, id.size(), id) == 0)
                return true;
        return false;
    }

    void findCycles()
    {
        std::map<std::string, int> state; // 0 new, 1 on the path, 2 done
        std::vector<std::string> path;
        std::function<void(const std::string &)> visit = [&](const std::string &id) {
            state[id] = 1;
            path.push_back(id);
            for (const std::string &next : m_edges[id]) {
                if (state[next] == 1) {
                    std::string chain;
                    auto start = std::find(path.begin(), path.end(), next);
                    for (auto it = start; it != path.end(); ++it)
                        chain += *it + " → ";
                    chain += next;
                    m_problems.push_back(m_t.at(Severity::Error, resourcePointer(next),
                                                "circular dependency between resources: " + chain));
                } else if (state[next] == 0) {
                    visit(next);
                }
            }
            path.pop_back();
            state[id] = 2;
        };
        for (const auto &[id, resource] : m_t.resources().items())
            if (state[id] == 0)
                visit(id);
    }

    const Template &m_t;
    std::set<std::string> m_parameters;
    std::map<std::string, std::set<std::string>> m_edges;
    std::vector<Diagnostic> m_problems;
};

} // namespace

std::vector<Diagnostic> checkReferences(const Template &t)
{
    return ReferenceCheck(t).run();
}

} // namespace egress::tmpl
