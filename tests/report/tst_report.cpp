// Reports, pictures and cost diffs (issue 7): the HTML is well-formed and complete, the PDF has its pages,
// pictures have the requested size and only the selected steps, the diff of the two examples names the
// moved step's line items, and the Markdown report of the example matches its golden file.
#include "asl/workflow.h"
#include "cost/costcompare.h"
#include "design/projectio.h"
#include "generator.h"
#include "layout/layout.h"
#include "render.h"
#include "report/report.h"

#include <QFile>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace egress;

namespace {

const QString kCli = QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli");
const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kNatExample =
    QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api-nat.egress.json");

design::Project load(const QString &path)
{
    auto result = design::loadProject(path.toStdString());
    if (!result.project)
        qFatal("cannot load %s", qPrintable(path));
    return *result.project;
}

cost::CostReport price(const design::Project &project)
{
    auto table = cost::bundledPriceTable(project.usage.region);
    if (!table)
        qFatal("no price table: %s", table.error.c_str());
    return cost::computeCosts(project, *table.table);
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args)
{
    QProcess cli;
    cli.start(kCli, args);
    if (!cli.waitForFinished(60000))
        return {};
    return {cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1,
            QString::fromUtf8(cli.readAllStandardOutput()), QString::fromUtf8(cli.readAllStandardError())};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Strict XML parse: an error message with line and column, or "" when well-formed. */
QString xmlError(const QByteArray &text)
{
    QXmlStreamReader xml(text);
    while (!xml.atEnd())
        xml.readNext();
    return xml.hasError() ? QStringLiteral("%1:%2: %3")
                                .arg(xml.lineNumber())
                                .arg(xml.columnNumber())
                                .arg(xml.errorString())
                          : QString();
}

int pdfPages(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

/** The width and height attributes of an SVG and its viewBox size. */
QSizeF svgSize(const std::string &svg, QSizeF *viewBox = nullptr)
{
    const QString s = QString::fromStdString(svg);
    static const QRegularExpression re(QStringLiteral("<svg [^>]*width=\"([\\d.]+)\" height=\"([\\d.]+)\" "
                                                      "viewBox=\"[-\\d.]+ [-\\d.]+ ([\\d.]+) ([\\d.]+)\""));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return {};
    if (viewBox)
        *viewBox = {m.captured(3).toDouble(), m.captured(4).toDouble()};
    return {m.captured(1).toDouble(), m.captured(2).toDouble()};
}

int nonWhitePixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if ((image.pixel(x, y) & 0xFFFFFF) != 0xFFFFFF)
                ++n;
    return n;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kCli), qPrintable(kCli));
        render::ensureGuiApplication();
    }

    void htmlIsWellFormedAndComplete()
    {
        const design::Project project = load(kExample);
        const cost::CostReport costs = price(project);
        QVERIFY(costs.errors.empty());
        const std::string html = report::reportHtml(report::buildReport(project, costs, {"2026-01-01", "x"}));
        const QByteArray bytes = QByteArray::fromStdString(html);
        QVERIFY2(xmlError(bytes).isEmpty(), qPrintable(xmlError(bytes)));
        QVERIFY(html.starts_with("<!DOCTYPE html>"));
        QVERIFY(html.find("prefers-color-scheme: dark") != std::string::npos);
        QVERIFY2(html.find("<img") == std::string::npos && html.find("src=") == std::string::npos,
                 "self-contained: no external images");
        QCOMPARE(QString::fromStdString(html).count(QStringLiteral("<svg ")), 4);
        for (const auto &s : costs.strategies)
            QVERIFY2(html.find("<code>" + s.id + "</code>") != std::string::npos, s.id.c_str());
        for (const char *section :
             {"What this means", "The design", "The compared architectures", "Strategies",
              "Line items and formulas", "Break-even", "Assumptions", "Open problems"})
            QVERIFY2(html.find(std::string(section) + "</h2>") != std::string::npos, section);
        QVERIFY(html.find(costs.priceTableName) != std::string::npos);
        QVERIFY(html.find(costs.priceTableDate) != std::string::npos);
        // Every break-even volume is in the table, as a whole number.
        int crossings = 0;
        for (const auto &b : costs.breakEven)
            for (double x : b.executionsPerMonth) {
                const QString n = QLocale(QLocale::English).toString(std::round(x), 'f', 0);
                QVERIFY2(html.find(n.toStdString()) != std::string::npos, qPrintable(n));
                ++crossings;
            }
        QVERIFY(crossings > 0);
    }

    void htmlFromTheCli()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("r.html"));
        const Run run = runCli({"report", kExample, "-o", out, "--executions", "5000000"});
        QCOMPARE(run.exitCode, 0);
        const QByteArray html = readAll(out);
        QVERIFY2(xmlError(html).isEmpty(), qPrintable(xmlError(html)));
        QVERIFY(html.contains("5M executions/month"));
        QVERIFY(html.contains("nat-gateway-hours"));
    }

    void pdfHasItsPages()
    {
        QTemporaryDir dir;
        const design::Project project = load(kExample);
        const report::ReportData data = report::buildReport(project, price(project), {"2026-01-01", "x"});
        const QString path = dir.filePath(QStringLiteral("r.pdf"));
        const render::PdfResult result = render::writeReportPdf(data, path);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        // Summary + design, architectures, strategies (two pages of line items), break-even + the rest.
        QCOMPARE(pdfPages(pdf), result.pages);
        QVERIFY2(result.pages >= 4 && result.pages <= 10, qPrintable(QString::number(result.pages)));
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (!pdfinfo.isEmpty()) {
            QProcess info;
            info.start(pdfinfo, {path});
            QVERIFY(info.waitForFinished(30000));
            QVERIFY(QString::fromUtf8(info.readAllStandardOutput())
                        .contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(result.pages))));
        }
        // The CLI writes the same number of pages.
        const QString cliPath = dir.filePath(QStringLiteral("cli.pdf"));
        QCOMPARE(runCli({"report", kExample, "-o", cliPath, "--date", "2026-01-01"}).exitCode, 0);
        QCOMPARE(pdfPages(readAll(cliPath)), result.pages);
    }

    void picturesHaveTheRequestedSize_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("scale");
        QTest::newRow("design 1") << "design" << 1.0;
        QTest::newRow("design 2") << "design" << 2.0;
        QTest::newRow("designed 1.5") << "architecture-designed" << 1.5;
        QTest::newRow("nat 0.5") << "architecture-nat" << 0.5;
        QTest::newRow("break-even 2") << "break-even" << 2.0;
    }
    void picturesHaveTheRequestedSize()
    {
        QFETCH(QString, kind);
        QFETCH(double, scale);
        QTemporaryDir dir;
        const QString svgPath = dir.filePath(QStringLiteral("p.svg")),
                      pngPath = dir.filePath(QStringLiteral("p.png"));
        QCOMPARE(runCli({"picture", kExample, "-o", svgPath, "--kind", kind}).exitCode, 0);
        const Run png =
            runCli({"picture", kExample, "-o", pngPath, "--kind", kind, "--scale", QString::number(scale)});
        QVERIFY2(png.exitCode == 0, qPrintable(png.err));
        const QByteArray svg = readAll(svgPath);
        QVERIFY2(xmlError(svg).isEmpty(), qPrintable(xmlError(svg)));
        QSizeF viewBox;
        const QSizeF size = svgSize(svg.toStdString(), &viewBox);
        QVERIFY(size.width() > 100 && size.height() > 100);
        QCOMPARE(viewBox, size);
        const QImage image(pngPath);
        QCOMPARE(image.size(), QSize(qRound(size.width() * scale), qRound(size.height() * scale)));
        QVERIFY2(nonWhitePixels(image) > image.width() * image.height() / 4 / 50,
                 "the picture is (nearly) blank");

        const QString pdfPath = dir.filePath(QStringLiteral("p.pdf"));
        QCOMPARE(runCli({"picture", kExample, "-o", pdfPath, "--kind", kind}).exitCode, 0);
        QCOMPARE(pdfPages(readAll(pdfPath)), 1);
    }

    void designPictureShowsTheDesign()
    {
        const design::Project project = load(kExample);
        const report::Picture p = report::designPicture(project);
        QVERIFY(p.error.empty());
        for (const char *name :
             {"Prepare order", "Call partner API", "Record result", "Record failure", "Partner unavailable",
              "orders-vpc · 2 AZs", "Internet", ">catch States.ALL<", "Placement", "Egress", "Kinds"})
            QVERIFY2(p.svg.find(name) != std::string::npos, name);
        // Where the execution starts: one marker, above "Prepare order" (the StartAt), inside the picture.
        const QString svg = QString::fromStdString(p.svg);
        QCOMPARE(svg.count(QStringLiteral("<g class=\"start\">")), 1);
        QVERIFY(
            report::designPicture(project, {{"Record result"}, false, true}).svg.find("class=\"start\"") ==
            std::string::npos); // the StartAt is not drawn: no marker
        QVERIFY2(p.svg.find(">NAT<") == std::string::npos || p.svg.find("NAT gateway") != std::string::npos,
                 "the NAT symbol appears only in the legend: no step inside needs the internet");
        QCOMPARE(QString::fromStdString(p.svg).count(QStringLiteral(">NAT<")), 1); // the legend's
        // Moving the partner call inside puts a NAT gateway on the VPC edge.
        const report::Picture nat = report::designPicture(load(kNatExample));
        QCOMPARE(QString::fromStdString(nat.svg).count(QStringLiteral(">NAT<")), 2);
        QVERIFY(nat.svg.find("× 2 AZ") != std::string::npos);
        // The grid is optional.
        QVERIFY(p.svg.find("stroke=\"#E5E7EB\"") == std::string::npos);
        QVERIFY(report::designPicture(project, {{}, true, true}).svg.find("stroke=\"#E5E7EB\"") !=
                std::string::npos);
    }

    void arrowheadsLandBesideBadges()
    {
        // Every arrow's tip (the head's first point) lies outside every egress badge (16 high, rx 8): in the
        // example the transitions into "Record result" and the catch into "Record failure" used to end on
        // their "VPC private" badges.
        for (const QString &file : {kExample, kNatExample}) {
            const QString svg = QString::fromStdString(report::designPicture(load(file)).svg);
            QList<QRectF> badges;
            static const QRegularExpression badge(QStringLiteral(
                "<rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"16\" rx=\"8\""));
            for (auto m = badge.globalMatch(svg); m.hasNext();) {
                const auto b = m.next();
                badges << QRectF(b.captured(1).toDouble(), b.captured(2).toDouble(), b.captured(3).toDouble(),
                                 16);
            }
            QVERIFY(!badges.isEmpty());
            static const QRegularExpression head(QStringLiteral(
                "<g class=\"arrow\"><path d=\"[^\"]*\"[^>]*/><path d=\"M([-\\d.]+),([-\\d.]+) "));
            int tips = 0;
            for (auto m = head.globalMatch(svg); m.hasNext();) {
                const auto h = m.next();
                const QPointF tip(h.captured(1).toDouble(), h.captured(2).toDouble());
                ++tips;
                for (const QRectF &b : badges)
                    QVERIFY2(!b.adjusted(-1, -1, 1, 1).contains(tip),
                             qPrintable(QStringLiteral("%1: an arrow ends at %2,%3 on a badge")
                                            .arg(file)
                                            .arg(tip.x())
                                            .arg(tip.y())));
            }
            QVERIFY(tips >= 4);
        }
    }

    void designPictureKeepsArrowsAndLabelsClear_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("states");
        QTest::addColumn<bool>("moved");
        QTest::newRow("example") << QStringLiteral("example") << 0 << false;
        QTest::newRow("NAT example") << QStringLiteral("nat") << 0 << false;
        QTest::newRow("generated, auto-layout") << QStringLiteral("generated") << 150 << false;
        // Positions the layout did not make: its routes do not apply, every arrow is routed here.
        QTest::newRow("generated, steps moved") << QStringLiteral("generated") << 150 << true;
        QTest::newRow("generated 400, steps moved") << QStringLiteral("generated") << 400 << true;
    }

    void designPictureKeepsArrowsAndLabelsClear()
    {
        // Geometrically, from what the picture drew (report::DesignGeometry): no arrow runs through a box
        // other than its two ends and the containers they sit in, no label covers a box, a VPC border or
        // another label, every arrow's tip is off the badges, and the start marker points at the StartAt.
        QFETCH(QString, name);
        QFETCH(int, states);
        QFETCH(bool, moved);
        design::Project project;
        if (name == QLatin1String("example"))
            project = load(kExample);
        else if (name == QLatin1String("nat"))
            project = load(kNatExample);
        else {
            project = asl::generateProject({.states = states, .seed = 7});
            layout::autoLayout(project);
            int k = 0;
            if (moved) // every third step out of its place (the layout's routes no longer fit)
                for (auto &[step, d] : project.steps)
                    if (d.position && k++ % 3 == 0)
                        (*d.position)[0] += 70;
        }
        report::DesignGeometry g;
        const report::Picture p = report::designPicture(project, {}, &g);
        QVERIFY(p.error.empty());
        QVERIFY(!g.arrows.empty());
        using R = report::DesignGeometry::Rect;
        auto qrect = [](const R &r) { return QRectF(r.x, r.y, r.w, r.h); };
        QHash<QString, QRectF> boxOf;
        for (const auto &b : g.boxes)
            boxOf.insert(QString::fromStdString(b.name), qrect(b.rect));
        int crossings = 0;
        QStringList problems;
        for (const auto &a : g.arrows) {
            const QRectF from = boxOf.value(QString::fromStdString(a.from));
            const QRectF to = boxOf.value(QString::fromStdString(a.to));
            for (const auto &b : g.boxes) {
                if (b.name == a.from || b.name == a.to)
                    continue;
                const QRectF box = qrect(b.rect);
                if (b.container && (box.contains(from) || box.contains(to)))
                    continue; // the arrow lives inside this container
                const QRectF inner = box.adjusted(2, 2, -2, -2);
                for (std::size_t k = 1; k < a.points.size(); ++k) {
                    const QPointF p1(a.points[k - 1].first, a.points[k - 1].second);
                    const QPointF p2(a.points[k].first, a.points[k].second);
                    const int samples = std::max(2, static_cast<int>(QLineF(p1, p2).length() / 2));
                    bool crossed = false;
                    for (int s = 0; s <= samples && !crossed; ++s)
                        crossed = inner.contains(p1 + (p2 - p1) * (s / double(samples)));
                    if (crossed) {
                        ++crossings;
                        problems << QStringLiteral("%1 → %2 runs through %3")
                                        .arg(QString::fromStdString(a.from), QString::fromStdString(a.to),
                                             QString::fromStdString(b.name));
                        break;
                    }
                }
            }
            const QPointF tip(a.points.back().first, a.points.back().second);
            for (const R &badge : g.badges)
                if (qrect(badge).adjusted(-1, -1, 1, 1).contains(tip))
                    problems << QStringLiteral("%1 → %2 ends on a badge")
                                    .arg(QString::fromStdString(a.from), QString::fromStdString(a.to));
        }
        QList<QRectF> borders;
        if (g.vpcShown) {
            const QRectF v = qrect(g.vpc);
            borders = {
                QRectF(v.left(), v.top() - 2, v.width(), 4), QRectF(v.left(), v.bottom() - 2, v.width(), 4),
                QRectF(v.left() - 2, v.top(), 4, v.height()), QRectF(v.right() - 2, v.top(), 4, v.height())};
        }
        for (int i = 0; i < int(g.labels.size()); ++i) {
            const QRectF label = qrect(g.labels[std::size_t(i)]);
            for (const auto &b : g.boxes)
                if (!b.container && label.intersects(qrect(b.rect)))
                    problems << QStringLiteral("a label at %1,%2 covers %3")
                                    .arg(label.x())
                                    .arg(label.y())
                                    .arg(QString::fromStdString(b.name));
            for (const QRectF &border : std::as_const(borders))
                if (label.intersects(border))
                    problems << QStringLiteral("a label at %1,%2 lies on the VPC border")
                                    .arg(label.x())
                                    .arg(label.y());
            for (int j = i + 1; j < int(g.labels.size()); ++j)
                if (label.intersects(qrect(g.labels[std::size_t(j)])))
                    problems << QStringLiteral("two labels overlap at %1,%2").arg(label.x()).arg(label.y());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 12).join('\n') +
                                                QStringLiteral("\n(%1 in all)").arg(problems.size())));
        QVERIFY(g.startShown);
        const asl::WorkflowIndex index = asl::WorkflowIndex::build(project.definition);
        const QRectF first = boxOf.value(QString::fromStdString(index.scopes().front().startAt));
        QCOMPARE(g.startX, first.center().x());
        QCOMPARE(g.startY, first.top());
    }

    void designPictureOfFarApartSteps()
    {
        // Positions are any finite numbers: a step a trillion pixels away must not make the obstacle grid
        // walk a trillion cells, and no coordinate may come out as nan.
        design::Project project = load(kExample);
        for (auto &[name, step] : project.steps)
            if (name == "Record failure")
                step.position = std::array<double, 2>{1e12, -1e12};
        report::DesignGeometry g;
        const report::Picture p = report::designPicture(project, {}, &g);
        QVERIFY(p.error.empty());
        QVERIFY(p.svg.find("nan") == std::string::npos);
        QVERIFY(p.svg.find("inf") == std::string::npos);
        QCOMPARE(int(g.arrows.size()), 4); // every transition of the example
    }

    void selectionShowsOnlyTheSelectedSteps()
    {
        const design::Project project = load(kExample);
        const report::Picture p =
            report::designPicture(project, {{"Prepare order", "Record result"}, false, true});
        QVERIFY(p.error.empty());
        QVERIFY(p.svg.find("data-step=\"Prepare order\"") != std::string::npos);
        QVERIFY(p.svg.find("data-step=\"Record result\"") != std::string::npos);
        for (const char *other : {"Call partner API", "Record failure", "Partner unavailable"})
            QVERIFY2(p.svg.find(other) == std::string::npos, other);
        QCOMPARE(QString::fromStdString(p.svg).count(QStringLiteral("data-step=")), 2);
        QVERIFY2(p.svg.find("class=\"arrow\"") == std::string::npos,
                 "no transition joins the two selected steps");
        QVERIFY(p.width < report::designPicture(project).width + 1);

        const report::Picture bad = report::designPicture(project, {{"Nope"}, false, true});
        QVERIFY(bad.svg.empty());
        QVERIFY(bad.error.find("Nope") != std::string::npos);

        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("s.svg"));
        QCOMPARE(
            runCli({"picture", kExample, "-o", out, "--steps", "Call partner API,Record result"}).exitCode,
            0);
        const QByteArray svg = readAll(out);
        QCOMPARE(svg.count("data-step="), 2);
        QVERIFY(!svg.contains("Prepare order"));
        QCOMPARE(svg.count("class=\"arrow\""), 2); // Call partner API → Record result, → Internet
    }

    void laidOutContainersUseTheLayout()
    {
        const asl::Json definition = asl::Json::parse(R"({"StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.a", "BooleanEquals": true, "Next": "Fan out"}],
                      "Default": "Each"},
            "Fan out": {"Type": "Parallel", "Next": "Done", "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                          "End": true}}}]},
            "Each": {"Type": "Map", "Next": "Done", "ItemProcessor": {"StartAt": "Item", "States": {
                "Item": {"Type": "Wait", "Seconds": 1, "End": true}}}},
            "Done": {"Type": "Succeed"}}})");
        design::Project project = design::projectFromDefinition(definition, "nested");
        layout::autoLayout(project);
        const report::Picture p = report::designPicture(project);
        QVERIFY(p.error.empty());
        const QString svg = QString::fromStdString(p.svg);
        QVERIFY(xmlError(svg.toUtf8()).isEmpty());
        // Every transition is drawn once: Check → Fan out, Check → Each, Fan out → Done, Each → Done.
        QCOMPARE(svg.count(QStringLiteral("class=\"arrow\"")), 4);
        for (const char *label : {">rule 1<", ">default<", ">Fan out<", ">Each<", ">Parallel<", ">Map<"})
            QVERIFY2(svg.contains(QLatin1String(label)), label);
        QCOMPARE(svg.count(QStringLiteral("data-step=")), 5); // leaves only; containers are frames
        // Selecting the Parallel brings its branches, nothing else.
        const QString fan =
            QString::fromStdString(report::designPicture(project, {{"Fan out"}, false, true}).svg);
        QVERIFY(fan.contains(QStringLiteral("data-step=\"Left\"")) &&
                fan.contains(QStringLiteral("data-step=\"Right\"")));
        QCOMPARE(fan.count(QStringLiteral("data-step=")), 2);
        QVERIFY(!fan.contains(QStringLiteral("Check")) && !fan.contains(QStringLiteral("Item")));
    }

    void architecturesAreGenerated()
    {
        const design::Project project = load(kExample);
        const cost::CostReport costs = price(project);
        const std::string designed =
            report::architecturePicture(project, report::Architecture::AsDesigned, &costs).svg;
        const std::string nat =
            report::architecturePicture(project, report::Architecture::NatBaseline, &costs).svg;
        for (const char *s :
             {"API Gateway (REST)", "Step Functions", "Prepare order", "Call partner API", "Internet"})
            QVERIFY2(designed.find(s) != std::string::npos, s);
        QCOMPARE(QString::fromStdString(designed).count(QStringLiteral(">NAT<")), 0);
        QVERIFY(nat.find("One Lambda: all the code") != std::string::npos);
        QVERIFY(nat.find("512 MB") != std::string::npos); // the largest step's memory
        QVERIFY(nat.find("Step Functions") == std::string::npos);
        QCOMPARE(QString::fromStdString(nat).count(QStringLiteral(">NAT<")), 2); // one per AZ
        QVERIFY(nat.find("AZ 2") != std::string::npos);
        // The NAT variant of the design needs one NAT symbol (× 2 AZ) in its own architecture.
        const std::string moved =
            report::architecturePicture(load(kNatExample), report::Architecture::AsDesigned).svg;
        QCOMPARE(QString::fromStdString(moved).count(QStringLiteral(">NAT<")), 1);
    }

    void breakEvenChart()
    {
        const design::Project project = load(kExample);
        const cost::CostReport costs = price(project);
        const std::string chart = report::breakEvenChart(costs).svg;
        QVERIFY(xmlError(QByteArray::fromStdString(chart)).isEmpty());
        int available = 0;
        for (const auto &s : costs.strategies)
            available += s.available ? 1 : 0;
        QCOMPARE(QString::fromStdString(chart).count(QStringLiteral("<path d=\"M")), available);
        QVERIFY(chart.find("now: 200k/month") != std::string::npos);
        const auto changes = report::cheapestChanges(costs);
        QVERIFY(!changes.empty());
        for (const auto &c : changes)
            QVERIFY2(chart.find("break-even " + report::shortCount(c.at) + "/mo") != std::string::npos,
                     report::shortCount(c.at).c_str());
        for (const char *axis : {">1k<", ">10B<", "executions per month (log scale)"})
            QVERIFY2(chart.find(axis) != std::string::npos, axis);
    }

    void breakEvenLabelsStayOffTheLines()
    {
        // Every break-even label's box crosses no strategy's line and no other label, for both examples (the
        // labels sat above their marker whatever ran there: on the example's 196k label ran two curves).
        for (const QString &file : {kExample, kNatExample}) {
            const QString chart = QString::fromStdString(report::breakEvenChart(price(load(file))).svg);
            QList<QLineF> lines;
            static const QRegularExpression curve(QStringLiteral("<path d=\"(M[^\"]*)\" fill=\"none\""));
            for (auto m = curve.globalMatch(chart); m.hasNext();) {
                const QStringList points =
                    m.next().captured(1).remove('M').split(QStringLiteral(" L"), Qt::SkipEmptyParts);
                for (int k = 1; k < points.size(); ++k) {
                    const QStringList a = points[k - 1].split(','), b = points[k].split(',');
                    lines << QLineF(a[0].toDouble(), a[1].toDouble(), b[0].toDouble(), b[1].toDouble());
                }
            }
            QVERIFY(lines.size() > 20);
            QList<QRectF> labels;
            static const QRegularExpression label(QStringLiteral(
                "<rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"15\" rx=\"3\" "
                "fill=\"#FFFFFF\" stroke=\"#D1D5DB\""));
            for (auto m = label.globalMatch(chart); m.hasNext();) {
                const auto r = m.next();
                labels << QRectF(r.captured(1).toDouble(), r.captured(2).toDouble(), r.captured(3).toDouble(),
                                 15);
            }
            QVERIFY(!labels.isEmpty());
            for (int i = 0; i < labels.size(); ++i) {
                const QRectF r = labels[i];
                const QLineF sides[] = {{r.topLeft(), r.topRight()},
                                        {r.topRight(), r.bottomRight()},
                                        {r.bottomRight(), r.bottomLeft()},
                                        {r.bottomLeft(), r.topLeft()}};
                for (const QLineF &line : std::as_const(lines)) {
                    bool crosses = r.contains(line.p1()) || r.contains(line.p2());
                    for (const QLineF &side : sides)
                        crosses = crosses || line.intersects(side, nullptr) == QLineF::BoundedIntersection;
                    QVERIFY2(!crosses, qPrintable(QStringLiteral("%1: the label at %2,%3 lies on a line")
                                                      .arg(file)
                                                      .arg(r.x())
                                                      .arg(r.y())));
                }
                for (int j = i + 1; j < labels.size(); ++j)
                    QVERIFY2(!r.intersects(labels[j]),
                             qPrintable(file + QStringLiteral(": two labels overlap")));
            }
        }
    }

    void whatThisMeansFollowsTheNumbers()
    {
        const design::Project project = load(kExample);
        const cost::CostReport costs = price(project);
        const std::string text = report::whatThisMeans(costs);
        const cost::StrategyCost *cheapest = costs.strategy(costs.cheapest);
        QVERIFY(cheapest);
        QVERIFY2(text.find("cheapest way to run this workflow is " + cheapest->label) != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find(report::usd(cheapest->monthlyUsd)) != std::string::npos, text.c_str());
        QVERIFY2(text.find("NAT baseline") != std::string::npos, text.c_str());
        QVERIFY2(text.find("That changes at about") != std::string::npos, text.c_str());
    }

    void openProblemsNameThePlacement()
    {
        design::Project project = load(kNatExample);
        auto problems = report::openProblems(project, price(project));
        QVERIFY(std::any_of(problems.begin(), problems.end(), [](const report::Problem &p) {
            return p.where == "Call partner API" && p.message.find("no egress path") != std::string::npos;
        }));
        project.steps["Prepare order"].placement = design::Placement::OutsideVpc;
        problems = report::openProblems(project, price(project));
        QVERIFY(std::any_of(problems.begin(), problems.end(), [](const report::Problem &p) {
            return p.where == "Prepare order" && p.severity == "error";
        }));
        QVERIFY(report::openProblems(load(kExample), price(load(kExample))).empty());
    }

    void diffNamesTheMovedStepsLineItems()
    {
        // The cost engineer's comparison (cost/costcompare.h) on the two example variants.
        const cost::CostReport a = price(load(kExample)), b = price(load(kNatExample));
        const cost::CostComparison diff = cost::compareCosts(a, b);
        const cost::StrategyChange *designed = nullptr;
        for (const auto &s : diff.strategies)
            if (s.id == "step-functions-standard")
                designed = &s;
        QVERIFY(designed);
        QVERIFY(designed->newUsd - designed->oldUsd > 60); // two NAT gateways for a month
        std::vector<std::string> ids;
        for (const auto &i : designed->items)
            ids.push_back(i.id);
        for (const char *id : {"nat-gateway-hours", "nat-public-ipv4", "nat-data-processing"})
            QVERIFY2(std::find(ids.begin(), ids.end(), id) != ids.end(), id);
        for (const auto &s : diff.strategies)
            if (s.id == "nat-gateway")
                QVERIFY(s.items.empty() && std::abs(s.newUsd - s.oldUsd) < 0.005);
        QCOMPARE(diff.cheapestChanged(), a.cheapest != b.cheapest);
        QVERIFY(diff.cheapestChanged()); // Express loses to the NAT instance once it pays for NAT gateways
    }

    void diffFromTheCli_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("markdown") << "markdown"
                                  << "nat-gateway-hours +$65.70";
        QTest::newRow("json") << "json"
                              << "\"nat-gateway-hours\"";
        QTest::newRow("text") << "text"
                              << "nat-gateway-hours: $0.00 → $65.70";
    }
    void diffFromTheCli()
    {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        const Run run = runCli({"cost", "--compare", kExample, kNatExample, "--format", format});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("nat-gateway-hours")));
    }

    void markdownReportMatchesGolden()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("partner-api.md"));
        const Run run = runCli({"report", kExample, "-o", out, "--date", "2026-01-01"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QByteArray md = readAll(out);
        for (const char *suffix :
             {"design", "architecture-designed", "architecture-nat", "break-even", "cheapest-map"}) {
            const QString name = QStringLiteral("partner-api-%1.svg").arg(QLatin1String(suffix));
            QVERIFY2(md.contains("](" + name.toUtf8() + ")"), qPrintable(name));
            const QByteArray svg = readAll(dir.filePath(name));
            QVERIFY2(svg.startsWith("<svg ") && xmlError(svg).isEmpty(), qPrintable(name));
        }
        const QString golden = QStringLiteral(EGRESS_SOURCE_DIR "/tests/report/data/partner-api.report.md");
        if (qEnvironmentVariableIsSet("EGRESS_UPDATE_GOLDEN")) {
            QFile f(golden);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(md);
        }
        const QStringList actual = QString::fromUtf8(md).split(u'\n'),
                          expected = QString::fromUtf8(readAll(golden)).split(u'\n');
        for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i)
            QVERIFY2(actual[i] == expected[i],
                     qPrintable(QStringLiteral("line %1 (EGRESS_UPDATE_GOLDEN=1 rewrites the "
                                               "golden file):\n  got:  %2\n  want: %3")
                                    .arg(i + 1)
                                    .arg(actual[i], expected[i])));
        QCOMPARE(actual.size(), expected.size());
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString bad = QStringLiteral(EGRESS_SOURCE_DIR "/tests/report/data/broken.egress.json");
        QTest::newRow("report extension")
            << QStringList{"report", kExample, "-o", "/tmp/x.docx"} << 2 << "x.docx";
        QTest::newRow("report date") << QStringList{"report",    kExample, "-o",
                                                    "/tmp/x.md", "--date", "yesterday"}
                                     << 2 << "YYYY-MM-DD";
        QTest::newRow("report malformed")
            << QStringList{"report", bad, "-o", "/tmp/x.html"} << 2 << "broken.egress.json";
        QTest::newRow("report missing")
            << QStringList{"report", "/nonexistent.egress.json", "-o", "/tmp/x.html"} << 2
            << "/nonexistent.egress.json";
        QTest::newRow("report unwritable") << QStringList{"report", kExample, "-o", "/nonexistent-dir/x.html"}
                                           << 2 << "/nonexistent-dir/x.html";
        QTest::newRow("picture extension")
            << QStringList{"picture", kExample, "-o", "/tmp/x.gif"} << 2 << "x.gif";
        QTest::newRow("picture scale")
            << QStringList{"picture", kExample, "-o", "/tmp/x.png", "--scale", "0"} << 2 << "--scale";
        QTest::newRow("picture step")
            << QStringList{"picture", kExample, "-o", "/tmp/x.svg", "--steps", "Nope"} << 2
            << "no step named \"Nope\"";
        QTest::newRow("picture kind")
            << QStringList{"picture", kExample, "-o", "/tmp/x.svg", "--kind", "pie"} << 2 << "pie";
        QTest::newRow("compare malformed")
            << QStringList{"cost", "--compare", kExample, bad} << 2 << "broken.egress.json";
    }
    void badInputIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2((run.err + run.out).contains(message), qPrintable(run.err + run.out));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
