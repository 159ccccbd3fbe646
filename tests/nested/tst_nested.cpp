// Placement of Lambda steps nested in Parallel and Map containers, through the real window
// (QT_QPA_PLATFORM=offscreen). The rule: a Lambda step's placement follows its own box, nested or not,
// after every gesture and command (drag, moving its container, auto-layout); a container whose Lambda
// steps are on both sides straddles the VPC boundary, and the inspector says so.
#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"
#include "edits.h"
#include "inspector.h"
#include "mainwindow.h"
#include "queries.h"
#include "stepkind.h"
#include "studiotest.h"
#include "theme.h"

#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace egress::studio;
namespace design = egress::design;

namespace {

const char *kFanOut = R"({
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Score", "States": {"Score": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "score"}, "End": true}}},
        {"StartAt": "Notify partner", "States": {"Notify partner": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "notify"}, "End": true}}}
      ],
      "End": true
    }
  }
})";

QRectF vpcRect(const Document &doc)
{
    const auto &r = doc.project().vpc.rect;
    return {r[0], r[1], r[2], r[3]};
}

/** Every Lambda step's placement is where its own box is. */
QString boxRuleViolations(const Document &doc)
{
    QStringList wrong;
    for (const auto &entry : doc.index().states()) {
        const QString name = QString::fromStdString(entry.name);
        const auto step = doc.project().step(entry.name);
        if (!step.position ||
            stepKindOf(*egress::asl::stateJson(doc.project().definition, entry)) != StepKind::Lambda)
            continue;
        const bool inside = boxInsideVpc(doc, name, {(*step.position)[0], (*step.position)[1]});
        if (inside != (step.placement == design::Placement::InsideVpc))
            wrong << name;
    }
    return wrong.join(", ");
}

QString placementText(MainWindow &w, const QString &step)
{
    w.scene()->selectSteps({step});
    QTest::qWait(1);
    auto *label = w.inspector()->findChild<QLabel *>(QStringLiteral("design.placement"));
    return label ? label->text() : QStringLiteral("(no placement row)");
}

} // namespace

class TestNested : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_nested"));
    }

    void nestedStepFollowsItsOwnBox()
    {
        const QString file = m_tmp.filePath(QStringLiteral("fan-out.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kFanOut);
        f.close();
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.openFile(file), qPrintable(w.lastError()));
        Document *doc = w.document();
        DiagramScene *scene = w.scene();
        const QString parallel = QStringLiteral("Fan out"), score = QStringLiteral("Score"),
                      notify = QStringLiteral("Notify partner");
        QCOMPARE(doc->project().step("Notify partner").placement, design::Placement::InsideVpc);
        QCOMPARE(boxRuleViolations(*doc), QString());
        QVERIFY(placementText(w, parallel).contains(QStringLiteral("inside the VPC")));

        // Drag one nested step out of the VPC: it alone leaves; its Parallel now straddles the boundary.
        const QRectF vpc = vpcRect(*doc);
        const QPointF from = scene->stepItem(notify)->sceneBoxRect().center();
        scene->beginStepDrag(notify, from);
        scene->dragStepsTo(QPointF(vpc.right() + 160, from.y()));
        scene->endStepDrag();
        QCOMPARE(doc->project().step("Notify partner").placement, design::Placement::OutsideVpc);
        QCOMPARE(doc->project().step("Score").placement, design::Placement::InsideVpc);
        QCOMPARE(boxRuleViolations(*doc), QString());
        const QRectF frame = scene->stepItem(parallel)->sceneFrameRect();
        QVERIFY(frame.intersects(vpc) && !vpc.contains(frame));
        QVERIFY2(placementText(w, parallel).contains(QStringLiteral("Straddles the VPC boundary")),
                 qPrintable(placementText(w, parallel)));
        const QString nestedText = placementText(w, notify);
        QVERIFY2(nestedText.contains(QStringLiteral("own box decides")) &&
                     nestedText.contains(QStringLiteral("straddles")),
                 qPrintable(nestedText));
        const design::Project dragged = doc->project();

        // Moving the container moves its steps; each keeps the placement its box gives.
        Edits::moveSteps(*doc, {parallel}, {0, 20});
        QCOMPARE(boxRuleViolations(*doc), QString());
        QCOMPARE(doc->project().step("Notify partner").placement, design::Placement::OutsideVpc);

        // Auto-layout draws the Parallel on one side (inside: a tie goes inside); the step drawn across
        // the boundary follows its box and is reported; undo restores its placement.
        const QStringList moved = Edits::autoLayout(*doc);
        QCOMPARE(moved, QStringList{notify});
        QCOMPARE(doc->project().step("Notify partner").placement, design::Placement::InsideVpc);
        QCOMPARE(boxRuleViolations(*doc), QString());
        doc->undoStack()->undo();
        doc->undoStack()->undo();
        QCOMPARE(doc->project(), dragged);
        QCOMPARE(boxRuleViolations(*doc), QString());
    }
};

QTEST_MAIN(TestNested)
#include "tst_nested.moc"
