#pragma once

#include <algorithm>

namespace egress::layout {

/** A point on the canvas (canvas units; y grows downwards). */
struct Point
{
    double x = 0;
    double y = 0;
    bool operator==(const Point &) const = default;
};

/** A width and a height (canvas units). */
struct Size
{
    double width = 0;
    double height = 0;
    bool operator==(const Size &) const = default;
};

/** An axis-aligned rectangle: top-left corner and size. */
struct Rect
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;

    double right() const { return x + width; }
    double bottom() const { return y + height; }
    bool isEmpty() const { return width <= 0 || height <= 0; }
    /** True when `other` lies wholly within this rectangle (edges may touch). */
    bool contains(const Rect &other) const
    {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }
    /** True when the interiors overlap; rectangles that only touch do not intersect. */
    bool intersects(const Rect &other) const
    {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }
    /** True when the point lies strictly inside. */
    bool containsInterior(const Point &p) const
    {
        return p.x > x && p.x < right() && p.y > y && p.y < bottom();
    }
    Rect translated(double dx, double dy) const { return {x + dx, y + dy, width, height}; }
    Rect united(const Rect &other) const
    {
        if (isEmpty())
            return other;
        if (other.isEmpty())
            return *this;
        const double left = std::min(x, other.x), top = std::min(y, other.y);
        return {left, top, std::max(right(), other.right()) - left, std::max(bottom(), other.bottom()) - top};
    }
    bool operator==(const Rect &) const = default;
};

} // namespace egress::layout
