#include "exportactions.h"

#include "analysis.h"
#include "asl/writer.h"
#include "cfn/templatewriter.h"
#include "cost/costformat.h"
#include "cost/pricing.h"
#include "design/projectio.h"
#include "diagramscene.h"
#include "document.h"
#include "mainwindow.h"
#include "render.h"
#include "report/pictures.h"
#include "report/report.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace egress::studio {

namespace {

std::optional<QString> writeText(const QString &path, const std::string &text)
{
    if (auto e = design::writeFileAtomically(path.toStdString(), text))
        return QString::fromStdString(*e);
    return std::nullopt;
}

} // namespace

std::string costExportText(const design::Project &project, CostFormat format, const QString &priceFile,
                           std::string *error)
{
    const cost::PricedDesign priced = cost::priceDesign(project, priceFile.toStdString());
    if (!priced) {
        *error = priced.error;
        return {};
    }
    const cost::CostReport &report = priced.report;
    if (!report.errors.empty()) {
        *error = report.errors.front();
        return {};
    }
    switch (format) {
    case CostFormat::Csv:
        return cost::formatCostCsv(report);
    case CostFormat::Markdown:
        return cost::formatCostMarkdown(report);
    case CostFormat::JsonReport:
        return asl::writeJson(cost::costReportToJson(report));
    }
    return {};
}

std::optional<QString> exportCost(const design::Project &project, CostFormat format, const QString &path,
                                  const QString &priceFile)
{
    std::string error;
    const std::string text = costExportText(project, format, priceFile, &error);
    if (!error.empty())
        return QString::fromStdString(error);
    if (auto e = design::writeFileAtomically(path.toStdString(), text))
        return QString::fromStdString(*e);
    return std::nullopt;
}

CfnText cloudFormationText(const design::Project &project, cfn::Variant variant, asl::TextFormat format,
                           bool createVpc)
{
    cfn::ExportOptions options;
    options.variant = variant;
    options.createVpc = createVpc;
    CfnText out;
    out.result = cfn::buildTemplate(project, options);
    out.text = cfn::writeTemplate(out.result, format); // numbers as the definition wrote them
    return out;
}

std::optional<QString> exportCloudFormation(const design::Project &project, cfn::Variant variant,
                                            bool createVpc, const QString &path, QStringList *problems)
{
    const CfnText built =
        cloudFormationText(project, variant, asl::formatForPath(path.toStdString()), createVpc);
    if (problems) {
        problems->clear();
        for (const std::string &p : built.result.problems)
            *problems << QString::fromStdString(p);
        // The same check as the CLI: CloudFormation takes at most 1 MB from S3.
        constexpr std::size_t kMaxTemplateBytes = 1024 * 1024;
        if (built.text.size() > kMaxTemplateBytes)
            *problems << QObject::tr("the template is %1 bytes; CloudFormation accepts at most 1 MB")
                             .arg(built.text.size());
    }
    return writeText(path, built.text);
}

std::optional<QString> exportPicture(const design::Project &project, const QStringList &steps,
                                     const QString &path, double scale)
{
    report::DesignPictureOptions options;
    for (const QString &step : steps)
        options.steps.push_back(step.toStdString());
    const report::Picture picture = report::designPicture(project, options);
    if (!picture.error.empty())
        return QString::fromStdString(picture.error);
    const QString suffix = QFileInfo(path).suffix().toLower();
    QString error;
    if (suffix == QLatin1String("svg"))
        return writeText(path, picture.svg);
    if (suffix == QLatin1String("png"))
        error = render::writePng(picture, path, scale);
    else if (suffix == QLatin1String("pdf"))
        error = render::writePicturePdf(picture, path);
    else
        error = QObject::tr("%1: choose a .svg, .png or .pdf file").arg(path);
    return error.isEmpty() ? std::nullopt : std::optional<QString>(error);
}

std::optional<QString> exportReport(const design::Project &project, const QString &path,
                                    const QString &priceFile, const QString &date)
{
    const cost::PricedDesign priced = cost::priceDesign(project, priceFile.toStdString());
    if (!priced)
        return QString::fromStdString(priced.error);
    const QString day = date.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : date;
    const QFileInfo out(path);
    const report::ReportData data =
        report::buildReport(project, priced.report, {day.toStdString(), project.name, &*priced.prices});
    const QString suffix = out.suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return writeText(path, report::reportHtml(data));
    if (suffix == QLatin1String("md")) {
        const report::MarkdownReport md = report::reportMarkdown(data, out.completeBaseName().toStdString());
        for (const auto &[name, svg] : md.pictures)
            if (auto e = writeText(out.dir().filePath(QString::fromStdString(name)), svg))
                return e;
        return writeText(path, md.markdown);
    }
    if (suffix == QLatin1String("pdf")) {
        const render::PdfResult pdf = render::writeReportPdf(data, path);
        return pdf.error.isEmpty() ? std::nullopt : std::optional<QString>(pdf.error);
    }
    return QObject::tr("%1: choose a .html, .pdf or .md file").arg(path);
}

namespace {

QString projectBaseName(const MainWindow &window)
{
    QString base = QFileInfo(window.document()->filePath()).completeBaseName();
    base.remove(QStringLiteral(".egress"));
    return base.isEmpty() ? QStringLiteral("design") : base;
}

void reportOutcome(MainWindow &window, const std::optional<QString> &error, const QString &path)
{
    if (error)
        QMessageBox::warning(&window, QObject::tr("Cannot export"), *error);
    else
        window.statusBar()->showMessage(QObject::tr("Exported %1").arg(path), 4000);
}

} // namespace

void addExportActions(MainWindow &window, QMenu *exportMenu)
{
    QMenu *cfnMenu = exportMenu->addMenu(QObject::tr("&CloudFormation"));
    cfnMenu->setObjectName(QStringLiteral("exportCfnMenu"));
    QAction *createVpc =
        new QAction(QObject::tr("Create the &VPC (instead of taking one as parameters)"), cfnMenu);
    createVpc->setObjectName(QStringLiteral("exportCfnCreateVpc"));
    createVpc->setCheckable(true);
    const struct
    {
        const char *label;
        cfn::Variant variant;
        const char *tip;
    } variants[] = {{"As &designed…", cfn::Variant::Designed,
                     "A function per Lambda step, placed as drawn, and the state machine (YAML or JSON)"},
                    {"&NAT gateway baseline…", cfn::Variant::NatGateway,
                     "One function doing all the work in the VPC behind NAT gateways (YAML or JSON)"}};
    for (const auto &v : variants) {
        QAction *action = cfnMenu->addAction(QObject::tr(v.label));
        const cfn::Variant variant = v.variant;
        action->setObjectName(QStringLiteral("exportCfn-") + QLatin1String(cfn::toString(variant)));
        action->setStatusTip(QObject::tr(v.tip));
        QObject::connect(action, &QAction::triggered, &window, [&window, variant, createVpc] {
            const QString path = QFileDialog::getSaveFileName(
                &window, QObject::tr("Export CloudFormation template"),
                projectBaseName(window) + '.' + QLatin1String(cfn::toString(variant)) +
                    QStringLiteral(".yaml"),
                QObject::tr("YAML (*.yaml *.yml);;JSON (*.json)"));
            if (path.isEmpty())
                return;
            QStringList problems;
            const auto error = exportCloudFormation(window.document()->project(), variant,
                                                    createVpc->isChecked(), path, &problems);
            if (!error && !problems.isEmpty())
                QMessageBox::warning(&window, QObject::tr("Template written with problems"),
                                     QObject::tr("%1 was written, but CloudFormation will refuse it:\n%2")
                                         .arg(path, problems.join('\n')));
            reportOutcome(window, error, path);
        });
    }
    cfnMenu->addSeparator();
    cfnMenu->addAction(createVpc);

    exportMenu->addSeparator();
    QAction *picture = exportMenu->addAction(QObject::tr("&Picture…"));
    picture->setObjectName(QStringLiteral("exportPicture"));
    picture->setStatusTip(
        QObject::tr("The design (or the selected steps) as SVG, PNG or PDF, with a legend"));
    QObject::connect(picture, &QAction::triggered, &window, [&window] {
        const QStringList selected = window.scene()->selectedStepNames();
        const QString title = selected.isEmpty() ? QObject::tr("Export picture of the design")
                                                 : QObject::tr("Export picture of %n selected step(s)",
                                                               nullptr, int(selected.size()));
        const QString path =
            QFileDialog::getSaveFileName(&window, title, projectBaseName(window) + QStringLiteral(".png"),
                                         QObject::tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"));
        if (!path.isEmpty())
            reportOutcome(window, exportPicture(window.document()->project(), selected, path), path);
    });
    QAction *reportAction = exportMenu->addAction(QObject::tr("&Report…"));
    reportAction->setObjectName(QStringLiteral("exportReport"));
    reportAction->setStatusTip(
        QObject::tr("The trade-off for readers who never opened the app: HTML, PDF or Markdown"));
    QObject::connect(reportAction, &QAction::triggered, &window, [&window] {
        const QString path = QFileDialog::getSaveFileName(
            &window, QObject::tr("Export report"), projectBaseName(window) + QStringLiteral(".report.html"),
            QObject::tr("HTML (*.html);;PDF (*.pdf);;Markdown (*.md)"));
        if (path.isEmpty())
            return;
        // The table the Cost panel shows is the document Analysis' (no panel needed).
        reportOutcome(
            window,
            exportReport(window.document()->project(), path, window.document()->analysis()->priceFile()),
            path);
    });
    QMenu *cost = exportMenu->addMenu(QObject::tr("&Cost comparison"));
    const struct
    {
        const char *label;
        CostFormat format;
        const char *suffix;
        const char *filter;
    } formats[] = {{"&CSV…", CostFormat::Csv, "csv", "CSV (*.csv)"},
                   {"&Markdown…", CostFormat::Markdown, "md", "Markdown (*.md)"},
                   {"&JSON…", CostFormat::JsonReport, "json", "JSON (*.json)"}};
    for (const auto &f : formats) {
        QAction *action = cost->addAction(QObject::tr(f.label));
        action->setObjectName(QStringLiteral("exportCost") + QString::fromLatin1(f.suffix));
        const CostFormat format = f.format;
        const QString suffix = QString::fromLatin1(f.suffix), filter = QObject::tr(f.filter);
        QObject::connect(action, &QAction::triggered, &window, [&window, format, suffix, filter] {
            QString base = QFileInfo(window.document()->filePath()).completeBaseName();
            base.remove(QStringLiteral(".egress"));
            const QString path =
                QFileDialog::getSaveFileName(&window, QObject::tr("Export cost comparison"),
                                             base + QStringLiteral(".cost.") + suffix, filter);
            if (path.isEmpty())
                return;
            if (auto error = exportCost(window.document()->project(), format, path,
                                        window.document()->analysis()->priceFile()))
                QMessageBox::warning(&window, QObject::tr("Cannot export"), *error);
            else
                window.statusBar()->showMessage(QObject::tr("Exported %1").arg(path), 4000);
        });
    }
}

} // namespace egress::studio
