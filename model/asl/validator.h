#pragma once

#include "asl/diagnostic.h"
#include "asl/json.h"

#include <string>
#include <vector>

namespace egress::asl {

struct ValidationOptions
{
    /** Check that Task Resources are ARNs (asl-validator's checkArn). Off accepts statelint's "foo:bar". */
    bool checkArn = true;
    /** Report unreachable states (as warnings). */
    bool reportUnreachable = true;
};

/**
 * Checks an ASL definition against the language's rules. Returns every problem with its severity,
 * JSON pointer, state name and message; `file` is copied into each diagnostic.
 */
std::vector<Diagnostic> validateDefinition(const Json &definition, const std::string &file = {},
                                           const ValidationOptions &options = {});

} // namespace egress::asl
