#pragma once

#include "cost/costengine.h"

#include <QObject>
#include <QTimer>

namespace egress::studio {

class DiagramScene;
class Document;

/**
 * Egress on the canvas: every internet-calling step carries a globe badge; a step inside the VPC gets
 * its path to the internet drawn through a NAT gateway symbol on the VPC's right edge, labelled with the
 * GB per month that NAT would process; a step outside the VPC gets a short direct arrow. The items are
 * owned by the scene; this object only recreates them after a change (never from an undo command).
 */
class EgressOverlay : public QObject
{
    Q_OBJECT

public:
    EgressOverlay(Document *doc, DiagramScene *scene, QObject *parent = nullptr);

    /** Visits per step come from the cost report (CostPanel::reportChanged). */
    void setReport(const cost::CostReport &report);
    /** Internet-calling steps drawn with a path through the NAT symbol (tests). */
    QStringList natPaths() const { return m_natPaths; }
    void flush();

private:
    void rebuild();

    Document *m_doc;
    DiagramScene *m_scene;
    std::map<std::string, double> m_visits;
    double m_executions = 0;
    QStringList m_natPaths;
    QTimer m_timer;
};

} // namespace egress::studio
