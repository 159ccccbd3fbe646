// The designer by keyboard alone (QT_QPA_PLATFORM=offscreen): Tab and Shift+Tab go round the canvas and
// every open dock without stopping on anything that cannot be seen, F6 jumps between them, the arrow keys
// move the selection between steps, Enter edits the step's name in the Inspector and Esc comes back,
// Alt+arrow nudges, Enter in the palette adds a step at a free spot, and the Inspector fits its dock.
#include "corpus.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "focusnavigation.h"
#include "inspector.h"
#include "mainwindow.h"
#include "palette.h"
#include "studiotest.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace egress::studio;
using egress::studio::test::makeWindow;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");

QWidget *focused()
{
    return QApplication::focusWidget();
}

/** The dock (or the canvas) holding the focus, by object name: "canvas", "inspectorDock", ... */
QString regionName(MainWindow &w)
{
    QWidget *region = w.focusNavigator()->regionOf(focused());
    if (!region)
        return QStringLiteral("(none)");
    return region == w.view() ? QStringLiteral("canvas") : region->objectName();
}

/** The widest widgets of a page (by their minimum width), to say what makes it too wide. */
QString widest(QWidget *content)
{
    QList<std::pair<int, QString>> all;
    for (QWidget *w : content->findChildren<QWidget *>())
        if (w->isVisibleTo(content))
            all.append({w->minimumSizeHint().width(), QString::fromLatin1(w->metaObject()->className()) +
                                                          ' ' + w->objectName() + " \"" +
                                                          w->property("text").toString().left(30) + '"'});
    std::sort(all.begin(), all.end(), [](auto &a, auto &b) { return a.first > b.first; });
    QStringList out;
    for (int i = 0; i < std::min<int>(12, all.size()); ++i)
        out << QStringLiteral("%1 %2").arg(all[i].first).arg(all[i].second);
    return out.join(QStringLiteral("; "));
}

/** What a user sees: shown, of some size, not clipped away (a field of a scroll area may be scrolled to). */
bool canBeSeen(QWidget *w)
{
    if (!w || !w->isVisible() || w->width() < 2 || w->height() < 2)
        return false;
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<QScrollArea *>(p))
            return true;
    return !w->visibleRegion().isEmpty();
}

void press(QWidget *target, Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QTest::keyClick(target ? target : focused(), key, mods);
    QCoreApplication::processEvents();
}

/** The example project in a shown, active window (the focus only moves in the active window). */
std::unique_ptr<MainWindow> openExample()
{
    auto w = makeWindow();
    if (!w || !w->openFile(kExample))
        return nullptr;
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w.get()))
        return nullptr;
    return w;
}

} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_keyboard"));
    }

    void tabGoesRoundEveryDockAndBack()
    {
        auto w = openExample();
        QVERIFY(w);
        w->view()->setFocus();
        QCOMPARE(focused(), static_cast<QWidget *>(w->view()));

        const QStringList expected{QStringLiteral("canvas"),       QStringLiteral("inspectorDock"),
                                   QStringLiteral("paletteDock"),  QStringLiteral("costDock"),
                                   QStringLiteral("problemsDock"), QStringLiteral("codeDock"),
                                   QStringLiteral("runDock")};
        QStringList visited{QStringLiteral("canvas")};
        bool back = false;
        for (int i = 0; i < 200 && !back; ++i) {
            press(focused(), Qt::Key_Tab);
            QWidget *f = focused();
            QVERIFY2(f, qPrintable(QStringLiteral("Tab %1 left no focus").arg(i + 1)));
            QVERIFY2(canBeSeen(f), qPrintable(QStringLiteral("Tab %1 stopped on an invisible %2 \"%3\"")
                                                  .arg(i + 1)
                                                  .arg(QString::fromLatin1(f->metaObject()->className()),
                                                       f->objectName())));
            const QString region = regionName(*w);
            if (visited.back() != region)
                visited << region;
            back = f == w->view();
        }
        QVERIFY2(back, qPrintable(QStringLiteral("200 Tabs never came back to the canvas: ") +
                                  visited.join(QStringLiteral(" → "))));
        QVERIFY2(visited.mid(0, visited.size() - 1) == expected,
                 qPrintable(visited.join(QStringLiteral(" → "))));

        // Shift+Tab from the canvas goes backwards: into the last dock, then through it towards the canvas.
        press(w->view(), Qt::Key_Backtab);
        QCOMPARE(regionName(*w), QStringLiteral("runDock"));
        int presses = 1;
        while (focused() != w->view() && presses < 200) {
            press(focused(), Qt::Key_Tab, Qt::ShiftModifier);
            QVERIFY(canBeSeen(focused()));
            ++presses;
        }
        QVERIFY(focused() == w->view());
    }

    void f6JumpsBetweenDocks()
    {
        auto w = openExample();
        QVERIFY(w);
        w->view()->setFocus();
        press(w->view(), Qt::Key_F6);
        QCOMPARE(regionName(*w), QStringLiteral("inspectorDock"));
        press(focused(), Qt::Key_F6);
        QCOMPARE(regionName(*w), QStringLiteral("paletteDock"));
        press(focused(), Qt::Key_F6, Qt::ShiftModifier);
        QCOMPARE(regionName(*w), QStringLiteral("inspectorDock"));
        press(focused(), Qt::Key_F6, Qt::ShiftModifier);
        QCOMPARE(focused(), static_cast<QWidget *>(w->view()));
        // The frame shows where the focus is.
        FocusFrame *frame = w->focusNavigator()->frame();
        QCOMPARE(frame->target(), static_cast<QWidget *>(w->view()));
        QVERIFY(frame->isVisible());
        press(focused(), Qt::Key_F6);
        QCOMPARE(frame->target()->objectName(), QStringLiteral("inspectorDock"));
    }

    void arrowsSelectTheNeighbour()
    {
        auto w = openExample();
        QVERIFY(w);
        w->view()->setFocus();
        DiagramScene *scene = w->scene();
        QVERIFY(scene->selectedStepNames().isEmpty());
        const auto before = w->document()->project();
        // Nothing selected: the first arrow selects StartAt.
        press(w->view(), Qt::Key_Down);
        QCOMPARE(scene->selectedStepNames(), QStringList{QStringLiteral("Prepare order")});
        // Then the nearest step that way, as laid out in the example (see its positions).
        const std::pair<Qt::Key, const char *> walk[] = {
            {Qt::Key_Down, "Record result"},       {Qt::Key_Right, "Call partner API"},
            {Qt::Key_Down, "Partner unavailable"}, {Qt::Key_Left, "Record failure"},
            {Qt::Key_Up, "Record result"},         {Qt::Key_Up, "Prepare order"},
            {Qt::Key_Up, "Prepare order"}, // nothing above: stays
        };
        for (const auto &[key, name] : walk) {
            press(w->view(), key);
            QCOMPARE(scene->selectedStepNames(), QStringList{QString::fromLatin1(name)});
            QCOMPARE(scene->currentStep(), QString::fromLatin1(name));
        }
        QCOMPARE(scene->stepItem(QStringLiteral("Prepare order"))->isSelected(), true);
        // Shift+arrow adds the neighbour to the selection.
        press(w->view(), Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(scene->selectedStepNames(),
                 (QStringList{QStringLiteral("Call partner API"), QStringLiteral("Prepare order")}));
        QCOMPARE(scene->currentStep(), QStringLiteral("Call partner API"));
        // Moving the selection changed nothing in the project.
        QVERIFY(w->document()->project() == before);
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }

    void altArrowsNudge()
    {
        auto w = openExample();
        QVERIFY(w);
        Document *doc = w->document();
        w->scene()->selectSteps({QStringLiteral("Call partner API")});
        w->view()->setFocus();
        const auto start = *doc->project().step("Call partner API").position;
        press(w->view(), Qt::Key_Right, Qt::AltModifier);
        press(w->view(), Qt::Key_Down, Qt::AltModifier | Qt::ShiftModifier);
        QCOMPARE(doc->undoStack()->count(), 1); // nudges merge
        const auto moved = *doc->project().step("Call partner API").position;
        QCOMPARE(moved[0], start[0] + 2);
        QCOMPARE(moved[1], start[1] + DiagramScene::kGrid);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Call partner API")});
    }

    void enterEditsTheNameAndEscComesBack()
    {
        auto w = openExample();
        QVERIFY(w);
        w->view()->setFocus();
        w->scene()->selectSteps({QStringLiteral("Record result")});
        press(w->view(), Qt::Key_Return);
        auto *name = qobject_cast<QLineEdit *>(focused());
        QVERIFY2(name, focused() ? focused()->metaObject()->className() : "no focus");
        QCOMPARE(name->objectName(), QStringLiteral("field.Name"));
        QVERIFY(w->inspector()->isAncestorOf(name));
        QCOMPARE(name->text(), QStringLiteral("Record result"));
        QCOMPARE(name->selectedText(), QStringLiteral("Record result"));

        // Typing a new name and Enter renames (one command); the field keeps the focus.
        QTest::keyClicks(name, QStringLiteral("Store result"));
        press(name, Qt::Key_Return);
        QTRY_VERIFY(w->document()->index().find("Store result"));
        QCOMPARE(w->document()->undoStack()->count(), 1);
        QTRY_COMPARE(w->scene()->currentStep(), QStringLiteral("Store result"));
        // Esc goes back to the canvas, where the arrows go on from the renamed step.
        QTRY_VERIFY2(focused() && w->inspector()->isAncestorOf(focused()),
                     qPrintable(focused() ? QString::fromLatin1(focused()->metaObject()->className()) + ' ' +
                                                focused()->objectName()
                                          : QStringLiteral("no focus")));
        press(focused(), Qt::Key_Escape);
        QCOMPARE(focused(), static_cast<QWidget *>(w->view()));
        press(w->view(), Qt::Key_Down);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Record failure")});

        // Esc from a palette field comes back as well.
        w->palette()->searchField()->setFocus();
        press(w->palette()->searchField(), Qt::Key_Escape);
        QCOMPARE(focused(), static_cast<QWidget *>(w->view()));
    }

    void deleteOnTheCanvasIsUndoable()
    {
        auto w = openExample();
        QVERIFY(w);
        w->view()->setFocus();
        const auto before = w->document()->project();
        press(w->view(), Qt::Key_Down); // StartAt
        press(w->view(), Qt::Key_Down); // Record result
        press(w->view(), Qt::Key_Delete);
        QVERIFY(!w->document()->index().find("Record result"));
        w->document()->undoStack()->undo();
        QVERIFY(w->document()->project() == before);
    }

    void paletteEnterAddsAtAFreeSpot()
    {
        auto w = openExample();
        QVERIFY(w);
        QTreeWidget *tree = w->palette()->tree();
        QTreeWidgetItem *pass = nullptr;
        for (QTreeWidgetItemIterator it(tree); *it; ++it)
            if ((*it)->data(0, Qt::UserRole).toString() == QLatin1String("pass"))
                pass = *it;
        QVERIFY(pass);
        // The view centred on a step: the new one must not cover it.
        w->view()->centerOnStep(QStringLiteral("Record result"));
        tree->setFocus();
        tree->setCurrentItem(pass);
        const auto before = w->document()->project();
        const int states = static_cast<int>(w->document()->index().states().size());
        for (int added = 1; added <= 2; ++added) {
            press(tree, Qt::Key_Return);
            QCOMPARE(static_cast<int>(w->document()->index().states().size()), states + added);
            QCOMPARE(w->document()->undoStack()->count(), added);
            const QStringList selected = w->scene()->selectedStepNames();
            QCOMPARE(selected.size(), 1);
            const QRectF box = w->scene()->stepItem(selected.front())->sceneBoxRect();
            for (StepItem *other : w->scene()->stepItems())
                if (other->name() != selected.front())
                    QVERIFY2(!other->sceneBoxRect().intersects(box),
                             qPrintable(selected.front() + QStringLiteral(" covers ") + other->name()));
            QCOMPARE(focused(), static_cast<QWidget *>(tree)); // to add more
        }
        w->document()->undoStack()->undo();
        w->document()->undoStack()->undo();
        QVERIFY(w->document()->project() == before);
    }

    void inspectorFitsItsDock_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }

    void inspectorFitsItsDock()
    {
        QFETCH(QString, theme);
        applyTheme(theme == QLatin1String("dark") ? ThemeChoice::Dark : ThemeChoice::Light);
        auto w = makeWindow();
        QVERIFY(w);
        w->resize(1600, 1000); // the size the docs' screenshots use
        QVERIFY(w->openFile(kExample));
        QCoreApplication::processEvents();
        auto *dock = w->findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
        QVERIFY(dock);
        QStringList pages{QString()}; // the project page
        for (const auto &s : w->document()->index().states())
            pages << QString::fromStdString(s.name);
        for (const QString &step : pages) {
            w->scene()->selectSteps(step.isEmpty() ? QStringList() : QStringList{step});
            w->inspector()->refresh();
            QCoreApplication::processEvents();
            QWidget *content = w->inspector()->widget();
            QVERIFY(content);
            QVERIFY2(!w->inspector()->horizontalScrollBar()->isVisible(),
                     qPrintable(QStringLiteral("%1: content %2 px wide in a %3 px viewport")
                                    .arg(step.isEmpty() ? QStringLiteral("project") : step)
                                    .arg(content->minimumSizeHint().width())
                                    .arg(w->inspector()->viewport()->width()) +
                                QStringLiteral("; widest: ") + widest(content)));
        }
        applyTheme(ThemeChoice::Light);
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
