#pragma once

#include "asl/json.h"

#include <optional>
#include <string>

namespace egress::sim {

using Json = asl::Json;

/**
 * Evaluates JSONata expressions for states with QueryLanguage JSONata. The interpreter stays Qt-free: the
 * implementation (the official jsonata library inside QJSEngine) lives in app/jsonata and is handed in.
 */
class JsonataEvaluator
{
public:
    struct Result
    {
        bool ok = false;
        std::optional<Json> value; ///< empty when the expression is undefined (no match)
        std::string error;         ///< the library's message when !ok
    };

    virtual ~JsonataEvaluator() = default;
    /** `bindings`: an object of variable name (without `$`) → value; `states` carries $states. */
    virtual Result evaluate(const std::string &expression, const Json &bindings) = 0;
};

} // namespace egress::sim
