#include "billview.h"

#include "cost/meter.h"

#include <QFileDialog>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace egress::studio {

namespace {

QString usd(double v)
{
    return QString::fromStdString(cost::formatUsd(v));
}

} // namespace

BillView::BillView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    auto *load = new QPushButton(tr("Load bill…"), this);
    load->setObjectName(QStringLiteral("loadBill"));
    load->setToolTip(
        tr("A Cost and Usage Report (CSV) or aws ce get-cost-and-usage output (JSON): per line item, the "
           "estimate beside what was billed"));
    m_status = new QLabel(
        tr("No bill loaded: compare the estimate with a Cost and Usage Report or Cost Explorer export."),
        this);
    m_status->setWordWrap(true);
    row->addWidget(load);
    row->addWidget(m_status, 1);
    layout->addLayout(row);
    m_table = new QTreeWidget(this);
    m_table->setRootIsDecorated(false);
    m_table->setHeaderLabels(
        {tr("Line item"), tr("Estimate"), tr("Billed"), tr("Bill − estimate"), tr("Usage types")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Load bill"), {},
                                         tr("Bills (*.csv *.json);;Cost and Usage Report (*.csv);;"
                                            "Cost Explorer, aws ce get-cost-and-usage (*.json);;"
                                            "All files (*)"));
        if (path.isEmpty())
            return;
        if (const auto error = loadBill(path))
            QMessageBox::warning(this, tr("Bill not loaded"), *error);
    });
}

std::optional<QString> BillView::loadBill(const QString &path)
{
    usage::BillLoad load = usage::loadBill(path.toStdString());
    if (!load.bill)
        return QString::fromStdString(load.error);
    m_bill = std::move(load.bill);
    refresh();
    return std::nullopt;
}

void BillView::setReport(const cost::CostReport &report)
{
    m_report = report;
    if (m_bill)
        refresh();
}

void BillView::refresh()
{
    m_table->clear();
    m_comparison = usage::compareWithBill(m_report, *m_bill);
    const usage::BillComparison &c = *m_comparison;
    if (c.strategy.empty()) {
        m_status->setText(tr("The design cannot be priced; nothing to compare with the bill."));
        return;
    }
    for (const usage::BillLine &l : c.lines) {
        QStringList types;
        for (const std::string &t : l.usageTypes)
            types << QString::fromStdString(t);
        auto *item = new QTreeWidgetItem(
            m_table,
            {QString::fromStdString(l.id.empty() ? l.label : l.id),
             l.id.empty() ? QStringLiteral("—") : usd(l.estimateUsd), usd(l.billedUsd),
             l.id.empty() ? QString() : usd(l.billedUsd - l.estimateUsd), types.join(QStringLiteral(", "))});
        item->setToolTip(0, QString::fromStdString(l.label));
        for (int column = 1; column <= 3; ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    auto *total = new QTreeWidgetItem(
        m_table, {tr("Total"), usd(c.estimateUsd), usd(c.billedUsd), usd(c.billedUsd - c.estimateUsd), {}});
    QFont bold = total->font(0);
    bold.setBold(true);
    for (int column = 0; column < 4; ++column) {
        total->setFont(column, bold);
        if (column > 0)
            total->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    QString status = tr("%1 (as designed) beside %2")
                         .arg(QString::fromStdString(c.strategy), QString::fromStdString(c.file));
    if (!c.start.empty())
        status +=
            QStringLiteral(" (%1 … %2)").arg(QString::fromStdString(c.start), QString::fromStdString(c.end));
    if (c.skippedUsd != 0)
        status += tr("; %1 of tax, credits, refunds and fees not compared").arg(usd(c.skippedUsd));
    m_status->setText(status + QLatin1Char('.'));
}

} // namespace egress::studio
