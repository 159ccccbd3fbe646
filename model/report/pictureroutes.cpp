#include "report/pictureroutes.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace egress::report::routes {

bool segmentCrosses(Point p, Point q, const Rect &r, double inset)
{
    // Liang–Barsky clipping against the shrunk rectangle: the segment crosses it when a part of positive
    // length remains inside.
    const double x1 = r.x + inset, y1 = r.y + inset, x2 = r.right() - inset, y2 = r.bottom() - inset;
    if (x2 <= x1 || y2 <= y1)
        return false;
    double t0 = 0, t1 = 1;
    const double dx = q.x - p.x, dy = q.y - p.y;
    const double ps[] = {-dx, dx, -dy, dy};
    const double qs[] = {p.x - x1, x2 - p.x, p.y - y1, y2 - p.y};
    for (int k = 0; k < 4; ++k) {
        if (ps[k] == 0) {
            if (qs[k] <= 0)
                return false; // parallel to this side and outside (or on) it
            continue;
        }
        const double t = qs[k] / ps[k];
        if (ps[k] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 >= t1)
            return false;
    }
    return (t1 - t0) * std::hypot(dx, dy) > 1e-6;
}

namespace {

/** Cells per rectangle beyond which it is kept in the list every query looks at (far-flung positions). */
constexpr double kMaxCells = 4096;

} // namespace

template <typename F> bool ObstacleGrid::forCells(double x1, double y1, double x2, double y2, F &&f) const
{
    // Positions are any finite numbers: a span of too many cells (or beyond what a cell index holds) is
    // not walked cell by cell; the caller falls back to every entry.
    const double cx1 = std::floor(std::min(x1, x2) / m_cell), cx2 = std::floor(std::max(x1, x2) / m_cell);
    const double cy1 = std::floor(std::min(y1, y2) / m_cell), cy2 = std::floor(std::max(y1, y2) / m_cell);
    if (!((cx2 - cx1 + 1) * (cy2 - cy1 + 1) <= kMaxCells) || std::abs(cx1) > 1e9 || std::abs(cx2) > 1e9 ||
        std::abs(cy1) > 1e9 || std::abs(cy2) > 1e9)
        return false;
    for (auto cy = static_cast<long long>(cy1); cy <= static_cast<long long>(cy2); ++cy)
        for (auto cx = static_cast<long long>(cx1); cx <= static_cast<long long>(cx2); ++cx)
            f((cy << 32) ^ (cx & 0xffffffffLL));
    return true;
}

template <typename F> void ObstacleGrid::forNear(double x1, double y1, double x2, double y2, F &&f) const
{
    ++m_query;
    auto visit = [&](int i) {
        if (m_seen[static_cast<std::size_t>(i)] == m_query)
            return true;
        m_seen[static_cast<std::size_t>(i)] = m_query;
        return f(m_entries[static_cast<std::size_t>(i)]);
    };
    bool more = true;
    for (int i : m_wide)
        if (more)
            more = visit(i);
    const bool walked = forCells(x1, y1, x2, y2, [&](long long key) {
        if (!more)
            return;
        if (const auto it = m_cells.find(key); it != m_cells.end())
            for (int i : it->second)
                if (more)
                    more = visit(i);
    });
    if (!walked)
        for (int i = 0; more && i < static_cast<int>(m_entries.size()); ++i)
            more = visit(i);
}

void ObstacleGrid::add(const Rect &r, int id)
{
    const int index = static_cast<int>(m_entries.size());
    m_entries.push_back({r, id});
    m_seen.push_back(0);
    if (!forCells(r.x, r.y, r.right(), r.bottom(), [&](long long key) { m_cells[key].push_back(index); }))
        m_wide.push_back(index);
}

bool ObstacleGrid::segmentBlocked(Point p, Point q, const std::vector<int> &ignore, double inset) const
{
    bool blocked = false;
    forNear(p.x, p.y, q.x, q.y, [&](const Entry &e) {
        if (e.id >= 0 && std::find(ignore.begin(), ignore.end(), e.id) != ignore.end())
            return true;
        blocked = segmentCrosses(p, q, e.rect, inset);
        return !blocked;
    });
    return blocked;
}

int ObstacleGrid::crossings(const std::vector<Point> &line, const std::vector<int> &ignore) const
{
    int n = 0;
    for (std::size_t k = 1; k < line.size(); ++k)
        n += segmentBlocked(line[k - 1], line[k], ignore) ? 1 : 0;
    return n;
}

double ObstacleGrid::coverage(const Rect &r) const
{
    double covered = 0;
    forNear(r.x, r.y, r.right(), r.bottom(), [&](const Entry &e) {
        const Rect &o = e.rect;
        const double w = std::min(r.right(), o.right()) - std::max(r.x, o.x);
        const double h = std::min(r.bottom(), o.bottom()) - std::max(r.y, o.y);
        if (w > 0 && h > 0)
            covered += w * h;
        return true;
    });
    return covered;
}

namespace {

/** Where the ray from `origin` (inside the box) in direction d leaves the box. */
Point leaveBox(const Rect &b, Point origin, Point d)
{
    double t = 1e18;
    if (d.x > 0)
        t = std::min(t, (b.right() - origin.x) / d.x);
    if (d.x < 0)
        t = std::min(t, (b.x - origin.x) / d.x);
    if (d.y > 0)
        t = std::min(t, (b.bottom() - origin.y) / d.y);
    if (d.y < 0)
        t = std::min(t, (b.y - origin.y) / d.y);
    if (t > 1e17)
        return origin;
    return {origin.x + d.x * std::max(0.0, t), origin.y + d.y * std::max(0.0, t)};
}

} // namespace

bool runsAlong(const std::vector<Point> &line, const std::vector<Rect> &frames)
{
    for (std::size_t k = 1; k < line.size(); ++k) {
        const Point &p = line[k - 1], &q = line[k];
        for (const Rect &f : frames) {
            if (std::abs(p.y - q.y) < 0.5) {
                const double run =
                    std::min(std::max(p.x, q.x), f.right()) - std::max(std::min(p.x, q.x), f.x);
                if (run > 16 && (std::abs(p.y - f.y) < 12 || std::abs(p.y - f.bottom()) < 12))
                    return true;
            }
            if (std::abs(p.x - q.x) < 0.5) {
                const double run =
                    std::min(std::max(p.y, q.y), f.bottom()) - std::max(std::min(p.y, q.y), f.y);
                if (run > 16 && (std::abs(p.x - f.x) < 12 || std::abs(p.x - f.right()) < 12))
                    return true;
            }
        }
    }
    return false;
}

std::vector<Point> route(const Rect &from, const Rect &to, const Entry &entry, const ObstacleGrid &grid,
                         const std::vector<int> &ignore, int lane, const std::vector<Rect> &frames)
{
    std::vector<Point> best;
    int bestCrossings = std::numeric_limits<int>::max();
    auto consider = [&](std::vector<Point> line) {
        const int n = grid.crossings(line, ignore) + (runsAlong(line, frames) ? 1 : 0);
        if (n < bestCrossings) {
            bestCrossings = n;
            best = std::move(line);
        }
        return n == 0;
    };

    // Straight, between the boxes' outlines (not for a step looping to itself); lanes 1 and 2 beside the
    // centre line, so that a catch and the Next into the same step stay two lines.
    if (const double dx = to.cx() - from.cx(), dy = to.cy() - from.cy(), len = std::hypot(dx, dy);
        len > 1e-9 && std::isfinite(len)) {
        const double side = lane % 3 == 0 ? 0 : lane % 3 == 1 ? 6 : -6;
        const Point n{-dy / len * side, dx / len * side};
        const Point a = leaveBox(from, {from.cx() + n.x, from.cy() + n.y}, {dx, dy});
        const Point b = leaveBox(to, {to.cx() + n.x, to.cy() + n.y}, {-dx, -dy});
        if (consider({a, b}))
            return best;
    }
    const double shift = 6.0 * (lane % 3);
    const double gap = 16 + 8.0 * (lane % 3);

    if (to.y >= from.bottom() + 16) {
        const Point start{from.cx(), from.bottom()}, end{entry.topX, to.y};
        // Down, across at a free level between the two, down.
        const double top = from.bottom() + 8, bottom = to.y - 8;
        const double middle = (top + bottom) / 2 + shift;
        for (int k = 0; k <= 16; ++k) {
            const double off = (k % 2 ? 1 : -1) * ((k + 1) / 2) * (bottom - top) / 16;
            const double level = std::clamp(middle + off, top, bottom);
            if (consider({start, {start.x, level}, {end.x, level}, end}))
                return best;
        }
        // Down a little, out to a free lane, down beside what is in the way, in from above.
        const double ya = from.bottom() + 10 + shift / 2, yb = to.y - 12 - shift / 2;
        for (double lx : {std::max(from.right(), to.right()) + gap, std::min(from.x, to.x) - gap}) {
            // Push the lane outwards past whatever it runs through (a few rounds: boxes are on rows).
            for (int round = 0; round < 40; ++round) {
                const std::vector<Point> line{start, {start.x, ya}, {lx, ya}, {lx, yb}, {end.x, yb}, end};
                if (consider(line))
                    return best;
                if (!grid.segmentBlocked({lx, ya}, {lx, yb}, ignore))
                    break; // the lane is free; the level stretches are not: another side or a side route
                lx += lx > from.cx() ? gap + 24 : -(gap + 24);
            }
        }
    }
    // Out of a side, along a free lane beside both boxes, in at the same side.
    for (const bool right : {true, false}) {
        const double sx = right ? from.right() : from.x, ex = right ? to.right() : to.x;
        const double ys = from.cy() + 6, ye = entry.sideY - 6;
        double lx = right ? std::max(from.right(), to.right()) + gap : std::min(from.x, to.x) - gap;
        for (int round = 0; round < 40; ++round) {
            if (consider({{sx, ys}, {lx, ys}, {lx, ye}, {ex, ye}}))
                return best;
            lx += right ? gap + 24 : -(gap + 24);
        }
    }
    return best;
}

Point along(const std::vector<Point> &line, double t)
{
    double total = 0;
    for (std::size_t k = 1; k < line.size(); ++k)
        total += std::hypot(line[k].x - line[k - 1].x, line[k].y - line[k - 1].y);
    double left = total * t;
    for (std::size_t k = 1; k < line.size(); ++k) {
        const double dx = line[k].x - line[k - 1].x, dy = line[k].y - line[k - 1].y;
        const double len = std::hypot(dx, dy);
        if (left <= len && len > 0)
            return {line[k - 1].x + dx * left / len, line[k - 1].y + dy * left / len};
        left -= len;
    }
    return line.back();
}

Rect labelSpot(const std::vector<Point> &line, double w, double h, const ObstacleGrid &grid)
{
    static constexpr double kAlong[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9, 0.05, 0.95};
    Rect best;
    double bestCover = -1;
    // On the line first, then beside it (above, below, left, right of the point), then a step further out.
    const Point offsets[] = {{0, 0},         {0, -h / 2 - 3}, {0, h / 2 + 3}, {-w / 2 - 4, 0},
                             {w / 2 + 4, 0}, {0, -h - 8},     {0, h + 8},     {-w - 8, 0},
                             {w + 8, 0},     {0, -2 * h - 8}, {0, 2 * h + 8}};
    for (const Point &o : offsets)
        for (double t : kAlong) {
            const Point p = along(line, t);
            const Rect r{p.x + o.x - w / 2, p.y + o.y - h / 2, w, h};
            const double cover = grid.coverage(r);
            if (cover == 0)
                return r;
            if (bestCover < 0 || cover < bestCover) {
                bestCover = cover;
                best = r;
            }
        }
    return best;
}

} // namespace egress::report::routes
