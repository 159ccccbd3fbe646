#pragma once

// Routes and label spots for the design picture (designpicture.cpp): arrows that would cross a box go
// through a free lane beside it, labels take a spot along their arrow that covers nothing. Plain C++.

#include <unordered_map>
#include <vector>

namespace egress::report::routes {

struct Point
{
    double x = 0, y = 0;
};

struct Rect
{
    double x = 0, y = 0, w = 0, h = 0;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
    double cx() const { return x + w / 2; }
    double cy() const { return y + h / 2; }
    /** Overlap with a positive area (touching edges do not count). */
    bool intersects(const Rect &o) const
    {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
};

/** Whether the segment p–q passes through the inside of r shrunk by `inset` on every side (exact). */
bool segmentCrosses(Point p, Point q, const Rect &r, double inset = 1);

/**
 * Rectangles bucketed in a uniform grid, so that a query looks at the few near it: a 1,000-state picture
 * asks thousands of questions of thousands of boxes. Each rectangle carries an id (a state index; -1 for
 * what belongs to no state: labels, badges, borders) so that a query can leave the arrow's own ends out.
 */
class ObstacleGrid
{
public:
    explicit ObstacleGrid(double cell = 240) : m_cell(cell) {}
    void add(const Rect &r, int id);
    /** Whether p–q crosses an obstacle whose id is not in `ignore`. */
    bool segmentBlocked(Point p, Point q, const std::vector<int> &ignore, double inset = 1) const;
    /** How many segments of the polyline cross an obstacle not in `ignore` (0: the route is free). */
    int crossings(const std::vector<Point> &line, const std::vector<int> &ignore) const;
    /** The area of r covered by obstacles (0: free). */
    double coverage(const Rect &r) const;

private:
    struct Entry
    {
        Rect rect;
        int id;
    };
    /** Calls f(cell key) for each cell the area covers; false (and no call) when it covers too many. */
    template <typename F> bool forCells(double x1, double y1, double x2, double y2, F &&f) const;
    /** Calls f(entry) once for each entry that may meet the area, until f returns false. */
    template <typename F> void forNear(double x1, double y1, double x2, double y2, F &&f) const;
    double m_cell;
    std::vector<Entry> m_entries;
    std::unordered_map<long long, std::vector<int>> m_cells; ///< cell key → indices into m_entries
    std::vector<int> m_wide;              ///< entries covering too many cells: every query looks at them
    mutable std::vector<unsigned> m_seen; ///< per entry: the query that last looked at it
    mutable unsigned m_query = 0;
};

/** Where an arrow may enter its target: from above at `topX`, from the right or left at `sideY`. */
struct Entry
{
    double topX = 0;
    double sideY = 0;
};

/**
 * A route from box `from` to box `to` that crosses no obstacle outside `ignore` (the two ends and the
 * containers they sit in): the straight line between the boxes when it is free; else, for a target below,
 * down, across at a free level and down, or down, out to a free vertical lane beside whatever is in the way,
 * and in from above; for a target beside or above, out of a side, up or down a free lane beside both and in
 * at the same side. `lane` (0, 1, 2, ...) moves levels and lanes apart so that arrows around the same boxes
 * do not merge, and a candidate running along one of the `frames` counts as one crossing more. With
 * nothing free, the candidate crossing the fewest boxes. The last point is the tip.
 */
std::vector<Point> route(const Rect &from, const Rect &to, const Entry &entry, const ObstacleGrid &grid,
                         const std::vector<int> &ignore, int lane, const std::vector<Rect> &frames = {});

/**
 * Whether a level or upright stretch of the polyline runs along a side of one of the `frames` (within 12 of
 * it for more than 16): the VPC's border, which an arrow may cross but must not be read as.
 */
bool runsAlong(const std::vector<Point> &line, const std::vector<Rect> &frames);

/**
 * A spot for a w × h label along the polyline that covers nothing in `grid` (ids ignored: labels cover
 * nothing whatever it belongs to): fractions of the length from the middle outwards, on the line and
 * beside it. With none free, the spot covering the least.
 */
Rect labelSpot(const std::vector<Point> &line, double w, double h, const ObstacleGrid &grid);

/** The point a fraction t of the way along the polyline (by length). */
Point along(const std::vector<Point> &line, double t);

} // namespace egress::report::routes
