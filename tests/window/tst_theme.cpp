// View ▸ Theme switched while the designer runs (QT_QPA_PLATFORM=offscreen): every panel follows at once,
// as it does when the app starts with --theme. The code panel's syntax colours, the cost chart, the palette
// and the problems list must all turn dark, and all turn light again. EGRESS_SCREENSHOT_DIR=folder also
// writes the window after each switch, to look at.
#include "codepanel.h"
#include "costchart.h"
#include "jsonhighlighter.h"
#include "mainwindow.h"
#include "palette.h"
#include "studiotest.h"
#include "theme.h"

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace egress::studio;
using egress::studio::test::makeWindow;

namespace {

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");

QAction *themeAction(MainWindow &w, const QString &text)
{
    for (QAction *m : w.menuBar()->actions())
        if (m->text().remove('&') == QLatin1String("View") && m->menu())
            for (QAction *sub : m->menu()->actions())
                if (sub->menu() && sub->text().remove('&') == QLatin1String("Theme"))
                    for (QAction *a : sub->menu()->actions())
                        if (a->text().remove('&') == text)
                            return a;
    return nullptr;
}

bool isDark(const QColor &c)
{
    return c.lightness() < 128;
}

/** The colour the highlighter gave the first JSON key of the code panel's text. */
QColor firstKeyColour(QPlainTextEdit *editor)
{
    for (QTextBlock b = editor->document()->begin(); b.isValid(); b = b.next())
        for (const QTextLayout::FormatRange &r : b.layout()->formats())
            if (b.text().mid(r.start, r.length).startsWith('"') && r.format.fontWeight() > QFont::Normal)
                return r.format.foreground().color();
    return {};
}

/** The mean lightness of an icon's drawn (opaque) pixels in a mode. */
int iconLightness(const QIcon &icon, QIcon::Mode mode)
{
    const QImage image = icon.pixmap(QSize(48, 48), mode).toImage();
    long sum = 0, n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const QColor c = image.pixelColor(x, y); c.alpha() > 200) {
                sum += c.lightness();
                ++n;
            }
    return n ? static_cast<int>(sum / n) : -1;
}

void shoot(MainWindow &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("EGRESS_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.saveScreenshot(dir + '/' + name);
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_theme"));
        applyTheme(ThemeChoice::Light);
    }

    void liveSwitchRecoloursEveryPanel()
    {
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        auto *code = w->findChild<CodePanel *>();
        auto *chart = w->findChild<CostChart *>();
        auto *palette = w->findChild<Palette *>();
        QVERIFY(code && chart && palette);
        QPlainTextEdit *editor = code->editor();
        QVERIFY(editor);
        code->show();
        code->flush();
        auto *tree = palette->findChild<QTreeWidget *>(QStringLiteral("paletteTree"));
        QVERIFY(tree);

        auto check = [&](bool dark) {
            QCOMPARE(isDark(editor->palette().color(QPalette::Base)), dark);
            const QColor key = firstKeyColour(editor);
            QVERIFY2(key.isValid(), "the code panel shows no highlighted key");
            // A key must stand out from the editor's background: light keys on dark, dark keys on light.
            QCOMPARE(isDark(key), !dark);
            QCOMPARE(isDark(chart->chart()->backgroundBrush().color()), dark);
            QCOMPARE(isDark(tree->palette().color(QPalette::Base)), dark);
            QCOMPARE(isDark(w->QWidget::palette().color(QPalette::Window)), dark);
            for (auto *field : w->findChildren<QLineEdit *>())
                QVERIFY2(isDark(field->palette().color(QPalette::Base)) == dark,
                         qPrintable(field->objectName()));
        };
        check(false);

        QAction *dark = themeAction(*w, QStringLiteral("Dark"));
        QAction *light = themeAction(*w, QStringLiteral("Light"));
        QVERIFY(dark && light);
        dark->trigger();
        QCoreApplication::processEvents();
        check(true);
        shoot(*w, QStringLiteral("theme-live-dark.png"));

        light->trigger();
        QCoreApplication::processEvents();
        check(false);
        shoot(*w, QStringLiteral("theme-live-light.png"));
    }

    void breakEvenLabelsReadableInBothThemes()
    {
        // The chart's break-even labels follow a live switch (they kept the colour of the theme they were
        // made in: dark text on the dark chart) and stay off every plotted line in both themes.
        auto w = makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        auto *chart = w->findChild<CostChart *>();
        QVERIFY(chart);
        chart->resize(520, 360);
        chart->show();
        QCoreApplication::processEvents();
        auto check = [&](bool dark) {
            QCoreApplication::processEvents();
            const QColor background = chart->chart()->backgroundBrush().color();
            QCOMPARE(isDark(background), dark);
            QList<QLineF> lines;
            for (QLineSeries *series : chart->strategySeries()) {
                const QList<QPointF> points = series->points();
                for (int k = 1; k < points.size(); ++k)
                    lines << QLineF(chart->chart()->mapToPosition(points[k - 1], series),
                                    chart->chart()->mapToPosition(points[k], series));
            }
            QVERIFY(!lines.isEmpty());
            int shown = 0;
            for (QGraphicsSimpleTextItem *label : chart->breakEvenLabels()) {
                // Readable: far from the background in lightness, whatever the theme.
                const QColor text = label->brush().color();
                QVERIFY2(std::abs(text.lightness() - background.lightness()) > 120,
                         qPrintable(QStringLiteral("%1: text %2 on %3")
                                        .arg(label->text(), text.name(), background.name())));
                if (!label->isVisible())
                    continue;
                ++shown;
                const QRectF r = label->mapRectToParent(label->boundingRect());
                const QLineF sides[] = {{r.topLeft(), r.topRight()},
                                        {r.topRight(), r.bottomRight()},
                                        {r.bottomRight(), r.bottomLeft()},
                                        {r.bottomLeft(), r.topLeft()}};
                for (const QLineF &line : std::as_const(lines)) {
                    QVERIFY2(!r.contains(line.p1()) && !r.contains(line.p2()), qPrintable(label->text()));
                    for (const QLineF &side : sides)
                        QVERIFY2(line.intersects(side, nullptr) != QLineF::BoundedIntersection,
                                 qPrintable(label->text() + QStringLiteral(" lies on a line")));
                }
            }
            QVERIFY2(shown > 0, "no break-even label is shown");
        };
        check(false);
        QAction *dark = themeAction(*w, QStringLiteral("Dark"));
        QAction *light = themeAction(*w, QStringLiteral("Light"));
        QVERIFY(dark && light);
        dark->trigger();
        check(true);
        light->trigger();
        check(false);
    }

    void disabledToolbarIconsAreDimmer()
    {
        // Dimmer means closer to the background: darker on dark, lighter on light; enabled icons contrast.
        const QIcon undo = themedIcon(QStringLiteral(":/icons/undo.svg"));
        applyTheme(ThemeChoice::Dark);
        const int darkNormal = iconLightness(undo, QIcon::Normal),
                  darkDisabled = iconLightness(undo, QIcon::Disabled);
        QVERIFY2(darkNormal > 0 && darkDisabled > 0, "the icon draws nothing");
        QVERIFY2(
            darkNormal > darkDisabled + 60,
            qPrintable(QStringLiteral("dark: enabled %1, disabled %2").arg(darkNormal).arg(darkDisabled)));
        QVERIFY(darkNormal > 160); // light strokes on the dark toolbar
        applyTheme(ThemeChoice::Light);
        const int lightNormal = iconLightness(undo, QIcon::Normal),
                  lightDisabled = iconLightness(undo, QIcon::Disabled);
        QVERIFY2(
            lightDisabled > lightNormal + 60,
            qPrintable(QStringLiteral("light: enabled %1, disabled %2").arg(lightNormal).arg(lightDisabled)));
        // The toolbar uses them: Undo (disabled in a fresh window) is drawn with the dimmed colour.
        auto w = makeWindow();
        QVERIFY(w);
        QAction *undoAction = nullptr;
        for (QAction *a : w->findChildren<QAction *>())
            if (a->text().remove('&') == QLatin1String("Undo") && !a->icon().isNull())
                undoAction = a;
        QVERIFY(undoAction);
        QCOMPARE(iconLightness(undoAction->icon(), QIcon::Disabled), lightDisabled);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
