// The cost, problems and code panels driven through the real window (QT_QPA_PLATFORM=offscreen): a step
// dragged across the VPC boundary changes the designed strategy's bill (preview while dragging, commit on
// drop, exact restore on drag back and on undo), the chart's series and break-even markers, problems and
// badges, the code panel's two-way selection and edits, and exports byte-identical to egress-cli.
#include "analysis.h"
#include "cachedtextdelegate.h"
#include "cfn/templatebuilder.h"
#include "codepanel.h"
#include "cost/costformat.h"
#include "costchart.h"
#include "costmapview.h"
#include "costpanel.h"
#include "design/placementrules.h"
#include "design/projectedit.h"
#include "design/projectio.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "edits.h"
#include "egressoverlay.h"
#include "exportactions.h"
#include "generator.h"
#include "jsonranges.h"
#include "layout/layout.h"
#include "mainwindow.h"
#include "panels.h"
#include "problemspanel.h"
#include "queries.h"
#include "theme.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTreeView>
#include <QUndoStack>
#include <functional>

using namespace egress::studio;
namespace design = egress::design;
namespace cost = egress::cost;
namespace asl = egress::asl;
namespace cfn = egress::cfn;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kCli = QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli");
const QString kPartner = QStringLiteral("Call partner API");

std::unique_ptr<MainWindow> makeWindow()
{
    auto w = std::make_unique<MainWindow>();
    w->setInteractive(false);
    w->resize(1500, 950);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    return w;
}

QPointF boxCenter(MainWindow &w, const QString &name)
{
    StepItem *item = w.scene()->stepItem(name);
    return item ? item->sceneBoxRect().center() : QPointF();
}

const cost::StrategyCost &designed(const cost::CostReport &report)
{
    for (const cost::StrategyCost &s : report.strategies)
        if (s.designed)
            return s;
    static const cost::StrategyCost none;
    return none;
}

bool hasNatItems(const cost::StrategyCost &s)
{
    return s.item("nat-gateway-hours") && s.item("nat-data-processing");
}

/** Runs egress-cli and returns its standard output (fails the test on a non-zero exit). */
QByteArray runCli(const QStringList &args)
{
    QProcess p;
    p.start(kCli, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qWarning() << "egress-cli" << args << "failed:" << p.readAllStandardError();
    return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray("<failed>");
}

/** Every cell of the cost table (text and tooltip), depth first: what a user can read in it. */
QStringList tableCells(const QStandardItemModel &model)
{
    QStringList cells;
    std::function<void(const QModelIndex &, const QString &)> walk = [&](const QModelIndex &parent,
                                                                         const QString &path) {
        for (int r = 0; r < model.rowCount(parent); ++r)
            for (int c = 0; c < model.columnCount(parent); ++c) {
                const QModelIndex index = model.index(r, c, parent);
                const QString at = path + QStringLiteral("/%1,%2").arg(r).arg(c);
                cells << at + QLatin1Char(' ') + index.data().toString() + QStringLiteral(" | ") +
                             index.data(Qt::ToolTipRole).toString();
                if (c == 0)
                    walk(index, at);
            }
    };
    walk({}, {});
    return cells;
}

/** The rows of the Problems list as shown. */
QStringList problemRows(const ProblemsPanel &panel)
{
    QStringList rows;
    for (int i = 0; i < panel.topLevelItemCount(); ++i)
        rows << panel.topLevelItem(i)->text(0) + QLatin1Char('|') + panel.topLevelItem(i)->text(1) +
                    QLatin1Char('|') + panel.topLevelItem(i)->text(2);
    return rows;
}

} // namespace

class TestPanels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    /** A real mouse drag of a step, stopping before the release so the preview can be checked. */
    struct Drag
    {
        MainWindow &w;
        QPoint from, to;
        void press()
        {
            QWidget *vp = w.view()->viewport();
            QTest::mousePress(vp, Qt::LeftButton, {}, from);
            QTest::mouseMove(vp, from + (to - from) / 3);
            QTest::mouseMove(vp, from + (to - from) * 2 / 3);
            QTest::mouseMove(vp, to);
        }
        void release() { QTest::mouseRelease(w.view()->viewport(), Qt::LeftButton, {}, to); }
    };

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("egress-tests-panels"));
        QVERIFY2(QFile::exists(kCli), qPrintable(kCli));
    }

    void openedDesignStaysFittedWithItsPathsToTheInternet()
    {
        // The egress overlay is built after the scene; the first fit must still show its arrows and labels.
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        // The window is resized after the file opened (as when the docks lay themselves out at start-up).
        w->resize(1100, 700);
        QApplication::processEvents();
        const QRectF visible = w->view()->mapToScene(w->view()->viewport()->rect()).boundingRect();
        const QRectF drawn = w->scene()->itemsBoundingRect();
        QVERIFY2(visible.contains(drawn), qPrintable(QStringLiteral("visible %1,%2 %3×%4; drawn %5,%6 %7×%8")
                                                         .arg(visible.x())
                                                         .arg(visible.y())
                                                         .arg(visible.width())
                                                         .arg(visible.height())
                                                         .arg(drawn.x())
                                                         .arg(drawn.y())
                                                         .arg(drawn.width())
                                                         .arg(drawn.height())));
    }

    void dragIntoVpcAddsNatAndBackRestores()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        CostPanel *panel = panelsOf(*w).cost;
        QVERIFY(panel);
        panel->flush();
        const cost::StrategyCost before = designed(panel->report());
        QVERIFY(!before.id.empty());
        QVERIFY(!hasNatItems(before));
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::OutsideVpc);

        const QPointF start = boxCenter(*w, kPartner);
        const QPointF target = start - QPointF(320, 0);
        QVERIFY(boxInsideVpc(*doc, kPartner, w->scene()->stepItem(kPartner)->pos() - QPointF(320, 0)));
        Drag drag{*w, w->view()->mapFromScene(start), w->view()->mapFromScene(target)};
        drag.press();
        // While dragging: the panel shows the cost as if dropped here, the document is unchanged.
        QVERIFY(doc->analysis()->hasPreview());
        panel->flush();
        const cost::StrategyCost preview = designed(panel->report());
        QVERIFY(hasNatItems(preview));
        QVERIFY(preview.monthlyUsd > before.monthlyUsd);
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::OutsideVpc);
        drag.release();
        panel->flush();
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::InsideVpc);
        const cost::StrategyCost inside = designed(panel->report());
        QVERIFY(hasNatItems(inside));
        QVERIFY(inside.monthlyUsd > before.monthlyUsd);
        QCOMPARE(inside.monthlyUsd, preview.monthlyUsd);
        // The canvas draws its path through a NAT symbol.
        panelsOf(*w).egress->flush();
        QCOMPARE(panelsOf(*w).egress->natPaths(), QStringList{kPartner});

        // Dragging it back restores the figure exactly.
        Drag back{*w, w->view()->mapFromScene(boxCenter(*w, kPartner)), w->view()->mapFromScene(start)};
        back.press();
        back.release();
        panel->flush();
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::OutsideVpc);
        QCOMPARE(designed(panel->report()).monthlyUsd, before.monthlyUsd);
        QVERIFY(!hasNatItems(designed(panel->report())));

        // Undo and redo do the same.
        doc->undoStack()->undo();
        panel->flush();
        QCOMPARE(designed(panel->report()).monthlyUsd, inside.monthlyUsd);
        doc->undoStack()->undo();
        panel->flush();
        QCOMPARE(designed(panel->report()).monthlyUsd, before.monthlyUsd);
        QVERIFY(!hasNatItems(designed(panel->report())));
        doc->undoStack()->redo();
        panel->flush();
        QCOMPARE(designed(panel->report()).monthlyUsd, inside.monthlyUsd);
    }

    void treeShowsStrategiesAndLineItems()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        const cost::CostReport &r = panel->report();
        QCOMPARE(panel->model()->rowCount(), int(r.strategies.size()));
        int formulaColumn = -1; // found by its title: the From runs column sits before it
        for (int c = 0; c < panel->model()->columnCount(); ++c)
            if (panel->model()->headerData(c, Qt::Horizontal).toString() == QLatin1String("Status / formula"))
                formulaColumn = c;
        QVERIFY(formulaColumn > 0);
        for (int i = 0; i < panel->model()->rowCount(); ++i) {
            const cost::StrategyCost &s = r.strategies[std::size_t(i)];
            QStandardItem *row = panel->model()->item(i, 0);
            QCOMPARE(row->text().toStdString(), std::string(cost::strategyShortName(s.id)));
            QVERIFY(row->toolTip().startsWith(QString::fromStdString(s.label)));
            QCOMPARE(row->rowCount(), int(s.items.size()));
            QCOMPARE(row->font().bold(), s.id == r.cheapest);
            for (int j = 0; j < row->rowCount(); ++j)
                QCOMPARE(row->child(j, formulaColumn)->text(),
                         QString::fromStdString(s.items[std::size_t(j)].formula()));
        }
    }

    void controlsAreUndoableEdits()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        CostPanel *panel = panelsOf(*w).cost;
        panel->executionsBox()->setValue(5e7);
        QCOMPARE(doc->project().usage.executionsPerMonth, 5e7);
        panel->flush();
        QCOMPARE(panel->report().executionsPerMonth, 5e7);
        QVERIFY(qFuzzyCompare(
            CostChart::fromChart(panelsOf(*w).cost->chart()->currentVolumeSeries()->at(0).x()), 5e7));
        panel->workflowTypeBox()->setCurrentIndex(1);
        QCOMPARE(doc->project().workflowType, design::WorkflowType::Express);
        panel->azBox()->setValue(3);
        QCOMPARE(doc->project().vpc.availabilityZones, 3);
        panel->freeTierBox()->setChecked(false);
        QVERIFY(!doc->project().usage.freeTier);
        panel->flush();
        QVERIFY(!panel->report().freeTier);
        for (int i = 0; i < 4; ++i)
            doc->undoStack()->undo();
        QCOMPARE(doc->project().usage.executionsPerMonth, 200000.0);
        QCOMPARE(doc->project().workflowType, design::WorkflowType::Standard);
        panel->flush();
        QCOMPARE(panel->executionsBox()->value(), 200000.0);
        QCOMPARE(panel->workflowTypeBox()->currentIndex(), 0);
        // A price table that cannot be read is refused with its name; the bundled one stays.
        const auto error = doc->analysis()->loadPriceTable(m_tmp.filePath(QStringLiteral("missing.json")));
        QVERIFY(error && error->contains(QLatin1String("missing.json")));
    }

    void chartHasSeriesAndBreakEvens()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        const cost::CostReport &r = panel->report();
        int available = 0;
        for (const cost::StrategyCost &s : r.strategies)
            available += s.available ? 1 : 0;
        QVERIFY(available >= 2);
        QCOMPARE(panel->chart()->strategySeries().size(), available);
        int crossings = 0;
        for (const cost::BreakEven &b : r.breakEven)
            for (double n : b.executionsPerMonth)
                crossings += n >= cost::kMinCurveExecutions && n <= cost::kMaxCurveExecutions ? 1 : 0;
        QVERIFY(crossings > 0);
        QCOMPARE(panel->chart()->breakEvenSeries()->count(), crossings);
        // Each marker sits on both strategies' curves.
        for (const cost::BreakEven &b : r.breakEven)
            for (double n : b.executionsPerMonth)
                if (n >= cost::kMinCurveExecutions && n <= cost::kMaxCurveExecutions) {
                    const double a = r.strategy(b.a)->costAt(n), c = r.strategy(b.b)->costAt(n);
                    QVERIFY2(std::abs(a - c) <= 1e-6 * std::max(1.0, a), qPrintable(QString::number(n)));
                }
        QVERIFY(CostChart::valueText(r.strategies.front(), 1e6).contains(QLatin1String("1M")));
    }

    void mapTabShowsTheCheapestStrategyAndTheDesign()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        QVERIFY(panel->mapView()->map().executions.empty()); // computed only when its tab is shown
        panel->views()->setCurrentWidget(panel->mapView());
        const cost::CheapestMap &m = panel->mapView()->map();
        QCOMPARE(m.executions.size(), std::size_t(25)); // 1e3..1e9, 4 per decade
        QCOMPARE(m.kb.size(), std::size_t(17));         // 1..1e4 KB
        // The example at 200,000 executions/month: the map's cell at that volume names the strategy the
        // table calls cheapest (1.78e5 is the nearest column below; the volume sits between two columns).
        QCOMPARE(m.currentExecutions, 200000.0);
        QVERIFY(m.currentKb > 0);
        QVERIFY(!panel->mapView()->designPoint().isNull());
        std::size_t row = 0, column = 0;
        QVERIFY(panel->mapView()->cellAt(panel->mapView()->designPoint(), row, column));
        QVERIFY(m.executions[column] <= 200000 && m.executions[column] * 1.78 >= 200000);
        QCOMPARE(QString::fromStdString(m.cheapestAt(row, column)),
                 QString::fromStdString(panel->report().cheapest));
        // A change of volume recomputes it while the tab is shown.
        panel->executionsBox()->setValue(5e8);
        panel->flush();
        QCOMPARE(panel->mapView()->map().currentExecutions, 5e8);
    }

    void problemsListPlacementRules()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        ProblemsPanel *problems = panelsOf(*w).problems;
        problems->flush();
        QCOMPARE(problems->topLevelItemCount(), 0);
        design::StepDesign d = doc->project().step("Call partner API");
        d.placement = design::Placement::InsideVpc;
        Edits::setStepDesign(*doc, kPartner, d);
        design::StepDesign r = doc->project().step("Record result");
        r.placement = design::Placement::OutsideVpc;
        Edits::setStepDesign(*doc, QStringLiteral("Record result"), r);
        problems->flush();
        QCOMPARE(problems->topLevelItemCount(), 2);
        QStringList messages;
        for (int i = 0; i < problems->topLevelItemCount(); ++i)
            messages << problems->topLevelItem(i)->text(1) + ": " + problems->topLevelItem(i)->text(2);
        QVERIFY2(
            messages.join('\n').contains(QLatin1String("Call partner API: calls the internet from inside "
                                                       "the VPC: needs a NAT gateway")),
            qPrintable(messages.join('\n')));
        QVERIFY(problems->stepsWithProblems().value(QStringLiteral("Record result"))); // an error
        QVERIFY(!problems->stepsWithProblems().value(kPartner));                       // a warning
        // Badges on the canvas.
        int badges = 0;
        for (QGraphicsItem *child : w->scene()->stepItem(QStringLiteral("Record result"))->childItems())
            badges += child->toolTip().contains(QLatin1String("VPC-private")) ? 1 : 0;
        QCOMPARE(badges, 1);
        // Double-click selects the step.
        QTreeWidgetItem *row = problems->topLevelItem(0);
        emit problems->itemDoubleClicked(row, 0);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{row->text(1)});
    }

    void placementRules_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("egress");
        QTest::addColumn<QString>("placement");
        QTest::addColumn<QString>("expected");
        QTest::newRow("internet inside") << kPartner << "internet"
                                         << "inside-vpc"
                                         << "W:needs a NAT gateway";
        QTest::newRow("internet outside") << kPartner << "internet"
                                          << "outside-vpc"
                                          << "";
        QTest::newRow("private outside") << kPartner << "vpc-private"
                                         << "outside-vpc"
                                         << "E:placed outside the VPC";
        QTest::newRow("private inside") << kPartner << "vpc-private"
                                        << "inside-vpc"
                                        << "";
        QTest::newRow("private non-lambda") << "Partner unavailable"
                                            << "vpc-private"
                                            << "outside-vpc"
                                            << "";
    }
    void placementRules()
    {
        QFETCH(QString, step);
        QFETCH(QString, egress);
        QFETCH(QString, placement);
        QFETCH(QString, expected);
        design::Project p = *Document::load(kExample).project;
        design::StepDesign &d = p.steps[step.toStdString()];
        d.egress = *design::egressFromString(egress.toStdString());
        d.placement = *design::placementFromString(placement.toStdString());
        const auto problems = design::placementProblems(p);
        if (expected.isEmpty()) {
            QVERIFY(problems.empty());
            return;
        }
        QCOMPARE(int(problems.size()), 1);
        QCOMPARE(problems[0].step, step.toStdString());
        QCOMPARE(problems[0].severity == design::PlacementProblem::Severity::Error, expected.startsWith('E'));
        QVERIFY2(QString::fromStdString(problems[0].message).contains(expected.mid(2)),
                 problems[0].message.c_str());
    }

    void choiceWeights()
    {
        design::Project p;
        p.definition = asl::Json::parse(R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
            {"Variable":"$.a","BooleanEquals":true,"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}})");
        p.steps["C"].choiceWeights = design::ChoiceWeights{{0.5}, 0.3};
        auto problems = design::placementProblems(p);
        QCOMPARE(int(problems.size()), 1);
        QVERIFY(problems[0].message.find("add up to 0.8") != std::string::npos);
        p.steps["C"].choiceWeights = design::ChoiceWeights{{0.5, 0.2}, 0.3};
        problems = design::placementProblems(p);
        QCOMPARE(int(problems.size()), 1);
        QVERIFY(problems[0].message.find("2 Choice weights for 1 rules") != std::string::npos);
        p.steps["C"].choiceWeights = design::ChoiceWeights{{0.25}, 0.75};
        QVERIFY(design::placementProblems(p).empty());
    }

    void loopWithoutExitIsAProblem()
    {
        auto w = makeWindow();
        QVERIFY(w);
        design::Project p;
        p.definition = asl::Json::parse(
            R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}})");
        w->document()->resetProject(p, {});
        panelsOf(*w).cost->flush();
        ProblemsPanel *problems = panelsOf(*w).problems;
        problems->flush();
        bool found = false;
        for (int i = 0; i < problems->topLevelItemCount(); ++i)
            found =
                found || problems->topLevelItem(i)->text(2).contains(QLatin1String("loop with no way out"));
        QVERIFY(found);
    }

    void codePanelFollowsSelectionBothWays()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CodePanel *code = panelsOf(*w).code;
        for (CodePanel::Format f : {CodePanel::Format::AslJson, CodePanel::Format::AslYaml}) {
            code->setFormat(f);
            w->scene()->selectSteps({kPartner});
            const TextRange r = code->rangeOfStep(kPartner);
            QVERIFY(r.end > r.start);
            const QString part = code->editor()->toPlainText().mid(r.start, r.end - r.start);
            QVERIFY2(part.startsWith(f == CodePanel::Format::AslJson ? "\"Call partner API\": {"
                                                                     : "Call partner API:"),
                     qPrintable(part.left(40)));
            QVERIFY(part.contains(QLatin1String("Record failure"))); // its Catch target is inside its text
            QVERIFY(!part.contains(QLatin1String("Record result\":")));
            QCOMPARE(code->editor()->extraSelections().size(), 1);
            QCOMPARE(code->editor()->extraSelections().front().cursor.selectionStart(), r.start);
            // Cursor into another state's text selects that step.
            code->editor()->setFocus();
            QTRY_VERIFY(code->editor()->hasFocus());
            QTextCursor c = code->editor()->textCursor();
            c.setPosition(code->rangeOfStep(QStringLiteral("Record result")).start + 3);
            code->editor()->setTextCursor(c);
            QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Record result")});
            w->view()->setFocus();
        }
    }

    void editingAslRenamesAStep()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        CodePanel *code = panelsOf(*w).code;
        const auto position = doc->project().step("Record result").position;
        QString text = code->editor()->toPlainText();
        text.replace(QLatin1String("\"Record result\""), QLatin1String("\"Record outcome\""));
        code->editor()->setPlainText(text);
        code->applyNow();
        QVERIFY2(code->errorText().isEmpty(), qPrintable(code->errorText()));
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(doc->index().find("Record outcome"));
        QVERIFY(!doc->index().find("Record result"));
        QVERIFY(w->scene()->stepItem(QStringLiteral("Record outcome")));
        QVERIFY(!w->scene()->stepItem(QStringLiteral("Record result")));
        QCOMPARE(doc->project().step("Record outcome").position, position); // design data kept
        QCOMPARE(doc->project().definition["States"]["Call partner API"]["Next"].get<std::string>(),
                 std::string("Record outcome"));
        doc->undoStack()->undo();
        QVERIFY(w->scene()->stepItem(QStringLiteral("Record result")));
        QVERIFY(code->editor()->toPlainText().contains(QLatin1String("\"Record result\": {")));

        // Invalid text is marked where the parser stopped and never applied.
        code->editor()->setPlainText(QStringLiteral("{\n  \"StartAt\": \"A\",\n  \"States\": {,\n}"));
        code->applyNow();
        QVERIFY2(code->errorText().startsWith(QLatin1String("Line 3")), qPrintable(code->errorText()));
        QCOMPARE(code->editor()->extraSelections().size(), 2);
        QCOMPARE(code->editor()->extraSelections().back().cursor.blockNumber(), 2);
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(doc->index().find("Record result"));
    }

    void halfTypedAslWaitsForAnExplicitApply()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        CodePanel *code = panelsOf(*w).code;
        const QString original = code->editor()->toPlainText();
        // Half-way through typing another name: valid JSON, but the reference points at nothing.
        QString text = original;
        QVERIFY(text.contains(QLatin1String("\"Next\": \"Record result\"")));
        text.replace(QLatin1String("\"Next\": \"Record result\""),
                     QLatin1String("\"Next\": \"Record resultX\""));
        code->editor()->setPlainText(text);
        QVERIFY(QTest::qWaitFor([&] { return !code->pendingText().isEmpty(); }, 10000));
        QVERIFY2(code->pendingText().contains(QLatin1String("Record resultX")),
                 qPrintable(code->pendingText()));
        QCOMPARE(doc->undoStack()->count(), 0);
        QCOMPARE(doc->project().definition["States"]["Call partner API"]["Next"].get<std::string>(),
                 std::string("Record result"));
        // Ctrl+Return applies it, because the user asked.
        code->editor()->setFocus();
        QTest::keyClick(code->editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(code->pendingText().isEmpty());
        QCOMPARE(doc->project().definition["States"]["Call partner API"]["Next"].get<std::string>(),
                 std::string("Record resultX"));
        // Text that adds no problem is applied after the pause on its own; the editor's own undo (Ctrl+Z
        // inside the text) is not the design's.
        doc->undoStack()->undo();
        text = code->editor()->toPlainText();
        text.replace(QLatin1String("Writes the partner's confirmation to the database in the VPC."),
                     QLatin1String("kept"));
        code->editor()->setPlainText(text);
        QVERIFY(QTest::qWaitFor(
            [&] { return doc->undoStack()->count() == 2 || doc->undoStack()->index() == 1; }, 10000));
        QCOMPARE(doc->project().definition["States"]["Record result"]["Comment"].get<std::string>(),
                 std::string("kept"));
        QVERIFY(code->pendingText().isEmpty());
    }

    void cloudFormationViewFollowsTheDrag()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        CodePanel *code = panelsOf(*w).code;
        code->setLivePreviewBudget(1000000); // follow the drag live, however loaded the machine
        code->setFormat(CodePanel::Format::CfnYaml);
        code->flush();
        QVERIFY(code->editor()->isReadOnly());
        QVERIFY(code->infoText().startsWith(QLatin1String("Read-only")));
        // The text is what the CLI writes for the same project and options.
        QCOMPARE(code->editor()->toPlainText().toUtf8(),
                 runCli({QStringLiteral("export-cfn"), kExample, QStringLiteral("-o"), QStringLiteral("-"),
                         QStringLiteral("--format"), QStringLiteral("yaml"), QStringLiteral("-q")}));

        // A selected Lambda step highlights its function resource and its state in the definition.
        w->scene()->selectSteps({kPartner});
        auto functionText = [&] {
            const QList<TextRange> parts = code->rangesOfStep(kPartner);
            return parts.isEmpty()
                       ? QString()
                       : code->editor()->toPlainText().mid(parts[0].start, parts[0].end - parts[0].start);
        };
        const QList<TextRange> parts = code->rangesOfStep(kPartner);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(code->editor()->extraSelections().size(), 2);
        QVERIFY2(functionText().contains(QLatin1String("Type: AWS::Lambda::Function")),
                 qPrintable(functionText()));
        QVERIFY(functionText().contains(QLatin1String("(outside the VPC)")));
        QVERIFY(!functionText().contains(QLatin1String("VpcConfig")));
        const QString state =
            code->editor()->toPlainText().mid(parts[1].start, parts[1].end - parts[1].start);
        QVERIFY2(state.startsWith(QLatin1String("Call partner API:")), qPrintable(state.left(40)));
        // Cursor into the function resource selects the step.
        w->scene()->clearSelection();
        code->editor()->setFocus();
        QTRY_VERIFY(code->editor()->hasFocus());
        QTextCursor c = code->editor()->textCursor();
        c.setPosition(parts[0].start + 2);
        code->editor()->setTextCursor(c);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{kPartner});
        w->view()->setFocus();

        // Dragging the step into the VPC: the preview already has the VpcConfig, the drop keeps it.
        const QPointF start = boxCenter(*w, kPartner);
        Drag drag{*w, w->view()->mapFromScene(start), w->view()->mapFromScene(start - QPointF(320, 0))};
        drag.press();
        QVERIFY(doc->analysis()->hasPreview());
        code->flush();
        QVERIFY2(functionText().contains(QLatin1String("VpcConfig:")), qPrintable(functionText()));
        QVERIFY(functionText().contains(QLatin1String("(inside the VPC)")));
        drag.release();
        code->flush();
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::InsideVpc);
        QVERIFY(functionText().contains(QLatin1String("VpcConfig:")));
        QVERIFY(code->editor()->toPlainText().contains(QLatin1String("AWS::EC2::NatGateway")) ||
                code->editor()->toPlainText().contains(QLatin1String("NatGateway")));
        // ... and back out: it loses it again, byte for byte the text of the start.
        Drag back{*w, w->view()->mapFromScene(boxCenter(*w, kPartner)), w->view()->mapFromScene(start)};
        back.press();
        back.release();
        code->flush();
        QCOMPARE(doc->project().step("Call partner API").placement, design::Placement::OutsideVpc);
        QVERIFY(!functionText().contains(QLatin1String("VpcConfig")));

        // A template too slow to rebuild within a frame waits for the drop, and says so.
        code->setLivePreviewBudget(-1);
        Drag slow{*w, w->view()->mapFromScene(boxCenter(*w, kPartner)),
                  w->view()->mapFromScene(start - QPointF(320, 0))};
        slow.press();
        QVERIFY(doc->analysis()->hasPreview());
        code->flush();
        QVERIFY(!functionText().contains(QLatin1String("VpcConfig")));
        QVERIFY2(code->infoText().contains(QLatin1String("when you drop it")), qPrintable(code->infoText()));
        slow.release();
        code->flush();
        QVERIFY(functionText().contains(QLatin1String("VpcConfig:")));
        QVERIFY(!code->infoText().contains(QLatin1String("when you drop it")));
        doc->undoStack()->undo();
        code->flush();
        QVERIFY(!functionText().contains(QLatin1String("VpcConfig")));

        // JSON, the NAT baseline and --create-vpc, as the CLI writes them.
        code->setFormat(CodePanel::Format::CfnJson);
        code->setNatBaseline(true);
        code->setCreateVpc(true);
        code->flush();
        const QString project = m_tmp.filePath(QStringLiteral("view.egress.json"));
        QVERIFY(w->saveTo(project));
        QCOMPARE(
            code->editor()->toPlainText().toUtf8(),
            runCli({QStringLiteral("export-cfn"), project, QStringLiteral("-o"), QStringLiteral("-"),
                    QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--variant"),
                    QStringLiteral("nat-gateway"), QStringLiteral("--create-vpc"), QStringLiteral("-q")}));
        QVERIFY(code->editor()->toPlainText().contains(QLatin1String("\"MonolithFunction\": {")));
        QVERIFY(code->rangesOfStep(kPartner).isEmpty()); // one function does every step's work
        w->scene()->selectSteps({kPartner});
        QVERIFY2(code->infoText().contains(QLatin1String("NAT gateway baseline")),
                 qPrintable(code->infoText()));
        // Back to ASL: editable again.
        code->setFormat(CodePanel::Format::AslJson);
        QVERIFY(!code->editor()->isReadOnly());
        QVERIFY(code->editor()->toPlainText().startsWith(QLatin1String("{\n  \"Comment\"")) ||
                code->editor()->toPlainText().contains(QLatin1String("\"StartAt\"")));
    }

    void cloudFormationExportEqualsCli_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<bool>("createVpc");
        QTest::newRow("designed yaml") << "designed"
                                       << "yaml" << false;
        QTest::newRow("designed json") << "designed"
                                       << "json" << false;
        QTest::newRow("designed yml create-vpc") << "designed"
                                                 << "yml" << true;
        QTest::newRow("nat yaml") << "nat-gateway"
                                  << "yaml" << false;
        QTest::newRow("nat json create-vpc") << "nat-gateway"
                                             << "json" << true;
    }
    void cloudFormationExportEqualsCli()
    {
        QFETCH(QString, variant);
        QFETCH(QString, suffix);
        QFETCH(bool, createVpc);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        // The menu offers both variants and the VPC option.
        QVERIFY(w->findChild<QAction *>(QStringLiteral("exportCfn-designed")));
        QVERIFY(w->findChild<QAction *>(QStringLiteral("exportCfn-nat-gateway")));
        QVERIFY(w->findChild<QAction *>(QStringLiteral("exportCfnCreateVpc")));
        // An edited design (the partner API inside the VPC), saved so the CLI reads the same project.
        design::StepDesign d = w->document()->project().step("Call partner API");
        d.placement = design::Placement::InsideVpc;
        Edits::setStepDesign(*w->document(), kPartner, d);
        const QString project = m_tmp.filePath(QStringLiteral("cfn.egress.json"));
        QVERIFY(w->saveTo(project));
        const QString ours = m_tmp.filePath(QStringLiteral("gui.") + suffix);
        const QString theirs = m_tmp.filePath(QStringLiteral("cli.") + suffix);
        QStringList problems{QStringLiteral("stale")};
        QVERIFY(!exportCloudFormation(w->document()->project(),
                                      *cfn::variantFromString(variant.toStdString()), createVpc, ours,
                                      &problems));
        QVERIFY(problems.isEmpty());
        QStringList args{QStringLiteral("export-cfn"), project, QStringLiteral("-o"), theirs,
                         QStringLiteral("--variant"),  variant, QStringLiteral("-q")};
        if (createVpc)
            args << QStringLiteral("--create-vpc");
        runCli(args);
        QFile a(ours), b(theirs);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray bytes = a.readAll();
        QVERIFY(bytes.size() > 1000);
        QCOMPARE(bytes, b.readAll());
        QCOMPARE(bytes.startsWith('{'), suffix == QLatin1String("json"));
        // An unwritable path is refused with the path in the message.
        const auto error = exportCloudFormation(w->document()->project(), cfn::Variant::Designed, false,
                                                m_tmp.filePath(QStringLiteral("no/such/dir/t.yaml")));
        QVERIFY(error && error->contains(QLatin1String("t.yaml")));
    }

    void problemsPanelSaysWhenThereAreNone()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        ProblemsPanel *problems = panelsOf(*w).problems;
        problems->flush();
        QCOMPARE(problems->topLevelItemCount(), 0);
        QVERIFY2(problems->emptyText().startsWith(QLatin1String("No problems")),
                 qPrintable(problems->emptyText()));
        // The message is painted: the empty list is not blank.
        problems->resize(600, 160);
        const QImage image = problems->viewport()->grab().toImage();
        const QColor base = problems->viewport()->palette().color(QPalette::Base);
        int ink = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                ink += qAbs(image.pixelColor(x, y).lightness() - base.lightness()) > 40 ? 1 : 0;
        QVERIFY2(ink > 50, qPrintable(QString::number(ink)));
        // A problem replaces it.
        design::StepDesign r = w->document()->project().step("Record result");
        r.placement = design::Placement::OutsideVpc;
        Edits::setStepDesign(*w->document(), QStringLiteral("Record result"), r);
        problems->flush();
        QCOMPARE(problems->topLevelItemCount(), 1);
        QVERIFY(problems->emptyText().isEmpty());
    }

    void chartAxesReadAsMoney()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        CostChart *chart = panel->chart();
        chart->resize(520, 320);
        QApplication::processEvents();
        const QStringList y = chart->costAxis()->categoriesLabels();
        QVERIFY2(y.contains(QLatin1String("$10")) && y.contains(QLatin1String("$100")) &&
                     y.contains(QLatin1String("$1k")),
                 qPrintable(y.join(' ')));
        const QStringList x = chart->volumeAxis()->categoriesLabels();
        QCOMPARE(x.front(), QStringLiteral("1k"));
        QCOMPARE(x.back(), QStringLiteral("10B"));
        QVERIFY(x.contains(QLatin1String("1M")));
        QCOMPARE(CostChart::costAxisLabel(0.01), QStringLiteral("$0.01"));
        QCOMPARE(CostChart::costAxisLabel(1e6), QStringLiteral("$1M"));
        // Not elided: the axis leaves room for its widest label left of the plot.
        const QFontMetricsF fm(chart->costAxis()->labelsFont());
        double widest = 0;
        for (const QString &label : y) {
            QVERIFY(!label.contains(QChar(0x2026)) && !label.contains(QLatin1String("e+")));
            widest = std::max(widest, fm.horizontalAdvance(label));
        }
        QVERIFY(!chart->costAxis()->truncateLabels());
        QVERIFY2(chart->chart()->plotArea().left() >= widest,
                 qPrintable(QStringLiteral("%1 < %2").arg(chart->chart()->plotArea().left()).arg(widest)));
        // Break-even labels never overlap.
        QList<QRectF> shown;
        for (QGraphicsSimpleTextItem *label : chart->breakEvenLabels())
            if (label->isVisible())
                shown.append(label->sceneBoundingRect());
        QVERIFY(!shown.isEmpty());
        for (int i = 0; i < shown.size(); ++i)
            for (int j = i + 1; j < shown.size(); ++j)
                QVERIFY(!shown[i].intersects(shown[j]));
        // Hover: every available strategy's cost at that volume, cheapest first.
        const QString hover = chart->hoverText(1e6);
        QVERIFY2(hover.startsWith(QLatin1String("At 1M executions/month:")), qPrintable(hover));
        QCOMPARE(hover.count('\n'), int(chart->strategySeries().size()));
        QVERIFY(hover.contains(QLatin1String("(as designed)")));
    }

    void chartVolumeBelowOneThousandStandsClearOfTheAxis()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->executionsBox()->setValue(500);
        panel->flush();
        CostChart *chart = panel->chart();
        const double volumeX = chart->currentVolumeSeries()->at(0).x();
        QVERIFY(qFuzzyCompare(CostChart::fromChart(volumeX), 500.0));
        // The axis starts a decade below the volume: its line is inside the plot, not on the axis.
        QVERIFY2(
            chart->volumeAxis()->min() <= volumeX - 0.5,
            qPrintable(
                QStringLiteral("axis from %1, volume at %2").arg(chart->volumeAxis()->min()).arg(volumeX)));
        QCOMPARE(chart->volumeAxis()->categoriesLabels().front(), QStringLiteral("100"));
        // The curves start there too.
        for (QLineSeries *series : chart->strategySeries())
            QVERIFY(qFuzzyCompare(series->at(0).x(), chart->volumeAxis()->min()));
        // Back above 1k: the usual 1k … 10B.
        panel->executionsBox()->setValue(200000);
        panel->flush();
        QCOMPARE(chart->volumeAxis()->categoriesLabels().front(), QStringLiteral("1k"));
    }

    void chartLabelsOffTheLinesAndHoverReadOut()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        CostChart *chart = panel->chart();
        if (auto *tabs = chart->parentWidget()
                             ? qobject_cast<QTabWidget *>(chart->parentWidget()->parentWidget())
                             : nullptr)
            tabs->setCurrentWidget(chart);
        chart->resize(520, 320);
        QApplication::processEvents();
        // A shown break-even label crosses no strategy line (it would hide the line and read as its value).
        QList<QPolygonF> lines;
        for (QLineSeries *series : chart->strategySeries()) {
            QPolygonF line;
            for (const QPointF &p : series->points())
                line << chart->chart()->mapToPosition(p, series);
            lines << line;
        }
        int shown = 0;
        for (QGraphicsSimpleTextItem *label : chart->breakEvenLabels()) {
            if (!label->isVisible())
                continue;
            ++shown;
            const QRectF r = label->sceneBoundingRect();
            for (const QPolygonF &line : lines)
                for (int k = 1; k < line.size(); ++k) {
                    const QLineF segment(line[k - 1], line[k]);
                    for (int t = 0; t <= 20; ++t)
                        QVERIFY2(!r.contains(segment.pointAt(t / 20.0)), qPrintable(label->text()));
                }
        }
        QVERIFY(shown > 0);
        // Hovering the plot reads out every strategy's cost; a resting mouse keeps it (the scene's own
        // tooltip event used to hide it again).
        const QPoint centre =
            chart->mapFromScene(chart->chart()->mapToScene(chart->chart()->plotArea().center()));
        QVERIFY(chart->readOutAt(centre).startsWith(QLatin1String("At ")));
        QVERIFY(chart->readOutAt(QPoint(1, 1)).isEmpty());
        QHelpEvent rest(QEvent::ToolTip, centre, chart->viewport()->mapToGlobal(centre));
        QApplication::sendEvent(chart->viewport(), &rest);
        QVERIFY2(QToolTip::text().startsWith(QLatin1String("At ")), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void onlyTheProjectsWorkflowTypeIsAsDesigned()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        for (int type : {0, 1}) {
            panel->workflowTypeBox()->setCurrentIndex(type);
            panel->flush();
            const cost::CostReport &r = panel->report();
            for (const char *id : {"step-functions-standard", "step-functions-express"}) {
                const cost::StrategyCost *s = r.strategy(id);
                QVERIFY(s);
                const bool designedType = (type == 1) == (std::string(id) == "step-functions-express");
                QCOMPARE(s->designed, designedType);
                QCOMPARE(QString::fromStdString(s->label).contains(QLatin1String("(as designed)")),
                         designedType);
            }
        }
    }

    void jsonRanges_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("member") << R"({"a": {"b": [1, {"c": 2}]}})"
                                << "/a"
                                << R"("a": {"b": [1, {"c": 2}]})";
        QTest::newRow("array item") << R"({"a": {"b": [1, {"c": 2}]}})"
                                    << "/a/b/1"
                                    << R"({"c": 2})";
        // Plain literals here: moc misreads a raw string holding \" and silently dropped every test below.
        QTest::newRow("escaped key") << "{\"x/y\": {\"q\\\"\": {}}}"
                                     << "/x~1y/q\""
                                     << "\"q\\\"\": {}";
        QTest::newRow("truncated") << R"({"a": {"b": {})"
                                   << "/a/b"
                                   << R"("b": {})";
        QTest::newRow("truncated outer") << R"({"a": {"b": {})"
                                         << "/a"
                                         << "";
    }
    void jsonRanges()
    {
        QFETCH(QString, text);
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        const auto ranges = jsonPointerRanges(text);
        const TextRange r = ranges.value(pointer);
        QCOMPARE(text.mid(r.start, r.end - r.start), expected);
    }

    void exportsEqualCli_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("cliFormat");
        QTest::newRow("csv") << int(CostFormat::Csv) << "csv";
        QTest::newRow("markdown") << int(CostFormat::Markdown) << "markdown";
        QTest::newRow("json") << int(CostFormat::JsonReport) << "json";
    }
    void exportsEqualCli()
    {
        QFETCH(int, format);
        QFETCH(QString, cliFormat);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        // An edited design, saved, so the CLI reads the same project.
        panelsOf(*w).cost->executionsBox()->setValue(3.5e6);
        const QString project = m_tmp.filePath(QStringLiteral("edited.egress.json"));
        QVERIFY(w->saveTo(project));
        const QString out = m_tmp.filePath(QStringLiteral("cost.") + cliFormat);
        QVERIFY(!exportCost(w->document()->project(), CostFormat(format), out));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(),
                 runCli({QStringLiteral("cost"), project, QStringLiteral("--format"), cliFormat}));
    }

    void aslExportEqualsCli_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("json") << "asl.json";
        QTest::newRow("yaml") << "asl.yaml";
    }
    void aslExportEqualsCli()
    {
        QFETCH(QString, suffix);
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        const QString ours = m_tmp.filePath(QStringLiteral("gui.") + suffix);
        const QString cli = m_tmp.filePath(QStringLiteral("cli.") + suffix);
        QVERIFY(w->exportDefinition(ours));
        runCli({QStringLiteral("export-asl"), kExample, QStringLiteral("-o"), cli});
        QFile a(ours), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    // --- The document's Analysis (issue #16 §1, §3.7, §3.10) ---------------------------------------------

    void multiSelectionDragPreviewsEveryMovedStep()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        Document *doc = w->document();
        Analysis *analysis = doc->analysis();
        analysis->flush();
        const design::Project before = doc->project();
        const cost::CostReport reportBefore = analysis->report();
        const std::vector<Problem> problemsBefore = analysis->problems();
        const QString prepare = QStringLiteral("Prepare order"), record = QStringLiteral("Record result");
        QCOMPARE(before.step(prepare.toStdString()).placement, design::Placement::InsideVpc);
        QCOMPARE(before.step(record.toStdString()).placement, design::Placement::InsideVpc);

        // Two steps inside the VPC dragged out together: the preview has both outside, the document neither.
        w->scene()->selectSteps({prepare, record});
        const QPointF grab = boxCenter(*w, prepare);
        w->scene()->beginStepDrag(prepare, grab);
        w->scene()->dragStepsTo(grab + QPointF(600, 0));
        QVERIFY(analysis->hasPreview());
        analysis->flush();
        const design::Project *preview = analysis->preview();
        QVERIFY(preview);
        QCOMPARE(preview->step(prepare.toStdString()).placement, design::Placement::OutsideVpc);
        QCOMPARE(preview->step(record.toStdString()).placement, design::Placement::OutsideVpc);
        QVERIFY(doc->project() == before);
        // The costs are those of that hypothetical project, as the one pipeline prices it.
        const cost::PricedDesign expected = cost::priceDesign(*preview, {});
        QVERIFY(expected);
        QCOMPARE(designed(analysis->report()).monthlyUsd, designed(expected.report).monthlyUsd);
        QCOMPARE(analysis->report().strategies.size(), expected.report.strategies.size());
        for (std::size_t i = 0; i < expected.report.strategies.size(); ++i)
            QCOMPARE(analysis->report().strategies[i].monthlyUsd, expected.report.strategies[i].monthlyUsd);
        // Both steps have their problem (private egress outside the VPC), badged on the canvas.
        QSet<QString> withProblems;
        for (const Problem &p : analysis->problems())
            if (p.source == Problem::Source::Placement)
                withProblems.insert(p.step);
        QVERIFY2(withProblems.contains(prepare) && withProblems.contains(record),
                 qPrintable(QStringList(withProblems.values()).join(", ")));
        panelsOf(*w).problems->flush();
        QVERIFY(panelsOf(*w).problems->stepsWithProblems().contains(prepare));
        QVERIFY(panelsOf(*w).problems->stepsWithProblems().contains(record));

        // Dropped: one command; undo restores the project, the costs and the problems exactly.
        w->scene()->endStepDrag();
        QVERIFY(!analysis->hasPreview());
        analysis->flush();
        QCOMPARE(doc->project().step(prepare.toStdString()).placement, design::Placement::OutsideVpc);
        QCOMPARE(doc->project().step(record.toStdString()).placement, design::Placement::OutsideVpc);
        QCOMPARE(designed(analysis->report()).monthlyUsd, designed(expected.report).monthlyUsd);
        doc->undoStack()->undo();
        analysis->flush();
        QVERIFY(doc->project() == before);
        QCOMPARE(analysis->report().strategies.size(), reportBefore.strategies.size());
        for (std::size_t i = 0; i < reportBefore.strategies.size(); ++i)
            QCOMPARE(analysis->report().strategies[i].monthlyUsd, reportBefore.strategies[i].monthlyUsd);
        QVERIFY(analysis->problems() == problemsBefore);
    }

    void egressDrawingFollowsTheDragPreview()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        EgressOverlay *egress = panelsOf(*w).egress;
        Analysis *analysis = w->document()->analysis();
        analysis->flush();
        egress->flush();
        QVERIFY(egress->natPaths().isEmpty());
        auto pathItems = [&] {
            QList<QGraphicsItem *> paths;
            for (QGraphicsItem *item : w->scene()->items())
                if (item->type() == QGraphicsItem::UserType + 42) // EgressPathItem
                    paths << item;
            return paths;
        };
        QCOMPARE(pathItems().size(), 1);

        // Moved within its side: the arrow follows the box at once, nothing is repriced.
        w->scene()->selectSteps({kPartner});
        const QPointF grab = boxCenter(*w, kPartner);
        w->scene()->beginStepDrag(kPartner, grab);
        w->scene()->dragStepsTo(grab + QPointF(0, 100));
        QCOMPARE(pathItems().size(), 1);
        const QRectF box = w->scene()->stepItem(kPartner)->sceneBoxRect();
        QVERIFY2(pathItems().front()->boundingRect().contains(QPointF(box.right() + 1, box.top() + 8)),
                 "the direct arrow stayed where the box was");

        // Across the border: the path goes through the NAT symbol while dragging, and back when released
        // outside again.
        w->scene()->dragStepsTo(grab - QPointF(320, 0));
        analysis->flush();
        egress->flush();
        QCOMPARE(egress->natPaths(), QStringList{kPartner});
        QCOMPARE(pathItems().size(), 1);
        w->scene()->dragStepsTo(grab);
        analysis->flush();
        egress->flush();
        QVERIFY(egress->natPaths().isEmpty());
        w->scene()->dragStepsTo(grab - QPointF(320, 0));
        w->scene()->endStepDrag();
        analysis->flush();
        egress->flush();
        QCOMPARE(egress->natPaths(), QStringList{kPartner});
        w->document()->undoStack()->undo();
        analysis->flush();
        egress->flush();
        QVERIFY(egress->natPaths().isEmpty());
        QCOMPARE(pathItems().size(), 1);
    }

    void analysisPricesWithoutAnyPanel()
    {
        // A document alone (no window, no Cost panel): the Analysis prices it, with a loaded table, and the
        // exports take that table from it.
        const design::ProjectLoad load = design::loadProject(kExample.toStdString());
        QVERIFY(load.project);
        Document doc;
        doc.resetProject(*load.project, kExample);
        Analysis *analysis = doc.analysis();
        analysis->flush();
        QVERIFY(analysis->priceFile().isEmpty());
        const cost::PricedDesign bundled = cost::priceDesign(doc.project(), {});
        QCOMPARE(designed(analysis->report()).monthlyUsd, designed(bundled.report).monthlyUsd);

        // A table with a dearer NAT gateway hour.
        QFile in(QStringLiteral(EGRESS_SOURCE_DIR "/resources/pricing/us-east-1.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        const qsizetype at = text.indexOf("\"nat-gateway-hour\"");
        QVERIFY(at >= 0);
        const qsizetype usd = text.indexOf("\"usd\":", at) + 6;
        const qsizetype end = text.indexOf(',', usd);
        text.replace(usd, end - usd, " 9.5");
        const QString dear = m_tmp.filePath(QStringLiteral("dear-nat.json"));
        QFile out(dear);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        QSignalSpy repriced(analysis, &Analysis::reportChanged);
        QVERIFY(!analysis->loadPriceTable(dear));
        analysis->flush();
        QCOMPARE(repriced.count(), 1);
        QCOMPARE(analysis->priceFile(), dear);
        const cost::StrategyCost *nat = analysis->report().strategy("nat-gateway");
        QVERIFY(nat && nat->available);
        QVERIFY(nat->monthlyUsd > bundled.report.strategy("nat-gateway")->monthlyUsd);
        // The cost export is byte for byte what egress-cli prints with --prices.
        std::string error;
        const std::string json =
            costExportText(doc.project(), CostFormat::JsonReport, analysis->priceFile(), &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(QByteArray::fromStdString(json),
                 runCli({QStringLiteral("cost"), kExample, QStringLiteral("--prices"), dear,
                         QStringLiteral("--format"), QStringLiteral("json")}));
        // A moved step that stays on its side reprices nothing.
        const int reports = repriced.count();
        Edits::moveSteps(doc, {kPartner}, QPointF(0, 40));
        analysis->flush();
        QCOMPARE(repriced.count(), reports);
    }

    void incrementalUpdatesMatchAFreshOpen()
    {
        // The drag path is incremental (only the dragged steps' placements are re-checked, only changed
        // cells written and measured, the egress drawing kept when no visits changed). Whatever it shows
        // during a drag must be what a window opened on the previewed project shows, and after a drop and
        // an undo what a fresh open of the same project shows. A generated 150-state workflow: its
        // strategies' notes list many steps (the Status cell is cut, the tooltip is whole).
        design::Project project = egress::asl::generateProject({.states = 150, .seed = 1});
        egress::layout::autoLayout(project);
        auto w = makeWindow();
        QVERIFY(w);
        w->document()->resetProject(project, {});
        Document *doc = w->document();
        Analysis *analysis = doc->analysis();
        CostPanel *cost = panelsOf(*w).cost;
        ProblemsPanel *problems = panelsOf(*w).problems;
        auto settle = [](MainWindow &window) {
            window.document()->analysis()->flush();
            panelsOf(window).problems->flush();
            QCoreApplication::processEvents();
        };
        settle(*w);
        QString name;
        for (const auto &[step, d] : project.steps)
            if (design::isVpcCapable(project, step) && d.placement == design::Placement::InsideVpc &&
                w->scene()->stepItem(QString::fromStdString(step)) &&
                w->scene()->stepItem(QString::fromStdString(step))->depth() == 0) {
                name = QString::fromStdString(step);
                break;
            }
        QVERIFY(!name.isEmpty());
        // It calls the internet: a warning inside the VPC, none outside (so every crossing changes the
        // Problems list and the badges, not only the costs).
        design::StepDesign internet = doc->project().step(name.toStdString());
        internet.egress = design::Egress::Internet;
        Edits::setStepDesign(*doc, name, internet);
        settle(*w);
        // The other window, opened on whatever this one shows.
        auto fresh = makeWindow();
        QVERIFY(fresh);
        auto compareWith = [&](const design::Project &shown, const char *when) {
            fresh->document()->resetProject(shown, {});
            settle(*fresh);
            Analysis *expected = fresh->document()->analysis();
            QVERIFY2(analysis->problems() == expected->problems(), when);
            QVERIFY2(problemRows(*problems) == problemRows(*panelsOf(*fresh).problems), when);
            const QStringList ours = tableCells(*cost->model());
            const QStringList theirs = tableCells(*panelsOf(*fresh).cost->model());
            QCOMPARE(ours.size(), theirs.size());
            for (int i = 0; i < ours.size(); ++i)
                QVERIFY2(
                    ours[i] == theirs[i],
                    qPrintable(
                        QStringLiteral("%1: %2 against %3").arg(QLatin1String(when), ours[i], theirs[i])));
            QStringList nat = panelsOf(*w).egress->natPaths(), freshNat = panelsOf(*fresh).egress->natPaths();
            nat.sort();
            freshNat.sort(); // a dragged step's path is redrawn last: the order says nothing
            QCOMPARE(nat, freshNat);
        };

        const QPointF grab = boxCenter(*w, name);
        const design::Project before = doc->project();
        const QRectF border(before.vpc.rect[0], before.vpc.rect[1], before.vpc.rect[2], before.vpc.rect[3]);
        const QPointF outside(border.right() + 400, grab.y());
        w->scene()->beginStepDrag(name, grab);
        for (int frame = 0; frame < 5; ++frame) {
            w->scene()->dragStepsTo(frame % 2 ? grab + QPointF(0, 10) : outside);
            settle(*w);
            panelsOf(*w).egress->flush();
            QVERIFY(analysis->preview());
            design::Project shown = *analysis->preview();
            compareWith(shown, "during the drag");
        }
        // The document changes under a drag (a shortcut edits another step): the preview is then checked
        // whole, and still says what the rules say of it.
        std::string other;
        for (const auto &[step, d] : doc->project().steps)
            if (step != name.toStdString() && design::isVpcCapable(doc->project(), step) &&
                d.placement == design::Placement::InsideVpc && d.egress != design::Egress::VpcPrivate) {
                other = step;
                break;
            }
        QVERIFY(!other.empty());
        design::StepDesign changed = doc->project().step(other);
        changed.placement = design::Placement::OutsideVpc;
        changed.egress = design::Egress::VpcPrivate;
        Edits::setStepDesign(*doc, QString::fromStdString(other), changed);
        w->scene()->dragStepsTo(outside + QPointF(0, 20));
        settle(*w);
        QVERIFY(analysis->preview());
        std::vector<Problem> placements;
        for (const Problem &p : analysis->problems())
            if (p.source == Problem::Source::Placement)
                placements.push_back(p);
        const std::vector<design::PlacementProblem> rules =
            design::placementProblems(*analysis->preview(), doc->index());
        QCOMPARE(placements.size(), rules.size());
        for (std::size_t i = 0; i < rules.size(); ++i)
            QCOMPARE(placements[i].message, QString::fromStdString(rules[i].message));
        w->scene()->endStepDrag();
        doc->undoStack()->undo(); // the drop
        doc->undoStack()->undo(); // the other step's change
        settle(*w);
        panelsOf(*w).egress->flush();
        QVERIFY(doc->project() == before);
        compareWith(doc->project(), "after the drop and two undos");

        // The Status cell of a strategy with long notes is cut; its tooltip has every note.
        bool cut = false;
        for (int r = 0; r < cost->model()->rowCount(); ++r) {
            const QStandardItem *status = cost->model()->item(r, cost->model()->columnCount() - 1);
            QVERIFY(status->text().size() <= 242);
            if (status->text().endsWith(QStringLiteral(" …"))) {
                cut = true;
                const cost::StrategyCost &s = cost->report().strategies[std::size_t(r)];
                for (const std::string &note : s.notes)
                    QVERIFY(status->toolTip().contains(QString::fromStdString(note)));
            }
        }
        QVERIFY2(cut, "no strategy of the generated workflow had notes long enough to be cut");
    }

    void costTableColumnsFitAndHoldStill()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        CostPanel *panel = panelsOf(*w).cost;
        panel->flush();
        QApplication::processEvents();
        QTreeView *tree = panel->tree();
        QHeaderView *header = tree->header();
        auto sizes = [&] {
            QList<int> out;
            for (int c = 0; c < header->count(); ++c)
                out << (tree->isColumnHidden(c) ? 0 : header->sectionSize(c));
            return out;
        };
        auto checkNothingCut = [&] {
            // Every strategy's name in full (line items may be elided: their tooltip has the label).
            QFont bold = tree->font();
            bold.setBold(true);
            // A narrow dock elides them rather than hiding the figures (at least 180 px of name, and the
            // Monthly column stays in view).
            for (int r = 0; r < panel->model()->rowCount(); ++r)
                QVERIFY2(header->sectionSize(0) >= std::min(QFontMetrics(bold).horizontalAdvance(
                                                                panel->model()->item(r, 0)->text()) +
                                                                tree->indentation(),
                                                            180),
                         qPrintable(panel->model()->item(r, 0)->text()));
            QVERIFY(header->sectionViewportPosition(1) + header->sectionSize(1) <= tree->viewport()->width());
            for (int c = 1; c < header->count(); ++c)
                if (!tree->isColumnHidden(c))
                    QVERIFY2(
                        header->sectionSize(c) >=
                            static_cast<QAbstractItemView *>(tree)->sizeHintForColumn(c),
                        qPrintable(QStringLiteral("column %1: %2 < %3")
                                       .arg(c)
                                       .arg(header->sectionSize(c))
                                       .arg(static_cast<QAbstractItemView *>(tree)->sizeHintForColumn(c))));
        };
        checkNothingCut();
        // Figures change on every frame of a drag across the border: no column gets narrower, and a second
        // round changes nothing at all.
        const QPointF grab = boxCenter(*w, kPartner);
        w->scene()->selectSteps({kPartner});
        w->scene()->beginStepDrag(kPartner, grab);
        QList<QList<int>> rounds[2];
        QList<int> last = sizes();
        for (int round = 0; round < 2; ++round)
            for (const QPointF to : {grab - QPointF(320, 0), grab, grab - QPointF(320, 0), grab}) {
                w->scene()->dragStepsTo(to);
                panel->flush();
                QApplication::processEvents();
                checkNothingCut();
                const QList<int> now = sizes();
                for (int c = 0; c < now.size(); ++c)
                    QVERIFY2(now[c] >= last[c], qPrintable(QStringLiteral("column %1 shrank").arg(c)));
                last = now;
                rounds[round] << now;
            }
        w->scene()->endStepDrag();
        for (const QList<int> &again : std::as_const(rounds[1]))
            QCOMPARE(again, rounds[0].back());
    }

    void cachedTextDelegateDrawsWhatTheStyleDraws()
    {
        // The cost table's delegate keeps each cell's laid-out text; it must draw exactly the pixels
        // QStyledItemDelegate draws: left and right aligned, bold, icons, elided (three modes), selected
        // rows, alternating rows, both themes, and the second paint (from the cache) as the first.
        auto differ = [](const QImage &a, const QImage &b) {
            if (a.size() != b.size())
                return QStringLiteral("sizes differ");
            int n = 0;
            for (int y = 0; y < a.height(); ++y)
                for (int x = 0; x < a.width(); ++x)
                    n += a.pixel(x, y) != b.pixel(x, y);
            return n ? QStringLiteral("%1 pixels differ").arg(n) : QString();
        };
        auto compareTree = [&](QTreeView *tree, CachedTextDelegate *cached, const QString &what) {
            tree->setItemDelegate(cached);
            tree->viewport()->update();
            const QImage first = tree->viewport()->grab().toImage();
            const qsizetype laidOut = cached->cachedTexts();
            const QImage again = tree->viewport()->grab().toImage();
            QCOMPARE(cached->cachedTexts(), laidOut); // the second paint lays nothing out again
            auto *plain = new QStyledItemDelegate(tree);
            tree->setItemDelegate(plain);
            const QImage styled = tree->viewport()->grab().toImage();
            tree->setItemDelegate(cached);
            delete plain;
            for (const auto &[image, name] : {std::pair{first, QStringLiteral("first")}, {again, "cached"}}) {
                const QString d = differ(image, styled);
                if (!d.isEmpty()) {
                    image.save(QDir::temp().filePath(QStringLiteral("cachedtext-%1-%2.png").arg(what, name)));
                    styled.save(QDir::temp().filePath(QStringLiteral("cachedtext-%1-styled.png").arg(what)));
                }
                QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("%1 (%2 paint): %3").arg(what, name, d)));
            }
            QVERIFY(cached->cachedTexts() > 0);
        };
        for (const ThemeChoice theme : {ThemeChoice::Light, ThemeChoice::Dark}) {
            applyTheme(theme);
            const QString themeName =
                theme == ThemeChoice::Dark ? QStringLiteral("dark") : QStringLiteral("light");
            // A table of its own with every case.
            QTreeView tree;
            tree.setAlternatingRowColors(true);
            tree.setTextElideMode(Qt::ElideRight);
            QStandardItemModel model(0, 4);
            const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            for (int r = 0; r < 8; ++r) {
                QList<QStandardItem *> row;
                auto *name = new QStandardItem(
                    QStringLiteral("Strategy %1 with a name long enough to be elided in a narrow column")
                        .arg(r));
                if (r % 3 == 0)
                    name->setIcon(icon);
                QFont f = tree.font();
                f.setBold(r % 2 == 0);
                name->setFont(f);
                auto *figure =
                    new QStandardItem(QStringLiteral("$%1.%2").arg(1234 * (r + 1)).arg(r * 7 % 100));
                figure->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                auto *middle = new QStandardItem(QStringLiteral("→ Δ %1 ünïcödé").arg(r));
                middle->setTextAlignment(Qt::AlignHCenter | Qt::AlignBottom);
                auto *empty = new QStandardItem(r % 2 ? QString() : QStringLiteral("two\nlines"));
                row << name << figure << middle << empty;
                model.appendRow(row);
            }
            model.item(0)->appendRow(new QStandardItem(QStringLiteral("a child line item, elided too")));
            tree.setModel(&model);
            tree.expandAll();
            tree.resize(420, 260);
            tree.header()->resizeSection(0, 150);
            tree.header()->resizeSection(1, 60);
            tree.header()->resizeSection(2, 90);
            tree.selectionModel()->select(model.index(2, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
            tree.show();
            QVERIFY(QTest::qWaitForWindowExposed(&tree));
            auto *cached = new CachedTextDelegate(&tree);
            for (const Qt::TextElideMode mode : {Qt::ElideRight, Qt::ElideLeft, Qt::ElideMiddle}) {
                tree.setTextElideMode(mode);
                compareTree(&tree, cached, QStringLiteral("%1-elide%2").arg(themeName).arg(int(mode)));
            }
            // The cost panel's own table, which uses it.
            auto w = makeWindow();
            QVERIFY(w);
            QVERIFY(w->openFile(kExample));
            CostPanel *panel = panelsOf(*w).cost;
            panel->flush();
            QApplication::processEvents();
            auto *own = dynamic_cast<CachedTextDelegate *>(panel->tree()->itemDelegate());
            QVERIFY2(own, "the cost table does not draw through CachedTextDelegate");
            panel->tree()->setCurrentIndex(panel->model()->index(1, 0));
            compareTree(panel->tree(), own, themeName + QStringLiteral("-cost"));
            panel->tree()->header()->resizeSection(0, 70); // names elided
            compareTree(panel->tree(), own, themeName + QStringLiteral("-cost-narrow"));
        }
        applyTheme(ThemeChoice::Light);
    }
};

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
