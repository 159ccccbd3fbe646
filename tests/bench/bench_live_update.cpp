// The live update of the cost, problems and code panels during a drag on a generated 1,000-state
// workflow: every frame moves the dragged Lambda step across the VPC boundary (so the cost is recomputed
// on a hypothetical project), runs the panels' coalesced updates and repaints the window. Goal: ≤ 16 ms.
// Runs offscreen unless QT_QPA_PLATFORM says otherwise.
#include "asl/generator.h"
#include "benchsupport.h"
#include "costpanel.h"
#include "design/projectedit.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "layout/layout.h"
#include "mainwindow.h"
#include "panels.h"

#include <QApplication>
#include <QTest>
#include <iostream>

namespace bench = egress::bench;
namespace design = egress::design;
using namespace egress::studio;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("egress-bench"));

    design::Project project = egress::asl::generateProject({.states = 1000, .seed = 1});
    egress::layout::autoLayout(project);
    MainWindow w;
    w.setInteractive(false);
    w.resize(1600, 1000);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) {
        std::cerr << "bench_live_update: the window was not exposed\n";
        return 1;
    }
    w.document()->resetProject(project, {});
    QCoreApplication::processEvents();

    // A top-level Lambda step inside the VPC to drag out and back in.
    QString name;
    for (const auto &[step, d] : project.steps)
        if (design::isVpcCapable(project, step) && d.placement == design::Placement::InsideVpc &&
            w.scene()->stepItem(QString::fromStdString(step)) &&
            w.scene()->stepItem(QString::fromStdString(step))->depth() == 0) {
            name = QString::fromStdString(step);
            break;
        }
    if (name.isEmpty()) {
        std::cerr << "bench_live_update: no top-level Lambda step inside the VPC\n";
        return 1;
    }
    CostPanel *cost = panelsOf(w).cost;
    const QRectF vpc(project.vpc.rect[0], project.vpc.rect[1], project.vpc.rect[2], project.vpc.rect[3]);
    const QPointF grab = w.scene()->stepItem(name)->sceneBoxRect().center();
    const QPointF outside(vpc.right() + 400, grab.y());
    w.view()->centerOn(grab);
    w.scene()->beginStepDrag(name, grab);

    int frame = 0;
    int recomputes = 0;
    QObject::connect(cost, &CostPanel::reportChanged, [&recomputes] { ++recomputes; });
    auto oneFrame = [&] {
        // Alternate across the boundary: every frame changes the placement and so the cost.
        w.scene()->dragStepsTo(++frame % 2 ? outside : grab);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(); // the 0-ms coalescing timers
        cost->flush();
        w.repaint();
    };
    const double ms = bench::medianMs(41, oneFrame);
    w.scene()->endStepDrag();
    if (recomputes < 40) {
        std::cerr << "bench_live_update: the cost was recomputed " << recomputes << " times in 42 frames\n";
        return 1;
    }
    const double computeMs = bench::medianMs(21, [&] {
        w.document()->setPreviewPlacement(name, ++frame % 2 ? design::Placement::OutsideVpc
                                                            : design::Placement::InsideVpc);
        cost->flush();
    });
    w.document()->clearPreview();
    bench::report("live update: cost recompute + panels, 1,000 states", computeMs, "ms");
    bench::reportAtMost("live update: drag frame with panels, 1,000 states", ms, "ms", 16);
    return 0;
}
