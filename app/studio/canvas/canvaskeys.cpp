#include "canvaskeys.h"

#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"
#include "edits.h"

#include <QGraphicsView>
#include <QKeyEvent>
#include <QLineF>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace egress::studio {

namespace {

/** Where a step is for the arrow keys: its box's centre (a container's title strip). */
QPointF anchorOf(const StepItem &item)
{
    return item.sceneBoxRect().center();
}

std::optional<CanvasDirection> directionOf(int key)
{
    switch (key) {
    case Qt::Key_Left:
        return CanvasDirection::Left;
    case Qt::Key_Right:
        return CanvasDirection::Right;
    case Qt::Key_Up:
        return CanvasDirection::Up;
    case Qt::Key_Down:
        return CanvasDirection::Down;
    default:
        return std::nullopt;
    }
}

QString startAtOf(const DiagramScene &scene)
{
    const asl::Json &definition = scene.document()->project().definition;
    if (auto it = definition.find("StartAt"); it != definition.end() && it->is_string())
        return QString::fromStdString(it->get<std::string>());
    return {};
}

} // namespace

QString neighbourStep(const DiagramScene &scene, const QString &from, CanvasDirection direction)
{
    const StepItem *origin = scene.stepItem(from);
    if (!origin)
        return {};
    const QPointF o = anchorOf(*origin);
    QString best;
    qreal bestScore = std::numeric_limits<qreal>::max();
    for (const StepItem *item : scene.stepItems()) {
        if (item == origin)
            continue;
        const QPointF d = anchorOf(*item) - o;
        qreal ahead = 0, aside = 0;
        switch (direction) {
        case CanvasDirection::Left:
            ahead = -d.x(), aside = d.y();
            break;
        case CanvasDirection::Right:
            ahead = d.x(), aside = d.y();
            break;
        case CanvasDirection::Up:
            ahead = -d.y(), aside = d.x();
            break;
        case CanvasDirection::Down:
            ahead = d.y(), aside = d.x();
            break;
        }
        // Only what lies that way, within 60° of the arrow: a step level with this one is not "below" it.
        if (ahead <= 1 || std::abs(aside) > 2 * ahead)
            continue;
        const qreal score = ahead + 2 * std::abs(aside);
        // Ties (steps of a symmetric layout) go to the name, so the same key always picks the same step.
        if (score < bestScore || (score == bestScore && item->name() < best)) {
            bestScore = score;
            best = item->name();
        }
    }
    return best;
}

QPointF freeSpotNear(const DiagramScene &scene, QPointF centre, QSizeF size)
{
    constexpr qreal kMargin = 16;
    QList<QRectF> taken;
    for (const StepItem *item : scene.stepItems())
        taken << item->sceneBoxRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    auto isFree = [&taken](const QRectF &box) {
        return std::none_of(taken.begin(), taken.end(),
                            [&box](const QRectF &t) { return t.intersects(box); });
    };
    const QPointF topLeft = centre - QPointF(size.width() / 2, size.height() / 2);
    if (isFree(QRectF(topLeft, size)))
        return topLeft;
    // Rings of one box (plus a gap) around the centre; on each ring the candidate nearest the centre wins.
    const qreal stepX = size.width() + 2 * kMargin, stepY = size.height() + 2 * kMargin;
    for (int ring = 1; ring <= 20; ++ring) {
        std::optional<QPointF> best;
        for (int i = -ring; i <= ring; ++i)
            for (int j = -ring; j <= ring; ++j) {
                if (std::max(std::abs(i), std::abs(j)) != ring)
                    continue;
                const QPointF candidate = topLeft + QPointF(i * stepX, j * stepY);
                if (!isFree(QRectF(candidate, size)))
                    continue;
                if (!best || QLineF(candidate, topLeft).length() < QLineF(*best, topLeft).length())
                    best = candidate;
            }
        if (best)
            return *best;
    }
    return topLeft; // a canvas this crowded: overlap rather than fail
}

bool handleCanvasKey(DiagramScene &scene, QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeyboardModifiers(Qt::KeypadModifier);
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && mods == Qt::NoModifier) {
        emit scene.editRequested(scene.currentStep());
        return true;
    }
    const auto direction = directionOf(event->key());
    if (!direction || (mods & Qt::ControlModifier))
        return false;

    if (mods & Qt::AltModifier) {
        // Nudge: Alt+arrow by 2, Alt+Shift+arrow by a grid step; consecutive nudges merge into one command.
        const QStringList names = scene.selectedStepNames();
        if (names.isEmpty())
            return false;
        const qreal step = (mods & Qt::ShiftModifier) ? DiagramScene::kGrid : 2;
        static constexpr QPointF unit[] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        Edits::moveSteps(*scene.document(), names, unit[static_cast<int>(*direction)] * step, true);
        return true;
    }

    QString from = scene.currentStep();
    if (from.isEmpty() && !scene.selectedStepNames().isEmpty())
        from = scene.selectedStepNames().front();
    const QString target = from.isEmpty() ? startAtOf(scene) : neighbourStep(scene, from, *direction);
    if (target.isEmpty() || !scene.stepItem(target))
        return true; // nothing that way: stay (and do not let the view scroll instead)
    if (mods & Qt::ShiftModifier) {
        scene.setCurrentStep(target);
        scene.stepItem(target)->setSelected(true);
    } else {
        scene.setCurrentStep(target);
        scene.selectSteps({target});
    }
    for (QGraphicsView *view : scene.views())
        view->ensureVisible(scene.stepItem(target)->sceneBoxRect(), 40, 40);
    return true;
}

} // namespace egress::studio
