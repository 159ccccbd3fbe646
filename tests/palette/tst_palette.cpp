// The palette's AWS SDK search and the Inspector's help (QT_QPA_PLATFORM=offscreen): typing lists the
// matching actions of every service, arrow keys and Enter add one, a drag drops one, every addition is one
// undo step; the added Task calls the optimized integration where there is one (else aws-sdk) with a
// Parameters skeleton, and the Inspector shows the IAM action it needs and a help line for its type and
// fields.
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "fieldhelp.h"
#include "inspector.h"
#include "mainwindow.h"
#include "palette.h"
#include "presets.h"
#include "sdkactions.h"
#include "studiotest.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoStack>

using namespace egress::studio;
using egress::asl::Json;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");

/** The ids of the palette's visible AWS SDK entries, in order. */
QStringList visibleSdkIds(Palette *palette)
{
    QStringList ids;
    for (QTreeWidgetItemIterator it(palette->tree()); *it; ++it) {
        const QString id = (*it)->data(0, Qt::UserRole).toString();
        if (id.startsWith(QLatin1String("sdk:")) && !(*it)->isHidden() && !(*it)->parent()->isHidden())
            ids << id;
    }
    return ids;
}

/** The states the document has that `before` had not. */
QStringList addedStates(Document *doc, const QStringList &before)
{
    QStringList added;
    for (const auto &s : doc->index().states())
        if (!before.contains(QString::fromStdString(s.name)))
            added << QString::fromStdString(s.name);
    return added;
}

QStringList stateNames(Document *doc)
{
    QStringList names;
    for (const auto &s : doc->index().states())
        names << QString::fromStdString(s.name);
    return names;
}

const Json &stateOf(Document *doc, const QString &name)
{
    return *egress::asl::stateJson(doc->project().definition, *doc->index().find(name.toStdString()));
}

} // namespace

class TestPalette : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_palette"));
        QVERIFY2(sdkCatalog().operationCount() > 10000, "the resource :/sdk/aws-sdk-actions.json is bundled");
    }

    void searchListsMatchingSdkActions()
    {
        auto w = test::makeWindow();
        QVERIFY(w);
        Palette *palette = w->palette();
        QVERIFY(visibleSdkIds(palette).isEmpty()); // nothing until the user searches
        QTest::keyClicks(palette->searchField(), QStringLiteral("dynamodb put"));
        const QStringList ids = visibleSdkIds(palette);
        QVERIFY(!ids.isEmpty());
        QCOMPARE(ids.front(), QStringLiteral("sdk:dynamodb:putItem"));
        // The ready-made "DynamoDB PutItem" stays visible above: its title matches too.
        palette->searchField()->setText(QStringLiteral("sqs send"));
        QCOMPARE(visibleSdkIds(palette).value(0), QStringLiteral("sdk:sqs:sendMessage"));
        palette->searchField()->setText(QStringLiteral("s3"));
        QCOMPARE(visibleSdkIds(palette).size(), int(Palette::kMaxSdkHits));
        palette->searchField()->clear();
        QVERIFY(visibleSdkIds(palette).isEmpty());
    }

    void typeAndEnterAddsTheOptimizedIntegrationUndoably()
    {
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        const QStringList before = stateNames(doc);
        const Json definitionBefore = doc->project().definition;
        QLineEdit *search = w->palette()->searchField();
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("sns publish"));
        // Down into the list, down past the ready-made "SNS Publish" to the SDK entry, Enter.
        QTest::keyClick(search, Qt::Key_Down);
        QTreeWidget *tree = w->palette()->tree();
        QVERIFY(tree->hasFocus());
        // Up from the first entry returns to the field; Down comes back.
        QTest::keyClick(tree, Qt::Key_Up);
        QVERIFY(search->hasFocus());
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(tree->hasFocus());
        for (int i = 0;
             i < 10 && tree->currentItem() &&
             tree->currentItem()->data(0, Qt::UserRole).toString() != QLatin1String("sdk:sns:publish");
             ++i)
            QTest::keyClick(tree, Qt::Key_Down);
        QVERIFY(tree->currentItem());
        QCOMPARE(tree->currentItem()->data(0, Qt::UserRole).toString(), QStringLiteral("sdk:sns:publish"));
        QTest::keyClick(tree, Qt::Key_Return);
        const QStringList added = addedStates(doc, before);
        QCOMPARE(added.size(), 1);
        const Json &state = stateOf(doc, added.front());
        JSON_COMPARE(state["Resource"], Json("arn:aws:states:::sns:publish"));
        // Required members only: the message, read from the input; the topic is a deploy-time substitution.
        JSON_COMPARE(state["Parameters"], Json::parse(R"({"Message.$": "$.Message"})"));
        QCOMPARE(added.front(), QStringLiteral("Publish"));
        doc->undoStack()->undo();
        JSON_COMPARE(doc->project().definition, definitionBefore);
        doc->undoStack()->redo();
        QCOMPARE(addedStates(doc, before), added);

        // Enter in the search field adds the first match: an action without an optimized integration.
        search->setFocus();
        search->setText(QStringLiteral("dynamodb transactwrite"));
        QTest::keyClick(search, Qt::Key_Return);
        const QStringList more = addedStates(doc, before + added);
        QCOMPARE(more.size(), 1);
        JSON_COMPARE(stateOf(doc, more.front())["Resource"],
                     Json("arn:aws:states:::aws-sdk:dynamodb:transactWriteItems"));
        JSON_COMPARE(stateOf(doc, more.front())["Parameters"],
                     Json::parse(R"({"TransactItems.$": "$.TransactItems"})"));
    }

    // In a workflow whose QueryLanguage is JSONata a new Task gets Arguments with JSONata expressions:
    // JSONata states reject Parameters and "Key.$" paths.
    void jsonataWorkflowsGetArguments()
    {
        const QString path = m_tmp.filePath(QStringLiteral("jsonata.asl.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"QueryLanguage": "JSONata", "StartAt": "Start",
                       "States": {"Start": {"Type": "Pass", "End": true}}})");
        file.close();
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY2(w->openFile(path), qPrintable(path));
        Document *doc = w->document();
        QLineEdit *search = w->palette()->searchField();
        struct Case
        {
            const char *query;
            const char *arguments;
        };
        for (const Case &c :
             {Case{"dynamodb transactwrite", R"({"TransactItems": "{% $states.input.TransactItems %}"})"},
              Case{"DynamoDB PutItem",
                   R"({"TableName": "${TableName}", "Item": {"pk": {"S": "{% $states.input.id %}"}}})"}}) {
            const QStringList before = stateNames(doc);
            search->setText(QString::fromLatin1(c.query));
            QTest::keyClick(search, Qt::Key_Return);
            const QStringList added = addedStates(doc, before);
            QCOMPARE(added.size(), 1);
            const Json &state = stateOf(doc, added.front());
            QVERIFY2(!state.contains("Parameters"), state.dump().c_str());
            JSON_COMPARE(state["Arguments"], Json::parse(c.arguments));
        }
    }

    void dragDropsAnSdkActionAndTheInspectorNamesItsIamAction()
    {
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        const QStringList before = stateNames(doc);
        w->palette()->searchField()->setText(QStringLiteral("cloudwatchlogs putlogevents"));
        QTreeWidget *tree = w->palette()->tree();
        QTreeWidgetItem *item = nullptr;
        for (QTreeWidgetItemIterator it(tree); *it; ++it)
            if ((*it)->data(0, Qt::UserRole).toString() == QLatin1String("sdk:cloudwatchlogs:putLogEvents"))
                item = *it;
        QVERIFY(item);
        const QModelIndex group = tree->model()->index(tree->indexOfTopLevelItem(item->parent()), 0);
        const QModelIndex index = tree->model()->index(item->parent()->indexOfChild(item), 0, group);
        std::unique_ptr<QMimeData> mime(tree->model()->mimeData({index}));
        QVERIFY(mime && mime->hasFormat(kPresetMimeType));
        const auto &vpc = doc->project().vpc.rect;
        const QPoint p = w->view()->mapFromScene(QPointF(vpc[0] + vpc[2] + 300, vpc[1] + 40));
        QWidget *viewport = w->view()->viewport();
        QDragEnterEvent enter(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDragMoveEvent move(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        QDropEvent drop(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        const QStringList added = addedStates(doc, before);
        QCOMPARE(added.size(), 1);
        const Json &state = stateOf(doc, added.front());
        JSON_COMPARE(state["Resource"], Json("arn:aws:states:::aws-sdk:cloudwatchlogs:putLogEvents"));
        JSON_COMPARE(state["Parameters"],
                     Json::parse(R"({"LogGroupName": "${LogGroupName}", "LogStreamName": "${LogStreamName}",
                                     "LogEvents.$": "$.LogEvents"})"));

        // The Inspector: the IAM prefix of CloudWatch Logs is "logs", not the integration's name.
        Inspector *inspector = w->inspector();
        inspector->setSelection({added.front()});
        inspector->refresh();
        auto *iam = inspector->findChild<QLabel *>(QStringLiteral("field.iamAction"));
        QVERIFY(iam);
        QCOMPARE(iam->text(), QStringLiteral("logs:PutLogEvents"));
        QVERIFY(!iam->toolTip().isEmpty());
        auto *help = inspector->findChild<QLabel *>(QStringLiteral("stepHelp"));
        QVERIFY(help);
        QCOMPARE(help->text(), stepKindHelp(StepKind::AwsService));
        // Every field the page shows has its help line.
        for (const char *name : {"field.Name", "field.Resource", "json.Parameters", "field.TimeoutSeconds",
                                 "field.InputPath", "field.ResultPath", "design.durationMs"}) {
            auto *field = inspector->findChild<QWidget *>(QString::fromLatin1(name));
            QVERIFY2(field, name);
            QVERIFY2(!field->toolTip().isEmpty(), name);
        }
        doc->undoStack()->undo();
        QVERIFY(addedStates(doc, before).isEmpty());
    }

    void everyStateTypeAndFieldHasHelp()
    {
        for (StepKind kind : {StepKind::Lambda, StepKind::Http, StepKind::AwsService, StepKind::OtherTask,
                              StepKind::Pass, StepKind::Choice, StepKind::Wait, StepKind::Succeed,
                              StepKind::Fail, StepKind::Parallel, StepKind::Map})
            QVERIFY2(!stepKindHelp(kind).isEmpty(), qPrintable(stepKindLabel(kind)));
        // Every named field of the Inspector's page of every ready-made step, and of the project page.
        auto w = test::makeWindow();
        QVERIFY(w);
        Document *doc = w->document();
        Inspector *inspector = w->inspector();
        QStringList missing;
        auto check = [&] {
            inspector->refresh();
            for (QWidget *field : inspector->widget()->findChildren<QWidget *>()) {
                const QString name = field->objectName();
                const bool isField =
                    name.startsWith(QLatin1String("field.")) || name.startsWith(QLatin1String("json.")) ||
                    name.startsWith(QLatin1String("design.")) || name.startsWith(QLatin1String("usage.")) ||
                    name.startsWith(QLatin1String("vpc.")) || name == QLatin1String("project.name");
                if (isField && field->toolTip().isEmpty() && !missing.contains(name))
                    missing << name;
            }
        };
        check();
        for (const Preset &preset : presets()) {
            const QStringList before = stateNames(doc);
            w->palette()->presetActivated(preset.id);
            const QStringList added = addedStates(doc, before);
            QVERIFY2(added.size() >= 1, qPrintable(preset.id));
            inspector->setSelection({added.front()});
            check();
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
