// Window and canvas features of the designer that the other suites do not drive (QT_QPA_PLATFORM=offscreen):
// a file dropped on the canvas opens, Open Recent, Find Step, the Arrange ▸ Align commands, and
// reconnecting an edge's end by dragging it to another step, edge labels clear of the boxes (also after a
// drag), a large import opening at a readable zoom, a tall design scrolling to its last state.
#include "corpus.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "edits.h"
#include "generator.h"
#include "layout/layout.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"
#include "studiotest.h"
#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace egress::studio;
using egress::studio::test::makeWindow;
namespace asl = egress::asl;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kParallel = egress::test::fixtureDir(QStringLiteral("asl/studio-parallel.json"));
/** 35 states with long names, a three-branch Parallel, Choices with Defaults, catches: a large import. */
const QString kLarge = egress::test::fixtureDir(QStringLiteral("asl/insurance-claims-large.asl.json"));

/** A 1600x1000 window with `path` open, or null (with a test failure) unless it opened at the readable zoom.
 */
std::unique_ptr<MainWindow> openAtReadableZoom(const QString &path)
{
    auto w = makeWindow();
    if (!w)
        return nullptr;
    w->resize(1600, 1000);
    if (!w->openFile(path)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot open %1").arg(path)), __FILE__, __LINE__);
        return nullptr;
    }
    QApplication::processEvents();
    if (!QTest::qCompare(w->view()->zoom(), DiagramView::kReadableZoom, "zoom", "kReadableZoom", __FILE__,
                         __LINE__))
        return nullptr;
    return w;
}

/** The part of the scene the canvas shows. */
QRectF visibleSceneRect(MainWindow &w)
{
    return w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
}

/** The boxes a label must not cover: every step's box (a container's title strip). */
QList<QPair<QString, QRectF>> stepBoxes(DiagramScene &scene)
{
    QList<QPair<QString, QRectF>> out;
    for (StepItem *s : scene.stepItems())
        out.append({s->name(), s->sceneBoxRect()});
    return out;
}

/** The four sides of the VPC region as thin strips (3 either side of the dashed line). */
QList<QRectF> vpcBorders(DiagramScene &scene)
{
    for (QGraphicsItem *item : scene.items())
        if (item->type() == VpcItem::Type) {
            const QRectF r = static_cast<VpcItem *>(item)->regionRect();
            return {
                QRectF(r.left(), r.top() - 3, r.width(), 6), QRectF(r.left(), r.bottom() - 3, r.width(), 6),
                QRectF(r.left() - 3, r.top(), 6, r.height()), QRectF(r.right() - 3, r.top(), 6, r.height())};
        }
    return {};
}

/** Every labelled edge's label against every box and every other label of the same step; "" when clear. */
QString labelCollisions(DiagramScene &scene)
{
    QStringList out;
    const auto boxes = stepBoxes(scene);
    const QList<EdgeItem *> edges = scene.edgeItems();
    for (EdgeItem *e : edges) {
        if (e->label().isEmpty())
            continue;
        const QRectF label = e->labelRect();
        for (const auto &[name, box] : boxes)
            if (label.intersects(box))
                out << QStringLiteral("\"%1\" (%2 → %3) covers \"%4\"")
                           .arg(e->label(), e->from(), e->to(), name);
        for (EdgeItem *other : edges)
            if (other != e && other->from() == e->from() && !other->label().isEmpty() &&
                label.intersects(other->labelRect()) && e < other)
                out << QStringLiteral("\"%1\" covers \"%2\"").arg(e->label(), other->label());
        for (const QRectF &border : vpcBorders(scene))
            if (label.intersects(border))
                out << QStringLiteral("\"%1\" (%2 → %3) lies on the VPC border")
                           .arg(e->label(), e->from(), e->to());
    }
    return out.join('\n');
}

/** How much of an edge's route (in scene units) runs along a VPC border, within 5 of one of its sides. */
qreal lengthAlongVpcBorder(DiagramScene &scene, const EdgeItem *edge)
{
    constexpr int kSamples = 400;
    const qreal step = edge->path().length() / kSamples;
    qreal along = 0;
    for (int k = 0; k <= kSamples; ++k) {
        const QPointF p = edge->path().pointAtPercent(k / qreal(kSamples));
        for (const QRectF &border : vpcBorders(scene))
            if (border.adjusted(-2, -2, 2, 2).contains(p)) {
                along += step;
                break;
            }
    }
    return along;
}

QAction *menuAction(MainWindow &w, const QString &menu, const QString &text)
{
    for (QAction *m : w.menuBar()->actions())
        if (m->text().remove('&') == menu && m->menu())
            for (QAction *a : m->menu()->actions())
                if (a->text().remove('&') == text)
                    return a;
    return nullptr;
}

} // namespace

class TestWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_window"));
    }

    void fileDroppedOnTheCanvasOpens()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(test::dropFileOnCanvas(*w, kExample));
        QCOMPARE(w->document()->filePath(), kExample);
        QVERIFY(w->scene()->stepItem(QStringLiteral("Call partner API")));
    }

    void openRecentReopens()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kParallel));
        QVERIFY(w->openFile(kExample));
        QAction *recent = menuAction(*w, QStringLiteral("File"), QStringLiteral("Open Recent"));
        QVERIFY(recent && recent->menu());
        QStringList entries;
        QAction *parallel = nullptr;
        for (QAction *a : recent->menu()->actions()) {
            entries << a->text();
            if (a->text().contains(QStringLiteral("studio-parallel.json")))
                parallel = a;
        }
        QVERIFY2(entries.size() >= 2 && entries.front().contains(QStringLiteral("partner-api")),
                 qPrintable(entries.join(" | ")));
        QVERIFY(parallel);
        parallel->trigger();
        // A bare definition opens as a new, untitled project: its step names say which file it was.
        QVERIFY(w->scene()->stepItem(QStringLiteral("Check stock and price")));
        QVERIFY(!w->scene()->stepItem(QStringLiteral("Call partner API")));
    }

    void findStepSelectsAndCentres()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        w->view()->resetZoom();
        w->view()->centerOn(-2000, -2000);
        QVERIFY(w->findStep(QStringLiteral("Partner unavailable")));
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Partner unavailable")});
        const QRectF visible = w->view()->mapToScene(w->view()->viewport()->rect()).boundingRect();
        QVERIFY(
            visible.contains(w->scene()->stepItem(QStringLiteral("Partner unavailable"))->sceneBoxRect()));
        QVERIFY(!w->findStep(QStringLiteral("No such step")));
    }

    void redoAndSaveAsKeysAndTheirList()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        QAction *redo = menuAction(*w, QStringLiteral("Edit"), QStringLiteral("Redo"));
        QAction *saveAs = menuAction(*w, QStringLiteral("File"), QStringLiteral("Save As…"));
        QVERIFY(redo && saveAs);
        QVERIFY(redo->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Y"))));
        QVERIFY(redo->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+Z"))));
        QVERIFY(saveAs->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+S"))));

        // Ctrl+Y redoes what Ctrl+Z undid, from the canvas.
        const QString step = QStringLiteral("Call partner API");
        const auto before = w->document()->project().step(step.toStdString()).position;
        w->scene()->selectSteps({step});
        w->view()->setFocus();
        QTest::keyClick(w->view(), Qt::Key_Right, Qt::AltModifier); // a nudge
        const auto moved = w->document()->project().step(step.toStdString()).position;
        QVERIFY(moved != before);
        QTest::keyClick(w->view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w->document()->project().step(step.toStdString()).position, before);
        QTest::keyClick(w->view(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(w->document()->project().step(step.toStdString()).position, moved);

        // Help ▸ Keyboard Shortcuts lists them, read from the menus.
        QAction *help = menuAction(*w, QStringLiteral("Help"), QStringLiteral("Keyboard Shortcuts"));
        QVERIFY(help);
        help->trigger();
        auto *dialog = w->findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QStringList rows;
        for (int r = 0; r < dialog->table()->rowCount(); ++r)
            rows << dialog->table()->item(r, 1)->text() + '=' + dialog->table()->item(r, 2)->text();
        QVERIFY2(rows.filter(QRegularExpression(QStringLiteral("^Redo=.*Ctrl\\+Y"))).size() == 1,
                 qPrintable(rows.join(" | ")));
        QVERIFY2(rows.filter(QRegularExpression(QStringLiteral("^Save As…=.*Ctrl\\+Shift\\+S"))).size() == 1,
                 qPrintable(rows.join(" | ")));
        dialog->close();
    }

    void alignFromTheArrangeMenu()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        const QStringList names{QStringLiteral("Prepare order"), QStringLiteral("Partner unavailable")};
        w->scene()->selectSteps(names);
        QAction *alignTop = menuAction(*w, QStringLiteral("Arrange"), QStringLiteral("Align Top"));
        QVERIFY(alignTop);
        alignTop->trigger();
        const auto a = doc->project().step("Prepare order").position,
                   b = doc->project().step("Partner unavailable").position;
        QCOMPARE((*a)[1], (*b)[1]);
        QCOMPARE(doc->undoStack()->count(), 1);
    }

    void portDragConnectsWithoutRubberBand()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        w->view()->resetZoom();
        StepItem *from = nullptr;
        for (StepItem *s : w->scene()->stepItems())
            if (s->hasPort() && s->name() != QLatin1String("Prepare order"))
                from = s;
        QVERIFY(from);
        StepItem *to = w->scene()->stepItem(QStringLiteral("Prepare order"));
        w->view()->centerOn(from->scenePortRect().center());
        w->scene()->clearSelection();
        QWidget *viewport = w->view()->viewport();
        const QPoint a = w->view()->mapFromScene(from->scenePortRect().center());
        const QPoint b = w->view()->mapFromScene(to->sceneBoxRect().center());
        QTest::mousePress(viewport, Qt::LeftButton, {}, a);
        QTest::mouseMove(viewport, (a + b) / 2);
        QTest::mouseMove(viewport, b);
        // Only the connection line follows the mouse: no rubber band selecting what the drag crosses.
        QVERIFY2(w->view()->rubberBandRect().isNull(), "a rubber band started with the connection drag");
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
        QVERIFY2(w->scene()->selectedStepNames().size() <= 1,
                 qPrintable(w->scene()->selectedStepNames().join(", ")));
    }

    void edgeEndReconnectedByDragging()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        EdgeItem *edge = nullptr;
        for (EdgeItem *e : w->scene()->edgeItems())
            if (e->from() == QLatin1String("Prepare order") && e->edge().kind == asl::EdgeKind::Next)
                edge = e;
        QVERIFY(edge);
        QCOMPARE(edge->to(), QStringLiteral("Call partner API"));
        w->view()->resetZoom();
        w->view()->centerOn(edge->endPoint());
        w->scene()->clearSelection();
        edge->setSelected(true);
        const QPointF target = w->scene()->stepItem(QStringLiteral("Record result"))->sceneBoxRect().center();
        QWidget *viewport = w->view()->viewport();
        const QPoint a = w->view()->mapFromScene(edge->endPoint()), b = w->view()->mapFromScene(target);
        QTest::mousePress(viewport, Qt::LeftButton, {}, a);
        QTest::mouseMove(viewport, (a + b) / 2);
        QTest::mouseMove(viewport, b);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
        QCOMPARE(QString::fromStdString(
                     doc->project().definition["States"]["Prepare order"]["Next"].get<std::string>()),
                 QStringLiteral("Record result"));
        QCOMPARE(doc->undoStack()->count(), 1);
        doc->undoStack()->undo();
        QCOMPARE(QString::fromStdString(
                     doc->project().definition["States"]["Prepare order"]["Next"].get<std::string>()),
                 QStringLiteral("Call partner API"));
    }

    void edgeLabelsStayClearOfSteps()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        DiagramScene &scene = *w->scene();
        QString collisions = labelCollisions(scene);
        QVERIFY2(collisions.isEmpty(), qPrintable(collisions));
        EdgeItem *catchEdge = nullptr;
        for (EdgeItem *e : scene.edgeItems())
            if (e->edge().kind == asl::EdgeKind::Catch)
                catchEdge = e;
        QVERIFY(catchEdge);
        QCOMPARE(catchEdge->label(), QStringLiteral("catch States.ALL"));
        // Drop a step that has nothing to do with the catch right onto its label: the label moves aside.
        QString other;
        for (StepItem *s : scene.stepItems())
            if (s->name() != catchEdge->from() && s->name() != catchEdge->to() && !isContainer(s->kind()))
                other = s->name();
        QVERIFY(!other.isEmpty());
        StepItem *moved = scene.stepItem(other);
        const QPointF grab = moved->sceneBoxRect().center();
        const QRectF before = catchEdge->labelRect();
        scene.beginStepDrag(other, grab);
        scene.dragStepsTo(before.center());
        scene.endStepDrag();
        QVERIFY(moved->sceneBoxRect().contains(before.center()));
        collisions = labelCollisions(scene);
        QVERIFY2(collisions.isEmpty(), qPrintable(collisions));

        // A generated layout (Graphviz) of a large import: Choice rules beside their Default, catches.
        QVERIFY(w->openFile(kLarge));
        collisions = labelCollisions(scene);
        QVERIFY2(collisions.isEmpty(), qPrintable(collisions));
    }

    void edgesDoNotRunUnderOtherSteps()
    {
        auto w = makeWindow();
        QVERIFY(w);
        // The example, and the Graphviz layout of a large import (a three-branch Parallel, catches, loops).
        for (const QString &file : {kExample, kLarge}) {
            QVERIFY(w->openFile(file));
            DiagramScene &scene = *w->scene();
            QStringList under;
            for (EdgeItem *e : scene.edgeItems())
                for (StepItem *s : scene.stepItems()) {
                    if (s->name() == e->from() || s->name() == e->to() || isContainer(s->kind()))
                        continue;
                    const QRectF inner = s->sceneBoxRect().adjusted(4, 4, -4, -4);
                    for (int k = 0; k <= 100; ++k)
                        if (inner.contains(e->path().pointAtPercent(k / 100.0))) {
                            under << QStringLiteral("%1 → %2 under %3").arg(e->from(), e->to(), s->name());
                            break;
                        }
                }
            QVERIFY2(under.isEmpty(), qPrintable(file + ": " + under.join('\n')));
        }
    }

    void parallelCatchesStayOffTheVpcBorder()
    {
        // A Parallel inside the VPC with two catches and a Next to steps just below it, the VPC's bottom
        // border halfway between: the edges cross that border, they do not run along it, and their labels
        // stay off it (the S-curves ran flat along it, labels on it, as in the corpus' quorum workflow).
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("fan-out.asl.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"StartAt": "Fan out", "States": {
            "Fan out": {"Type": "Parallel", "Next": "Done",
              "Branches": [
                {"StartAt": "Work A", "States": {"Work A": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "a"}, "End": true}}},
                {"StartAt": "Work B", "States": {"Work B": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "b"}, "End": true}}}],
              "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Timed out"},
                        {"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
            "Timed out": {"Type": "Pass", "End": true},
            "Failed": {"Type": "Fail", "Error": "Broken"},
            "Done": {"Type": "Succeed"}}})");
        file.close();
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(path));
        DiagramScene &scene = *w->scene();
        StepItem *fanOut = scene.stepItem(QStringLiteral("Fan out"));
        QVERIFY(fanOut);
        const QRectF frame = fanOut->sceneFrameRect();
        qreal below = 1e9;
        for (const QString &n :
             {QStringLiteral("Timed out"), QStringLiteral("Failed"), QStringLiteral("Done")})
            below = std::min(below, scene.stepItem(n)->sceneBoxRect().top());
        QVERIFY2(below > frame.bottom() + 30, "the layout put the targets beside the Parallel");
        egress::design::Vpc vpc = w->document()->project().vpc;
        const qreal bottom = std::round((frame.bottom() + below) / 2);
        vpc.rect = {frame.left() - 40, frame.top() - 40, frame.width() + 80, bottom - (frame.top() - 40)};
        Edits::setVpc(*w->document(), vpc, false);
        QApplication::processEvents();
        int edges = 0;
        for (EdgeItem *e : scene.edgeItems())
            if (e->from() == QLatin1String("Fan out")) {
                ++edges;
                const qreal along = lengthAlongVpcBorder(scene, e);
                QVERIFY2(along < 16, qPrintable(QStringLiteral("%1 → %2 runs %3 along the VPC border")
                                                    .arg(e->from(), e->to())
                                                    .arg(along)));
            }
        QCOMPARE(edges, 3);
        const QString collisions = labelCollisions(scene);
        QVERIFY2(collisions.isEmpty(), qPrintable(collisions));
    }

    void openingShowsTheTopOfTheDesign()
    {
        // A design too large to fit readably opens at the readable zoom with its first state (the top level's
        // StartAt) near the top of the view: its start marker and its whole box in view, in the upper third.
        const auto w = openAtReadableZoom(kLarge);
        QVERIFY(w);
        const QRectF visible = visibleSceneRect(*w);
        StepItem *first = w->scene()->stepItem(QStringLiteral("Receive Insurance Claim Submission"));
        QVERIFY(first);
        const QRectF box = first->sceneBoxRect();
        QVERIFY2(visible.contains(box), "the StartAt state is not wholly in view");
        QVERIFY2(box.top() < visible.top() + visible.height() / 3,
                 qPrintable(QStringLiteral("the StartAt's top is %1 below the view's top of %2")
                                .arg(box.top() - visible.top())
                                .arg(visible.height())));
        int markers = 0;
        for (QGraphicsItem *item : w->scene()->items())
            if (item->type() == StartItem::Type && item->sceneBoundingRect().bottom() <= box.top() + 2) {
                ++markers;
                QVERIFY2(visible.contains(item->sceneBoundingRect()), "the start marker is cut off");
            }
        QCOMPARE(markers, 1);
        // Nothing of the design lies above the view (the VPC's label included, with a margin): it starts at
        // the top.
        const qreal drawnTop = w->scene()->itemsBoundingRect().top();
        QVERIFY2(
            drawnTop >= visible.top() + 8,
            qPrintable(QStringLiteral("drawn from %1, the view from %2").arg(drawnTop).arg(visible.top())));
    }

    void openingAParallelFirstShowsItsTop()
    {
        // A first state that is a Parallel taller than the view: the view opens at its top (its start marker
        // and the VPC's label in view), not in the middle of its branches.
        QJsonObject states;
        QJsonArray branches;
        for (int b = 0; b < 3; ++b) {
            QJsonObject branchStates;
            for (int i = 0; i < 14; ++i) {
                QJsonObject pass{{QStringLiteral("Type"), QStringLiteral("Pass")}};
                if (i == 13)
                    pass[QStringLiteral("End")] = true;
                else
                    pass[QStringLiteral("Next")] = QStringLiteral("B%1 step %2").arg(b).arg(i + 1);
                branchStates[QStringLiteral("B%1 step %2").arg(b).arg(i)] = pass;
            }
            branches.append(QJsonObject{{QStringLiteral("StartAt"), QStringLiteral("B%1 step 0").arg(b)},
                                        {QStringLiteral("States"), branchStates}});
        }
        states[QStringLiteral("Fan out")] = QJsonObject{{QStringLiteral("Type"), QStringLiteral("Parallel")},
                                                        {QStringLiteral("Branches"), branches},
                                                        {QStringLiteral("Next"), QStringLiteral("Done")}};
        states[QStringLiteral("Done")] = QJsonObject{{QStringLiteral("Type"), QStringLiteral("Succeed")}};
        const QJsonObject definition{{QStringLiteral("StartAt"), QStringLiteral("Fan out")},
                                     {QStringLiteral("States"), states}};
        const QString path = m_tmp.filePath(QStringLiteral("tall-parallel.asl.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(definition).toJson());
        file.close();

        const auto w = openAtReadableZoom(path);
        QVERIFY(w);
        const QRectF visible = visibleSceneRect(*w);
        StepItem *first = w->scene()->stepItem(QStringLiteral("Fan out"));
        QVERIFY(first);
        QVERIFY2(first->sceneFrameRect().height() > visible.height(), "the Parallel fits the view: no test");
        QVERIFY2(first->sceneFrameRect().top() >= visible.top() &&
                     first->sceneFrameRect().top() < visible.top() + visible.height() / 4,
                 qPrintable(QStringLiteral("the Parallel's top is at %1, the view from %2 to %3")
                                .arg(first->sceneFrameRect().top())
                                .arg(visible.top())
                                .arg(visible.bottom())));
    }

    void openingAWideDesignShowsItsLeftEdge()
    {
        // A design wider than the view at the readable zoom opens from its left edge (a wide Parallel's first
        // branches in view) when its first state stays in view too; centring on the first state cut them off.
        const auto w = openAtReadableZoom(kLarge);
        QVERIFY(w);
        const QRectF visible = visibleSceneRect(*w);
        const QRectF drawn = w->scene()->itemsBoundingRect();
        StepItem *first = w->scene()->stepItem(QStringLiteral("Receive Insurance Claim Submission"));
        QVERIFY(first);
        QVERIFY2(visible.contains(first->sceneBoxRect()), "the StartAt state is not wholly in view");
        if (drawn.width() <= visible.width())
            QSKIP("the fixture fits the view's width at the readable zoom: nothing to choose");
        const bool leftEdgeFits = first->sceneFrameRect().right() + 24 - drawn.left() <= visible.width();
        if (leftEdgeFits)
            QVERIFY2(drawn.left() >= visible.left() && drawn.left() <= visible.left() + 60,
                     qPrintable(QStringLiteral("drawn from x %1, the view from %2")
                                    .arg(drawn.left())
                                    .arg(visible.left())));
        else
            QVERIFY(first->sceneFrameRect().right() <= visible.right());
    }

    void largeImportOpensReadable()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kLarge));
        QCOMPARE(w->scene()->stepItems().size(), 35);
        QApplication::processEvents();
        // Fitting 35 states would draw them too small for their names; the start is shown readable instead.
        QVERIFY2(w->view()->zoom() >= DiagramView::kReadableZoom - 1e-9,
                 qPrintable(QString::number(w->view()->zoom())));
        StepItem *first = w->scene()->stepItem(QStringLiteral("Receive Insurance Claim Submission"));
        QVERIFY(first);
        const QRectF visible = w->view()->mapToScene(w->view()->viewport()->rect()).boundingRect();
        QVERIFY2(visible.contains(first->sceneBoxRect()), "the StartAt state is not in view");
        // The whole name on hover, even where the box wraps or cuts it.
        StepItem *longName = w->scene()->stepItem(QStringLiteral("Archive Claim Documents To Cold Storage"));
        QVERIFY(longName);
        QVERIFY(longName->toolTip().contains(QLatin1String("Archive Claim Documents To Cold Storage")));
        // A small design still opens fitted.
        QVERIFY(w->openFile(kExample));
        QApplication::processEvents();
        const QRectF all = w->view()->mapToScene(w->view()->viewport()->rect()).boundingRect();
        for (StepItem *s : w->scene()->stepItems())
            QVERIFY2(all.contains(s->sceneBoxRect()), qPrintable(s->name()));
    }

    void tallDesignScrollsToItsLastState()
    {
        // The generated 1,000-state layout is about 71,000 px tall: past the ±50,000 px open canvas the view
        // once had, so its last states could not be scrolled to.
        auto w = makeWindow();
        QVERIFY(w);
        egress::design::Project project = asl::generateProject({.states = 1000, .seed = 1});
        egress::layout::autoLayout(project);
        w->document()->resetProject(project, {});
        QApplication::processEvents();
        DiagramView *view = w->view();
        StepItem *last = nullptr;
        for (StepItem *s : w->scene()->stepItems())
            if (!last || s->sceneBoxRect().bottom() > last->sceneBoxRect().bottom())
                last = s;
        QVERIFY(last);
        QVERIFY2(last->sceneBoxRect().bottom() > 50000,
                 qPrintable(QString::number(last->sceneBoxRect().bottom())));
        auto visible = [&] { return view->mapToScene(view->viewport()->rect()).boundingRect(); };
        view->centerOn(last->sceneBoxRect().center());
        QVERIFY2(visible().contains(last->sceneBoxRect()), qPrintable(last->name()));
        // The scroll bar goes past it by the margin.
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        QVERIFY(visible().bottom() >= last->sceneBoxRect().bottom() + DiagramView::kSceneMargin - 1);

        // Dragged further down, the area grows with the step, and it does not shrink (or jump) when the
        // step comes back, during the drag or after the drop.
        const QPointF grab = last->sceneBoxRect().center();
        w->scene()->beginStepDrag(last->name(), grab);
        w->scene()->dragStepsTo(grab + QPointF(0, 6000));
        QApplication::processEvents();
        const QRectF grown = view->sceneRect();
        QVERIFY(grown.contains(last->sceneBoxRect().adjusted(0, 0, 0, DiagramView::kSceneMargin)));
        view->centerOn(last->sceneBoxRect().center());
        QVERIFY(visible().contains(last->sceneBoxRect()));
        w->scene()->dragStepsTo(grab);
        QApplication::processEvents();
        QCOMPARE(view->sceneRect(), grown);
        w->scene()->endStepDrag();
        QApplication::processEvents();
        QCOMPARE(view->sceneRect(), grown);
    }
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
