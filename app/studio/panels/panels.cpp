#include "panels.h"

#include "analysis.h"
#include "billview.h"
#include "codepanel.h"
#include "costpanel.h"
#include "document.h"
#include "egressoverlay.h"
#include "exportactions.h"
#include "mainwindow.h"
#include "problemspanel.h"
#include "runoverlay.h"
#include "runpanel.h"

#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>

namespace egress::studio {

void installPanels(MainWindow &window)
{
    Panels p;
    p.cost = new CostPanel(window.document());
    p.cost->setObjectName(QStringLiteral("costPanel"));
    p.problems = new ProblemsPanel(window.document(), window.scene());
    p.problems->setObjectName(QStringLiteral("problemsPanel"));
    p.code = new CodePanel(window.document(), window.scene());
    p.code->setObjectName(QStringLiteral("codePanel"));
    p.egress = new EgressOverlay(window.document(), window.scene(), &window);
    p.egress->setObjectName(QStringLiteral("egressOverlay"));

    // The Problems list and the overlay observe the document's Analysis themselves; the bill beside the
    // estimate is a tab of the cost panel next to the chart and the map.
    Analysis *analysis = window.document()->analysis();
    auto *bill = new BillView;
    bill->setObjectName(QStringLiteral("billView"));
    p.cost->views()->addTab(bill, QObject::tr("Bill"));
    QObject::connect(analysis, &Analysis::reportChanged, bill, &BillView::setReport);
    bill->setReport(analysis->report());

    auto dock = [&window](QWidget *panel, const QString &title, const char *name, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, &window);
        d->setObjectName(QLatin1String(name));
        d->setWidget(panel);
        window.addPanel(d, area);
        return d;
    };
    QDockWidget *cost = dock(p.cost, QObject::tr("Cost"), "costDock", Qt::RightDockWidgetArea);
    QDockWidget *code = dock(p.code, QObject::tr("Code"), "codeDock", Qt::RightDockWidgetArea);
    QDockWidget *problems =
        dock(p.problems, QObject::tr("Problems"), "problemsDock", Qt::BottomDockWidgetArea);
    p.run = new RunPanel(window.document());
    p.run->setObjectName(QStringLiteral("runPanel"));
    auto *overlay = new RunOverlay(window.document(), window.scene(), p.run, &window);
    overlay->setObjectName(QStringLiteral("runOverlay"));
    QDockWidget *run = dock(p.run, QObject::tr("Run"), "runDock", Qt::BottomDockWidgetArea);
    QObject::connect(p.run, &RunPanel::testCaseFiguresChanged, p.cost, [cost = p.cost, panel = p.run] {
        cost->setRunFigures(panel->testCaseFigures(), panel->mocksName());
    });
    // The mock file a project keeps beside it (NAME.mocks.json, as egress-cli run finds it) is read on open.
    auto loadMocksBeside = [&window, panel = p.run] {
        const QFileInfo project(window.document()->filePath());
        if (project.fileName().isEmpty())
            return;
        const QString base = project.fileName().section(QLatin1Char('.'), 0, 0);
        const QString mocks = project.dir().filePath(base + QStringLiteral(".mocks.json"));
        if (QFileInfo::exists(mocks))
            panel->loadMocks(mocks);
    };
    QObject::connect(window.document(), &Document::filePathChanged, p.run, loadMocksBeside);
    loadMocksBeside();
    // Default layout (a saved one replaces it): the canvas gets the middle and most of the height, so the
    // example opens near 100% at 1500×900. Left column: Palette over Inspector; right column: Cost with
    // Code behind it; Problems a strip under the canvas only (the side columns keep the corners).
    window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window.setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    auto *palette = window.findChild<QDockWidget *>(QStringLiteral("paletteDock"));
    auto *inspector = window.findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    if (palette && inspector) {
        window.splitDockWidget(palette, inspector, Qt::Vertical);
        window.resizeDocks({palette, inspector}, {330, 500}, Qt::Vertical);
    }
    window.tabifyDockWidget(cost, code);
    cost->raise();
    window.tabifyDockWidget(problems, run);
    problems->raise();
    if (palette)
        window.resizeDocks({palette, cost}, {270, 540}, Qt::Horizontal);
    window.resizeDocks({problems}, {120}, Qt::Vertical);
    QObject::connect(
        p.problems, &ProblemsPanel::countChanged, problems, [problems](int errors, int warnings) {
            problems->setWindowTitle(
                errors + warnings == 0
                    ? QObject::tr("Problems")
                    : QObject::tr("Problems (%1, %2)")
                          .arg(errors == 1 ? QObject::tr("1 error") : QObject::tr("%1 errors").arg(errors),
                               warnings == 1 ? QObject::tr("1 warning")
                                             : QObject::tr("%1 warnings").arg(warnings)));
        });
    p.problems->flush();

    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>())
        if (menu->objectName() == QLatin1String("exportMenu"))
            addExportActions(window, menu);
}

Panels panelsOf(const MainWindow &window)
{
    Panels p;
    // The Cost dock's widget: nothing looks for the panel itself to reach the analysis (that is the
    // document's).
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("costDock")))
        p.cost = qobject_cast<CostPanel *>(dock->widget());
    p.problems = window.findChild<ProblemsPanel *>(QStringLiteral("problemsPanel"));
    p.code = window.findChild<CodePanel *>(QStringLiteral("codePanel"));
    p.egress = window.findChild<EgressOverlay *>(QStringLiteral("egressOverlay"));
    p.run = window.findChild<RunPanel *>(QStringLiteral("runPanel"));
    return p;
}

} // namespace egress::studio
