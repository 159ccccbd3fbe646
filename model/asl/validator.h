#pragma once

#include "asl/diagnostic.h"
#include "asl/json.h"
#include "asl/reader.h"

#include <string>
#include <vector>

namespace egress::asl {

struct ValidationOptions
{
    /** Check that Task Resources are ARNs (asl-validator's checkArn). Off accepts statelint's "foo:bar". */
    bool checkArn = true;
    /** Report unreachable states (errors, as Step Functions refuses them; off while a list is half-edited).
     */
    bool reportUnreachable = true;
};

/**
 * Checks an ASL definition against the language's rules (docs/validation.md lists them). Returns every
 * problem with its severity, JSON pointer, state name and message; `file` is copied into each diagnostic.
 * Never throws; hostile nesting is reported, not followed.
 */
std::vector<Diagnostic> validateDefinition(const Json &definition, const std::string &file = {},
                                           const ValidationOptions &options = {});

/**
 * Everything wrong with a file as read: its parse error (with line and column), or the keys that occur
 * twice in one object (ReadResult::duplicateKeys, as errors) followed by validateDefinition's findings.
 * The CLI's `validate` and the tests use this, so both report the same problems.
 */
std::vector<Diagnostic> validateRead(const ReadResult &read, const std::string &file,
                                     const ValidationOptions &options = {});

/** One error per key that occurs twice in an object of the file (ReadResult::duplicateKeys), naming the
 * state. */
std::vector<Diagnostic> duplicateKeyProblems(const ReadResult &read, const std::string &file);

} // namespace egress::asl
