#include "asl/diagnostic.h"

#include <algorithm>

namespace egress::asl {

const char *toString(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    }
    return "error";
}

std::string Diagnostic::toString() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    out += ": ";
    out += pointer.empty() ? std::string("/") : pointer;
    if (!state.empty())
        out += " (state " + state + ")";
    out += ": ";
    if (severity != Severity::Error)
        out += std::string(egress::asl::toString(severity)) + ": ";
    out += message;
    return out;
}

bool hasErrors(const std::vector<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace egress::asl
