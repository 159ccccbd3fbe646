#pragma once

#include <QHash>
#include <QString>

namespace egress::studio {

/** Where a JSON value sits in a text: from its key (for object members) to the end of the value. */
struct TextRange
{
    int start = 0;
    int end = 0;
};

/**
 * Maps the JSON pointer of every object and array in a JSON text to its character range (UTF-16 offsets,
 * as QTextCursor counts). Tolerant: a malformed text yields the ranges found before the first error.
 * Used by the code panel to highlight a step's part of the text and to find the step under the cursor.
 */
QHash<QString, TextRange> jsonPointerRanges(const QString &text);

/**
 * The same for our YAML output (block style, two-space indent): each mapping key's range runs from the
 * key to the last line indented deeper. Sequences items get their index.
 */
QHash<QString, TextRange> yamlPointerRanges(const QString &text);

/** Escapes a key for a JSON pointer (~ → ~0, / → ~1). */
QString escapePointerToken(QString token);

} // namespace egress::studio
