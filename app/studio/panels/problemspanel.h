#pragma once

#include "cost/costengine.h"

#include <QTimer>
#include <QTreeWidget>

namespace egress::studio {

class DiagramScene;
class Document;

/**
 * Validator problems and the placement rules (model/design/placementrules.h) in one list, plus the cost
 * engine's errors (a loop with no way out). Double-click selects the step; every step with a problem
 * carries a badge on the canvas (a child item of its StepItem, so it moves with the step).
 */
class ProblemsPanel : public QTreeWidget
{
    Q_OBJECT

public:
    ProblemsPanel(Document *doc, DiagramScene *scene, QWidget *parent = nullptr);

    /** The cost engine's errors of the current design (CostPanel::reportChanged). */
    void setCostReport(const cost::CostReport &report);
    /** Recomputes now (tests). */
    void flush();
    /** Steps with a problem and their worst severity: true = error. */
    const QHash<QString, bool> &stepsWithProblems() const { return m_badges; }
    /** What the empty list says instead of staying blank; empty while there are problems. */
    QString emptyText() const;

signals:
    void countChanged(int errors, int warnings);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();
    void updateBadges();

    Document *m_doc;
    DiagramScene *m_scene;
    std::vector<std::string> m_costErrors;
    QHash<QString, bool> m_badges;
    QTimer m_timer;
};

} // namespace egress::studio
