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

/** Adds "Load &usage…" (object name "loadUsage") to the File menu. */
void addUsageAction(MainWindow &window, QMenu *fileMenu);

} // namespace egress::studio
