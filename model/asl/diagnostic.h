#pragma once

#include <string>
#include <vector>

namespace egress::asl {

enum class Severity { Error, Warning, Info };

/**
 * One problem found in a file: where (file, JSON pointer, and for parse errors line and column),
 * which state it concerns, and a message a user understands.
 */
struct Diagnostic
{
    Severity severity = Severity::Error;
    std::string file;
    std::string pointer; ///< RFC 6901 JSON pointer into the document; "" is the whole document.
    std::string state;   ///< The state the problem belongs to, empty when none.
    std::string message;
    int line = 0;   ///< 1-based; 0 when unknown (problems found after parsing carry a pointer instead).
    int column = 0; ///< 1-based; 0 when unknown.

    /** `FILE: POINTER (state NAME): message`, or `FILE:LINE:COLUMN: message` for parse errors. */
    std::string toString() const;
};

const char *toString(Severity severity);
bool hasErrors(const std::vector<Diagnostic> &diagnostics);

} // namespace egress::asl
