// The designer driven through its real window (QT_QPA_PLATFORM=offscreen): palette drops, port drags,
// step drags across the VPC boundary, undo/redo, inspector edits, clipboard, save/reopen, import of every
// fixture definition (and of the corpus when present), autosave recovery.
#include "autosave.h"
#include "definitionrows.h"
#include "design/placementrules.h"
#include "design/projectio.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "edits.h"
#include "fieldeditors.h"
#include "inspector.h"
#include "mainwindow.h"
#include "palette.h"
#include "presets.h"
#include "studiotest.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace egress::studio;
using egress::studio::test::makeWindow;
namespace design = egress::design;
namespace asl = egress::asl;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kFixtures = egress::test::fixtureDir(QStringLiteral("asl/"));

QPoint toView(MainWindow &w, QPointF scenePos)
{
    return w.view()->mapFromScene(scenePos);
}

/** Drops a palette entry on the canvas the way a drag from the palette does. */
void dropPreset(MainWindow &w, const QString &presetId, QPointF scenePos)
{
    QTreeWidget *tree = w.palette()->tree();
    QTreeWidgetItem *item = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == presetId)
            item = *it;
    QVERIFY2(item, qPrintable(presetId));
    const QModelIndex index = tree->model()->index(tree->indexOfTopLevelItem(item->parent()), 0);
    const QModelIndex child = tree->model()->index(item->parent()->indexOfChild(item), 0, index);
    std::unique_ptr<QMimeData> mime(tree->model()->mimeData({child}));
    QVERIFY(mime && mime->hasFormat(kPresetMimeType));
    QWidget *viewport = w.view()->viewport();
    const QPoint p = toView(w, scenePos);
    QDragEnterEvent enter(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent drop(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
}

/** A left-button drag on the canvas through real mouse events. */
void mouseDrag(MainWindow &w, QPointF fromScene, QPointF toScene)
{
    QWidget *viewport = w.view()->viewport();
    const QPoint a = toView(w, fromScene), b = toView(w, toScene);
    QTest::mousePress(viewport, Qt::LeftButton, {}, a);
    QTest::mouseMove(viewport, a + (b - a) / 3);
    QTest::mouseMove(viewport, a + (b - a) * 2 / 3);
    QTest::mouseMove(viewport, b);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
}

QPointF boxCenter(MainWindow &w, const QString &name)
{
    StepItem *item = w.scene()->stepItem(name);
    return item ? item->sceneBoxRect().center() : QPointF();
}

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_importWindow;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_studio"));
    }

    void cleanupTestCase() { m_importWindow.reset(); }

    void windowHasTheStandardParts()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QStringList menus;
        for (QAction *a : w->menuBar()->actions())
            menus << a->text().remove('&');
        QCOMPARE(menus, (QStringList{"File", "Edit", "View", "Arrange", "Help"}));
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("paletteDock")));
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("inspectorDock")));
        // Another engineer's panel docks in and gets a View ▸ Panels toggle.
        auto *dock = new QDockWidget(QStringLiteral("Cost"), w.get());
        w->addPanel(dock);
        QCOMPARE(dock->objectName(), QStringLiteral("CostDock"));
        QVERIFY(w->windowTitle().contains(QStringLiteral("Untitled")));
        // Every palette entry has an icon that loads (the SVGs are in the resources).
        for (const Preset &p : presets())
            QVERIFY2(!QIcon(stepKindIcon(p.kind())).pixmap(24).isNull(), qPrintable(p.id));
    }

    void buildConnectAndDragAcrossTheVpc()
    {
        auto w = makeWindow();
        QVERIFY(w);
        Document *doc = w->document();
        const QRectF vpc(doc->project().vpc.rect[0], doc->project().vpc.rect[1], doc->project().vpc.rect[2],
                         doc->project().vpc.rect[3]);
        w->view()->resetZoom();
        w->view()->centerOn(vpc.center() + QPointF(250, 60));

        // Build: a Lambda inside the VPC, an HTTP Task and a Succeed outside, from the palette.
        dropPreset(*w, QStringLiteral("lambda"), vpc.center());
        dropPreset(*w, QStringLiteral("http"), vpc.center() + QPointF(vpc.width() / 2 + 200, 0));
        dropPreset(*w, QStringLiteral("succeed"), vpc.center() + QPointF(vpc.width() / 2 + 200, 160));
        QCOMPARE(doc->index().states().size(), std::size_t(3));
        const QString lambda = QStringLiteral("Invoke function"), http = QStringLiteral("Call HTTPS API"),
                      done = QStringLiteral("Succeed");
        QVERIFY(w->scene()->stepItem(lambda));
        QCOMPARE(w->scene()->stepItem(http)->kind(), StepKind::Http);
        QCOMPARE(doc->project().step(lambda.toStdString()).placement, design::Placement::InsideVpc);
        JSON_COMPARE(doc->project().definition["StartAt"], asl::Json("Invoke function"));
        QCOMPARE(doc->undoStack()->count(), 3);

        // Connect by dragging from the Lambda's port to the HTTP task, then HTTP → Succeed.
        w->scene()->selectSteps({lambda}); // the port shows on hover or selection
        mouseDrag(*w, w->scene()->stepItem(lambda)->scenePortRect().center(), boxCenter(*w, http));
        JSON_COMPARE(doc->project().definition["States"]["Invoke function"]["Next"],
                     asl::Json("Call HTTPS API"));
        QVERIFY(!doc->project().definition["States"]["Invoke function"].contains("End"));
        QVERIFY(!Edits::connectSteps(*doc, http, done));
        QCOMPARE(w->scene()->edgeItems().size(), 2);
        QVERIFY(w->scene()->stepItem(lambda)->isVisible());

        // Drag the Lambda step out of the VPC: its placement follows, in one undoable command.
        const design::Project before = doc->project();
        const int commands = doc->undoStack()->count();
        const QPointF start = boxCenter(*w, lambda);
        const QPointF outside(vpc.left() - 260, start.y());
        mouseDrag(*w, start, outside);
        QCOMPARE(doc->undoStack()->count(), commands + 1);
        QCOMPARE(doc->project().step(lambda.toStdString()).placement, design::Placement::OutsideVpc);
        QVERIFY(!vpc.intersects(w->scene()->stepItem(lambda)->sceneBoxRect()));
        const design::Project outsideProject = doc->project();
        // The HTTP task is not VPC-capable: dragging it into the VPC leaves its placement alone.
        const auto httpPlacement = doc->project().step(http.toStdString()).placement;
        mouseDrag(*w, boxCenter(*w, http), vpc.center() + QPointF(0, 90));
        QCOMPARE(doc->project().step(http.toStdString()).placement, httpPlacement);
        doc->undoStack()->undo();
        QCOMPARE(doc->project(), outsideProject);

        doc->undoStack()->undo();
        QCOMPARE(doc->project(), before);
        QCOMPARE(w->scene()->stepItem(lambda)->pos(),
                 QPointF((*before.step(lambda.toStdString()).position)[0],
                         (*before.step(lambda.toStdString()).position)[1]));
        doc->undoStack()->redo();
        QCOMPARE(doc->project(), outsideProject);
        // And back in.
        mouseDrag(*w, boxCenter(*w, lambda), vpc.center());
        QCOMPARE(doc->project().step(lambda.toStdString()).placement, design::Placement::InsideVpc);
        QVERIFY(w->isWindowModified());
    }

    void dropIntoABranch()
    {
        auto w = makeWindow();
        QVERIFY(w);
        Document *doc = w->document();
        w->view()->resetZoom();
        w->view()->centerOn(700, 300);
        dropPreset(*w, QStringLiteral("parallel"), QPointF(700, 150));
        QCOMPARE(doc->index().states().size(), std::size_t(3)); // Parallel + one Pass per branch
        // Drop a Lambda into the second branch's frame: it joins that branch.
        StepItem *branchState = w->scene()->stepItem(QStringLiteral("Branch 2"));
        QVERIFY(branchState);
        const QPointF inBranch = branchState->sceneBoxRect().center() + QPointF(0, 36);
        QCOMPARE(w->scene()->scopeAt(inBranch), QStringLiteral("/States/Parallel/Branches/1"));
        dropPreset(*w, QStringLiteral("sns"), inBranch);
        const auto *entry = doc->index().find("Publish message");
        QVERIFY(entry);
        QCOMPARE(doc->index().scopes()[static_cast<std::size_t>(entry->scope)].pointer,
                 std::string("/States/Parallel/Branches/1"));
        // A transition across branches is refused with a reason, nothing changes.
        const design::Project before = doc->project();
        QVERIFY(Edits::connectSteps(*doc, QStringLiteral("Branch 1"), QStringLiteral("Publish message")));
        QCOMPARE(doc->project(), before);
        // Moving the container moves its branches.
        const QPointF childBefore = w->scene()->stepItem(QStringLiteral("Branch 1"))->pos();
        mouseDrag(*w, boxCenter(*w, QStringLiteral("Parallel")),
                  boxCenter(*w, QStringLiteral("Parallel")) + QPointF(40, 60));
        QCOMPARE(w->scene()->stepItem(QStringLiteral("Branch 1"))->pos(), childBefore + QPointF(40, 60));
        doc->undoStack()->undo();
        QCOMPARE(w->scene()->stepItem(QStringLiteral("Branch 1"))->pos(), childBefore);
    }

    void selectionFollowsRenameAndUndoneDelete()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Record result")});
        QVERIFY(!Edits::renameStep(*doc, QStringLiteral("Record result"), QStringLiteral("Record outcome")));
        QTest::qWait(1);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Record outcome")});
        // Undoing a delete brings the steps back selected, as they were.
        const QStringList two{QStringLiteral("Prepare order"), QStringLiteral("Record failure")};
        w->scene()->selectSteps(two);
        Edits::removeSteps(*doc, two);
        QTest::qWait(1);
        QVERIFY(w->scene()->selectedStepNames().isEmpty());
        doc->undoStack()->undo();
        QTest::qWait(1);
        QStringList selected = w->scene()->selectedStepNames();
        selected.sort();
        QCOMPARE(selected, two);
    }

    void paletteLambdaDroppedOutsideTheVpcIsNoError()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        const Preset *lambda = presetById("lambda");
        QVERIFY(lambda);
        QCOMPARE(lambda->egress, design::Egress::VpcPrivate);
        const auto &r = doc->project().vpc.rect;
        // Inside the VPC it keeps the preset's egress: it reaches VPC resources.
        const auto inside = Edits::addStep(*doc, QString(), QStringLiteral("Inside"), lambda->state,
                                           {r[0] + 20, r[1] + 40}, lambda->egress);
        QVERIFY(inside);
        QCOMPARE(doc->project().step(inside->toStdString()).placement, design::Placement::InsideVpc);
        QCOMPARE(doc->project().step(inside->toStdString()).egress, design::Egress::VpcPrivate);
        // Outside, a plain function: no placement error the user never chose.
        const auto outside = Edits::addStep(*doc, QString(), QStringLiteral("Outside"), lambda->state,
                                            {r[0] + r[2] + 200, r[1]}, lambda->egress);
        QVERIFY(outside);
        const design::StepDesign d = doc->project().step(outside->toStdString());
        QCOMPARE(d.placement, design::Placement::OutsideVpc);
        QCOMPARE(d.egress, design::Egress::None);
        for (const auto &problem : design::placementProblems(doc->project()))
            QVERIFY2(problem.step != outside->toStdString(), problem.message.c_str());

        // The Inspector says the egress in words; the file id is in each entry's tooltip.
        auto *inspector = w->findChild<Inspector *>();
        inspector->setSelection({*inside});
        inspector->refresh();
        auto *egress = inspector->findChild<QComboBox *>(QStringLiteral("design.egress"));
        QVERIFY(egress);
        QVERIFY2(egress->currentText().contains(QLatin1String("inside the VPC")),
                 qPrintable(egress->currentText()));
        for (int i = 0; i < egress->count(); ++i) {
            const QString id = QString::fromLatin1(
                design::toString(static_cast<design::Egress>(egress->itemData(i).toInt())));
            QVERIFY2(egress->itemText(i) != id && !(id.contains('-') && egress->itemText(i).contains(id)),
                     qPrintable(egress->itemText(i)));
            QVERIFY(egress->itemData(i, Qt::ToolTipRole).toString().contains(id));
        }
    }

    void undoRedoRestoreExactly()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        std::vector<design::Project> states{doc->project()};
        auto step = [&] { states.push_back(doc->project()); };
        QVERIFY(!Edits::renameStep(*doc, QStringLiteral("Record failure"), QStringLiteral("Log failure")));
        step();
        JSON_COMPARE(doc->project().definition["States"]["Call partner API"]["Catch"][0]["Next"],
                     asl::Json("Log failure"));
        QVERIFY(
            Edits::addStep(*doc, QString(), QStringLiteral("Notify"), presetById("sns")->state, {400, 600}));
        step();
        QVERIFY(!Edits::connectSteps(*doc, QStringLiteral("Record result"), QStringLiteral("Notify")));
        step();
        Edits::removeSteps(*doc, {QStringLiteral("Prepare order")});
        step();
        JSON_COMPARE(doc->project().definition["StartAt"], asl::Json("Call partner API"));
        design::StepDesign d = doc->project().step("Call partner API");
        d.memoryMb = 1024;
        Edits::setStepDesign(*doc, QStringLiteral("Call partner API"), d);
        step();
        Edits::autoLayout(*doc);
        step();
        design::Vpc vpc = doc->project().vpc;
        vpc.rect[0] += 100;
        Edits::setVpc(*doc, vpc, true);
        step();
        QCOMPARE(doc->undoStack()->count(), static_cast<int>(states.size()) - 1);
        for (int i = static_cast<int>(states.size()) - 2; i >= 0; --i) {
            doc->undoStack()->undo();
            QCOMPARE(doc->project(), states[static_cast<std::size_t>(i)]);
            // The canvas follows: one item per state, at the model's position.
            QCOMPARE(static_cast<std::size_t>(w->scene()->stepItems().size()), doc->index().states().size());
            for (StepItem *item : w->scene()->stepItems()) {
                const auto pos = doc->project().step(item->name().toStdString()).position;
                QVERIFY(pos);
                QCOMPARE(item->pos(), QPointF((*pos)[0], (*pos)[1]));
            }
        }
        QVERIFY(!w->isWindowModified());
        for (std::size_t i = 1; i < states.size(); ++i) {
            doc->undoStack()->redo();
            QCOMPARE(doc->project(), states[i]);
        }
    }

    void nudgesMerge()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Call partner API")});
        w->view()->setFocus();
        const auto start = *doc->project().step("Call partner API").position;
        // Alt+arrow nudges (the arrows alone move the selection, tst_keyboard); Alt+Shift: a grid step.
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(w->view()->viewport(), Qt::Key_Right, Qt::AltModifier);
        QTest::keyClick(w->view()->viewport(), Qt::Key_Down, Qt::AltModifier | Qt::ShiftModifier);
        QCOMPARE(doc->undoStack()->count(), 1);
        const auto moved = *doc->project().step("Call partner API").position;
        QCOMPARE(moved[0], start[0] + 10);
        QCOMPARE(moved[1], start[1] + DiagramScene::kGrid);
        doc->undoStack()->undo();
        QCOMPARE(*doc->project().step("Call partner API").position, start);
    }

    void inspectorRenamesAndValidates()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Record failure")});
        QCOMPARE(w->inspector()->selection(), QStringList{"Record failure"});
        auto *name = w->inspector()->findChild<QLineEdit *>(QStringLiteral("field.Name"));
        QVERIFY(name);
        // A taken name is flagged where it is typed and not committed.
        name->setText(QStringLiteral("Record result"));
        QMetaObject::invokeMethod(name, "editingFinished");
        QVERIFY(name->property("invalid").toBool());
        QCOMPARE(doc->undoStack()->count(), 0);
        name->setText(QStringLiteral("Log failure"));
        QMetaObject::invokeMethod(name, "editingFinished");
        QCOMPARE(doc->undoStack()->count(), 1);
        JSON_COMPARE(doc->project().definition["States"]["Call partner API"]["Catch"][0]["Next"],
                     asl::Json("Log failure"));
        QVERIFY(w->scene()->stepItem(QStringLiteral("Log failure")));
        QVERIFY(!w->scene()->stepItem(QStringLiteral("Record failure")));

        // Invalid JSON in Parameters: red, message with line and column, model unchanged.
        w->scene()->selectSteps({QStringLiteral("Call partner API")});
        QTest::qWait(1);
        // Catch has a form; its JSON text is one toggle away.
        auto *asJson = w->inspector()->findChild<QCheckBox *>(QStringLiteral("asJson.Catch"));
        QVERIFY(asJson && !asJson->isChecked());
        asJson->setChecked(true);
        QTest::qWait(1);
        auto *params = w->inspector()->findChild<QPlainTextEdit *>(QStringLiteral("json.Parameters"));
        QVERIFY(params);
        auto *editor = qobject_cast<JsonEdit *>(params->parentWidget());
        QVERIFY(editor);
        const design::Project before = doc->project();
        params->setPlainText(QStringLiteral("{\"FunctionName\": }"));
        editor->submit();
        QVERIFY(editor->error().contains(QStringLiteral("line 1")));
        QCOMPARE(doc->project(), before);
        // A Catch whose Next names no state is refused too.
        auto *catches = w->inspector()->findChild<QPlainTextEdit *>(QStringLiteral("json.Catch"));
        QVERIFY(catches);
        catches->setPlainText(QStringLiteral("[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Nowhere\"}]"));
        qobject_cast<JsonEdit *>(catches->parentWidget())->submit();
        QVERIFY(
            qobject_cast<JsonEdit *>(catches->parentWidget())->error().contains(QStringLiteral("Nowhere")));
        QCOMPARE(doc->project(), before);
        // A valid edit commits.
        params->setPlainText(QStringLiteral("{\"FunctionName\": \"partner\", \"Payload.$\": \"$\"}"));
        editor->submit();
        JSON_COMPARE(doc->project().definition["States"]["Call partner API"]["Parameters"]["FunctionName"],
                     asl::Json("partner"));

        // Design data: memory.
        QTest::qWait(1);
        auto *memory = w->inspector()->findChild<QSpinBox *>(QStringLiteral("design.memoryMb"));
        QVERIFY(memory);
        memory->setValue(1024);
        QCOMPARE(doc->project().step("Call partner API").memoryMb, 1024);
    }

    void clipboardCopiesStepsWithEdgesAndDesign()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Call partner API"), QStringLiteral("Record result")});
        w->copySelection();
        QVERIFY(QApplication::clipboard()->mimeData()->hasFormat(kStepsMimeType));
        // Another window gets them through the clipboard.
        auto other = makeWindow();
        QVERIFY(other);
        other->paste();
        const auto &def = other->document()->project().definition;
        QVERIFY(def["States"].contains("Call partner API"));
        JSON_COMPARE(def["States"]["Call partner API"]["Next"],
                     asl::Json("Record result"));                      // inner edge kept
        QVERIFY(!def["States"]["Call partner API"].contains("Catch")); // its target was not copied
        QCOMPARE(other->document()->project().step("Call partner API").memoryMb, 256);
        // Pasting in the same window gives unique names.
        w->paste();
        QVERIFY(doc->index().find("Call partner API 2"));
        JSON_COMPARE(doc->project().definition["States"]["Call partner API 2"]["Next"],
                     asl::Json("Record result 2"));
        QCOMPARE(w->scene()->selectedStepNames(), (QStringList{"Call partner API 2", "Record result 2"}));
        w->cutSelection();
        QVERIFY(!doc->index().find("Call partner API 2"));
    }

    void deleteRepairsReferences()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Record result")});
        w->deleteSelection();
        QVERIFY(!doc->index().find("Record result"));
        JSON_COMPARE(doc->project().definition["States"]["Call partner API"]["End"], asl::Json(true));
        // Delete an edge: select the Catch edge, delete it.
        for (EdgeItem *edge : w->scene()->edgeItems())
            if (edge->edge().kind == asl::EdgeKind::Catch)
                edge->setSelected(true);
        w->deleteSelection();
        QVERIFY(!doc->project().definition["States"]["Call partner API"].contains("Catch"));
    }

    void saveAndReopenGiveAnEqualProject()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Edits::moveSteps(*w->document(), {QStringLiteral("Call partner API")}, {20, 0});
        QVERIFY(w->isWindowModified());
        const QString path = m_tmp.filePath(QStringLiteral("saved.egress.json"));
        QVERIFY(w->saveTo(path));
        QVERIFY(!w->isWindowModified());
        QVERIFY(w->windowTitle().contains(QStringLiteral("saved.egress.json")));
        auto reopened = makeWindow();
        QVERIFY(reopened);
        QVERIFY(reopened->openFile(path));
        QCOMPARE(reopened->document()->project(), w->document()->project());
        QVERIFY(QSettings()
                    .value(QStringLiteral("recentFiles"))
                    .toStringList()
                    .contains(QFileInfo(path).absoluteFilePath()));
        // Export ASL: the definition as written.
        const QString asl = m_tmp.filePath(QStringLiteral("out.asl.yaml"));
        QVERIFY(w->exportDefinition(asl));
        QVERIFY(QFileInfo(asl).size() > 100);
    }

    void failedLoadLeavesTheDocumentAlone_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << "{\"StartAt\": \"A\", \"States\": {"
                                   << "bad.json:1:";
        QTest::newRow("not asl") << "[1, 2, 3]"
                                 << "bad.json";
        QTest::newRow("bad project")
            << "{\"format\": \"egress-studio-project\", \"version\": 1, \"definition\": {}, "
               "\"steps\": {\"A\": {\"memoryMb\": \"lots\"}}}"
            << "memoryMb";
    }
    void failedLoadLeavesTheDocumentAlone()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Edits::moveSteps(*w->document(), {QStringLiteral("Call partner API")}, {20, 0});
        const design::Project before = w->document()->project();
        const QString path = m_tmp.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content.toUtf8());
        f.close();
        QVERIFY(!w->openFile(path));
        QVERIFY2(w->lastError().contains(expected), qPrintable(w->lastError()));
        QCOMPARE(w->document()->project(), before);
        QCOMPARE(w->document()->undoStack()->count(), 1);
        QVERIFY(!w->openFile(m_tmp.filePath(QStringLiteral("missing.json"))));
        QVERIFY(w->lastError().contains(QStringLiteral("missing.json")));
    }

    void importsEveryDefinition_data() { egress::test::addDefinitionRows(); }
    void importsEveryDefinition()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "importing every corpus definition into the designer");
        if (!m_importWindow)
            m_importWindow = makeWindow(); // one window for all rows: fast
        MainWindow *w = m_importWindow.get();
        QVERIFY(w);
        QVERIFY2(w->openFile(path), qPrintable(w->lastError()));
        Document *doc = w->document();
        QCOMPARE(static_cast<std::size_t>(w->scene()->stepItems().size()), doc->index().states().size());
        int resolved = 0;
        for (const auto &e : doc->index().edges())
            resolved += e.to >= 0;
        QCOMPARE(w->scene()->edgeItems().size(), resolved);
        // Every step has a position after the import layout, and the view fits.
        for (const auto &s : doc->index().states())
            QVERIFY(doc->project().step(s.name).position.has_value());
        w->view()->zoomToFit();
        QVERIFY(!w->grab().isNull());
        // Every Parallel and Map is drawn as a frame around its lanes, taller than its title box.
        for (const auto &s : doc->index().states()) {
            if (s.childScopes.empty())
                continue;
            StepItem *item = w->scene()->stepItem(QString::fromStdString(s.name));
            QVERIFY2(item && isContainer(item->kind()), s.name.c_str());
            QVERIFY2(item->sceneFrameRect().height() > item->sceneBoxRect().height(), s.name.c_str());
        }
    }

    void containerLanesAreLabelled()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY2(w->openFile(kFixtures + "studio-parallel-nested.json"), qPrintable(w->lastError()));
        Document *doc = w->document();
        int parallels = 0;
        for (const auto &entry : doc->index().states()) {
            if (entry.type != asl::StateType::Parallel)
                continue;
            ++parallels;
            StepItem *item = w->scene()->stepItem(QString::fromStdString(entry.name));
            QVERIFY(item);
            const std::size_t branches =
                (*asl::stateJson(doc->project().definition, entry))["Branches"].size();
            QStringList expected;
            for (std::size_t k = 0; k < branches; ++k)
                expected << QStringLiteral("Branch %1").arg(k + 1);
            QCOMPARE(item->branchLabels(), expected);
            // Side by side and apart: no two lanes overlap, and each lies inside the frame below the title.
            const QList<QRectF> lanes = item->branchRects();
            QCOMPARE(static_cast<std::size_t>(lanes.size()), branches);
            for (int a = 0; a < lanes.size(); ++a) {
                QVERIFY(item->outlineRect().contains(lanes[a]));
                QVERIFY(lanes[a].top() > item->boxRect().bottom());
                for (int b = a + 1; b < lanes.size(); ++b)
                    QVERIFY(!lanes[a].intersects(lanes[b]));
            }
        }
        QVERIFY(parallels >= 2);

        // A distributed Map says so on its processor's lane; switching the mode relabels it, undo back.
        QVERIFY2(w->openFile(kFixtures + "studio-map-distributed.json"), qPrintable(w->lastError()));
        doc = w->document();
        StepItem *map = nullptr;
        for (StepItem *item : w->scene()->stepItems())
            if (item->kind() == StepKind::Map)
                map = item;
        QVERIFY(map);
        QCOMPARE(map->branchLabels(), QStringList{QStringLiteral("Distributed item processor")});
        const auto *entry = doc->index().find(map->name().toStdString());
        asl::Json processor = (*asl::stateJson(doc->project().definition, *entry))["ItemProcessor"];
        processor["ProcessorConfig"]["Mode"] = "INLINE";
        QVERIFY(!Edits::setField(*doc, map->name(), QStringLiteral("ItemProcessor"), processor));
        QCOMPARE(map->branchLabels(), QStringList{QStringLiteral("Item processor")});
        doc->undoStack()->undo();
        QCOMPARE(map->branchLabels(), QStringList{QStringLiteral("Distributed item processor")});
    }

    void autosaveIsOfferedBackAfterACrash()
    {
        const QString dir = Autosave::recoveryDirectory();
        QVERIFY(dir.startsWith(m_tmp.path()));
        QDir(dir).removeRecursively();
        design::Project crashed;
        {
            auto w = makeWindow();
            QVERIFY(w);
            QVERIFY(w->openFile(kExample));
            QVERIFY(w->autosave()->writeNow().isEmpty()); // nothing to save while clean
            Edits::moveSteps(*w->document(), {QStringLiteral("Prepare order")}, {0, 40});
            const QString file = w->autosave()->writeNow();
            QVERIFY(QFile::exists(file));
            crashed = w->document()->project();
            // Simulate a crash: keep the files, pretend they belong to a dead process.
            QFile::copy(file, dir + "/crashed.egress.json");
            QFile meta(dir + "/crashed.meta.json");
            QVERIFY(meta.open(QIODevice::WriteOnly));
            meta.write(QJsonDocument(QJsonObject{{"originalPath", kExample}, {"pid", 2147483000}}).toJson());
        }
        QVERIFY(!QFile::exists(dir + "/" + QFileInfo(dir).fileName())); // the live copy went on close
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->offerRecovery());
        QCOMPARE(w->document()->project(), crashed);
        QVERIFY(w->isWindowModified());
        QCOMPARE(w->document()->filePath(), kExample);
        QVERIFY(!QFile::exists(dir + "/crashed.egress.json"));
    }

    void darkThemeRendersWithDarkCanvas()
    {
        applyTheme(ThemeChoice::Dark);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        const QImage image = w->view()->viewport()->grab().toImage();
        QVERIFY(QColor(image.pixel(5, 5)).lightness() < 80);
        applyTheme(ThemeChoice::Light);
        QVERIFY(DiagramTheme::current().background.lightness() > 200);
    }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
