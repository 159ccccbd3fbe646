#pragma once

#include "cost/costengine.h"
#include "cost/sweep.h"
#include "design/project.h"

#include <string>
#include <vector>

namespace egress::report {

/** An SVG picture and its size in pixels at scale 1 (the SVG's width, height and viewBox size). */
struct Picture
{
    std::string svg;
    double width = 0;
    double height = 0;
    std::string error; ///< set (and svg empty) when the picture cannot be drawn, e.g. an unknown step
};

struct DesignGeometry;

/** What the design picture shows. */
struct DesignPictureOptions
{
    std::vector<std::string> steps; ///< only these steps (and what nests in them); empty = the whole design
    bool grid = false;              ///< the canvas grid behind the design
    bool legend = true;
};

/**
 * The design as the canvas shows it, without editor chrome: steps at their positions with their kind's
 * shape and colour, Parallel/Map containers, transitions with arrows and labels, the VPC boundary with its
 * name and AZ count, egress badges, the NAT gateway on the VPC edge when a step inside needs the internet,
 * and a legend. Steps without a position are laid out first (on a copy).
 */
Picture designPicture(const design::Project &project, const DesignPictureOptions &options = {},
                      DesignGeometry *geometry = nullptr);

/** Where designPicture put what it drew (picture coordinates): for tests that check it geometrically. */
struct DesignGeometry
{
    struct Rect
    {
        double x = 0, y = 0, w = 0, h = 0;
    };
    struct Box
    {
        std::string name;
        Rect rect;
        bool container = false;
    };
    struct Arrow
    {
        std::string from, to, label;
        std::vector<std::pair<double, double>> points; ///< the polyline drawn, its last point the tip
    };
    std::vector<Box> boxes;
    std::vector<Arrow> arrows;
    std::vector<Rect> labels; ///< the edge labels' background rectangles
    std::vector<Rect> badges;
    bool vpcShown = false;
    Rect vpc;
    bool startShown = false;
    double startX = 0, startY = 0; ///< the start marker's arrow tip
};

/** The two architectures a report compares. */
enum class Architecture { AsDesigned, NatBaseline };
const char *toString(Architecture architecture);

/**
 * The deployed architecture, generated from the project: trigger → state machine → Lambda functions inside
 * or outside the VPC → internet through NAT or directly (as designed), or trigger → one Lambda with all the
 * code in the VPC → a NAT gateway per AZ → internet (the NAT baseline). `cost` (optional) adds the monolith's
 * memory and duration as the cost engine sees them.
 */
Picture architecturePicture(const design::Project &project, Architecture architecture,
                            const cost::CostReport *cost = nullptr);

/**
 * Monthly cost against executions per month (log-log, 1e3..1e10): one line per available strategy, the
 * volumes where the cheapest choice changes (and where "as designed" meets the NAT baseline) marked and
 * labelled, the report's volume as a vertical line.
 */
Picture breakEvenChart(const cost::CostReport &cost);

/**
 * Which strategy is cheapest over executions per month × KB per execution (cost::cheapestMap): one coloured
 * cell per grid point, a ring where the design is, a legend of the strategies that appear.
 */
Picture cheapestMapChart(const cost::CheapestMap &map, const std::string &region);
/** The colour of a strategy in the map (stable per id). */
std::string strategyColour(const std::string &id);

/** A volume where the cheapest strategy changes (among the compliant ones when any is). */
struct CheapestChange
{
    double at = 0;
    std::string from; ///< cheapest just below `at`
    std::string to;   ///< cheapest just above
};
/** Every change of the cheapest strategy over 1e3..1e10 executions per month, in order. */
std::vector<CheapestChange> cheapestChanges(const cost::CostReport &cost);

/** "200k", "1.5M", "3B": executions for axis labels and sentences. */
std::string shortCount(double value);
/** "$1,234.56" below $10,000, then "$12,345". */
std::string usd(double value);

} // namespace egress::report
