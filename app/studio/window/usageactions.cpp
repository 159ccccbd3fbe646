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

bool forgetMeasuredExecutionTime(Document &doc)
{
    if (!doc.project().usage.executionSeconds)
        return false;
    design::Project project = doc.project();
    project.usage.executionSeconds.reset();
    Edits::setProject(doc, QObject::tr("Forget measured execution time"), project);
    return true;
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

    // Loading usage sets the measured time with the rest; this takes back only the time (undo would take
    // back the durations and the volume too), e.g. after the workflow changed so much the measurement is
    // stale.
    QAction *forget = fileMenu->addAction(QObject::tr("Forget measured execution time"));
    forget->setObjectName(QStringLiteral("forgetExecutionTime"));
    forget->setStatusTip(QObject::tr("Bill Express by the sum of the steps' durations again instead of the "
                                     "execution time loaded from CloudWatch"));
    const auto refresh = [forget, &window] {
        forget->setEnabled(window.document()->project().usage.executionSeconds.has_value());
    };
    refresh();
    QObject::connect(window.document(), &Document::usageChanged, forget, refresh);
    QObject::connect(window.document(), &Document::projectReset, forget, refresh);
    QObject::connect(forget, &QAction::triggered, &window,
                     [&window] { forgetMeasuredExecutionTime(*window.document()); });
}

} // namespace egress::studio
