#include "design/projectio.h"

#include "asl/reader.h"
#include "asl/workflow.h"
#include "asl/writer.h"
#include "cost/pricebounds.h"
#include "design/migration.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <regex>
#include <sys/stat.h>
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

    void note(Severity severity, const std::string &pointer, const std::string &message,
              const std::string &state = {})
    {
        error(pointer, message, state);
        m_problems.back().severity = severity;
    }

    /** A number within [min, max]; `whole` also requires an integer value. Absent keys keep `out`. */
    template <typename T>
    bool number(const Json &object, const char *key, const std::string &pointer, T &out, double min,
                double max, const std::string &state = {}, bool whole = false)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return false;
        const std::string where = pointer + "/" + key;
        if (!it->is_number()) {
            error(where, quoted(key) + " must be a number, not " + describe(*it), state);
            return false;
        }
        const double v = it->get<double>();
        if (!std::isfinite(v) || v < min || v > max) {
            error(where,
                  quoted(key) + " must be between " + format(min) + " and " + format(max) + " (is " +
                      it->dump() + ")",
                  state);
            return false;
        }
        if (whole && v != std::floor(v)) {
            error(where, quoted(key) + " must be a whole number (is " + it->dump() + ")", state);
            return false;
        }
        out = static_cast<T>(v);
        return true;
    }

    void boolean(const Json &object, const char *key, const std::string &pointer, bool &out)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return;
        if (!it->is_boolean()) {
            error(pointer + "/" + key, quoted(key) + " must be true or false, not " + describe(*it));
            return;
        }
        out = it->get<bool>();
    }

    bool string(const Json &object, const char *key, const std::string &pointer, std::string &out,
                const std::string &state = {})
    {
        const auto it = object.find(key);
        if (it == object.end())
            return false;
        if (!it->is_string()) {
            error(pointer + "/" + key, quoted(key) + " must be a string, not " + describe(*it), state);
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
        if (!string(object, key, pointer, text, state))
            return;
        if (auto value = parse(text))
            out = *value;
        else
            error(pointer + "/" + key,
                  "unknown " + std::string(key) + " \"" + text + "\" (expected " + allowed + ")", state);
    }

    /** An array of exactly `size` finite numbers. */
    bool numbers(const Json &value, std::size_t size, double *out)
    {
        if (!value.is_array() || value.size() != size)
            return false;
        for (std::size_t i = 0; i < size; ++i) {
            if (!value[i].is_number() || !std::isfinite(value[i].get<double>()))
                return false;
            out[i] = value[i].get<double>();
        }
        return true;
    }

    static std::string quoted(const char *key) { return std::string("\"") + key + "\""; }

    /** "a string", "an array"... for messages about a value of the wrong type. */
    static std::string describe(const Json &value)
    {
        if (value.is_null())
            return "null";
        const std::string type = value.type_name();
        return (type == "array" || type == "object" ? "an " : "a ") + type;
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

void readChoiceWeights(FieldReader &r, const Json &json, const std::string &pointer, const std::string &name,
                       StepDesign &step)
{
    if (!json.is_object()) {
        r.error(pointer,
                "\"choiceWeights\" must be an object {\"rules\": [w, ...], \"default\": w}, not " +
                    FieldReader::describe(json),
                name);
        return;
    }
    ChoiceWeights weights;
    bool ok = true;
    if (auto rules = json.find("rules"); rules != json.end()) {
        if (!rules->is_array()) {
            r.error(pointer + "/rules", "\"rules\" must be an array of weights, one per Choice rule", name);
            ok = false;
        } else {
            for (std::size_t i = 0; i < rules->size(); ++i) {
                const Json &w = (*rules)[i];
                if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0) {
                    r.error(pointer + "/rules/" + std::to_string(i),
                            "a weight must be a number ≥ 0 (is " + w.dump() + ")", name);
                    ok = false;
                } else {
                    weights.rules.push_back(w.get<double>());
                }
            }
        }
    }
    double fallback = 0;
    if (json.contains("default")) {
        if (r.number(json, "default", pointer, fallback, 0, 1e12, name))
            weights.defaultWeight = fallback;
        else
            ok = false;
    }
    weights.extra = remainingKeys(json, {"rules", "default"});
    if (ok)
        step.choiceWeights = weights;
}

void readStep(FieldReader &r, const Json &json, const std::string &name, StepDesign &step)
{
    const std::string pointer = "/steps/" + asl::escapePointerToken(name);
    if (!json.is_object()) {
        r.error(pointer, "a step's design data must be an object, not " + FieldReader::describe(json), name);
        return;
    }
    if (auto it = json.find("position"); it != json.end()) {
        std::array<double, 2> position{};
        if (r.numbers(*it, 2, position.data()))
            step.position = position;
        else
            r.error(pointer + "/position", "\"position\" must be [x, y] (two numbers)", name);
    }
    r.enumeration(json, "placement", pointer, step.placement, placementFromString,
                  "inside-vpc or outside-vpc", name);
    r.enumeration(json, "egress", pointer, step.egress, egressFromString,
                  "none, internet, aws-gateway-endpoint, aws-interface-endpoint or vpc-private", name);
    r.number(json, "memoryMb", pointer, step.memoryMb, kMinMemoryMb, kMaxMemoryMb, name, true);
    r.number(json, "durationMs", pointer, step.durationMs, 0, kMaxDurationMs, name);
    r.enumeration(json, "architecture", pointer, step.architecture, architectureFromString, "x86_64 or arm64",
                  name);
    r.number(json, "requestKb", pointer, step.requestKb, 0, kMaxPayloadKb, name);
    r.number(json, "responseKb", pointer, step.responseKb, 0, kMaxPayloadKb, name);
    r.number(json, "failureRate", pointer, step.failureRate, 0, 1, name);
    if (auto it = json.find("choiceWeights"); it != json.end())
        readChoiceWeights(r, *it, pointer + "/choiceWeights", name, step);
    double items = kDefaultMapItems;
    if (r.number(json, "mapItems", pointer, items, 0, 1e9, name))
        step.mapItems = items;
    r.string(json, "function", pointer, step.function, name);
    step.extra = remainingKeys(json, {"position", "placement", "egress", "memoryMb", "durationMs",
                                      "architecture", "requestKb", "responseKb", "failureRate",
                                      "choiceWeights", "mapItems", "function"});
}

void readVpc(FieldReader &r, const Json &vpc, Vpc &out)
{
    if (!vpc.is_object()) {
        r.error("/vpc", "\"vpc\" must be an object, not " + FieldReader::describe(vpc));
        return;
    }
    r.string(vpc, "name", "/vpc", out.name);
    r.number(vpc, "availabilityZones", "/vpc", out.availabilityZones, 1, kMaxAvailabilityZones, {}, true);
    if (auto rect = vpc.find("rect"); rect != vpc.end()) {
        std::array<double, 4> value{};
        if (r.numbers(*rect, 4, value.data()) && value[2] >= 0 && value[3] >= 0)
            out.rect = value;
        else
            r.error("/vpc/rect",
                    "\"rect\" must be [x, y, width, height] (four numbers, width and height ≥ 0)");
    }
    out.extra = remainingKeys(vpc, {"name", "availabilityZones", "rect"});
}

/** AWS region names: two letters, a direction or area, a number ("us-east-1", "ap-southeast-2",
 * "us-gov-west-1"). */
bool looksLikeRegion(const std::string &region)
{
    static const std::regex pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
    return std::regex_match(region, pattern);
}

void readUsage(FieldReader &r, const Json &usage, Usage &out)
{
    if (!usage.is_object()) {
        r.error("/usage", "\"usage\" must be an object, not " + FieldReader::describe(usage));
        return;
    }
    r.number(usage, "executionsPerMonth", "/usage", out.executionsPerMonth, 0, kMaxExecutionsPerMonth);
    std::string region;
    if (r.string(usage, "region", "/usage", region)) {
        if (looksLikeRegion(region))
            out.region = region;
        else
            r.error("/usage/region", "\"" + region + "\" is not an AWS region name (such as \"us-east-1\")");
    }
    r.enumeration(usage, "trigger", "/usage", out.trigger, triggerFromString,
                  "api-gateway-rest, api-gateway-http, eventbridge or none");
    r.boolean(usage, "apiSupportsIpv6", "/usage", out.apiSupportsIpv6);
    r.boolean(usage, "freeTier", "/usage", out.freeTier);
    double seconds = 0;
    if (r.number(usage, "executionSeconds", "/usage", seconds, 0, kMaxExecutionSeconds))
        out.executionSeconds = seconds;
    out.extra = remainingKeys(usage, {"executionsPerMonth", "region", "trigger", "apiSupportsIpv6",
                                      "freeTier", "executionSeconds"});
}

void readPriceOverrides(FieldReader &r, const Json &overrides, Json &out)
{
    if (!overrides.is_object()) {
        r.error("/priceOverrides", "\"priceOverrides\" must be an object of price id → number, not " +
                                       FieldReader::describe(overrides));
        return;
    }
    bool ok = true;
    for (const auto &[id, price] : overrides.items())
        if (!price.is_number() || !std::isfinite(price.get<double>()) || price.get<double>() < 0) {
            r.error("/priceOverrides/" + asl::escapePointerToken(id),
                    "a price must be a number ≥ 0 (is " + price.dump() + ")");
            ok = false;
        } else if (auto problem = cost::unitPriceProblem(price.get<double>())) {
            r.error("/priceOverrides/" + asl::escapePointerToken(id), "the price " + *problem);
            ok = false;
        }
    if (ok)
        out = overrides;
}

/** Checks the format marker and version, migrating older documents. False when the file cannot be read on. */
void readSource(FieldReader &r, const Json &source, std::optional<TemplateSource> &out)
{
    if (!source.is_object()) {
        r.error("/source", "\"source\" must be an object, not " + FieldReader::describe(source));
        return;
    }
    TemplateSource s;
    if (!r.string(source, "template", "/source", s.templatePath) || s.templatePath.empty())
        r.error("/source/template", "\"source\" needs \"template\", the template's path");
    r.string(source, "stateMachine", "/source", s.stateMachine);
    if (r.string(source, "format", "/source", s.format) && s.format != "yaml" && s.format != "json")
        r.error("/source/format", "unknown format \"" + s.format + "\" (expected yaml or json)");
    if (auto subs = source.find("substitutions"); subs != source.end()) {
        if (subs->is_object())
            s.substitutions = *subs;
        else
            r.error("/source/substitutions",
                    "\"substitutions\" must be an object of placeholder → value, not " +
                        FieldReader::describe(*subs));
    }
    s.extra = remainingKeys(source, {"template", "stateMachine", "format", "substitutions"});
    out = std::move(s);
}

void readImportNotes(FieldReader &r, const Json &notes, std::vector<std::string> &out)
{
    if (!notes.is_array()) {
        r.error("/importNotes",
                "\"importNotes\" must be an array of strings, not " + FieldReader::describe(notes));
        return;
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (notes[i].is_string())
            out.push_back(notes[i].get<std::string>());
        else
            r.error("/importNotes/" + std::to_string(i),
                    "an import note must be a string, not " + FieldReader::describe(notes[i]));
    }
}

bool readHeader(FieldReader &r, Json &document)
{
    const auto format = document.find("format");
    if (format == document.end()) {
        r.error("",
                "not an Egress Studio project: no \"format\" key (to open a bare ASL definition, import it)");
        return false;
    }
    if (!format->is_string() || *format != kProjectFormat) {
        r.error("/format", "unknown format " + format->dump() + " (an Egress Studio project says \"" +
                               std::string(kProjectFormat) + "\")");
        return false;
    }
    const auto version = document.find("version");
    if (version == document.end()) {
        r.error("", "no \"version\" key: the format version is required");
        return false;
    }
    if (!version->is_number_integer()) {
        r.error("/version", "\"version\" must be a whole number, not " + version->dump());
        return false;
    }
    // A huge unsigned value must not wrap round into an "old" version.
    const auto v = version->is_number_unsigned() && version->get<std::uint64_t>() > 1'000'000
                       ? std::int64_t{1'000'000}
                       : version->get<std::int64_t>();
    if (v > kProjectVersion) {
        const std::string written = version->dump();
        r.error("/version", "this file was written by a newer Egress Studio (format version " + written +
                                "; this build reads versions 1 to " + std::to_string(kProjectVersion) +
                                "): update Egress Studio to open it");
        return false;
    }
    if (v < 1) {
        r.error("/version",
                "version " + std::to_string(v) + " is not a version of this format (the first is 1)");
        return false;
    }
    if (v < kProjectVersion) {
        if (auto problem =
                migrateDocument(document, static_cast<int>(v), kProjectVersion, projectMigrations())) {
            r.error("/version", *problem);
            return false;
        }
        r.note(Severity::Info, "/version",
               "migrated from format version " + std::to_string(v) + "; saving writes version " +
                   std::to_string(kProjectVersion));
    }
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
    for (const std::string &pointer : read.duplicateKeys)
        r.error(pointer, "the key occurs more than once in its object (only the last one counts)");
    if (!document.is_object()) {
        r.error("", "a project file must be a JSON object, not " + FieldReader::describe(document));
        return result;
    }
    if (!readHeader(r, document))
        return result;

    Project project;
    r.string(document, "name", "", project.name);
    r.enumeration(document, "workflowType", "", project.workflowType, workflowTypeFromString,
                  "STANDARD or EXPRESS");
    const auto definition = document.find("definition");
    if (definition == document.end())
        r.error("", "no \"definition\" key: a project holds its ASL state machine under \"definition\"");
    else if (!definition->is_object())
        r.error("/definition", "\"definition\" must be the ASL state machine object, not " +
                                   FieldReader::describe(*definition));
    else {
        project.definition = *definition;
        project.definitionNumberForms = asl::numberFormsUnder(read.numberForms, "/definition");
    }
    if (auto vpc = document.find("vpc"); vpc != document.end())
        readVpc(r, *vpc, project.vpc);
    if (auto steps = document.find("steps"); steps != document.end()) {
        if (!steps->is_object()) {
            r.error("/steps",
                    "\"steps\" must be an object keyed by state name, not " + FieldReader::describe(*steps));
        } else {
            for (const auto &[name, json] : steps->items()) {
                StepDesign step;
                readStep(r, json, name, step);
                project.steps[name] = step;
            }
        }
    }
    if (auto usage = document.find("usage"); usage != document.end())
        readUsage(r, *usage, project.usage);
    r.string(document, "priceTable", "", project.priceTable);
    if (!project.priceTable.empty())
        // Kept and saved again, but no command looks a table up by this name: say so rather than let the
        // file's author believe it chooses the prices.
        r.note(Severity::Warning, "/priceTable",
               "\"priceTable\" is kept but not used: prices come from the bundled table of the project's "
               "region, or the one given with --prices FILE");
    if (auto overrides = document.find("priceOverrides"); overrides != document.end())
        readPriceOverrides(r, *overrides, project.priceOverrides);
    if (auto source = document.find("source"); source != document.end())
        readSource(r, *source, project.source);
    if (auto notes = document.find("importNotes"); notes != document.end())
        readImportNotes(r, *notes, project.importNotes);
    project.extra =
        remainingKeys(document, {"format", "version", "name", "workflowType", "definition", "vpc", "steps",
                                 "usage", "priceTable", "priceOverrides", "source", "importNotes"});

    // Design data for a state that does not exist is kept (it may be a rename in progress) but reported.
    const auto index = asl::WorkflowIndex::build(project.definition);
    for (const auto &[name, step] : project.steps) {
        (void)step;
        if (index.indexOf(name) < 0)
            r.note(Severity::Warning, "/steps/" + asl::escapePointerToken(name),
                   "design data for a state the definition lacks", name);
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
        for (const auto &[key, value] : s.choiceWeights->extra.items())
            w[key] = value;
        j["choiceWeights"] = w;
    }
    if (s.mapItems)
        j["mapItems"] = *s.mapItems;
    if (!s.function.empty())
        j["function"] = s.function;
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
    Json vpc = {{"name", project.vpc.name},
                {"availabilityZones", project.vpc.availabilityZones},
                {"rect", project.vpc.rect}};
    for (const auto &[key, value] : project.vpc.extra.items())
        vpc[key] = value;
    j["vpc"] = vpc;
    Json steps = Json::object();
    // Appended, not assigned: an ordered object's operator[] searches its members linearly first, which
    // made saving 200,000 steps quadratic. The names are a std::map's keys, so they are unique already.
    auto &members = steps.get_ref<Json::object_t &>();
    members.reserve(project.steps.size());
    for (const auto &[name, step] : project.steps)
        members.emplace_back(name, stepToJson(step));
    j["steps"] = steps;
    Json usage = {{"executionsPerMonth", project.usage.executionsPerMonth},
                  {"region", project.usage.region},
                  {"trigger", toString(project.usage.trigger)},
                  {"apiSupportsIpv6", project.usage.apiSupportsIpv6},
                  {"freeTier", project.usage.freeTier}};
    if (project.usage.executionSeconds)
        usage["executionSeconds"] = *project.usage.executionSeconds;
    for (const auto &[key, value] : project.usage.extra.items())
        usage[key] = value;
    j["usage"] = usage;
    if (!project.priceTable.empty())
        j["priceTable"] = project.priceTable;
    if (!project.priceOverrides.empty())
        j["priceOverrides"] = project.priceOverrides;
    if (project.source) {
        Json source = {{"template", project.source->templatePath},
                       {"stateMachine", project.source->stateMachine},
                       {"format", project.source->format}};
        if (!project.source->substitutions.empty())
            source["substitutions"] = project.source->substitutions;
        for (const auto &[key, value] : project.source->extra.items())
            source[key] = value;
        j["source"] = source;
    }
    if (!project.importNotes.empty())
        j["importNotes"] = project.importNotes;
    for (const auto &[key, value] : project.extra.items())
        j[key] = value;
    return j;
}

namespace {

/** Arrays of plain values up to this long stay on one line: "position": [60.0, 400.0]. */
constexpr std::size_t kInlineArrayWidth = 100;

/** `texts`: the definition's kept number forms, resolved in the document being written. */
std::string scalarText(const Json &value, const asl::NumberTexts *texts = nullptr)
{
    if (value.is_number())
        return asl::numberText(value, texts);
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/**
 * Two-space indented JSON like asl::writeJson, except that short arrays of plain values are written
 * on one line: coordinates and ErrorEquals lists read (and diff) better that way.
 */
void writePretty(const Json &value, std::string &out, int depth, const asl::NumberTexts &texts)
{
    const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
    const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
    if (value.is_object()) {
        if (value.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto &[key, child] : value.items()) {
            if (!first)
                out += ",\n";
            first = false;
            out += indent + scalarText(Json(key)) + ": ";
            writePretty(child, out, depth + 1, texts);
        }
        out += "\n" + closing + "}";
    } else if (value.is_array()) {
        if (value.empty()) {
            out += "[]";
            return;
        }
        const bool plain =
            std::none_of(value.begin(), value.end(), [](const Json &v) { return v.is_structured(); });
        if (plain) {
            std::string line = "[";
            for (std::size_t i = 0; i < value.size(); ++i)
                line += (i ? ", " : "") + scalarText(value[i], &texts);
            line += "]";
            if (line.size() <= kInlineArrayWidth) {
                out += line;
                return;
            }
        }
        out += "[\n";
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += (i ? ",\n" : "") + indent;
            writePretty(value[i], out, depth + 1, texts);
        }
        out += "\n" + closing + "]";
    } else {
        out += scalarText(value, &texts);
    }
}

} // namespace

std::string serializeProject(const Project &project)
{
    const Json document = projectToJson(project);
    const asl::NumberTexts texts = asl::numberTextsIn(document, project.definitionNumberForms, "/definition");
    std::string out;
    writePretty(document, out, 0, texts);
    out += "\n";
    return out;
}

std::string writeDefinition(const Project &project, asl::TextFormat format)
{
    const asl::NumberTexts texts = asl::numberTextsIn(project.definition, project.definitionNumberForms);
    return asl::writeText(project.definition, format, &texts);
}

std::optional<std::string> saveProject(const Project &project, const std::string &path)
{
    return writeFileAtomically(path, serializeProject(project));
}

Project projectFromDefinition(const Json &definition, const std::string &name,
                              const asl::NumberForms &numberForms)
{
    Project project;
    project.name = name.empty() ? "Imported workflow" : name;
    project.definition = definition;
    project.definitionNumberForms = numberForms;
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
