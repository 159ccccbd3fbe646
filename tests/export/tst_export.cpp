// File ▸ Export ▸ Picture… and Report… in the designer: the same pictures and report as the CLI, written by
// the functions the menu actions call.
#include "design/projectio.h"
#include "exportactions.h"
#include "mainwindow.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace egress;

class TestExport : public QObject
{
    Q_OBJECT

private:
    design::Project m_example;
    QTemporaryDir m_dir;

    static QString read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        auto load = design::loadProject(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
        QVERIFY(load.project);
        m_example = *load.project;
        QVERIFY(m_dir.isValid());
    }

    void menuHasPictureAndReport()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("exportPicture")));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("exportReport")));
    }

    void pictureSvgOfSelectionHasOnlyThoseSteps()
    {
        const QString path = m_dir.filePath("selection.svg");
        QVERIFY(!studio::exportPicture(m_example, {QStringLiteral("Call partner API")}, path));
        const QString svg = read(path);
        QVERIFY(svg.startsWith("<svg") || svg.startsWith("<?xml"));
        QVERIFY(svg.contains("Call partner API"));
        QVERIFY(!svg.contains("Record result"));
    }

    void picturePngHasTheScaledSize()
    {
        const QString svgPath = m_dir.filePath("whole.svg"), pngPath = m_dir.filePath("whole.png");
        QVERIFY(!studio::exportPicture(m_example, {}, svgPath));
        QVERIFY(!studio::exportPicture(m_example, {}, pngPath, 2));
        const QImage image(pngPath);
        QVERIFY(!image.isNull());
        QVERIFY(read(svgPath).contains("Record result"));
        QVERIFY(image.width() > 400 && image.height() > 300);
    }

    void picturePdfAndBadExtension()
    {
        const QString pdf = m_dir.filePath("whole.pdf");
        QVERIFY(!studio::exportPicture(m_example, {}, pdf));
        QVERIFY(read(pdf).startsWith("%PDF"));
        const auto error = studio::exportPicture(m_example, {}, m_dir.filePath("whole.bmp"));
        QVERIFY(error);
        QVERIFY(error->contains("whole.bmp"));
    }

    void reportHtmlHoldsEveryStrategy()
    {
        const QString path = m_dir.filePath("report.html");
        QVERIFY(!studio::exportReport(m_example, path, {}, QStringLiteral("2026-01-01")));
        const QString html = read(path);
        for (const char *id : {"nat-gateway", "step-functions-standard", "step-functions-express",
                               "http-task", "nat-instance"})
            QVERIFY2(html.contains(QLatin1String(id)), id);
        QVERIFY(html.contains("2026-01-01"));
    }

    void reportMarkdownWritesItsPictures()
    {
        const QString path = m_dir.filePath("report.md");
        QVERIFY(!studio::exportReport(m_example, path, {}, QStringLiteral("2026-01-01")));
        QVERIFY(QFile::exists(m_dir.filePath("report-design.svg")));
        QVERIFY(read(path).contains("report-design.svg"));
    }

    void reportPdfAndUnknownPriceFile()
    {
        const QString pdf = m_dir.filePath("report.pdf");
        QVERIFY(!studio::exportReport(m_example, pdf, {}, QStringLiteral("2026-01-01")));
        QVERIFY(read(pdf).startsWith("%PDF"));
        const auto error =
            studio::exportReport(m_example, m_dir.filePath("x.html"), "/nonexistent/prices.json");
        QVERIFY(error);
        QVERIFY(error->contains("/nonexistent/prices.json"));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
