#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>

class QKeyEvent;

namespace egress::studio {

class DiagramScene;

/** A direction on the canvas, for the arrow keys. */
enum class CanvasDirection { Left, Right, Up, Down };

/**
 * The step an arrow key moves to from `from`: the nearest step whose box lies that way, counting a step
 * off to the side as farther than one straight ahead (twice its sideways distance), so Down follows the
 * flow and Left/Right go to the neighbours of the same row. Empty when nothing lies that way.
 */
QString neighbourStep(const DiagramScene &scene, const QString &from, CanvasDirection direction);

/**
 * Where a new box of `size` can go near `centre` without covering a step: `centre` itself when it is free,
 * else the nearest free place on rings of grid steps around it. Returns the box's top-left corner.
 */
QPointF freeSpotNear(const DiagramScene &scene, QPointF centre, QSizeF size);

/**
 * The canvas's keys (DiagramScene::keyPressEvent hands them here): arrows select the neighbouring step
 * (Shift extends the selection; with nothing current, the StartAt step), Alt+arrows nudge the selection
 * by 2 (Alt+Shift: a grid step), Enter asks to edit the current step in the Inspector. Returns whether
 * the key was one of these.
 */
bool handleCanvasKey(DiagramScene &scene, QKeyEvent *event);

} // namespace egress::studio
