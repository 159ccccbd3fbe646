#include "design/projectio.h"

#include "asl/reader.h"
#include "asl/workflow.h"
#include "asl/writer.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace egress::design {

using asl::Diagnostic;
using asl::Severity;

namespace {

/** Reads typed values out of a JSON object, collecting a problem (with pointer) per bad value. */
class FieldReader
{
public:
    FieldReader(std::string file, std::vector<Diagnostic> &problems)
        : m_file(std::move(file)), m_problems(problems)
    {
    }

    void error(const std::string &pointer, const std::string &message, const std::string &state = {})
    {
        Diagnostic d;
        d.file = m_file;
        d.pointer = pointer;
        d.state = state;
        d.message = message;
        m_problems.push_back(d);
    }

    void warning(const std::string &pointer, const std::string &message, const std::string &state = {})
    {
        error(pointer, message, state);
        m_problems.back().severity = Severity::Warning;
    }

    template <typename T>
    void number(const Json &object, const char *key, const std::string &pointer, T &out, double min, double max,
                const std::string &state = {})
    {
        const auto it = object.find(key);
        if (it == object.end())
            return;
        const std::string where = pointer + "/" + key;
        if (!it->is_number()) {
            error(where, std::string("\"") + key + "\" must be a number, not " + it->type_name(), state);
            return;
        }
        const double v = it->get<double>();
        if (!std::isfinite(v) || v < min || v > max) {
            error(where, std::string("\"") + key + "\" must be between " + format(min) + " and " + format(max) +
                             " (is " + format(v) + ")",
                  state);
            return;
        }
        out = static_cast<T>(v);
    }

    void boolean(const Json &object, const char *key, const std::string &pointer, bool &out)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return;
        if (!it->is_boolean()) {
            error(pointer + "/" + key, std::string("\"") + key + "\" must be true or false");
            return;
        }
        out = it->get<bool>();
    }

    bool string(const Json &object, const char *key, const std::string &pointer, std::string &out)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return false;
        if (!it->is_string()) {
            error(pointer + "/" + key, std::string("\"") + key + "\" must be a string");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    template <typename E>
    void enumeration(const Json &object, const char *key, const std::string &pointer, E &out,
                     std::optional<E> (*parse)(const std::string &), const char *allowed,
                     const std::string &state = {})
    {
        std::string text;
        if (!string(object, key, pointer, text))
            return;
        if (auto value = parse(text))
            out = *value;
        else
            error(pointer + "/" + key, std::string("unknown ") + key + " \"" + text + "\" (expected " + allowed + ")",
                  state);
    }

    static std::string format(double v)
    {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", v);
        return buffer;
    }

private:
    std::string m_file;
    std::vector<Diagnostic> &m_problems;
};

Json remainingKeys(const Json &object, std::initializer_list<const char *> known)
{
    Json extra = Json::object();
    for (const auto &[key, value] : object.items()) {
        bool isKnown = false;
        for (const char *k : known)
            isKnown = isKnown || key == k;
        if (!isKnown)
            extra[key] = value;
    }
    return extra;
}

void readStep(FieldReader &r, const Json &json, const std::string &name, StepDesign &step)
{
    const std::string pointer = "/steps/" + asl::escapePointerToken(name);
    if (!json.is_object()) {
        r.error(pointer, "a step's design data must be an object", name);
        return;
    }
    if (auto it = json.find("position"); it != json.end()) {
        if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number())
            step.position = std::array<double, 2>{(*it)[0].get<double>(), (*it)[1].get<double>()};
        else
            r.error(pointer + "/position", "\"position\" must be [x, y]", name);
    }
    r.enumeration(json, "placement", pointer, step.placement, placementFromString, "inside-vpc or outside-vpc",
                  name);
    r.enumeration(json, "egress", pointer, step.egress, egressFromString,
                  "none, internet, aws-gateway-endpoint, aws-interface-endpoint or vpc-private", name);
    r.number(json, "memoryMb", pointer, step.memoryMb, 128, 10240, name);
    r.number(json, "durationMs", pointer, step.durationMs, 0, 900000, name);
    r.enumeration(json, "architecture", pointer, step.architecture, architectureFromString, "x86_64 or arm64",
                  name);
    r.number(json, "requestKb", pointer, step.requestKb, 0, 1e9, name);
    r.number(json, "responseKb", pointer, step.responseKb, 0, 1e9, name);
    r.number(json, "failureRate", pointer, step.failureRate, 0, 1, name);
    if (auto it = json.find("choiceWeights"); it != json.end()) {
        const std::string wp = pointer + "/choiceWeights";
        ChoiceWeights weights;
        bool ok = it->is_object();
        if (ok) {
            if (auto rules = it->find("rules"); rules != it->end()) {
                ok = rules->is_array();
                for (std::size_t i = 0; ok && i < rules->size(); ++i) {
                    const Json &w = (*rules)[i];
                    if (!w.is_number() || w.get<double>() < 0 || !std::isfinite(w.get<double>())) {
                        r.error(wp + "/rules/" + std::to_string(i), "a weight must be a number ≥ 0", name);
                        ok = false;
                    } else {
                        weights.rules.push_back(w.get<double>());
                    }
                }
            }
            if (auto def = it->find("default"); ok && def != it->end()) {
                if (def->is_number() && def->get<double>() >= 0)
                    weights.defaultWeight = def->get<double>();
                else {
                    r.error(wp + "/default", "a weight must be a number ≥ 0", name);
                    ok = false;
                }
            }
        } else {
            r.error(wp, "\"choiceWeights\" must be an object {\"rules\": [...], \"default\": w}", name);
        }
        if (ok)
            step.choiceWeights = weights;
    }
    if (json.contains("mapItems")) {
        double items = kDefaultMapItems;
        r.number(json, "mapItems", pointer, items, 0, 1e9, name);
        step.mapItems = items;
    }
    step.extra = remainingKeys(json, {"position", "placement", "egress", "memoryMb", "durationMs", "architecture",
                                      "requestKb", "responseKb", "failureRate", "choiceWeights", "mapItems"});
}

/** Migrations from older versions run here, one version step at a time. Version 1 is the first. */
bool migrate(Json &document, int fromVersion, FieldReader &r)
{
    if (fromVersion < 1) {
        r.error("/version", "version " + std::to_string(fromVersion) + " is not a version of this format");
        return false;
    }
    (void)document;
    return true;
}

} // namespace

bool looksLikeProject(const Json &document)
{
    return document.is_object() && document.contains("format") && document.contains("definition");
}

ProjectLoad parseProject(std::string_view text, const std::string &fileName)
{
    ProjectLoad result;
    asl::ReadResult read = asl::parseJson(text, fileName);
    if (!read) {
        result.problems.push_back(*read.error);
        return result;
    }
    Json document = std::move(*read.value);
    FieldReader r(fileName, result.problems);
    if (!document.is_object()) {
        r.error("", "a project file must be a JSON object");
        return result;
    }
    std::string format;
    if (!r.string(document, "format", "", format) || format != kProjectFormat) {
        r.error("/format", "not an Egress Studio project (\"format\" must be \"" + std::string(kProjectFormat) +
                               "\"); to open a bare ASL definition, import it");
        return result;
    }
    const auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer()) {
        r.error("/version", "\"version\" must be a whole number");
        return result;
    }
    const int v = version->get<int>();
    if (v > kProjectVersion) {
        r.error("/version", "this file was written by a newer Egress Studio (format version " + std::to_string(v) +
                                "; this build reads up to " + std::to_string(kProjectVersion) + ")");
        return result;
    }
    if (v < kProjectVersion && !migrate(document, v, r))
        return result;

    Project project;
    r.string(document, "name", "", project.name);
    r.enumeration(document, "workflowType", "", project.workflowType, workflowTypeFromString,
                  "STANDARD or EXPRESS");
    const auto definition = document.find("definition");
    if (definition == document.end() || !definition->is_object()) {
        r.error("/definition", "\"definition\" must be the ASL state machine object");
    } else {
        project.definition = *definition;
    }
    if (auto vpc = document.find("vpc"); vpc != document.end()) {
        if (!vpc->is_object()) {
            r.error("/vpc", "\"vpc\" must be an object");
        } else {
            r.string(*vpc, "name", "/vpc", project.vpc.name);
            r.number(*vpc, "availabilityZones", "/vpc", project.vpc.availabilityZones, 1, 6);
            if (auto rect = vpc->find("rect"); rect != vpc->end()) {
                bool ok = rect->is_array() && rect->size() == 4;
                for (std::size_t i = 0; ok && i < 4; ++i)
                    ok = (*rect)[i].is_number();
                if (ok && (*rect)[2].get<double>() >= 0 && (*rect)[3].get<double>() >= 0)
                    for (std::size_t i = 0; i < 4; ++i)
                        project.vpc.rect[i] = (*rect)[i].get<double>();
                else
                    r.error("/vpc/rect", "\"rect\" must be [x, y, width, height] with width and height ≥ 0");
            }
        }
    }
    if (auto steps = document.find("steps"); steps != document.end()) {
        if (!steps->is_object()) {
            r.error("/steps", "\"steps\" must be an object keyed by state name");
        } else {
            for (const auto &[name, json] : steps->items()) {
                StepDesign step;
                readStep(r, json, name, step);
                project.steps[name] = step;
            }
        }
    }
    if (auto usage = document.find("usage"); usage != document.end()) {
        if (!usage->is_object()) {
            r.error("/usage", "\"usage\" must be an object");
        } else {
            r.number(*usage, "executionsPerMonth", "/usage", project.usage.executionsPerMonth, 0, 1e13);
            r.string(*usage, "region", "/usage", project.usage.region);
            r.enumeration(*usage, "trigger", "/usage", project.usage.trigger, triggerFromString,
                          "api-gateway-rest, api-gateway-http, eventbridge or none");
            r.boolean(*usage, "apiSupportsIpv6", "/usage", project.usage.apiSupportsIpv6);
            r.boolean(*usage, "freeTier", "/usage", project.usage.freeTier);
            project.usage.extra = remainingKeys(
                *usage, {"executionsPerMonth", "region", "trigger", "apiSupportsIpv6", "freeTier"});
        }
    }
    r.string(document, "priceTable", "", project.priceTable);
    if (auto overrides = document.find("priceOverrides"); overrides != document.end()) {
        if (overrides->is_object())
            project.priceOverrides = *overrides;
        else
            r.error("/priceOverrides", "\"priceOverrides\" must be an object of price id → number");
    }
    project.extra = remainingKeys(document, {"format", "version", "name", "workflowType", "definition", "vpc",
                                             "steps", "usage", "priceTable", "priceOverrides"});

    // Design data for a state that does not exist is kept (it may be a rename in progress) but reported.
    const auto index = asl::WorkflowIndex::build(project.definition);
    for (const auto &[name, step] : project.steps) {
        (void)step;
        if (index.indexOf(name) < 0)
            r.warning("/steps/" + asl::escapePointerToken(name), "design data for a state the definition lacks",
                      name);
    }
    if (asl::hasErrors(result.problems))
        return result;
    result.project = std::move(project);
    return result;
}

ProjectLoad loadProject(const std::string &path)
{
    std::string text;
    if (auto problem = asl::readWholeFile(path, text)) {
        ProjectLoad result;
        Diagnostic d;
        d.file = path;
        d.message = problem->substr(path.size() + 2);
        result.problems.push_back(d);
        return result;
    }
    return parseProject(text, path);
}

namespace {

Json stepToJson(const StepDesign &s)
{
    Json j = Json::object();
    if (s.position)
        j["position"] = {(*s.position)[0], (*s.position)[1]};
    j["placement"] = toString(s.placement);
    j["egress"] = toString(s.egress);
    j["memoryMb"] = s.memoryMb;
    j["durationMs"] = s.durationMs;
    j["architecture"] = toString(s.architecture);
    j["requestKb"] = s.requestKb;
    j["responseKb"] = s.responseKb;
    j["failureRate"] = s.failureRate;
    if (s.choiceWeights) {
        Json w = Json::object();
        w["rules"] = s.choiceWeights->rules;
        if (s.choiceWeights->defaultWeight)
            w["default"] = *s.choiceWeights->defaultWeight;
        j["choiceWeights"] = w;
    }
    if (s.mapItems)
        j["mapItems"] = *s.mapItems;
    for (const auto &[key, value] : s.extra.items())
        j[key] = value;
    return j;
}

} // namespace

Json projectToJson(const Project &project)
{
    Json j = Json::object();
    j["format"] = kProjectFormat;
    j["version"] = kProjectVersion;
    j["name"] = project.name;
    j["workflowType"] = toString(project.workflowType);
    j["definition"] = project.definition;
    j["vpc"] = {{"name", project.vpc.name},
                {"availabilityZones", project.vpc.availabilityZones},
                {"rect", project.vpc.rect}};
    Json steps = Json::object();
    for (const auto &[name, step] : project.steps)
        steps[name] = stepToJson(step);
    j["steps"] = steps;
    Json usage = {{"executionsPerMonth", project.usage.executionsPerMonth},
                  {"region", project.usage.region},
                  {"trigger", toString(project.usage.trigger)},
                  {"apiSupportsIpv6", project.usage.apiSupportsIpv6},
                  {"freeTier", project.usage.freeTier}};
    for (const auto &[key, value] : project.usage.extra.items())
        usage[key] = value;
    j["usage"] = usage;
    if (!project.priceTable.empty())
        j["priceTable"] = project.priceTable;
    if (!project.priceOverrides.empty())
        j["priceOverrides"] = project.priceOverrides;
    for (const auto &[key, value] : project.extra.items())
        j[key] = value;
    return j;
}

std::string serializeProject(const Project &project)
{
    return asl::writeJson(projectToJson(project));
}

std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &contents)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return path + ": cannot write: " + std::strerror(errno);
    auto fail = [&](const char *what) {
        const std::string message = path + ": " + what + ": " + std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        return message;
    };
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return fail("cannot flush to disk");
    // Keep the permissions of the file we replace; a new file gets the usual 0644.
    struct stat st
    {
    };
    ::fchmod(fd, ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644);
    if (::close(fd) != 0) {
        const std::string message = path + ": cannot write: " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return message;
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string message = path + ": cannot replace the file: " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return message;
    }
    return std::nullopt;
}

std::optional<std::string> saveProject(const Project &project, const std::string &path)
{
    return writeFileAtomically(path, serializeProject(project));
}

Project projectFromDefinition(const Json &definition, const std::string &name)
{
    Project project;
    project.name = name.empty() ? "Imported workflow" : name;
    project.definition = definition;
    const auto index = asl::WorkflowIndex::build(definition);
    for (const auto &state : index.states()) {
        StepDesign step;
        const Json *json = asl::stateJson(definition, state);
        const auto kind = json ? asl::classifyTask(*json) : asl::TaskKind::NotATask;
        step.placement = kind == asl::TaskKind::Lambda ? Placement::InsideVpc : Placement::OutsideVpc;
        project.steps.emplace(state.name, step);
    }
    return project;
}

} // namespace egress::design
