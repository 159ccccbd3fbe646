// Frame time while dragging a step on a generated 1,000-state workflow in the real designer window:
// each frame is one mouse-move event through the view (the scene moves the step, re-routes its edges,
// re-fits its containers) plus a synchronous repaint of the viewport. Goal: ≤ 16 ms (60 frames/s).
// Runs offscreen (QT_QPA_PLATFORM=offscreen) unless a display is set.
#include "benchsupport.h"
#include "design/project.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "generator.h"
#include "layout/layout.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QTest>
#include <QUndoStack>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace bench = egress::bench;
using namespace egress::studio;

namespace {

struct Frames
{
    double median = 0, p95 = 0, release = 0;
};

/** Drags `name` along a path of `frames` mouse moves; returns per-frame statistics. */
Frames dragFrames(MainWindow &w, const QString &name, int frames)
{
    QWidget *viewport = w.view()->viewport();
    StepItem *item = w.scene()->stepItem(name);
    const QPoint start = w.view()->mapFromScene(item->sceneBoxRect().center());
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    std::vector<double> times;
    for (int i = 1; i <= frames; ++i) {
        // A loop around the start: crosses neighbours, edges and (for most steps) the VPC border.
        const double a = i * 0.05;
        const QPoint p =
            start + QPoint(static_cast<int>(260 * std::sin(a)), static_cast<int>(120 * std::sin(2 * a)));
        const auto t0 = std::chrono::steady_clock::now();
        QTest::mouseMove(viewport, p);
        viewport->repaint();
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    const auto t0 = std::chrono::steady_clock::now();
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + QPoint(40, 0));
    viewport->repaint();
    Frames f;
    f.release = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::sort(times.begin(), times.end());
    f.median = times[times.size() / 2];
    f.p95 = times[times.size() * 95 / 100];
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EgressStudioBench"));
    applyTheme(ThemeChoice::Light);

    egress::asl::GeneratorOptions options;
    options.states = 1000;
    options.seed = 7;
    egress::design::Project project = egress::asl::generateProject(options);
    egress::layout::autoLayout(project);

    MainWindow w;
    w.setInteractive(false);
    w.resize(1600, 1000);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) {
        std::fprintf(stderr, "bench_gui_drag: the window was not shown\n");
        return 1;
    }
    const double openMs = bench::onceMs([&] { w.document()->resetProject(project, QString()); });
    bench::report("gui open 1,000-state project (scene build)", openMs, "ms");

    // A top-level Lambda step with edges: the usual thing a user drags.
    QString name;
    const auto &index = w.document()->index();
    for (const auto &state : index.states()) {
        StepItem *item = w.scene()->stepItem(QString::fromStdString(state.name));
        if (item && item->kind() == StepKind::Lambda && state.scope == 0 &&
            !index.edgesFrom(index.indexOf(state.name)).empty()) {
            name = item->name();
            break;
        }
    }
    if (name.isEmpty()) {
        std::fprintf(stderr, "bench_gui_drag: no top-level Lambda step in the generated workflow\n");
        return 1;
    }

    w.view()->resetZoom();
    w.view()->centerOnStep(name);
    QApplication::processEvents();
    const Frames close = dragFrames(w, name, 200);
    bench::reportAtMost("gui drag frame, 1,000 states, 100 % zoom (median)", close.median, "ms", 16);
    bench::reportAtMost("gui drag frame, 1,000 states, 100 % zoom (95th pct)", close.p95, "ms", 16);
    bench::report("gui drop (one command, placement), 1,000 states", close.release, "ms");

    w.view()->zoomToFit(); // every box on screen: the worst case for painting
    QApplication::processEvents();
    const Frames all = dragFrames(w, name, 100);
    bench::reportAtMost("gui drag frame, 1,000 states, fit to window (median)", all.median, "ms", 16);
    bench::report("gui drag frame, 1,000 states, fit to window (95th pct)", all.p95, "ms");
    if (w.document()->undoStack()->count() != 2) {
        std::fprintf(stderr, "bench_gui_drag: expected one command per drag, got %d\n",
                     w.document()->undoStack()->count());
        return 1;
    }
    return 0;
}
