// The designer's side of templates (docs/templates.md), driven as a user would (QT_QPA_PLATFORM=offscreen):
// a SAM template opened from File ▸ Open or dropped on the canvas becomes a design with the placements,
// memory and architecture its functions say; the Inspector names the template and each step's function;
// the import notes are listed in Problems; Re-import after the template changed keeps the positions and is
// one undoable step; a template with several state machines asks which; a broken one leaves the open
// document alone and says where it is broken.
#include "corpus.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "edits.h"
#include "inspector.h"
#include "mainwindow.h"
#include "problemspanel.h"
#include "studiotest.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace egress::studio;
using egress::studio::test::makeWindow;
namespace design = egress::design;

namespace {

const QString kTemplateData = QStringLiteral(EGRESS_SOURCE_DIR "/tests/template/data/");
const QString kSam = kTemplateData + QStringLiteral("sam-shorttags.yaml");
const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeAll(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           f.write(text.toUtf8()) == text.toUtf8().size();
}

QStringList importNoteRows(const MainWindow &w)
{
    QStringList rows;
    auto *problems = w.findChild<ProblemsPanel *>();
    for (int i = 0; problems && i < problems->topLevelItemCount(); ++i)
        if (problems->topLevelItem(i)->text(0) == QLatin1String("import note"))
            rows << problems->topLevelItem(i)->text(2);
    return rows;
}

} // namespace

class TestOpenTemplate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_opentemplate"));
    }

    void duplicateKeysInADefinitionAreNoted()
    {
        // {"A": Pass, "A": Succeed}: only the last A counts; the designer says so in Problems.
        const QString path = m_tmp.filePath(QStringLiteral("duplicate.asl.json"));
        QVERIFY(writeAll(
            path, QStringLiteral(R"({"StartAt": "A", "States": {)"
                                 R"("A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}})")));
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY2(w->openFile(path), qPrintable(w->lastError()));
        w->findChild<ProblemsPanel *>()->flush();
        const QStringList notes = importNoteRows(*w);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.front().contains(QLatin1String("more than once")) &&
                     notes.front().contains(QLatin1String("duplicate.asl.json")),
                 qPrintable(notes.front()));
    }

    void openedTemplateBecomesTheDesign()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY2(w->openFile(kSam), qPrintable(w->lastError()));
        const design::Project &p = w->document()->project();
        QVERIFY(p.source);
        QCOMPARE(QString::fromStdString(p.source->stateMachine), QStringLiteral("OrderStateMachine"));
        // VpcConfig decides the side; Globals give the memory and architecture unless the function says.
        QCOMPARE(p.step("Validate").placement, design::Placement::InsideVpc);
        QCOMPARE(p.step("Revalidate").placement, design::Placement::InsideVpc);
        QCOMPARE(p.step("Charge").placement, design::Placement::OutsideVpc);
        QCOMPARE(p.step("Validate").memoryMb, 512);
        QCOMPARE(p.step("Charge").memoryMb, 1024);
        QCOMPARE(p.step("Validate").architecture, design::Architecture::Arm64);
        QCOMPARE(p.step("Charge").architecture, design::Architecture::X86_64);
        QCOMPARE(p.vpc.availabilityZones, 3);
        QCOMPARE(p.workflowType, design::WorkflowType::Express);
        // The canvas draws the steps where their placement says.
        QVERIFY(w->scene()->stepItem(QStringLiteral("Save")));
        // An imported template is a new, unsaved project: saving asks for a project file name.
        QVERIFY(w->document()->filePath().isEmpty());
        QVERIFY(w->findChild<QAction *>(QStringLiteral("reimportAction"))->isEnabled());

        // Problems lists every import note, without counting them as problems of the design.
        auto *problems = w->findChild<ProblemsPanel *>();
        QVERIFY(problems);
        problems->flush();
        const QStringList notes = importNoteRows(*w);
        QCOMPARE(notes.size(), int(p.importNotes.size()));
        QVERIFY(!notes.isEmpty());
        QVERIFY2(notes.front().contains(QLatin1String("sam-shorttags.yaml:")), qPrintable(notes.front()));

        // The Inspector says where the design came from, and which function is behind a step.
        auto *inspector = w->findChild<Inspector *>();
        QVERIFY(inspector);
        inspector->setSelection({});
        inspector->refresh();
        auto *source = inspector->findChild<QLabel *>(QStringLiteral("project.source"));
        QVERIFY(source);
        QVERIFY2(source->text().contains(QLatin1String("sam-shorttags.yaml")) &&
                     source->text().contains(QLatin1String("OrderStateMachine")),
                 qPrintable(source->text()));
        QVERIFY(inspector->findChild<QLabel *>(QStringLiteral("project.importNotes")));
        inspector->setSelection({QStringLiteral("Revalidate")});
        inspector->refresh();
        auto *function = inspector->findChild<QLabel *>(QStringLiteral("design.function"));
        QVERIFY(function);
        QCOMPARE(function->text(), QStringLiteral("ValidateFunction"));
    }

    void droppedTemplateOpens()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(test::dropFileOnCanvas(*w, kSam));
        QVERIFY(w->document()->project().source);
        QVERIFY(w->scene()->stepItem(QStringLiteral("Charge")));
    }

    void reimportKeepsPositionsAndIsOneUndoStep()
    {
        // The user's own copy of the template, which they edit between the two imports.
        const QString path = m_tmp.filePath(QStringLiteral("orders.yaml"));
        const QString original = readAll(kSam);
        QVERIFY(!original.isEmpty());
        QVERIFY(writeAll(path, original));

        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY2(w->openFile(path), qPrintable(w->lastError()));
        Document &doc = *w->document();
        Edits::moveSteps(doc, {QStringLiteral("Save")}, QPointF(40, 60), false);
        const auto moved = doc.project().step("Save").position;
        QVERIFY(moved);

        // The function gets more memory, and a step appears at the end of the workflow.
        QString edited = original;
        edited.replace(QStringLiteral("      MemorySize: 1024\n"),
                       QStringLiteral("      MemorySize: 2048\n"));
        edited.replace(QStringLiteral("                  S.$: $.id\n            End: true\n"),
                       QStringLiteral("                  S.$: $.id\n            Next: Done\n"
                                      "          Done:\n            Type: Succeed\n"));
        QVERIFY(edited != original);
        QVERIFY(writeAll(path, edited));

        auto *inspector = w->findChild<Inspector *>();
        inspector->setSelection({});
        inspector->refresh();
        auto *reimport = inspector->findChild<QPushButton *>(QStringLiteral("project.reimport"));
        QVERIFY(reimport);
        const int undoBefore = doc.undoStack()->count();
        reimport->click();
        QVERIFY2(w->lastError().isEmpty(), qPrintable(w->lastError()));
        QCOMPARE(doc.project().step("Charge").memoryMb, 2048);
        QVERIFY(doc.index().find("Done"));
        QVERIFY(w->scene()->stepItem(QStringLiteral("Done")));
        QCOMPARE(doc.project().step("Save").position, moved);
        QCOMPARE(doc.undoStack()->count(), undoBefore + 1);

        doc.undoStack()->undo();
        QCOMPARE(doc.project().step("Charge").memoryMb, 1024);
        QVERIFY(!doc.index().find("Done"));
        QCOMPARE(doc.project().step("Save").position, moved);
    }

    void reimportOfAMissingTemplateSaysSo()
    {
        const QString path = m_tmp.filePath(QStringLiteral("gone.yaml"));
        QVERIFY(writeAll(path, readAll(kSam)));
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(path));
        const design::Project before = w->document()->project();
        QVERIFY(QFile::remove(path));
        QVERIFY(!w->reimportFromTemplate());
        QVERIFY2(w->lastError().contains(QLatin1String("gone.yaml")), qPrintable(w->lastError()));
        QVERIFY(w->document()->project() == before);
    }

    void severalStateMachinesAreListed()
    {
        const Document::Loaded all = Document::load(kTemplateData + QStringLiteral("several.yaml"));
        QVERIFY(!all.project);
        QVERIFY2(all.stateMachines.size() >= 2, qPrintable(all.stateMachines.join(", ")));
        const Document::Loaded one =
            Document::load(kTemplateData + QStringLiteral("several.yaml"), all.stateMachines.back());
        QVERIFY2(one.project, qPrintable(one.error));
        QCOMPARE(QString::fromStdString(one.project->source->stateMachine), all.stateMachines.back());
    }

    void brokenTemplateLeavesTheOpenDocumentAlone_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown tag") << "unknown-tag.yaml"
                                     << "unknown-tag.yaml:6";
        QTest::newRow("missing DefinitionUri file") << "missing-uri.yaml"
                                                    << "missing-uri.yaml:";
        QTest::newRow("cycle") << "cycle.yaml"
                               << "cycle.yaml:";
        QTest::newRow("malformed YAML") << "malformed.yaml"
                                        << "malformed.yaml:";
    }

    void brokenTemplateLeavesTheOpenDocumentAlone()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        const design::Project before = w->document()->project();
        QVERIFY(!w->openFile(kTemplateData + QStringLiteral("bad/") + file));
        QVERIFY2(w->lastError().contains(expected), qPrintable(w->lastError()));
        QVERIFY(w->document()->project() == before);
        QCOMPARE(w->document()->filePath(), kExample);
    }
};

QTEST_MAIN(TestOpenTemplate)
#include "tst_opentemplate.moc"
