#pragma once

#include "analysis.h"

#include <QHash>
#include <QTimer>
#include <QTreeWidget>

class QGraphicsItem;

namespace egress::studio {

class DiagramScene;
class Document;

/**
 * The document Analysis' problem list: validator problems, the placement rules
 * (model/design/placementrules.h) and the cost engine's errors (a loop with no way out), of the drag preview
 * while one is shown. Double-click selects the step; every step with a problem carries a badge on the canvas
 * (a child item of its StepItem, so it moves with the step). Rebuilt only when the list changed
 * (Analysis::problemsChanged).
 */
class ProblemsPanel : public QTreeWidget
{
    Q_OBJECT

public:
    ProblemsPanel(Document *doc, DiagramScene *scene, QWidget *parent = nullptr);

    /** Runs the Analysis' pending update and shows it now (tests). */
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
    std::vector<Problem> m_shown; ///< the list the rows show, to replace only what changed
    QHash<QString, bool> m_badges;
    /** The badge drawn on each step (a child of its StepItem: deleted with it, so forgotten then). */
    QHash<QString, QGraphicsItem *> m_badgeItems;
    QTimer m_timer;
};

} // namespace egress::studio
