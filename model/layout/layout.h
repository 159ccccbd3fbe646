#pragma once

#include "asl/workflow.h"
#include "design/project.h"
#include "layout/geometry.h"

#include <string>
#include <string_view>
#include <vector>

namespace egress::layout {

// The sizes the layout assumes, in canvas units (1 unit = 1 Graphviz point = 1 scene pixel at 100 %).
// The canvas must draw its boxes with exactly these sizes, or boxes will overlap.
//
//   Step (any state that holds no other states)      180 × 56
//   Container (Parallel, Map): a box with a 32-high title strip, 16 of padding inside its border,
//     holding one lane per Parallel branch (side by side, 16 apart, all as high as the highest)
//     or one lane for the Map's item processor. A lane has 12 of padding around its states.
//     Its size therefore follows its contents: width = 2·16 + Σ lane widths + 16·(lanes − 1),
//     height = 32 + 2·16 + lane height.
//   VPC rectangle: 32 of padding between its border and the boxes inside it (room for its title);
//     the steps outside the VPC stand in a lane to its right, 48 away (the corridor that edges
//     crossing the border run along).
//   The drawing starts at (40, 40): nothing is placed at negative coordinates.
inline constexpr double kStepWidth = 180;
inline constexpr double kStepHeight = 56;
inline constexpr double kContainerHeader = 32;
inline constexpr double kContainerPadding = 16;
inline constexpr double kLaneGap = 16;
inline constexpr double kLanePadding = 12;
inline constexpr double kVpcPadding = 32;
inline constexpr double kVpcCorridor = 48;
inline constexpr double kCanvasMargin = 40;

/**
 * The most boxes one scope may have for Graphviz to lay it out; a bigger scope gets a simple column (and
 * LayoutResult::warning says so). 3,000 states take 0.35 s; 200,000 took Graphviz 70 s and 810 MB, then
 * crashed.
 */
inline constexpr std::size_t kMaxGraphvizBoxes = 5000;

/** Where one state is drawn. */
struct StepLayout
{
    std::string name;
    Rect box;               ///< absolute canvas position (top-left) and size
    int parent = -1;        ///< the Parallel/Map state holding it (index into steps), -1 at the top level
    bool container = false; ///< a Parallel or Map drawn as a box around its lanes
    bool insideVpc =
        false; ///< drawn inside the VPC rectangle (for nested states: their top-level container is)
};

/** The drawn route of one transition: a polyline from the tail box to the arrow tip at the head box. */
struct EdgeRoute
{
    int from = -1; ///< index into steps
    int to = -1;
    asl::EdgeKind kind = asl::EdgeKind::Next;
    int index = 0;             ///< Choice rule or Catcher index, as in asl::Edge
    std::vector<Point> points; ///< absolute canvas coordinates; empty when no route was computed
};

/**
 * A complete layout of a project's definition. `steps` and `lanes` follow the order of
 * asl::WorkflowIndex::build(project.definition).states() and .scopes(), so an index from the
 * WorkflowIndex addresses the same state here.
 */
struct LayoutResult
{
    std::vector<StepLayout> steps;
    std::vector<Rect>
        lanes; ///< per scope: a Parallel branch's or Map processor's lane; [0] = all top-level boxes
    std::vector<EdgeRoute> edges;
    Rect vpc;    ///< the VPC rectangle, sized to hold the steps placed inside it
    Rect bounds; ///< everything drawn, the VPC included
    /**
     * Lambda steps drawn on the other side of the VPC border than their placement says. Only a
     * state nested in a Parallel or Map can be one: a container is drawn wholly inside or wholly
     * outside the VPC (inside when most of the Lambda steps it holds are placed inside).
     */
    std::vector<std::string> placementConflicts;
    std::string warning; ///< set when Graphviz failed on a scope and a simple column layout was used

    /** The first state of that name, or nullptr. */
    const StepLayout *find(std::string_view name) const;
};

/**
 * Lays the definition out with Graphviz `dot`, top to bottom. Each scope (the top level, each
 * Parallel branch, each Map processor) is laid out on its own, innermost first, and a container
 * becomes one box of its contents' size in the scope that holds it; so branches sit side by side
 * in their Parallel, processors nest inside their Map, and an edge never has to leave its scope
 * (ASL forbids transitions across scopes). At the top level the boxes then split into two lanes
 * that keep dot's layers: the VPC (left) and the outside (right, past a 48-wide corridor). Edges
 * crossing the border, and the longest edges of very large machines, run along box-free channels
 * (the corridor, the VPC's padding, the right margin); all others keep dot's spline, sampled. A
 * scope of more than 400 boxes gets straight edges and fewer optimisation passes (3,000 states lay
 * out in about 0.35 s of CPU time; spline routing alone would take longer than all the rest).
 * Deterministic: the same project always gives the same layout. Thread-safe (Graphviz itself runs
 * one layout at a time).
 */
LayoutResult computeLayout(const design::Project &project);

/** Stores computeLayout()'s positions (top-left) in project.steps and its VPC rectangle in project.vpc. */
void autoLayout(design::Project &project);

} // namespace egress::layout
