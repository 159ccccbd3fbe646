#pragma once

#include "cost/costengine.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <map>
#include <string>
#include <utility>
#include <vector>

class QGraphicsItem;

namespace egress::studio {

class DiagramScene;
class Document;
class StepItem;

/**
 * Egress on the canvas: every internet-calling step carries a globe badge; a step inside the VPC gets
 * its path to the internet drawn through a NAT gateway symbol on the VPC's right edge, labelled with the
 * GB per month that NAT would process; a step outside the VPC gets a short direct arrow. The items are
 * owned by the scene; this object only recreates them after a change (never from an undo command).
 * It draws the document Analysis' view: during a drag the dragged steps' paths follow their boxes and
 * their hypothetical placement (the NAT symbol appears when one would land inside the VPC), and the
 * labels the preview's visits; when the drag ends it draws the design again.
 */
class EgressOverlay : public QObject
{
    Q_OBJECT

public:
    EgressOverlay(Document *doc, DiagramScene *scene, QObject *parent = nullptr);

    /** Internet-calling steps drawn with a path through the NAT symbol (tests). */
    QStringList natPaths() const { return m_natPaths; }
    void flush();

private:
    /** Visits per step come from the Analysis' cost report. */
    void setReport(const cost::CostReport &report);
    void schedule();
    void rebuild();
    /** Redraws the paths of some steps only (a drag moved them). */
    void updateSteps(const QStringList &steps);
    /** The path of one internet-calling step where its box is now; nullptr for other steps. */
    QGraphicsItem *pathOf(const StepItem &step) const;

    Document *m_doc;
    DiagramScene *m_scene;
    std::map<std::string, double> m_visits;
    std::vector<std::pair<std::string, double>> m_reportVisits; ///< the same in the report's order
    double m_executions = 0;
    QStringList m_natPaths;
    QHash<QString, QGraphicsItem *> m_paths; ///< top-level items of the scene, cleared with it
    QTimer m_timer;
};

} // namespace egress::studio
