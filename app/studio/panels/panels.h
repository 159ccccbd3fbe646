#pragma once

namespace egress::studio {

class CodePanel;
class CostPanel;
class EgressOverlay;
class MainWindow;
class ProblemsPanel;
class RunPanel;

/** The panels of the cost/problems/code issue, as installed in one window. */
struct Panels
{
    CostPanel *cost = nullptr;
    ProblemsPanel *problems = nullptr;
    CodePanel *code = nullptr;
    EgressOverlay *egress = nullptr;
    RunPanel *run = nullptr;
};

/**
 * Creates the Cost, Problems and Code docks, the egress overlay of the canvas and the cost exports of
 * File ▸ Export, and wires them to the window's document and scene. Called once by MainWindow.
 */
void installPanels(MainWindow &window);

/** The panels installed in a window (found by object name). */
Panels panelsOf(const MainWindow &window);

} // namespace egress::studio
