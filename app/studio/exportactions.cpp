#include "exportactions.h"

#include "asl/writer.h"
#include "cost/costformat.h"
#include "costpanel.h"
#include "design/projectio.h"
#include "document.h"
#include "mainwindow.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace egress::studio {

std::string costExportText(const design::Project &project, CostFormat format, const QString &priceFile,
                           std::string *error)
{
    cost::PriceTableLoad load = priceFile.isEmpty()
                                    ? cost::bundledPriceTable(project.usage.region)
                                    : cost::loadPriceTable(priceFile.toStdString(), project.usage.region);
    if (!load) {
        *error = load.error;
        return {};
    }
    if (std::string e = cost::applyPriceOverrides(*load.table, project.priceOverrides); !e.empty()) {
        *error = e;
        return {};
    }
    const cost::CostReport report = cost::computeCosts(project, *load.table);
    if (!report.errors.empty()) {
        *error = report.errors.front();
        return {};
    }
    switch (format) {
    case CostFormat::Csv:
        return cost::formatCostCsv(report);
    case CostFormat::Markdown:
        return cost::formatCostMarkdown(report);
    case CostFormat::Json:
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

void addExportActions(MainWindow &window, QMenu *exportMenu)
{
    exportMenu->addSeparator();
    QMenu *cost = exportMenu->addMenu(QObject::tr("&Cost comparison"));
    const struct
    {
        const char *label;
        CostFormat format;
        const char *suffix;
        const char *filter;
    } formats[] = {{"&CSV…", CostFormat::Csv, "csv", "CSV (*.csv)"},
                   {"&Markdown…", CostFormat::Markdown, "md", "Markdown (*.md)"},
                   {"&JSON…", CostFormat::Json, "json", "JSON (*.json)"}};
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
            const CostPanel *panel = window.findChild<CostPanel *>();
            if (auto error = exportCost(window.document()->project(), format, path,
                                        panel ? panel->priceFile() : QString()))
                QMessageBox::warning(&window, QObject::tr("Cannot export"), *error);
            else
                window.statusBar()->showMessage(QObject::tr("Exported %1").arg(path), 4000);
        });
    }
}

} // namespace egress::studio
