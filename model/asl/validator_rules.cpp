// Choice rules (every comparison operator, And/Or/Not, JSONata Condition), Retry and Catch.
#include "asl/validator_internal.h"

#include <algorithm>

namespace egress::asl::detail {
namespace {

enum class Operand { String, Number, Boolean, Timestamp, Path };

struct Comparator
{
    std::string_view name;
    Operand operand;
};

constexpr Comparator kComparators[] = {
    {"StringEquals", Operand::String},
    {"StringEqualsPath", Operand::Path},
    {"StringLessThan", Operand::String},
    {"StringLessThanPath", Operand::Path},
    {"StringGreaterThan", Operand::String},
    {"StringGreaterThanPath", Operand::Path},
    {"StringLessThanEquals", Operand::String},
    {"StringLessThanEqualsPath", Operand::Path},
    {"StringGreaterThanEquals", Operand::String},
    {"StringGreaterThanEqualsPath", Operand::Path},
    {"StringMatches", Operand::String},
    {"NumericEquals", Operand::Number},
    {"NumericEqualsPath", Operand::Path},
    {"NumericLessThan", Operand::Number},
    {"NumericLessThanPath", Operand::Path},
    {"NumericGreaterThan", Operand::Number},
    {"NumericGreaterThanPath", Operand::Path},
    {"NumericLessThanEquals", Operand::Number},
    {"NumericLessThanEqualsPath", Operand::Path},
    {"NumericGreaterThanEquals", Operand::Number},
    {"NumericGreaterThanEqualsPath", Operand::Path},
    {"BooleanEquals", Operand::Boolean},
    {"BooleanEqualsPath", Operand::Path},
    {"TimestampEquals", Operand::Timestamp},
    {"TimestampEqualsPath", Operand::Path},
    {"TimestampLessThan", Operand::Timestamp},
    {"TimestampLessThanPath", Operand::Path},
    {"TimestampGreaterThan", Operand::Timestamp},
    {"TimestampGreaterThanPath", Operand::Path},
    {"TimestampLessThanEquals", Operand::Timestamp},
    {"TimestampLessThanEqualsPath", Operand::Path},
    {"TimestampGreaterThanEquals", Operand::Timestamp},
    {"TimestampGreaterThanEqualsPath", Operand::Path},
    {"IsNull", Operand::Boolean},
    {"IsPresent", Operand::Boolean},
    {"IsNumeric", Operand::Boolean},
    {"IsString", Operand::Boolean},
    {"IsBoolean", Operand::Boolean},
    {"IsTimestamp", Operand::Boolean},
};

const Comparator *findComparator(std::string_view name)
{
    for (const Comparator &c : kComparators)
        if (c.name == name)
            return &c;
    return nullptr;
}

void checkOperand(Context &ctx, const StateRef &state, const Comparator &op, const Json &value,
                  const std::string &pointer)
{
    if (isPlaceholderValue(value))
        return;
    const std::string field = inQuotes(op.name);
    switch (op.operand) {
    case Operand::String:
        if (!value.is_string())
            ctx.error(pointer, state.name, field + " compares with a string, not " + typeName(value));
        break;
    case Operand::Number:
        if (!value.is_number())
            ctx.error(pointer, state.name, field + " compares with a number, not " + typeName(value));
        break;
    case Operand::Boolean:
        if (!value.is_boolean())
            ctx.error(pointer, state.name, field + " must be true or false, not " + typeName(value));
        break;
    case Operand::Timestamp:
        if (!value.is_string())
            ctx.error(pointer, state.name,
                      field + " compares with a timestamp string, not " + typeName(value));
        else if (!isTimestamp(value.get_ref<const std::string &>()))
            ctx.error(pointer, state.name,
                      field + " must be an RFC 3339 timestamp such as \"2026-01-31T09:00:00Z\" (got " +
                          value.dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
        break;
    case Operand::Path:
        checkPathField(ctx, state, value, pointer, op.name, PathKind::ReferencePath, false);
        break;
    }
}

/** A JSONPath Choice rule; `top` for the rules directly in "Choices" (they carry Next and may carry Assign).
 */
void checkRule(Context &ctx, const StateRef &state, const Json &rule, const std::string &pointer, bool top,
               int depth)
{
    if (depth > kMaxValueDepth) {
        ctx.error(pointer, state.name,
                  "Choice rules nested more than " + std::to_string(kMaxValueDepth) +
                      " levels deep; not checked further");
        return;
    }
    if (!rule.is_object()) {
        ctx.error(pointer, state.name, "a Choice rule must be an object, not " + typeName(rule));
        return;
    }
    std::vector<std::string> booleans;
    std::vector<std::string> comparisons;
    for (const auto &[key, value] : rule.items()) {
        const std::string at = pointer + "/" + escapePointerToken(key);
        if (key == "And" || key == "Or" || key == "Not") {
            booleans.push_back(key);
        } else if (const Comparator *op = findComparator(key)) {
            comparisons.push_back(key);
            checkOperand(ctx, state, *op, value, at);
        } else if (key == "Variable") {
            checkPathField(ctx, state, value, at, "Variable", PathKind::ReferencePath, false);
        } else if (key == "Next") {
            if (!top)
                ctx.error(at, state.name,
                          "only top-level Choice rules have \"Next\"; a rule inside And/Or/Not cannot");
            else if (!value.is_string())
                ctx.error(at, state.name, "\"Next\" must be a state name, not " + typeName(value));
        } else if (key == "Assign") {
            if (!top)
                ctx.error(at, state.name, "only top-level Choice rules have \"Assign\"");
            else if (!value.is_object())
                ctx.error(at, state.name, "\"Assign\" must be an object, not " + typeName(value));
            else
                checkPayloadTemplate(ctx, state, value, at, "Assign");
        } else if (key == "Comment") {
            if (!value.is_string())
                ctx.error(at, state.name, "\"Comment\" must be a string");
        } else if (key == "Condition") {
            ctx.error(at, state.name,
                      "\"Condition\" is a JSONata field, but this state uses JSONPath; use \"Variable\" with "
                      "a comparison "
                      "or set \"QueryLanguage\": \"JSONata\"");
        } else if (key == "End") {
            ctx.error(at, state.name,
                      "a Choice rule cannot end the execution; give it a \"Next\" state (a Succeed state, "
                      "for example)");
        } else {
            ctx.error(at, state.name, "unknown field " + inQuotes(key) + " in a Choice rule");
        }
    }
    if (top && !rule.contains("Next"))
        ctx.error(pointer, state.name, "a Choice rule needs \"Next\": the state to go to when it matches");
    if (!booleans.empty()) {
        if (booleans.size() > 1)
            ctx.error(pointer, state.name, "a Choice rule can have only one of \"And\", \"Or\" and \"Not\"");
        if (rule.contains("Variable") || !comparisons.empty())
            ctx.error(pointer, state.name,
                      "a Choice rule is either a comparison (\"Variable\" and an operator) or a combination "
                      "(\"And\", \"Or\", \"Not\"), not both");
        for (const std::string &b : booleans) {
            const Json &inner = rule[b];
            const std::string at = pointer + "/" + b;
            if (b == "Not") {
                checkRule(ctx, state, inner, at, false, depth + 1);
            } else if (!inner.is_array() || inner.empty()) {
                ctx.error(at, state.name, inQuotes(b) + " must be a non-empty list of Choice rules");
            } else {
                for (std::size_t i = 0; i < inner.size(); ++i)
                    checkRule(ctx, state, inner[i], at + "/" + std::to_string(i), false, depth + 1);
            }
        }
        return;
    }
    if (!rule.contains("Variable")) {
        ctx.error(pointer, state.name,
                  comparisons.empty() ? "a Choice rule needs a comparison (\"Variable\" with an operator "
                                        "such as \"StringEquals\") or \"And\", \"Or\" or \"Not\""
                                      : "a comparison needs \"Variable\": the path of the value to compare");
        return;
    }
    if (comparisons.empty())
        ctx.error(pointer, state.name,
                  "the rule has \"Variable\" but no comparison operator (StringEquals, NumericGreaterThan, "
                  "IsPresent, ...)");
    else if (comparisons.size() > 1)
        ctx.error(pointer + "/" + escapePointerToken(comparisons[1]), state.name,
                  "a Choice rule can have only one comparison operator; it has " + inQuotes(comparisons[0]) +
                      " and " + inQuotes(comparisons[1]) + " (combine rules with \"And\")");
}

void checkJsonataRule(Context &ctx, const StateRef &state, const Json &rule, const std::string &pointer)
{
    if (!rule.is_object()) {
        ctx.error(pointer, state.name, "a Choice rule must be an object, not " + typeName(rule));
        return;
    }
    for (const auto &[key, value] : rule.items()) {
        const std::string at = pointer + "/" + escapePointerToken(key);
        if (key == "Condition") {
            if (!value.is_boolean())
                checkJsonataField(ctx, state, value, at, "Condition");
        } else if (key == "Next") {
            if (!value.is_string())
                ctx.error(at, state.name, "\"Next\" must be a state name, not " + typeName(value));
        } else if (key == "Assign") {
            if (!value.is_object())
                ctx.error(at, state.name, "\"Assign\" must be an object, not " + typeName(value));
            else
                checkJsonataTemplate(ctx, state, value, at, "Assign");
        } else if (key == "Output") {
            // The state's output when this rule matches. Not in the Choice rule field list of the AWS guide,
            // but Step Functions accepts it and AWS samples use it (LocalStack #12048, cfn-lint #4206).
            if (value.is_string())
                checkJsonataField(ctx, state, value, at, "Output");
            else
                checkJsonataTemplate(ctx, state, value, at, "Output");
        } else if (key == "Comment") {
            if (!value.is_string())
                ctx.error(at, state.name, "\"Comment\" must be a string");
        } else if (key == "Variable" || key == "And" || key == "Or" || key == "Not" || findComparator(key)) {
            ctx.error(at, state.name,
                      inQuotes(key) +
                          " is a JSONPath Choice rule field, but this state uses JSONata; write the test as "
                          "\"Condition\": \"{% ... %}\"");
        } else {
            ctx.error(at, state.name, "unknown field " + inQuotes(key) + " in a Choice rule");
        }
    }
    if (!rule.contains("Condition"))
        ctx.error(pointer, state.name, "a JSONata Choice rule needs \"Condition\": \"{% expression %}\"");
    if (!rule.contains("Next"))
        ctx.error(pointer, state.name, "a Choice rule needs \"Next\": the state to go to when it matches");
}

/** ErrorEquals of one retrier or catcher; returns true when it names States.ALL. */
bool checkErrorEquals(Context &ctx, const StateRef &state, const Json &entry, const std::string &pointer,
                      std::string_view what)
{
    const auto it = entry.find("ErrorEquals");
    if (it == entry.end()) {
        ctx.error(pointer, state.name,
                  std::string("a ") + std::string(what) +
                      " needs \"ErrorEquals\": the error names it handles, e.g. [\"States.ALL\"]");
        return false;
    }
    const std::string at = pointer + "/ErrorEquals";
    if (!it->is_array()) {
        ctx.error(at, state.name, "\"ErrorEquals\" must be a list of error names, not " + typeName(*it));
        return false;
    }
    if (it->empty()) {
        ctx.error(at, state.name, "\"ErrorEquals\" must name at least one error (non-empty list required)");
        return false;
    }
    bool all = false;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json &name = (*it)[i];
        if (!name.is_string()) {
            ctx.error(at + "/" + std::to_string(i), state.name,
                      "error names must be strings, not " + typeName(name));
            continue;
        }
        if (name == "States.ALL") {
            all = true;
            if (it->size() > 1)
                ctx.error(at + "/" + std::to_string(i), state.name,
                          "\"States.ALL\" must be the only error name in its \"ErrorEquals\"");
        }
    }
    return all;
}

void checkNumber(Context &ctx, const StateRef &state, const Json &entry, const std::string &pointer,
                 std::string_view field, bool integral, double min, double max)
{
    const auto it = entry.find(std::string(field));
    if (it == entry.end() || isPlaceholderValue(*it))
        return;
    const std::string at = pointer + "/" + std::string(field);
    if (!it->is_number() || (integral && !isIntegral(*it))) {
        ctx.error(at, state.name,
                  inQuotes(field) + (integral ? " must be a whole number, not " : " must be a number, not ") +
                      typeName(*it));
        return;
    }
    const double v = it->get<double>();
    if (v < min || v > max) {
        auto text = [](double d) { return std::to_string(static_cast<long long>(d)); }; // bounds are whole
        const std::string range =
            max < 1e300 ? "from " + text(min) + " to " + text(max) : "at least " + text(min);
        ctx.error(at, state.name,
                  inQuotes(field) + " must be " + range + " (it is " +
                      it->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
    }
}

/** Checks the list of retriers or catchers; `catcher` selects which. */
template <typename EntryCheck>
void checkHandlers(Context &ctx, const StateRef &state, std::string_view field, std::string_view what,
                   EntryCheck check)
{
    const auto it = state.json.find(std::string(field));
    if (it == state.json.end())
        return;
    const std::string pointer = state.pointer + "/" + std::string(field);
    if (!it->is_array()) {
        ctx.error(pointer, state.name,
                  inQuotes(field) + " must be a list of " + std::string(what) + "s, not " + typeName(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json &entry = (*it)[i];
        const std::string at = pointer + "/" + std::to_string(i);
        if (!entry.is_object()) {
            ctx.error(at, state.name,
                      std::string("a ") + std::string(what) + " must be an object, not " + typeName(entry));
            continue;
        }
        const bool all = checkErrorEquals(ctx, state, entry, at, what);
        if (all && i + 1 < it->size())
            ctx.error(at + "/ErrorEquals", state.name,
                      std::string("the ") + std::string(what) +
                          " for \"States.ALL\" must be the last one; the ones after it can never apply");
        check(entry, at);
    }
}

} // namespace

void checkChoice(Context &ctx, const StateRef &state)
{
    const auto choices = state.json.find("Choices");
    if (choices == state.json.end()) {
        ctx.error(state.pointer, state.name, "a Choice state needs \"Choices\": a non-empty list of rules");
    } else if (!choices->is_array() || choices->empty()) {
        ctx.error(state.pointer + "/Choices", state.name, "\"Choices\" must be a non-empty list of rules");
    } else {
        for (std::size_t i = 0; i < choices->size(); ++i) {
            const std::string at = state.pointer + "/Choices/" + std::to_string(i);
            if (state.language == QueryLanguage::Jsonata)
                checkJsonataRule(ctx, state, (*choices)[i], at);
            else
                checkRule(ctx, state, (*choices)[i], at, true, 0);
        }
    }
    if (auto d = state.json.find("Default"); d != state.json.end() && !d->is_string())
        ctx.error(state.pointer + "/Default", state.name,
                  "\"Default\" must be a state name, not " + typeName(*d));
}

void checkRetry(Context &ctx, const StateRef &state)
{
    checkHandlers(ctx, state, "Retry", "retrier", [&](const Json &entry, const std::string &at) {
        for (const auto &[key, value] : entry.items()) {
            static constexpr std::string_view kFields[] = {"ErrorEquals", "IntervalSeconds", "MaxAttempts",
                                                           "BackoffRate", "MaxDelaySeconds", "JitterStrategy",
                                                           "Comment"};
            if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
                ctx.error(at + "/" + escapePointerToken(key), state.name,
                          "unknown field " + inQuotes(key) + " in a retrier");
        }
        checkNumber(ctx, state, entry, at, "IntervalSeconds", true, 1, 99999999);
        checkNumber(ctx, state, entry, at, "MaxAttempts", true, 0, 99999999);
        checkNumber(ctx, state, entry, at, "BackoffRate", false, 1, 1e308);
        checkNumber(ctx, state, entry, at, "MaxDelaySeconds", true, 1, 31622400);
        if (auto j = entry.find("JitterStrategy"); j != entry.end() && *j != "FULL" && *j != "NONE")
            ctx.error(at + "/JitterStrategy", state.name,
                      "\"JitterStrategy\" must be \"FULL\" or \"NONE\" (it is " +
                          j->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
        if (auto c = entry.find("Comment"); c != entry.end() && !c->is_string())
            ctx.error(at + "/Comment", state.name, "\"Comment\" must be a string");
    });
}

void checkCatch(Context &ctx, const StateRef &state)
{
    const bool jsonata = state.language == QueryLanguage::Jsonata;
    checkHandlers(ctx, state, "Catch", "catcher", [&](const Json &entry, const std::string &at) {
        for (const auto &[key, value] : entry.items()) {
            const std::string p = at + "/" + escapePointerToken(key);
            if (key == "ErrorEquals" || key == "Comment") {
                continue;
            } else if (key == "Next") {
                if (!value.is_string())
                    ctx.error(p, state.name, "\"Next\" must be a state name, not " + typeName(value));
            } else if (key == "ResultPath") {
                if (jsonata)
                    ctx.error(
                        p, state.name,
                        "\"ResultPath\" is a JSONPath field, but this state uses JSONata; use \"Output\"");
                else
                    checkPathField(ctx, state, value, p, "ResultPath", PathKind::ResultPath, true);
            } else if (key == "Output") {
                if (!jsonata)
                    ctx.error(
                        p, state.name,
                        "\"Output\" is a JSONata field, but this state uses JSONPath; use \"ResultPath\"");
                else if (value.is_string())
                    checkJsonataField(ctx, state, value, p, "Output");
                else
                    checkJsonataTemplate(ctx, state, value, p, "Output");
            } else if (key == "Assign") {
                if (!value.is_object())
                    ctx.error(p, state.name, "\"Assign\" must be an object, not " + typeName(value));
                else if (jsonata)
                    checkJsonataTemplate(ctx, state, value, p, "Assign");
                else
                    checkPayloadTemplate(ctx, state, value, p, "Assign");
            } else {
                ctx.error(p, state.name, "unknown field " + inQuotes(key) + " in a catcher");
            }
        }
        if (!entry.contains("Next"))
            ctx.error(at, state.name,
                      "a catcher needs \"Next\": the state to go to when it catches an error");
        if (auto c = entry.find("Comment"); c != entry.end() && !c->is_string())
            ctx.error(at + "/Comment", state.name, "\"Comment\" must be a string");
    });
}

} // namespace egress::asl::detail
