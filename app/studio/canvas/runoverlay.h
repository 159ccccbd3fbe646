#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace egress::studio {

class DiagramScene;
class Document;
class RunPanel;

/**
 * The simulated run drawn on the canvas, like the console's execution graph: every state the run entered
 * gets a green ring (red when it failed), a "×N" badge when it was tried more than once, and the trace row
 * selected in the Run panel is the step selected on the canvas (and the other way round). The marks belong
 * to one run of one definition: any change of the definition, or another project, clears them.
 */
class RunOverlay : public QObject
{
    Q_OBJECT

public:
    RunOverlay(Document *doc, DiagramScene *scene, RunPanel *panel, QObject *parent = nullptr);

    struct Mark
    {
        bool failed = false;
        int attempts = 0;
    };
    /** The states the last run entered (by name), as drawn; empty when nothing is drawn. */
    const QHash<QString, Mark> &marks() const { return m_marks; }
    void clear();

private:
    void showRun();
    void redraw();

    Document *m_doc;
    DiagramScene *m_scene;
    RunPanel *m_panel;
    QHash<QString, Mark> m_marks;
    bool m_following = false; ///< the canvas selection is being set from the trace
};

} // namespace egress::studio
