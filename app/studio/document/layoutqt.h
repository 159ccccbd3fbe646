#pragma once

#include "layout/geometry.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace egress::studio {

// Qt views of the model's plain geometry (layout/geometry.h; the rules are in layout/boxes.h): the canvas
// and the edits convert at their edge and never compute a box themselves.

inline QPointF toQt(layout::Point p)
{
    return {p.x, p.y};
}
inline QSizeF toQt(layout::Size s)
{
    return {s.width, s.height};
}
inline QRectF toQt(const layout::Rect &r)
{
    return {r.x, r.y, r.width, r.height};
}
inline layout::Point toModel(QPointF p)
{
    return {p.x(), p.y()};
}
inline layout::Rect toModel(const QRectF &r)
{
    return {r.x(), r.y(), r.width(), r.height()};
}

} // namespace egress::studio
