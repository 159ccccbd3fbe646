#pragma once

// File ▸ Load usage…: measured usage (`egress-cli usage import`, docs/usage.md) applied to the open project
// as one undoable command, as `egress-cli cost P --usage USAGE.json` applies it.
#include <QString>

class QMenu;

namespace egress::studio {

class Document;
class MainWindow;

struct UsageLoadOutcome
{
    bool applied = false; ///< one command was pushed on the document's undo stack
    QString summary;      ///< what changed and what could not be matched; or the error naming the file
};

/** Reads the usage file and applies it to the document (nothing changes when it cannot be read). */
UsageLoadOutcome loadUsageInto(Document &doc, const QString &path);

/**
 * Removes the measured execution time (`usage.executionSeconds`) so Express is billed by the steps' sum
 * again; one undoable command. Returns false (and pushes nothing) when the project has no measured time.
 */
bool forgetMeasuredExecutionTime(Document &doc);

/**
 * Adds "Load &usage…" (object name "loadUsage") and "Forget measured execution time" (object name
 * "forgetExecutionTime", enabled only while the project has one) to the File menu.
 */
void addUsageAction(MainWindow &window, QMenu *fileMenu);

} // namespace egress::studio
