#pragma once

#include "listeditor.h"

namespace egress::studio {

/** Retry as a form: per retrier its errors, interval, attempts, backoff, maximum delay and jitter. */
class RetryEditor : public ListEditor
{
    Q_OBJECT

public:
    RetryEditor(Document *doc, const QString &step, QWidget *parent = nullptr);

protected:
    QString entryNoun() const override { return tr("retrier"); }
    std::optional<asl::Json> newEntry(QString *error) const override;
    void buildCard(int row, const asl::Json &entry, QFormLayout *form) override;
};

/** Catch as a form: per catcher its errors, the state to go to, and where the error goes (ResultPath, or
 * Output and Assign with JSONata). */
class CatchEditor : public ListEditor
{
    Q_OBJECT

public:
    CatchEditor(Document *doc, const QString &step, QWidget *parent = nullptr);

protected:
    QString entryNoun() const override { return tr("catcher"); }
    std::optional<asl::Json> newEntry(QString *error) const override;
    void buildCard(int row, const asl::Json &entry, QFormLayout *form) override;
};

} // namespace egress::studio
