#include "usageactions.h"

#include "document.h"
#include "edits.h"
#include "mainwindow.h"
#include "usage/applyusage.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QUndoStack>

namespace egress::studio {

UsageLoadOutcome loadUsageInto(Document &doc, const QString &path)
{
    UsageLoadOutcome outcome;
    const usage::UsageLoad load = usage::loadUsage(path.toStdString());
    if (!load.usage) {
        outcome.summary = QString::fromStdString(load.error);
        return outcome;
    }
    const usage::UsageApplication application = usage::applyUsage(doc.project(), *load.usage);
    outcome.summary = QString::fromStdString(
        usage::formatApplication(application, *load.usage, QFileInfo(path).fileName().toStdString()));
    const int before = doc.undoStack()->count();
    Edits::setProject(doc, QObject::tr("Load usage %1").arg(QFileInfo(path).fileName()), application.project);
    outcome.applied = doc.undoStack()->count() > before;
    return outcome;
}

void addUsageAction(MainWindow &window, QMenu *fileMenu)
{
    QAction *action = fileMenu->addAction(QObject::tr("Load &usage…"));
    action->setObjectName(QStringLiteral("loadUsage"));
    action->setStatusTip(QObject::tr("Apply measured usage (egress-cli usage import): executions per month, "
                                     "Lambda durations, NAT bytes per execution"));
    QObject::connect(action, &QAction::triggered, &window, [&window] {
        const QString path = QFileDialog::getOpenFileName(&window, QObject::tr("Load usage"), {},
                                                          QObject::tr("Usage (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        const UsageLoadOutcome outcome = loadUsageInto(*window.document(), path);
        if (outcome.applied)
            QMessageBox::information(&window, QObject::tr("Usage loaded"), outcome.summary);
        else
            QMessageBox::warning(&window, QObject::tr("Usage not loaded"),
                                 outcome.summary.isEmpty() ? QObject::tr("Nothing changed.")
                                                           : outcome.summary);
    });
}

} // namespace egress::studio
