#pragma once

#include "listeditor.h"

namespace egress::studio {

/**
 * Choice rules as a form, one card per rule. A JSONPath rule with one comparison shows its Variable,
 * operator and value; And / Or / Not rules show their JSON read-only (Edit as JSON changes them);
 * a JSONata rule shows its Condition. Every rule has a Next combo of the states in the same scope.
 */
class ChoiceEditor : public ListEditor
{
    Q_OBJECT

public:
    ChoiceEditor(Document *doc, const QString &step, QWidget *parent = nullptr);

    /** The comparison operator of a simple rule ("StringEquals"), or empty for a compound one. */
    static QString comparisonOf(const asl::Json &rule);

protected:
    QString entryNoun() const override { return tr("rule"); }
    std::optional<asl::Json> newEntry(QString *error) const override;
    void buildCard(int row, const asl::Json &entry, QFormLayout *form) override;
    int minimumRows() const override { return 1; }
};

} // namespace egress::studio
