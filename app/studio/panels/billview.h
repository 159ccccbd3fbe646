#pragma once

// The cost panel's "Bill" tab: a Cost and Usage Report CSV beside the estimate, per line item, as
// `egress-cli cost P --bill BILL.csv` prints it (usage/billcompare.h, docs/usage.md "Against the bill").
#include "cost/costengine.h"
#include "usage/billcompare.h"

#include <QWidget>
#include <optional>

class QLabel;
class QTreeWidget;

namespace egress::studio {

class BillView : public QWidget
{
    Q_OBJECT

public:
    explicit BillView(QWidget *parent = nullptr);

    /** Reads the bill; on failure returns the message naming the file and line and keeps the bill shown. */
    std::optional<QString> loadBill(const QString &path);
    /** The estimate to compare (Analysis::reportChanged). */
    void setReport(const cost::CostReport &report);

    QTreeWidget *table() const { return m_table; }
    const std::optional<usage::BillComparison> &comparison() const { return m_comparison; }

private:
    void refresh();

    cost::CostReport m_report;
    std::optional<usage::Bill> m_bill;
    std::optional<usage::BillComparison> m_comparison;
    QLabel *m_status;
    QTreeWidget *m_table;
};

} // namespace egress::studio
