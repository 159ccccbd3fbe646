// The inspector's form editors for Retry, Catch and Choice rules, driven through the real window
// (QT_QPA_PLATFORM=offscreen): a field typed and committed changes the ASL in one undoable command,
// undo restores the project exactly, a bad value is flagged at the field with the validator's message
// and never committed, combos retarget Next, Add / Move / Remove, and the "Edit as JSON" toggle.
#include "corpus.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"
#include "edits.h"
#include "fieldeditors.h"
#include "inspector.h"
#include "mainwindow.h"
#include "studiotest.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace egress::studio;
namespace design = egress::design;
namespace asl = egress::asl;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kFixtures = egress::test::fixtureDir(QStringLiteral("asl/"));

std::unique_ptr<MainWindow> openWindow(const QString &file, const QString &select)
{
    auto w = test::makeWindow();
    if (!w || !w->openFile(file))
        return nullptr;
    w->scene()->selectSteps({select});
    QTest::qWait(1);
    return w;
}

/** Lets the inspector rebuild after a change (it does so on the next turn of the event loop). */
void settle()
{
    QTest::qWait(1);
}

template <typename T> T *field(MainWindow &w, const QString &name)
{
    return w.inspector()->findChild<T *>(name);
}

/** Types into a form field and leaves it (what Enter or Tab does). */
void type(QLineEdit *edit, const QString &text)
{
    edit->setText(text);
    QMetaObject::invokeMethod(edit, "editingFinished");
}

QString errorOf(QLineEdit *edit)
{
    auto *checked = qobject_cast<CheckedLineEdit *>(edit->parentWidget());
    return checked ? checked->error() : QStringLiteral("(not a checked field)");
}

void choose(QComboBox *combo, const QString &text)
{
    const int i = combo->findText(text);
    QVERIFY2(i >= 0, qPrintable(text));
    combo->setCurrentIndex(i);
    emit combo->activated(i);
    emit combo->textActivated(text);
}

const asl::Json &state(Document &doc, const char *name)
{
    return doc.project().definition["States"][name];
}

} // namespace

class TestForms : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_forms"));
    }

    void retrierEditedThroughTheForm()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        const design::Project before = doc->project();
        auto *backoff = field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate"));
        QVERIFY(backoff);
        QCOMPARE(backoff->text(), QStringLiteral("2.0"));
        QCOMPARE(field<QLineEdit>(*w, QStringLiteral("retry.0.ErrorEquals"))->text(),
                 QStringLiteral("States.TaskFailed, Lambda.ServiceException"));

        type(backoff, QStringLiteral("1.5"));
        QCOMPARE(doc->undoStack()->count(), 1);
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["BackoffRate"], asl::Json(1.5));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["MaxAttempts"], asl::Json(3));

        // Emptying a field removes it (the default applies); the jitter combo sets FULL.
        settle();
        type(field<QLineEdit>(*w, QStringLiteral("retry.0.IntervalSeconds")), QString());
        QVERIFY(!state(*doc, "Call partner API")["Retry"][0].contains("IntervalSeconds"));
        settle();
        choose(field<QComboBox>(*w, QStringLiteral("retry.0.JitterStrategy")), QStringLiteral("FULL"));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["JitterStrategy"], asl::Json("FULL"));
        // A common error from the menu joins the list.
        settle();
        auto *more = field<QToolButton>(*w, QStringLiteral("retry.0.ErrorEquals.add"));
        QVERIFY(more && more->menu());
        QAction *timeout = nullptr;
        for (QAction *a : more->menu()->actions())
            if (a->text() == QLatin1String("States.Timeout"))
                timeout = a;
        QVERIFY(timeout);
        timeout->trigger();
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["ErrorEquals"],
                     (asl::Json{"States.TaskFailed", "Lambda.ServiceException", "States.Timeout"}));
        QCOMPARE(doc->undoStack()->count(), 4); // one command per change

        // The form shows the new values after the rebuild.
        settle();
        QCOMPARE(field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate"))->text(), QStringLiteral("1.5"));
        QCOMPARE(field<QComboBox>(*w, QStringLiteral("retry.0.JitterStrategy"))->currentText(),
                 QStringLiteral("FULL"));

        const design::Project after = doc->project();
        for (int i = 0; i < 4; ++i)
            doc->undoStack()->undo();
        QCOMPARE(doc->project(), before);
        for (int i = 0; i < 4; ++i)
            doc->undoStack()->redo();
        QCOMPARE(doc->project(), after);
    }

    void inspectorKeepsItsPlaceAndTypedText()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        // A refused value stays at its field, with its message, when another field is committed.
        auto *backoff = field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate"));
        QVERIFY(backoff);
        type(backoff, QStringLiteral("0.5"));
        QVERIFY(!errorOf(backoff).isEmpty());
        QCOMPARE(doc->undoStack()->count(), 0);
        QScrollBar *bar = w->inspector()->verticalScrollBar();
        QVERIFY2(bar->maximum() > 0, "the step page fits without scrolling: nothing to check");
        bar->setValue(bar->maximum() / 2);
        const int scroll = bar->value();
        QVERIFY(scroll > 0);
        type(field<QLineEdit>(*w, QStringLiteral("retry.0.IntervalSeconds")), QStringLiteral("5"));
        QCOMPARE(doc->undoStack()->count(), 1);
        settle();
        // The page was rebuilt (new widgets), where the user was.
        auto *again = field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate"));
        QVERIFY(again);
        QCOMPARE(again->text(), QStringLiteral("0.5"));
        QVERIFY(!errorOf(again).isEmpty());
        QCOMPARE(bar->value(), scroll);
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["BackoffRate"], asl::Json(2.0));

        // Esc gives the committed value back and clears the message.
        again->setFocus();
        QTest::keyClick(again, Qt::Key_Escape);
        QCOMPARE(again->text(), QStringLiteral("2.0"));
        QVERIFY(errorOf(again).isEmpty());
        QCOMPARE(doc->undoStack()->count(), 1);
    }

    void badValuesAreFlaggedAndNotCommitted_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        // The validator's own messages, at the field where the value was typed.
        QTest::newRow("backoff below 1") << "retry.0.BackoffRate"
                                         << "0.5"
                                         << "\"BackoffRate\" must be at least 1";
        QTest::newRow("not a number") << "retry.0.BackoffRate"
                                      << "fast"
                                      << "must be a number";
        QTest::newRow("fractional attempts") << "retry.0.MaxAttempts"
                                             << "2.5"
                                             << "whole number";
        QTest::newRow("interval zero") << "retry.0.IntervalSeconds"
                                       << "0"
                                       << "\"IntervalSeconds\" must be from 1";
        QTest::newRow("no errors") << "retry.0.ErrorEquals"
                                   << " , "
                                   << "at least one error";
        QTest::newRow("bad result path") << "catch.0.ResultPath"
                                         << "error"
                                         << "ResultPath";
        QTest::newRow("assign not an object") << "catch.0.Assign"
                                              << "[1]"
                                              << "must be an object";
    }

    void badValuesAreFlaggedAndNotCommitted()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        const design::Project before = doc->project();
        auto *edit = ::field<QLineEdit>(*w, field);
        QVERIFY(edit);
        type(edit, text);
        QVERIFY2(errorOf(edit).contains(message), qPrintable(errorOf(edit)));
        QVERIFY(edit->property("invalid").toBool());
        QCOMPARE(edit->text(), text); // stays as typed, for the user to correct
        QCOMPARE(doc->project(), before);
        QCOMPARE(doc->undoStack()->count(), 0);
    }

    void retriersAddedMovedAndRemoved()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        const design::Project before = doc->project();
        const asl::Json original = state(*doc, "Call partner API")["Retry"][0];
        field<QPushButton>(*w, QStringLiteral("retry.add"))->click();
        QCOMPARE(state(*doc, "Call partner API")["Retry"].size(), std::size_t(2));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0], original);
        settle();
        QVERIFY(!field<QToolButton>(*w, QStringLiteral("retry.0.up"))->isEnabled());
        field<QToolButton>(*w, QStringLiteral("retry.1.up"))->click();
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][1], original);
        settle();
        field<QToolButton>(*w, QStringLiteral("retry.1.remove"))->click();
        QCOMPARE(state(*doc, "Call partner API")["Retry"].size(), std::size_t(1));
        settle();
        // Removing the last retrier removes the field.
        field<QToolButton>(*w, QStringLiteral("retry.0.remove"))->click();
        QVERIFY(!state(*doc, "Call partner API").contains("Retry"));
        QCOMPARE(doc->undoStack()->count(), 4);
        settle();
        QVERIFY(!field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate")));
        QVERIFY(field<QPushButton>(*w, QStringLiteral("retry.add")));
        for (int i = 0; i < 4; ++i)
            doc->undoStack()->undo();
        QCOMPARE(doc->project(), before);
    }

    void catcherNextChosenFromTheScope()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        auto *next = field<QComboBox>(*w, QStringLiteral("catch.0.Next"));
        QVERIFY(next);
        QCOMPARE(next->currentText(), QStringLiteral("Record failure"));
        QVERIFY(next->findText(QStringLiteral("Call partner API")) < 0); // not itself
        choose(next, QStringLiteral("Partner unavailable"));
        JSON_COMPARE(state(*doc, "Call partner API")["Catch"][0]["Next"], asl::Json("Partner unavailable"));
        QCOMPARE(doc->undoStack()->count(), 1);
        // The canvas follows: the dashed catch edge now ends at the Fail state.
        bool found = false;
        for (EdgeItem *edge : w->scene()->edgeItems())
            found |= edge->edge().kind == asl::EdgeKind::Catch &&
                     edge->to() == QLatin1String("Partner unavailable");
        QVERIFY(found);
        settle();
        type(field<QLineEdit>(*w, QStringLiteral("catch.0.ResultPath")), QStringLiteral("$.failure"));
        JSON_COMPARE(state(*doc, "Call partner API")["Catch"][0]["ResultPath"], asl::Json("$.failure"));
        doc->undoStack()->undo();
        doc->undoStack()->undo();
        JSON_COMPARE(state(*doc, "Call partner API")["Catch"][0], (asl::Json{{"ErrorEquals", {"States.ALL"}},
                                                                             {"ResultPath", "$.error"},
                                                                             {"Next", "Record failure"}}));
    }

    void choiceRulesAsAForm()
    {
        auto w = openWindow(kFixtures + "studio-choice-rules.json", QStringLiteral("Route by priority"));
        QVERIFY(w);
        Document *doc = w->document();
        const design::Project before = doc->project();
        // A simple rule: variable, operator, value; a compound one read-only, both with a Next combo.
        QCOMPARE(field<QLineEdit>(*w, QStringLiteral("choices.0.Variable"))->text(),
                 QStringLiteral("$.priority"));
        QCOMPARE(field<QComboBox>(*w, QStringLiteral("choices.0.Operator"))->currentText(),
                 QStringLiteral("NumericEquals"));
        QVERIFY(field<QLabel>(*w, QStringLiteral("choices.1.Rule"))->text().contains(QStringLiteral("Or")));
        QVERIFY(field<QComboBox>(*w, QStringLiteral("choices.1.Next")));
        QVERIFY(!field<QLineEdit>(*w, QStringLiteral("choices.1.Variable")));

        // Next through the combo.
        choose(field<QComboBox>(*w, QStringLiteral("choices.0.Next")), QStringLiteral("Notify customer"));
        JSON_COMPARE(state(*doc, "Route by priority")["Choices"][0]["Next"], asl::Json("Notify customer"));
        QCOMPARE(doc->undoStack()->count(), 1);
        settle();

        // A numeric comparison refuses text, where it is typed.
        auto *value = field<QLineEdit>(*w, QStringLiteral("choices.0.NumericEquals"));
        QVERIFY(value);
        type(value, QStringLiteral("one"));
        QVERIFY(errorOf(value).contains(QStringLiteral("number")));
        QCOMPARE(doc->undoStack()->count(), 1);
        type(value, QStringLiteral("7"));
        JSON_COMPARE(state(*doc, "Route by priority")["Choices"][0]["NumericEquals"], asl::Json(7));
        settle();

        // Another operator keeps what it can of the value: a number for NumericGreaterThan.
        choose(field<QComboBox>(*w, QStringLiteral("choices.0.Operator")),
               QStringLiteral("NumericGreaterThan"));
        JSON_COMPARE(
            state(*doc, "Route by priority")["Choices"][0],
            (asl::Json{{"Variable", "$.priority"}, {"NumericGreaterThan", 7}, {"Next", "Notify customer"}}));
        settle();
        // A path operator needs a path: the validator's message shows at the value.
        choose(field<QComboBox>(*w, QStringLiteral("choices.0.Operator")),
               QStringLiteral("NumericEqualsPath"));
        settle();
        auto *pathValue = field<QLineEdit>(*w, QStringLiteral("choices.0.NumericEqualsPath"));
        QVERIFY(pathValue);
        const int commands = doc->undoStack()->count();
        type(pathValue, QStringLiteral("foo"));
        QVERIFY2(!errorOf(pathValue).isEmpty(), "a path that does not start with $ is refused");
        QCOMPARE(doc->undoStack()->count(), commands);

        // The Default stays a combo; the last rule cannot be removed.
        QVERIFY(field<QComboBox>(*w, QStringLiteral("field.Default")));
        field<QToolButton>(*w, QStringLiteral("choices.1.remove"))->click();
        settle();
        QVERIFY(!field<QToolButton>(*w, QStringLiteral("choices.0.remove"))->isEnabled());
        while (doc->undoStack()->canUndo())
            doc->undoStack()->undo();
        QCOMPARE(doc->project(), before);
    }

    void jsonataConditionRule()
    {
        auto w = openWindow(kFixtures + "studio-jsonata.json", QStringLiteral("Accept supplier?"));
        QVERIFY(w);
        Document *doc = w->document();
        auto *condition = field<QLineEdit>(*w, QStringLiteral("choices.0.Condition"));
        QVERIFY(condition);
        QCOMPARE(condition->text(), QStringLiteral("{% $isSupplierValid %}"));
        type(condition, QStringLiteral("{% $isSupplierValid and $supplier.country = 'DE' %}"));
        JSON_COMPARE(state(*doc, "Accept supplier?")["Choices"][0]["Condition"],
                     asl::Json("{% $isSupplierValid and $supplier.country = 'DE' %}"));
        settle();
        // A new JSONata rule is a Condition, not a Variable.
        field<QPushButton>(*w, QStringLiteral("choices.add"))->click();
        QVERIFY(state(*doc, "Accept supplier?")["Choices"][1].contains("Condition"));
        QCOMPARE(doc->undoStack()->count(), 2);
    }

    void editAsJsonToggle()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        QVERIFY(!field<QPlainTextEdit>(*w, QStringLiteral("json.Retry")));
        field<QCheckBox>(*w, QStringLiteral("asJson.Retry"))->setChecked(true);
        settle();
        auto *text = field<QPlainTextEdit>(*w, QStringLiteral("json.Retry"));
        QVERIFY(text);
        QVERIFY(!field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate")));
        QVERIFY(field<QLineEdit>(*w, QStringLiteral("catch.0.ResultPath"))); // only Retry switched
        // The choice is remembered while the inspector rebuilds for other steps.
        w->scene()->selectSteps({QStringLiteral("Prepare order")});
        settle();
        w->scene()->selectSteps({QStringLiteral("Call partner API")});
        settle();
        QVERIFY(field<QPlainTextEdit>(*w, QStringLiteral("json.Retry")));
        field<QCheckBox>(*w, QStringLiteral("asJson.Retry"))->setChecked(false);
        settle();
        QVERIFY(field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate")));

        // A value the form cannot show is edited as JSON, and the toggle says so.
        QVERIFY(!Edits::setField(*doc, QStringLiteral("Call partner API"), QStringLiteral("Retry"),
                                 asl::Json("oops")));
        settle();
        auto *toggle = field<QCheckBox>(*w, QStringLiteral("asJson.Retry"));
        QVERIFY(toggle->isChecked() && !toggle->isEnabled());
        QVERIFY(field<QPlainTextEdit>(*w, QStringLiteral("json.Retry")));
    }

    void unusualEntriesAreKeptIntact()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        // A catcher that loops back to its own state shows it, rather than a missing state.
        asl::Json catches = state(*doc, "Call partner API")["Catch"];
        catches[0]["Next"] = "Call partner API";
        // An error name with a comma cannot be edited as a comma-separated list: read-only.
        asl::Json retry = state(*doc, "Call partner API")["Retry"];
        retry[0]["ErrorEquals"] = asl::Json{"Partner.Busy, try later"};
        QVERIFY(!Edits::setField(*doc, QStringLiteral("Call partner API"), QStringLiteral("Catch"), catches));
        QVERIFY(!Edits::setField(*doc, QStringLiteral("Call partner API"), QStringLiteral("Retry"), retry));
        settle();
        QCOMPARE(field<QComboBox>(*w, QStringLiteral("catch.0.Next"))->currentText(),
                 QStringLiteral("Call partner API"));
        auto *errors = field<QLineEdit>(*w, QStringLiteral("retry.0.ErrorEquals"));
        QVERIFY(errors->isReadOnly());
        // Other fields of that retrier still edit, and the name survives.
        type(field<QLineEdit>(*w, QStringLiteral("retry.0.MaxAttempts")), QStringLiteral("4"));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["ErrorEquals"],
                     asl::Json::array({"Partner.Busy, try later"}));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["MaxAttempts"], asl::Json(4));
    }

    void existingProblemsShowOnTheCard()
    {
        auto w = openWindow(kExample, QStringLiteral("Call partner API"));
        QVERIFY(w);
        Document *doc = w->document();
        asl::Json retry = state(*doc, "Call partner API")["Retry"];
        retry[0]["BackoffRate"] = 0.25;
        QVERIFY(!Edits::setField(*doc, QStringLiteral("Call partner API"), QStringLiteral("Retry"), retry));
        settle();
        auto *backoff = field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate"));
        QVERIFY(errorOf(backoff).contains(QStringLiteral("BackoffRate")));
        // The flaw does not lock the entry's other fields.
        type(field<QLineEdit>(*w, QStringLiteral("retry.0.MaxAttempts")), QStringLiteral("5"));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["MaxAttempts"], asl::Json(5));
        settle();
        type(field<QLineEdit>(*w, QStringLiteral("retry.0.BackoffRate")), QStringLiteral("3"));
        JSON_COMPARE(state(*doc, "Call partner API")["Retry"][0]["BackoffRate"], asl::Json(3));
    }
};

QTEST_MAIN(TestForms)
#include "tst_forms.moc"
