// Which fields each state type may have in each query language, and the value of each field.
#include "asl/validator_internal.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

namespace egress::asl::detail {
namespace {

enum class Lang { Both, JsonPathOnly, JsonataOnly };

struct FieldRule
{
    std::string_view name;
    Lang lang;
};

using FieldList = std::initializer_list<FieldRule>;

// The fields of each state type (besides Type, Comment and QueryLanguage, which every state may have).
// From the ASL specification and the Step Functions documentation for JSONPath and JSONata states.
const FieldList &fieldsOf(StateType type)
{
    static const FieldList task = {
        {"Next", Lang::Both},
        {"End", Lang::Both},
        {"Resource", Lang::Both},
        {"Retry", Lang::Both},
        {"Catch", Lang::Both},
        {"TimeoutSeconds", Lang::Both},
        {"HeartbeatSeconds", Lang::Both},
        {"Credentials", Lang::Both},
        {"Assign", Lang::Both},
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"ResultPath", Lang::JsonPathOnly},
        {"ResultSelector", Lang::JsonPathOnly},
        {"Parameters", Lang::JsonPathOnly},
        {"TimeoutSecondsPath", Lang::JsonPathOnly},
        {"HeartbeatSecondsPath", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
        {"Arguments", Lang::JsonataOnly},
    };
    static const FieldList pass = {
        {"Next", Lang::Both},
        {"End", Lang::Both},
        {"Assign", Lang::Both},
        {"Result", Lang::JsonPathOnly}, // the AWS guide: "Result (Optional, JSONPath only)"
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"ResultPath", Lang::JsonPathOnly},
        {"Parameters", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
    };
    static const FieldList choice = {
        {"Choices", Lang::Both},
        {"Default", Lang::Both},
        {"Assign", Lang::Both},
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
    };
    static const FieldList wait = {
        {"Next", Lang::Both},
        {"End", Lang::Both},
        {"Seconds", Lang::Both},
        {"Timestamp", Lang::Both},
        {"Assign", Lang::Both},
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"SecondsPath", Lang::JsonPathOnly},
        {"TimestampPath", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
    };
    static const FieldList succeed = {
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
    };
    static const FieldList fail = {
        {"Error", Lang::Both},
        {"Cause", Lang::Both},
        {"ErrorPath", Lang::JsonPathOnly},
        {"CausePath", Lang::JsonPathOnly},
    };
    static const FieldList parallel = {
        {"Branches", Lang::Both},
        {"Next", Lang::Both},
        {"End", Lang::Both},
        {"Retry", Lang::Both},
        {"Catch", Lang::Both},
        {"Assign", Lang::Both},
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"ResultPath", Lang::JsonPathOnly},
        {"Parameters", Lang::JsonPathOnly},
        {"ResultSelector", Lang::JsonPathOnly},
        {"Output", Lang::JsonataOnly},
        {"Arguments", Lang::JsonataOnly},
    };
    static const FieldList map = {
        {"Next", Lang::Both},
        {"End", Lang::Both},
        {"Label", Lang::Both},
        {"MaxConcurrency", Lang::Both},
        {"ItemReader", Lang::Both},
        {"ItemProcessor", Lang::Both},
        {"Iterator", Lang::Both},
        {"ItemSelector", Lang::Both},
        {"ItemBatcher", Lang::Both},
        {"ResultWriter", Lang::Both},
        {"Retry", Lang::Both},
        {"Catch", Lang::Both},
        {"ToleratedFailureCount", Lang::Both},
        {"ToleratedFailurePercentage", Lang::Both},
        {"Assign", Lang::Both},
        {"InputPath", Lang::JsonPathOnly},
        {"OutputPath", Lang::JsonPathOnly},
        {"ResultPath", Lang::JsonPathOnly},
        {"ItemsPath", Lang::JsonPathOnly},
        {"MaxConcurrencyPath", Lang::JsonPathOnly},
        {"Parameters", Lang::JsonPathOnly},
        {"ResultSelector", Lang::JsonPathOnly},
        {"ToleratedFailureCountPath", Lang::JsonPathOnly},
        {"ToleratedFailurePercentagePath", Lang::JsonPathOnly},
        {"Items", Lang::JsonataOnly},
        {"Output", Lang::JsonataOnly},
    };
    static const FieldList none = {};
    switch (type) {
    case StateType::Task:
        return task;
    case StateType::Pass:
        return pass;
    case StateType::Choice:
        return choice;
    case StateType::Wait:
        return wait;
    case StateType::Succeed:
        return succeed;
    case StateType::Fail:
        return fail;
    case StateType::Parallel:
        return parallel;
    case StateType::Map:
        return map;
    case StateType::Unknown:
        return none;
    }
    return none;
}

const FieldRule *findField(StateType type, std::string_view name)
{
    for (const FieldRule &rule : fieldsOf(type))
        if (rule.name == name)
            return &rule;
    return nullptr;
}

bool knownInAnyState(std::string_view name)
{
    for (StateType t : {StateType::Task, StateType::Pass, StateType::Choice, StateType::Wait,
                        StateType::Succeed, StateType::Fail, StateType::Parallel, StateType::Map})
        if (findField(t, name))
            return true;
    return false;
}

const char *languageName(QueryLanguage l)
{
    return l == QueryLanguage::Jsonata ? "JSONata" : "JSONPath";
}

/** What to use instead of a field of the other query language. */
std::string replacementHint(std::string_view field, QueryLanguage language)
{
    if (language == QueryLanguage::Jsonata) {
        if (field == "Parameters")
            return "use \"Arguments\"";
        if (field == "Result")
            return "use \"Output\"";
        if (field == "InputPath" || field == "OutputPath" || field == "ResultPath" ||
            field == "ResultSelector")
            return "use \"Output\" (and \"Assign\")";
        if (field == "ItemsPath")
            return "use \"Items\"";
        if (field == "ErrorPath" || field == "CausePath")
            return "use \"" + std::string(field.substr(0, field.size() - 4)) + "\" with a JSONata expression";
        if (field.size() > 4 && field.substr(field.size() - 4) == "Path")
            return "use \"" + std::string(field.substr(0, field.size() - 4)) + "\" with a JSONata expression";
        return "remove it";
    }
    if (field == "Arguments")
        return "use \"Parameters\"";
    if (field == "Output")
        return "use \"OutputPath\", \"ResultSelector\" or \"ResultPath\"";
    if (field == "Items")
        return "use \"ItemsPath\"";
    return "remove it";
}

std::string article(StateType type)
{
    const std::string name = toString(type);
    return (name == "Error" ? "an " : "a ") + name;
}

bool has(const Json &state, std::string_view field)
{
    return state.contains(std::string(field));
}

/** A whole-number field (placeholders accepted; in JSONata also a "{% %}" expression). */
void checkInteger(Context &ctx, const StateRef &state, std::string_view field, long long min, long long max)
{
    const auto it = state.json.find(std::string(field));
    if (it == state.json.end() || isPlaceholderValue(*it))
        return;
    const std::string pointer = state.pointer + "/" + escapePointerToken(field);
    if (it->is_string() && state.language == QueryLanguage::Jsonata) {
        checkJsonataField(ctx, state, *it, pointer, field);
        return;
    }
    if (!isIntegral(*it)) {
        ctx.error(pointer, state.name, inQuotes(field) + " must be a whole number, not " + typeName(*it));
        return;
    }
    const double v = it->get<double>();
    if (v < static_cast<double>(min) || v > static_cast<double>(max))
        ctx.error(pointer, state.name,
                  inQuotes(field) + " must be from " + std::to_string(min) + " to " + std::to_string(max) +
                      " (it is " + it->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
}

void checkPath(Context &ctx, const StateRef &state, std::string_view field, PathKind kind, bool nullable)
{
    const auto it = state.json.find(std::string(field));
    if (it == state.json.end() || isPlaceholderValue(*it))
        return;
    checkPathField(ctx, state, *it, state.pointer + "/" + escapePointerToken(field), field, kind, nullable);
}

/** Reports every pair of fields in `group` that are set together. */
void atMostOne(Context &ctx, const StateRef &state, const Json &object, const std::string &pointer,
               std::initializer_list<std::string_view> group)
{
    std::vector<std::string_view> present;
    for (std::string_view f : group)
        if (has(object, f))
            present.push_back(f);
    for (std::size_t i = 1; i < present.size(); ++i)
        ctx.error(pointer + "/" + escapePointerToken(present[i]), state.name,
                  inQuotes(present[0]) + " and " + inQuotes(present[i]) +
                      " cannot both be set; use only one");
}

void checkTimestampField(Context &ctx, const StateRef &state, std::string_view field)
{
    const auto it = state.json.find(std::string(field));
    if (it == state.json.end() || isPlaceholderValue(*it))
        return;
    const std::string pointer = state.pointer + "/" + escapePointerToken(field);
    if (!it->is_string()) {
        ctx.error(pointer, state.name, inQuotes(field) + " must be a timestamp string, not " + typeName(*it));
        return;
    }
    const std::string &s = it->get_ref<const std::string &>();
    if (state.language == QueryLanguage::Jsonata && looksLikeJsonata(s)) {
        checkJsonataField(ctx, state, *it, pointer, field);
        return;
    }
    if (!isTimestamp(s))
        ctx.error(pointer, state.name,
                  inQuotes(field) + " must be an RFC 3339 timestamp such as \"2026-01-31T09:00:00Z\" (got " +
                      inQuotes(s) + ")");
}

/** Arguments / Output / Assign / ItemSelector in a JSONata state. `stringMustBeExpression`: a bare string
 * must be "{% %}". */
void checkJsonataValue(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                       std::string_view field, bool stringMustBeExpression)
{
    if (value.is_string() && stringMustBeExpression)
        checkJsonataField(ctx, state, value, pointer, field);
    else
        checkJsonataTemplate(ctx, state, value, pointer, field);
}

void checkAssign(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer)
{
    if (!value.is_object()) {
        ctx.error(pointer, state.name,
                  "\"Assign\" must be an object of variable names and values, not " + typeName(value));
        return;
    }
    if (state.language == QueryLanguage::Jsonata)
        checkJsonataTemplate(ctx, state, value, pointer, "Assign");
    else
        checkPayloadTemplate(ctx, state, value, pointer, "Assign");
}

/**
 * What the CloudFormation export would have to grant on everything: an aws-sdk integration of every service
 * or action ("arn:aws:states:::aws-sdk:*:*" becomes "*:*"), or a target named "*" (TopicArn "*" becomes
 * sns:Publish on every topic). Legal ASL, so warnings, the same the export's notes give.
 */
void checkBroadGrant(Context &ctx, const StateRef &state, const std::string &resource)
{
    const std::size_t sdk = resource.find(":states:::aws-sdk:");
    if (sdk != std::string::npos && resource.find('*', sdk) != std::string::npos)
        ctx.warning(state.pointer + "/Resource", state.name,
                    inQuotes(resource) +
                        " is a wildcard AWS SDK integration: an exported role would have to allow every "
                        "action it names on every resource; name the service and the action");
    for (const char *holder : {"Parameters", "Arguments"}) {
        const auto args = state.json.find(holder);
        if (args == state.json.end() || !args->is_object())
            continue;
        for (const auto &member : args->items()) {
            // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda below.
            const std::string &key = member.key();
            const Json &value = member.value();
            static constexpr std::string_view suffixes[] = {"Arn", "Name", "Id", "Url", "Bucket"};
            const bool namesResource =
                std::any_of(std::begin(suffixes), std::end(suffixes), [&](auto suffix) {
                    return key.size() >= suffix.size() &&
                           key.compare(key.size() - suffix.size(), suffix.size(), suffix.data(),
                                       suffix.size()) == 0;
                });
            if (namesResource && value.is_string() && value.get_ref<const std::string &>() == "*")
                ctx.warning(state.pointer + "/" + holder + "/" + escapePointerToken(key), state.name,
                            inQuotes(key) + " is \"*\": an exported role would allow the call on every " +
                                "resource of the service; name the one it acts on");
        }
    }
}

void checkResource(Context &ctx, const StateRef &state)
{
    const auto it = state.json.find("Resource");
    const std::string pointer = state.pointer + "/Resource";
    if (it == state.json.end()) {
        ctx.error(state.pointer, state.name, "a Task state needs a \"Resource\" (the ARN of what it calls)");
        return;
    }
    if (isIntrinsic(*it))
        return;
    if (!it->is_string()) {
        ctx.error(pointer, state.name,
                  "\"Resource\" must be an ARN string, a ${Placeholder} or a CloudFormation intrinsic such "
                  "as {\"Fn::GetAtt\": ...}, not " +
                      typeName(*it));
        return;
    }
    const std::string &resource = it->get_ref<const std::string &>();
    // Every "${" must be closed: an unterminated placeholder cannot be substituted at deployment.
    for (std::size_t at = resource.find("${"); at != std::string::npos; at = resource.find("${", at + 2)) {
        if (resource.find('}', at) == std::string::npos) {
            ctx.error(pointer, state.name,
                      "\"Resource\" has an unterminated placeholder \"" + resource.substr(at) +
                          "\" (write ${Name})");
            return;
        }
    }
    checkBroadGrant(ctx, state, resource);
    if (isWholePlaceholder(resource) || !ctx.options().checkArn)
        return;
    if (!isArn(resource))
        ctx.error(pointer, state.name,
                  inQuotes(resource) + " is not an ARN (arn:partition:service:region:account:resource); "
                                       "use --no-arn-check for test fixtures that use made-up resources");
}

void checkCredentials(Context &ctx, const StateRef &state)
{
    const auto it = state.json.find("Credentials");
    if (it == state.json.end())
        return;
    const std::string pointer = state.pointer + "/Credentials";
    if (!it->is_object()) {
        ctx.error(pointer, state.name,
                  "\"Credentials\" must be an object with \"RoleArn\", not " + typeName(*it));
        return;
    }
    const bool jsonata = state.language == QueryLanguage::Jsonata;
    const bool hasRole = it->contains("RoleArn") || (!jsonata && it->contains("RoleArn.$"));
    // Step Functions reads only RoleArn; asl-validator accepts any payload template, so these are warnings.
    if (!hasRole)
        ctx.warning(pointer, state.name,
                    jsonata ? "\"Credentials\" has no \"RoleArn\""
                            : "\"Credentials\" has no \"RoleArn\" or \"RoleArn.$\"");
    for (const auto &[key, value] : it->items()) {
        if (key != "RoleArn" && (jsonata || key != "RoleArn.$"))
            ctx.warning(pointer + "/" + escapePointerToken(key), state.name,
                        "\"Credentials\" has " + inQuotes(key) +
                            ", which Step Functions ignores (it reads only \"RoleArn\")");
    }
    if (jsonata)
        checkJsonataTemplate(ctx, state, *it, pointer, "Credentials");
    else
        checkPayloadTemplate(ctx, state, *it, pointer, "Credentials");
}

void checkNextEnd(Context &ctx, const StateRef &state)
{
    const bool next = has(state.json, "Next");
    const auto end = state.json.find("End");
    if (end != state.json.end() && !(end->is_boolean() && end->get<bool>()))
        ctx.error(state.pointer + "/End", state.name,
                  "\"End\" must be true (to continue to another state, use \"Next\" instead)");
    if (auto n = state.json.find("Next"); n != state.json.end() && !n->is_string())
        ctx.error(state.pointer + "/Next", state.name, "\"Next\" must be a state name, not " + typeName(*n));
    if (next && end != state.json.end())
        ctx.error(
            state.pointer + "/End", state.name,
            "has both \"Next\" and \"End\"; a state either goes on to the next state or ends its branch");
    else if (!next && end == state.json.end())
        ctx.error(state.pointer, state.name,
                  std::string("a ") + toString(state.type) + " state needs \"Next\" or \"End\": true");
}

void checkWait(Context &ctx, const StateRef &state)
{
    checkInteger(ctx, state, "Seconds", 0, 99999999);
    checkTimestampField(ctx, state, "Timestamp");
    checkPath(ctx, state, "SecondsPath", PathKind::ReferencePath, false);
    checkPath(ctx, state, "TimestampPath", PathKind::ReferencePath, false);
    int count = 0;
    for (std::string_view f : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
        count += has(state.json, f) ? 1 : 0;
    if (count == 0)
        ctx.error(
            state.pointer, state.name,
            "a Wait state needs one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\"");
    else if (count > 1)
        atMostOne(ctx, state, state.json, state.pointer,
                  {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"});
}

void checkFail(Context &ctx, const StateRef &state)
{
    for (std::string_view field : {"Error", "Cause"}) {
        const auto it = state.json.find(std::string(field));
        if (it == state.json.end() || isPlaceholderValue(*it))
            continue;
        const std::string pointer = state.pointer + "/" + std::string(field);
        if (!it->is_string())
            ctx.error(pointer, state.name, inQuotes(field) + " must be a string, not " + typeName(*it));
        else if (state.language == QueryLanguage::Jsonata &&
                 looksLikeJsonata(it->get_ref<const std::string &>()))
            checkJsonataField(ctx, state, *it, pointer, field);
    }
    // ErrorPath and CausePath take a Reference Path or an intrinsic function.
    checkPath(ctx, state, "ErrorPath", PathKind::PayloadTemplate, false);
    checkPath(ctx, state, "CausePath", PathKind::PayloadTemplate, false);
    atMostOne(ctx, state, state.json, state.pointer, {"Error", "ErrorPath"});
    atMostOne(ctx, state, state.json, state.pointer, {"Cause", "CausePath"});
}

void checkTask(Context &ctx, const StateRef &state)
{
    checkResource(ctx, state);
    checkInteger(ctx, state, "TimeoutSeconds", 1, 99999999);
    checkInteger(ctx, state, "HeartbeatSeconds", 1, 99999999);
    checkPath(ctx, state, "TimeoutSecondsPath", PathKind::ReferencePath, false);
    checkPath(ctx, state, "HeartbeatSecondsPath", PathKind::ReferencePath, false);
    atMostOne(ctx, state, state.json, state.pointer, {"TimeoutSeconds", "TimeoutSecondsPath"});
    atMostOne(ctx, state, state.json, state.pointer, {"HeartbeatSeconds", "HeartbeatSecondsPath"});
    const auto timeout = state.json.find("TimeoutSeconds");
    const auto heartbeat = state.json.find("HeartbeatSeconds");
    if (timeout != state.json.end() && heartbeat != state.json.end() && isIntegral(*timeout) &&
        isIntegral(*heartbeat) && heartbeat->get<double>() >= timeout->get<double>())
        ctx.error(state.pointer + "/HeartbeatSeconds", state.name,
                  "\"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\"");
    checkCredentials(ctx, state);
}

void checkParallel(Context &ctx, const StateRef &state)
{
    const auto it = state.json.find("Branches");
    if (it == state.json.end()) {
        ctx.error(state.pointer, state.name,
                  "a Parallel state needs \"Branches\": a list of branches, each with StartAt and States");
        return;
    }
    if (!it->is_array() || it->empty()) {
        ctx.error(state.pointer + "/Branches", state.name,
                  "\"Branches\" must be a non-empty list of branches, each with StartAt and States");
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i)
        if (!(*it)[i].is_object())
            ctx.error(state.pointer + "/Branches/" + std::to_string(i), state.name,
                      "each branch must be an object with \"StartAt\" and \"States\", not " +
                          typeName((*it)[i]));
}

void checkObjectFields(Context &ctx, const StateRef &state, const Json &object, const std::string &pointer,
                       std::string_view what, std::initializer_list<std::string_view> allowed)
{
    for (const auto &[key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            ctx.error(pointer + "/" + escapePointerToken(key), state.name,
                      "unknown field " + inQuotes(key) + " in " + std::string(what));
    }
}

void checkMapConfig(Context &ctx, const StateRef &state)
{
    const bool jsonata = state.language == QueryLanguage::Jsonata;
    if (auto it = state.json.find("ItemReader"); it != state.json.end()) {
        const std::string p = state.pointer + "/ItemReader";
        if (!it->is_object()) {
            ctx.error(p, state.name, "\"ItemReader\" must be an object, not " + typeName(*it));
        } else {
            checkObjectFields(ctx, state, *it, p, "\"ItemReader\"",
                              {"Resource", "ReaderConfig", jsonata ? "Arguments" : "Parameters"});
            if (!it->contains("Resource"))
                ctx.error(p, state.name,
                          "\"ItemReader\" needs a \"Resource\" (for example arn:aws:states:::s3:getObject)");
            else if (!(*it)["Resource"].is_string() && !isIntrinsic((*it)["Resource"]))
                ctx.error(p + "/Resource", state.name, "\"Resource\" must be an ARN string");
            if (it->contains("Parameters") && !jsonata)
                checkPayloadTemplate(ctx, state, (*it)["Parameters"], p + "/Parameters", "Parameters");
            if (it->contains("Arguments") && jsonata)
                checkJsonataValue(ctx, state, (*it)["Arguments"], p + "/Arguments", "Arguments", true);
            if (auto rc = it->find("ReaderConfig"); rc != it->end()) {
                if (!rc->is_object()) {
                    ctx.error(p + "/ReaderConfig", state.name, "\"ReaderConfig\" must be an object");
                } else {
                    const StateRef reader{*rc, state.name, p + "/ReaderConfig", state.type, state.language};
                    // 0 means "no limit" to Step Functions (asl-validator wants at least 1).
                    checkInteger(ctx, reader, "MaxItems", 0, 100000000);
                    if (!jsonata)
                        checkPath(ctx, reader, "MaxItemsPath", PathKind::ReferencePath, false);
                    atMostOne(ctx, state, *rc, reader.pointer, {"MaxItems", "MaxItemsPath"});
                }
            }
        }
    }
    if (auto it = state.json.find("ItemBatcher"); it != state.json.end()) {
        const std::string p = state.pointer + "/ItemBatcher";
        if (!it->is_object()) {
            ctx.error(p, state.name, "\"ItemBatcher\" must be an object, not " + typeName(*it));
        } else {
            const StateRef batcher{*it, state.name, p, state.type, state.language};
            if (jsonata)
                checkObjectFields(ctx, state, *it, p, "\"ItemBatcher\" of a JSONata state",
                                  {"MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"});
            else
                checkObjectFields(ctx, state, *it, p, "\"ItemBatcher\"",
                                  {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                                   "MaxInputBytesPerBatchPath", "BatchInput"});
            checkInteger(ctx, batcher, "MaxItemsPerBatch", 0, 100000000);
            checkInteger(ctx, batcher, "MaxInputBytesPerBatch", 0, 262144);
            checkPath(ctx, batcher, "MaxItemsPerBatchPath", PathKind::ReferencePath, false);
            checkPath(ctx, batcher, "MaxInputBytesPerBatchPath", PathKind::ReferencePath, false);
            atMostOne(ctx, state, *it, p, {"MaxItemsPerBatch", "MaxItemsPerBatchPath"});
            atMostOne(ctx, state, *it, p, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"});
            if (auto bi = it->find("BatchInput"); bi != it->end()) {
                if (jsonata)
                    checkJsonataValue(ctx, state, *bi, p + "/BatchInput", "BatchInput", false);
                else
                    checkPayloadTemplate(ctx, state, *bi, p + "/BatchInput", "BatchInput");
            }
        }
    }
    if (auto it = state.json.find("ResultWriter"); it != state.json.end()) {
        const std::string p = state.pointer + "/ResultWriter";
        if (!it->is_object()) {
            ctx.error(p, state.name, "\"ResultWriter\" must be an object, not " + typeName(*it));
        } else {
            checkObjectFields(ctx, state, *it, p, "\"ResultWriter\"",
                              {"Resource", "WriterConfig", jsonata ? "Arguments" : "Parameters"});
            if (!it->contains("Resource") && !it->contains("WriterConfig"))
                ctx.error(
                    p, state.name,
                    "\"ResultWriter\" needs a \"Resource\" (for example arn:aws:states:::s3:putObject)");
            if (it->contains("Parameters") && !jsonata)
                checkPayloadTemplate(ctx, state, (*it)["Parameters"], p + "/Parameters", "Parameters");
            if (it->contains("Arguments") && jsonata)
                checkJsonataValue(ctx, state, (*it)["Arguments"], p + "/Arguments", "Arguments", true);
        }
    }
}

void checkMap(Context &ctx, const StateRef &state)
{
    const bool processor = has(state.json, "ItemProcessor");
    const bool iterator = has(state.json, "Iterator");
    if (!processor && !iterator)
        ctx.error(
            state.pointer, state.name,
            "a Map state needs \"ItemProcessor\" (or the older \"Iterator\"): the states run for each item");
    atMostOne(ctx, state, state.json, state.pointer, {"ItemProcessor", "Iterator"});
    for (const char *field : {"ItemProcessor", "Iterator"}) {
        const auto it = state.json.find(field);
        if (it == state.json.end())
            continue;
        const std::string p = state.pointer + "/" + field;
        if (!it->is_object()) {
            ctx.error(p, state.name,
                      inQuotes(field) + " must be an object with \"StartAt\" and \"States\", not " +
                          typeName(*it));
            continue;
        }
        const auto config = it->find("ProcessorConfig");
        if (config == it->end())
            continue;
        if (std::string_view(field) == "Iterator") {
            ctx.error(p + "/ProcessorConfig", state.name,
                      "\"ProcessorConfig\" belongs in \"ItemProcessor\", not in \"Iterator\"");
            continue;
        }
        if (!config->is_object()) {
            ctx.error(p + "/ProcessorConfig", state.name, "\"ProcessorConfig\" must be an object");
            continue;
        }
        const auto mode = config->find("Mode");
        const std::string mp = p + "/ProcessorConfig";
        if (mode == config->end()) {
            ctx.error(mp, state.name, "\"ProcessorConfig\" needs \"Mode\": \"INLINE\" or \"DISTRIBUTED\"");
        } else if (!mode->is_string() || (*mode != "INLINE" && *mode != "DISTRIBUTED")) {
            ctx.error(mp + "/Mode", state.name,
                      "\"Mode\" must be \"INLINE\" or \"DISTRIBUTED\" (it is " +
                          mode->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
        } else if (*mode == "DISTRIBUTED") {
            const auto type = config->find("ExecutionType");
            if (type == config->end())
                ctx.error(mp, state.name,
                          "a DISTRIBUTED Map needs \"ExecutionType\": \"STANDARD\" or \"EXPRESS\"");
            else if (!type->is_string() || (*type != "STANDARD" && *type != "EXPRESS"))
                ctx.error(mp + "/ExecutionType", state.name,
                          "\"ExecutionType\" must be \"STANDARD\" or \"EXPRESS\" (it is " +
                              type->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
        } else if (config->contains("ExecutionType")) {
            ctx.error(mp + "/ExecutionType", state.name,
                      "\"ExecutionType\" applies only to a DISTRIBUTED Map");
        }
        for (const auto &[key, value] : config->items())
            if (key != "Mode" && key != "ExecutionType")
                ctx.error(mp + "/" + escapePointerToken(key), state.name,
                          "unknown field " + inQuotes(key) + " in \"ProcessorConfig\"");
    }
    checkPath(ctx, state, "ItemsPath", PathKind::ReferencePath, false);
    if (auto it = state.json.find("Items");
        it != state.json.end() && !it->is_array() && !isPlaceholderValue(*it))
        checkJsonataField(ctx, state, *it, state.pointer + "/Items", "Items");
    checkInteger(ctx, state, "MaxConcurrency", 0, 100000000);
    checkPath(ctx, state, "MaxConcurrencyPath", PathKind::ReferencePath, false);
    checkInteger(ctx, state, "ToleratedFailureCount", 0, 100000000);
    checkPath(ctx, state, "ToleratedFailureCountPath", PathKind::ReferencePath, false);
    checkPath(ctx, state, "ToleratedFailurePercentagePath", PathKind::ReferencePath, false);
    if (auto it = state.json.find("ToleratedFailurePercentage");
        it != state.json.end() && !isPlaceholderValue(*it)) {
        const std::string p = state.pointer + "/ToleratedFailurePercentage";
        if (it->is_string() && state.language == QueryLanguage::Jsonata)
            checkJsonataField(ctx, state, *it, p, "ToleratedFailurePercentage");
        else if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 100)
            ctx.error(p, state.name,
                      "\"ToleratedFailurePercentage\" must be a number from 0 to 100 (it is " +
                          it->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
    }
    if (auto it = state.json.find("Label"); it != state.json.end()) {
        if (!it->is_string())
            ctx.error(state.pointer + "/Label", state.name, "\"Label\" must be a string");
        else if (it->get_ref<const std::string &>().size() > 40)
            ctx.error(state.pointer + "/Label", state.name, "\"Label\" can have at most 40 characters");
    }
    atMostOne(ctx, state, state.json, state.pointer, {"MaxConcurrency", "MaxConcurrencyPath"});
    atMostOne(ctx, state, state.json, state.pointer, {"ToleratedFailureCount", "ToleratedFailureCountPath"});
    atMostOne(ctx, state, state.json, state.pointer,
              {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"});
    atMostOne(ctx, state, state.json, state.pointer, {"ItemSelector", "Parameters"});
    if (auto it = state.json.find("ItemSelector"); it != state.json.end()) {
        if (state.language == QueryLanguage::Jsonata)
            checkJsonataValue(ctx, state, *it, state.pointer + "/ItemSelector", "ItemSelector", false);
        else
            checkPayloadTemplate(ctx, state, *it, state.pointer + "/ItemSelector", "ItemSelector");
    }
    checkMapConfig(ctx, state);
}

} // namespace

bool isArn(std::string_view resource)
{
    // asl-validator's pattern, arn:(aws|aws-cn|aws-us-gov):service:region:account:resource, widened so that
    // ${Placeholders} may stand for any part (partition, region, account) and for the other AWS partitions.
    std::string s;
    for (std::size_t i = 0; i < resource.size();) {
        if (resource.compare(i, 2, "${") == 0) {
            const std::size_t close = resource.find('}', i);
            if (close == std::string_view::npos)
                return false;
            s += '\x01'; // a placeholder: matches any one part, holds no ':'
            i = close + 1;
        } else {
            s += resource[i++];
        }
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int n = 0; n < 5; ++n) {
        const std::size_t colon = s.find(':', start);
        if (colon == std::string::npos)
            return false;
        parts.push_back(s.substr(start, colon - start));
        start = colon + 1;
    }
    const std::string rest = s.substr(start);
    auto lower = [](std::string v) {
        std::transform(v.begin(), v.end(), v.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return v;
    };
    if (lower(parts[0]) != "arn")
        return false;
    const std::string partition = lower(parts[1]);
    const bool partitionOk = partition == "\x01" || partition == "aws" || partition.rfind("aws-", 0) == 0;
    const bool serviceOk = !parts[2].empty() && parts[2].find('\n') == std::string::npos;
    const bool accountOk = std::all_of(parts[4].begin(), parts[4].end(),
                                       [](char c) { return (c >= '0' && c <= '9') || c == '\x01'; });
    // resource: [^:/*]+ ([:/] .* [^:/]+)?
    bool resourceOk = !rest.empty();
    if (resourceOk) {
        const std::size_t firstSep = rest.find_first_of(":/");
        const std::string head = rest.substr(0, firstSep);
        resourceOk = !head.empty() && head.find('*') == std::string::npos;
        if (resourceOk && firstSep != std::string::npos)
            resourceOk = firstSep + 1 < rest.size() && rest.back() != ':' && rest.back() != '/';
    }
    return partitionOk && serviceOk && parts[3].find('\n') == std::string::npos && accountOk && resourceOk;
}

bool isTimestamp(std::string_view s)
{
    auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > s.size())
            return -1;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || s.size() < 20 || s[4] != '-' || s[7] != '-')
        return false;
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[static_cast<std::size_t>(month - 1)] || (month == 2 && day == 29 && !leap))
        return false;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return false;
    const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || s[13] != ':' ||
        s[16] != ':')
        return false;
    std::size_t i = 19;
    if (i < s.size() && s[i] == '.') {
        const std::size_t start = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z'))
        return i + 1 == s.size();
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        const int oh = digits(i + 1, 2);
        if (oh < 0 || oh > 23)
            return false;
        i += 3;
        if (i < s.size() && s[i] == ':')
            ++i;
        const int om = digits(i, 2);
        return om >= 0 && om <= 59 && i + 2 == s.size();
    }
    return false;
}

void checkStateFields(Context &ctx, const StateRef &state)
{
    const Json &json = state.json;
    // 1. Which fields are allowed at all.
    for (const auto &[key, value] : json.items()) {
        if (key == "Type" || key == "Comment" || key == "QueryLanguage")
            continue;
        const std::string pointer = state.pointer + "/" + escapePointerToken(key);
        const FieldRule *rule = findField(state.type, key);
        if (state.type == StateType::Choice && (key == "End" || key == "Next")) {
            ctx.error(
                pointer, state.name,
                "a Choice state cannot have " + inQuotes(key) +
                    ": it always continues with the \"Next\" of a matching rule or with its \"Default\"");
            continue;
        }
        if ((state.type == StateType::Succeed || state.type == StateType::Fail) &&
            (key == "End" || key == "Next")) {
            ctx.error(pointer, state.name,
                      article(state.type) + " state ends its branch by itself; it cannot have " +
                          inQuotes(key));
            continue;
        }
        if (!rule) {
            if (knownInAnyState(key))
                ctx.error(pointer, state.name, article(state.type) + " state cannot have " + inQuotes(key));
            else
                ctx.error(pointer, state.name,
                          "unknown field " + inQuotes(key) + " in " + article(state.type) + " state");
            continue;
        }
        const bool wrongLanguage =
            (rule->lang == Lang::JsonPathOnly && state.language == QueryLanguage::Jsonata) ||
            (rule->lang == Lang::JsonataOnly && state.language == QueryLanguage::JsonPath);
        if (wrongLanguage) {
            const QueryLanguage other =
                state.language == QueryLanguage::Jsonata ? QueryLanguage::JsonPath : QueryLanguage::Jsonata;
            ctx.error(pointer, state.name,
                      inQuotes(key) + " is a " + languageName(other) + " field, but this state uses " +
                          languageName(state.language) + "; " + replacementHint(key, state.language));
        }
    }
    if (auto c = json.find("Comment"); c != json.end() && !c->is_string())
        ctx.error(state.pointer + "/Comment", state.name, "\"Comment\" must be a string");

    // 2. The values of the fields every kind of state shares.
    const bool jsonata = state.language == QueryLanguage::Jsonata;
    if (!jsonata) {
        checkPath(ctx, state, "InputPath", PathKind::Path, true);
        checkPath(ctx, state, "OutputPath", PathKind::Path, true);
        checkPath(ctx, state, "ResultPath", PathKind::ResultPath, true);
        for (const char *field : {"Parameters", "ResultSelector"})
            if (auto it = json.find(field); it != json.end() && findField(state.type, field))
                checkPayloadTemplate(ctx, state, *it, state.pointer + "/" + field, field);
    } else {
        for (const char *field : {"Output", "Arguments"})
            if (auto it = json.find(field); it != json.end() && findField(state.type, field))
                checkJsonataValue(ctx, state, *it, state.pointer + "/" + field, field, true);
    }
    if (auto it = json.find("Assign"); it != json.end())
        checkAssign(ctx, state, *it, state.pointer + "/Assign");

    // 3. Per type.
    switch (state.type) {
    case StateType::Task:
        checkNextEnd(ctx, state);
        checkTask(ctx, state);
        checkRetry(ctx, state);
        checkCatch(ctx, state);
        break;
    case StateType::Pass:
    case StateType::Wait:
        checkNextEnd(ctx, state);
        if (state.type == StateType::Wait)
            checkWait(ctx, state);
        break;
    case StateType::Parallel:
        checkNextEnd(ctx, state);
        checkParallel(ctx, state);
        checkRetry(ctx, state);
        checkCatch(ctx, state);
        break;
    case StateType::Map:
        checkNextEnd(ctx, state);
        checkMap(ctx, state);
        checkRetry(ctx, state);
        checkCatch(ctx, state);
        break;
    case StateType::Choice:
        checkChoice(ctx, state);
        break;
    case StateType::Fail:
        checkFail(ctx, state);
        break;
    case StateType::Succeed:
    case StateType::Unknown:
        break;
    }
}

} // namespace egress::asl::detail
