#pragma once

#include "asl/diagnostic.h"
#include "asl/json.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace egress::asl {

enum class TextFormat { JsonText, YamlText };

/** YAML for *.yaml / *.yml (any case), JSON otherwise. */
TextFormat formatForPath(std::string_view path);

/** The result of reading a document: a value, or the parse error with its line and column. */
struct ReadResult
{
    std::optional<Json> value;
    std::optional<Diagnostic> error;
    /** JSON pointers of object keys that occurred twice in the text (the last one wins in `value`). */
    std::vector<std::string> duplicateKeys;
    /** The text of numbers the writers would write differently (1.50, 1e2, huge integers), by pointer. */
    NumberForms numberForms;

    explicit operator bool() const { return value.has_value(); }
};

/** Largest file the readers accept; Step Functions' own limit on a definition is 1 MB. */
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

/**
 * The deepest nesting of arrays and objects any reader accepts (JSON, YAML, projects, templates, price
 * tables), checked before anything else looks at the document. Real definitions nest about 20 levels (the
 * deepest of the 847 corpus files: 22); far below this, so every recursive walk over a document (the
 * writers, the validator, the layout, the exports) stays shallow, and pretty-printed output stays within a
 * fixed factor of the input (indentation is at most 2 × this many spaces a line).
 */
inline constexpr std::size_t kMaxNestingDepth = 128;

/** The message of a document nested deeper than kMaxNestingDepth (the readers add file, line and column). */
std::string nestingTooDeepMessage();

/**
 * Parses JSON. Bare `${Placeholder}` tokens where a value belongs (as Terraform templatefile and
 * SAM DefinitionSubstitutions allow) are read as the string "${Placeholder}".
 */
ReadResult parseJson(std::string_view text, const std::string &fileName);

/**
 * Parses YAML (1.2 core schema scalars; anchors and aliases resolved). CloudFormation short-form tags
 * (!Ref, !GetAtt, !Sub, ...) become their long-form JSON objects.
 */
ReadResult parseYaml(std::string_view text, const std::string &fileName);

ReadResult parseText(std::string_view text, const std::string &fileName, TextFormat format);

/** Reads and parses a file; the format comes from its extension. Missing or oversized files are errors. */
ReadResult readFile(const std::string &path);

/** Why `path` cannot be an input: missing, a directory, a FIFO, device or socket; nullopt for a regular file.
 */
std::optional<std::string> notAnInputFile(const std::string &path);

/** Reads a whole file into `out`; on failure returns a message naming the file. */
std::optional<std::string> readWholeFile(const std::string &path, std::string &out,
                                         std::size_t maxBytes = kMaxInputBytes);

} // namespace egress::asl
