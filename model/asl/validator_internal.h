#pragma once
// Shared pieces of the validator (validator*.cpp). Not part of the model's public API.

#include "asl/diagnostic.h"
#include "asl/json.h"
#include "asl/validator.h"
#include "asl/workflow.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace egress::asl::detail {

enum class QueryLanguage { JsonPath, Jsonata };

/** Nesting deeper than this (payload templates, Choice rules) is reported instead of followed. */
inline constexpr int kMaxValueDepth = 100;
/** Nesting of Parallel/Map scopes that the workflow index follows. */
inline constexpr int kMaxScopeDepth = 64;

/** The state being checked, with what every check needs to report against it. */
struct StateRef
{
    const Json &json;
    std::string name;
    std::string pointer;
    StateType type = StateType::Unknown;
    QueryLanguage language = QueryLanguage::JsonPath;
};

/** Collects diagnostics for one definition. */
class Context
{
public:
    Context(const Json &root, std::string file, const ValidationOptions &options)
        : m_root(root), m_file(std::move(file)), m_options(options)
    {
    }

    const Json &root() const { return m_root; }
    const ValidationOptions &options() const { return m_options; }

    void error(std::string pointer, std::string state, std::string message)
    {
        add(Severity::Error, std::move(pointer), std::move(state), std::move(message));
    }
    void warning(std::string pointer, std::string state, std::string message)
    {
        add(Severity::Warning, std::move(pointer), std::move(state), std::move(message));
    }
    void add(Severity severity, std::string pointer, std::string state, std::string message);

    std::vector<Diagnostic> take() { return std::move(m_out); }

private:
    const Json &m_root;
    std::string m_file;
    const ValidationOptions &m_options;
    std::vector<Diagnostic> m_out;
};

// --- small helpers (validator.cpp) ---
std::string inQuotes(std::string_view s);
std::string typeName(const Json &value);
/** An integer, or a float with an integral value ("2.0" as written in JSON). */
bool isIntegral(const Json &value);
/** A string that is exactly one ${Name} placeholder: substituted before deployment, so any value may stand
 * there. */
bool isPlaceholderValue(const Json &value);

// --- per-state fields (validator_fields.cpp) ---
/** An ARN (asl-validator's pattern; ${Placeholders} may stand for any part). */
bool isArn(std::string_view resource);
/** An RFC 3339 date-time with a time zone and a real date (JSON Schema's "date-time", which Step Functions
 * requires). */
bool isTimestamp(std::string_view s);
void checkStateFields(Context &ctx, const StateRef &state);

// --- Choice rules, Retry and Catch (validator_rules.cpp) ---
void checkChoice(Context &ctx, const StateRef &state);
void checkRetry(Context &ctx, const StateRef &state);
void checkCatch(Context &ctx, const StateRef &state);

// --- paths, payload templates, JSONata (validator_paths.cpp) ---
enum class PathKind {
    Path,            ///< InputPath, OutputPath: a JSONPath, no intrinsic functions.
    ReferencePath,   ///< ItemsPath, Variable, *Path fields: one node, no filters/wildcards/slices.
    ResultPath,      ///< a Reference Path without variables.
    PayloadTemplate, ///< the value of a "key.$" field: a path, a variable or an intrinsic function.
};

/** Checks a path expression; returns the problem in words, or nothing when it is valid. */
std::optional<std::string> checkPathSyntax(std::string_view path, PathKind kind);

/** Checks a path-valued field (string, or null where `nullable`). */
void checkPathField(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                    std::string_view field, PathKind kind, bool nullable);

/** Checks a JSONPath payload template: "key.$" values, duplicate keys after ".$" is stripped, nesting. */
void checkPayloadTemplate(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                          std::string_view field);

/** True when the string is written as a JSONata expression "{% ... %}" (however badly). */
bool looksLikeJsonata(std::string_view s);
/** Checks "{% expression %}" wrapping and the expression's syntax; returns the problem or nothing. */
std::optional<std::string> checkJsonataString(std::string_view s);

/** A field that must hold a JSONata expression string (Condition, Items as a string, ...). */
void checkJsonataField(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                       std::string_view field);
/** A JSONata template (Arguments, Output, Assign, ItemSelector): JSON where strings may be "{% %}". */
void checkJsonataTemplate(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                          std::string_view field, int depth = 0);

// --- JSONata syntax (validator_jsonata.cpp) ---
/** Parses a JSONata expression (the text between "{%" and "%}"); returns the syntax error or nothing. */
std::optional<std::string> jsonataSyntaxError(std::string_view expression);

} // namespace egress::asl::detail
