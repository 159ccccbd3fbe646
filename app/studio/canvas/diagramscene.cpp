#include "diagramscene.h"

#include "analysis.h"
#include "asl/edit.h"
#include "canvaskeys.h"
#include "diagramitems.h"
#include "document.h"
#include "edits.h"
#include "layout/boxes.h"
#include "layoutqt.h"
#include "presets.h"
#include "queries.h"
#include "theme.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <utility>

namespace egress::studio {

namespace {

/** A short text for a Choice rule, for its edge label. */
QString ruleLabel(const asl::Json &rule)
{
    if (!rule.is_object())
        return {};
    if (auto c = rule.find("Condition"); c != rule.end() && c->is_string())
        return QString::fromStdString(c->get<std::string>());
    static const std::pair<const char *, const char *> ops[] = {
        {"Equals", "=="},     {"GreaterThanEquals", ">="}, {"LessThanEquals", "<="},
        {"GreaterThan", ">"}, {"LessThan", "<"},           {"Matches", "matches"}};
    for (const char *compound : {"And", "Or"})
        if (auto it = rule.find(compound); it != rule.end() && it->is_array() && !it->empty())
            return ruleLabel((*it)[0]) + QStringLiteral(" %1 …").arg(QString(compound).toLower());
    if (auto it = rule.find("Not"); it != rule.end())
        return QStringLiteral("not ") + ruleLabel(*it);
    const QString variable = QString::fromStdString(rule.value("Variable", std::string("$")));
    for (const auto &[key, value] : rule.items()) {
        if (key == "Variable" || key == "Next" || key == "Comment" || key == "Assign")
            continue;
        QString op = QString::fromStdString(key);
        const bool isPath = op.endsWith(QLatin1String("Path"));
        if (isPath)
            op.chop(4);
        QString symbol = op;
        for (const auto &[suffix, sym] : ops)
            if (op.endsWith(QLatin1String(suffix)) && op != QLatin1String("IsPresent")) {
                symbol = QLatin1String(sym);
                break;
            }
        if (op.startsWith(QLatin1String("Is")))
            return variable + ' ' + op.mid(2).toLower() +
                   (value == true ? QString() : QStringLiteral(" = false"));
        QString v = value.is_string() ? '"' + QString::fromStdString(value.get<std::string>()) + '"'
                                      : QString::fromStdString(value.dump());
        if (isPath)
            v = QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
        return variable + ' ' + symbol + ' ' + v;
    }
    return variable;
}

QString elide(QString s, int n = 30)
{
    return s.size() > n ? s.left(n - 1) + QChar(0x2026) : s;
}

QString edgeLabel(const Document &doc, const asl::Edge &edge)
{
    const auto &from = doc.index().states()[static_cast<std::size_t>(edge.from)];
    const asl::Json *state = asl::stateJson(doc.project().definition, from);
    switch (edge.kind) {
    case asl::EdgeKind::Next:
        return {};
    case asl::EdgeKind::ChoiceDefault:
        return QObject::tr("Default");
    case asl::EdgeKind::ChoiceRule:
        if (state && state->contains("Choices"))
            return elide(ruleLabel((*state)["Choices"][static_cast<std::size_t>(edge.index)]));
        return {};
    case asl::EdgeKind::Catch:
        if (state && state->contains("Catch")) {
            const asl::Json &catcher = (*state)["Catch"][static_cast<std::size_t>(edge.index)];
            QStringList errors;
            if (catcher.contains("ErrorEquals") && catcher["ErrorEquals"].is_array())
                for (const auto &e : catcher["ErrorEquals"])
                    if (e.is_string())
                        errors << QString::fromStdString(e.get<std::string>());
            return elide(QObject::tr("catch %1").arg(errors.join(", ")));
        }
        return QObject::tr("catch");
    }
    return {};
}

} // namespace

QString laneLabel(const asl::Json *state, const asl::ScopeEntry &scope)
{
    if (scope.branch >= 0)
        return QObject::tr("Branch %1").arg(scope.branch + 1);
    // A Map's processor: ItemProcessor (or the older Iterator), distributed when its ProcessorConfig says so.
    if (state && state->is_object())
        for (const char *key : {"ItemProcessor", "Iterator"})
            if (auto p = state->find(key); p != state->end() && p->is_object()) {
                if (auto c = p->find("ProcessorConfig");
                    c != p->end() && c->is_object() && c->value("Mode", std::string()) == "DISTRIBUTED")
                    return QObject::tr("Distributed item processor");
                return QObject::tr("Item processor");
            }
    return QObject::tr("Item processor");
}

DiagramScene::DiagramScene(Document *doc, QObject *parent) : QGraphicsScene(parent), m_doc(doc)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(doc, &Document::projectReset, this, &DiagramScene::rebuild);
    connect(doc, &Document::stepAdded, this, &DiagramScene::addStep);
    connect(doc, &Document::stepRemoved, this, &DiagramScene::removeStep);
    connect(doc, &Document::stepChanged, this, [this](const QString &name, Document::StepChanges what) {
        if (StepItem *item = m_steps.value(name)) {
            item->syncFromModel();
            item->setPreviewInside(std::nullopt);
        }
        if (what & (Document::Position | Document::Definition)) {
            updateEdgesOf(name);
            if (StepItem *item = m_steps.value(name))
                updateLabelsUnder(item->sceneFrameRect());
            updateAncestorsOf(name);
            updateStartMarkers();
        }
    });
    connect(doc, &Document::definitionChanged, this, [this] {
        for (StepItem *item : std::as_const(m_steps))
            item->syncFromModel();
        updateContainers();
        rebuildEdges();
        updateStartMarkers();
        if (!m_addedSinceChange.isEmpty())
            selectSteps(std::exchange(m_addedSinceChange, {}));
    });
    connect(doc, &Document::vpcChanged, this, [this] {
        m_vpc->syncFromModel();
        for (EdgeItem *edge : m_edges) // routes and labels keep off the VPC's sides where they now are
            updateEdge(edge);
    });
    // The keyboard's current step follows a selection made otherwise (a click, Find, a paste, a rename).
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        const QStringList selected = selectedStepNames();
        if (!selected.isEmpty() && !selected.contains(m_current))
            setCurrentStep(selected.front());
    });
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // Deleting the items changes the selection; nobody listening may see a half-destroyed scene.
    blockSignals(true);
    clear();
}

QList<EdgeItem *> DiagramScene::edgeItems() const
{
    return QList<EdgeItem *>(m_edges.begin(), m_edges.end());
}

void DiagramScene::rebuild()
{
    m_drag.reset();
    m_connect.reset();
    m_vpcDrag.reset();
    clear(); // deletes every item
    m_steps.clear();
    m_edges.clear();
    m_edgesByStep.clear();
    m_starts.clear();
    m_vpc = new VpcItem(this);
    addItem(m_vpc);
    m_rebuilding = true;
    for (const auto &state : m_doc->index().states())
        addStep(QString::fromStdString(state.name));
    m_rebuilding = false;
    m_addedSinceChange.clear();
    updateContainers();
    rebuildEdges();
    updateStartMarkers();
}

void DiagramScene::addStep(const QString &name)
{
    if (m_steps.contains(name))
        return;
    auto *item = new StepItem(this, name);
    m_steps.insert(name, item);
    addItem(item);
    item->setKeyboardCurrent(name == m_current); // a step an undo brought back keeps the focus ring
    if (m_rebuilding)
        return;
    // A step that appears by an edit is what the user is working on: a renamed step (one gone, one new),
    // steps an undo brought back, a pasted or dropped step. They are selected when the change is complete
    // (definitionChanged, which every added step comes with).
    m_addedSinceChange << name;
}

void DiagramScene::removeStep(const QString &name)
{
    StepItem *item = m_steps.take(name);
    if (!item)
        return;
    // Edges into or out of it would point at nothing until definitionChanged rebuilds them.
    for (EdgeItem *edge : m_edgesByStep.values(name)) {
        m_edges.erase(std::remove(m_edges.begin(), m_edges.end(), edge), m_edges.end());
        for (auto it = m_edgesByStep.begin(); it != m_edgesByStep.end();)
            it = it.value() == edge ? m_edgesByStep.erase(it) : std::next(it);
        delete edge;
    }
    if (m_drag) {
        m_drag.reset();
    }
    delete item;
}

void DiagramScene::rebuildEdges()
{
    QSet<QPair<QString, QString>> selected;
    for (EdgeItem *edge : m_edges) {
        if (edge->isSelected())
            selected.insert({edge->from(), QString::fromStdString(edge->edge().pointer)});
        delete edge;
    }
    m_edges.clear();
    m_edgesByStep.clear();
    const auto &states = m_doc->index().states();
    for (const asl::Edge &e : m_doc->index().edges()) {
        if (e.to < 0)
            continue; // unresolved targets are the problems panel's business
        const QString from = QString::fromStdString(states[static_cast<std::size_t>(e.from)].name);
        auto *item = new EdgeItem(e, from, edgeLabel(*m_doc, e));
        addItem(item);
        m_edges.push_back(item);
        m_edgesByStep.insert(from, item);
        m_edgesByStep.insert(item->to(), item);
        updateEdge(item);
        if (selected.contains({from, QString::fromStdString(e.pointer)}))
            item->setSelected(true);
    }
}

DiagramScene::Obstacles DiagramScene::obstaclesNear(const StepItem *from, const StepItem *to) const
{
    // Wider than the two ends: lanes go out to the right, labels are up to ~200 wide.
    const QRectF area = from->sceneFrameRect().united(to->sceneFrameRect()).adjusted(-120, -40, 360, 40);
    return obstaclesIn(area, from, to);
}

DiagramScene::Obstacles DiagramScene::obstaclesIn(const QRectF &area, const StepItem *from,
                                                  const StepItem *to) const
{
    Obstacles out;
    const QRectF a = from->sceneFrameRect(), b = to->sceneFrameRect();
    for (QGraphicsItem *item : items(area, Qt::IntersectsItemBoundingRect)) {
        if (item->type() != StepItem::Type)
            continue;
        auto *step = static_cast<StepItem *>(item);
        if (step == from || step == to) {
            out.labels << step->sceneFrameRect(); // a label never covers its own ends
            continue;
        }
        if (isContainer(step->kind())) {
            // A container is in the way only when neither end lives inside it; then only its title is.
            if (step->sceneFrameRect().contains(a.center()) || step->sceneFrameRect().contains(b.center())) {
                out.labels << step->sceneBoxRect();
                continue;
            }
            out.route << step->sceneFrameRect();
            out.labels << step->sceneFrameRect();
        } else {
            out.route << step->sceneBoxRect();
            out.labels << step->sceneBoxRect();
        }
    }
    return out;
}

void DiagramScene::updateEdge(EdgeItem *edge)
{
    StepItem *from = m_steps.value(edge->from());
    StepItem *to = m_steps.value(edge->to());
    if (!from || !to)
        return;
    Obstacles near = obstaclesNear(from, to);
    // Labels of the other edges out of the same step (a Choice's rules and Default) stay apart.
    for (EdgeItem *sibling : m_edgesByStep.values(edge->from()))
        if (sibling != edge && sibling->from() == edge->from() && !sibling->labelRect().isEmpty())
            near.labels << sibling->labelRect();
    // Edges around the same boxes get their own lane: by their index and by their source, so that catches
    // of steps side by side (Parallel branches) do not share one line.
    // A catch and the Next of the same step get different lanes too.
    const int lane =
        (edge->edge().index + edge->edge().from + (edge->edge().kind == asl::EdgeKind::Catch ? 1 : 0)) % 4;
    // The VPC's sides: edges cross them but neither run along them nor put a label on them.
    QList<QRectF> borders;
    if (m_vpc) {
        const QRectF r = m_vpc->regionRect();
        borders = {
            QRectF(r.left(), r.top() - 3, r.width(), 6), QRectF(r.left(), r.bottom() - 3, r.width(), 6),
            QRectF(r.left() - 3, r.top(), 6, r.height()), QRectF(r.right() - 3, r.top(), 6, r.height())};
        near.labels << borders;
    }
    edge->updateGeometry(from->sceneFrameRect(), to->sceneFrameRect(), near.route, lane, near.labels,
                         borders);
    // A lane pushed out past the boxes near the two ends may run through boxes further out: route again with
    // those too (a long catch across a wide Graphviz layout), a few rounds at most.
    // Most routes stay within the area already searched: then nothing more is asked of the scene.
    QRectF searched = from->sceneFrameRect().united(to->sceneFrameRect()).adjusted(-120, -40, 360, 40);
    for (int round = 0; round < 3; ++round) {
        const QRectF reachRect = edge->path().boundingRect().adjusted(-8, -8, 8, 8);
        if (searched.contains(reachRect))
            break;
        searched = searched.united(reachRect);
        const Obstacles reach = obstaclesIn(reachRect, from, to);
        bool added = false;
        for (const QRectF &r : reach.route)
            if (!near.route.contains(r)) {
                near.route << r;
                near.labels << r;
                added = added || edge->runsThrough(r);
            }
        if (!added)
            break;
        edge->updateGeometry(from->sceneFrameRect(), to->sceneFrameRect(), near.route, lane, near.labels,
                             borders);
    }
}

void DiagramScene::updateLabelsUnder(const QRectF &area)
{
    // A step dropped onto a label of an edge it has nothing to do with: that label finds a free spot.
    for (QGraphicsItem *item : items(area, Qt::IntersectsItemBoundingRect))
        if (item->type() == EdgeItem::Type) {
            auto *edge = static_cast<EdgeItem *>(item);
            if (edge->labelRect().intersects(area))
                updateEdge(edge);
        }
}

void DiagramScene::updateEdgesOf(const QString &name)
{
    for (EdgeItem *edge : m_edgesByStep.values(name))
        updateEdge(edge);
    // Edges of a container's children move with it too.
    if (StepItem *item = m_steps.value(name); item && isContainer(item->kind())) {
        const int i = m_doc->index().indexOf(name.toStdString());
        if (i >= 0)
            for (const auto &nested : asl::nestedStates(m_doc->index(), i))
                for (EdgeItem *edge : m_edgesByStep.values(QString::fromStdString(nested)))
                    updateEdge(edge);
    }
}

void DiagramScene::updateStartMarkers()
{
    for (StartItem *s : m_starts)
        delete s;
    m_starts.clear();
    for (const auto &scope : m_doc->index().scopes()) {
        StepItem *target = m_steps.value(QString::fromStdString(scope.startAt));
        if (!target)
            continue;
        auto *marker = new StartItem;
        marker->setTarget(target->sceneFrameRect());
        addItem(marker);
        m_starts.push_back(marker);
    }
}

void DiagramScene::updateContainer(StepItem *container)
{
    const int i = m_doc->index().indexOf(container->name().toStdString());
    if (i < 0)
        return;
    const auto &entry = m_doc->index().states()[static_cast<std::size_t>(i)];
    const QPointF origin = container->pos();
    // The model's frame (layout::containerFrame, as the layout and the exported picture draw it), in the
    // item's coordinates: one lane per branch around its states' boxes and frames.
    std::vector<layout::Rect> contents;
    QStringList labels;
    const asl::Json *state = asl::stateJson(m_doc->project().definition, entry);
    for (int scopeIndex : entry.childScopes) {
        const auto &scope = m_doc->index().scopes()[static_cast<std::size_t>(scopeIndex)];
        labels << laneLabel(state, scope);
        layout::Rect area;
        for (int s : scope.states) {
            const auto &name = m_doc->index().states()[static_cast<std::size_t>(s)].name;
            if (StepItem *child = m_steps.value(QString::fromStdString(name)))
                area = area.united(toModel(child->sceneFrameRect().translated(-origin)));
        }
        contents.push_back(area);
    }
    const layout::ContainerFrame frame = layout::containerFrame({0, 0}, contents);
    QList<QRectF> lanes;
    for (std::size_t k = 0; k < frame.lanes.size(); ++k) {
        lanes << toQt(frame.lanes[k]);
        const auto &scope = m_doc->index().scopes()[static_cast<std::size_t>(entry.childScopes[k])];
        m_scopeFrames.insert(QString::fromStdString(scope.pointer), lanes.back().translated(origin));
    }
    container->setContainerFrame(toQt(frame.frame), lanes, labels);
}

void DiagramScene::updateContainers()
{
    m_scopeFrames.clear();
    m_parentOf.clear();
    const auto &index = m_doc->index();
    for (const auto &scope : index.scopes())
        if (scope.ownerState >= 0)
            for (int s : scope.states)
                m_parentOf.insert(
                    QString::fromStdString(index.states()[static_cast<std::size_t>(s)].name),
                    QString::fromStdString(index.states()[static_cast<std::size_t>(scope.ownerState)].name));
    // Innermost first, so that an outer frame includes the inner frames.
    std::vector<StepItem *> containers;
    for (StepItem *item : std::as_const(m_steps))
        if (isContainer(item->kind()))
            containers.push_back(item);
    std::sort(containers.begin(), containers.end(),
              [](const StepItem *a, const StepItem *b) { return a->depth() > b->depth(); });
    for (StepItem *c : containers)
        updateContainer(c);
}

void DiagramScene::updateAncestorsOf(const QString &name)
{
    for (QString parent = m_parentOf.value(name); !parent.isEmpty(); parent = m_parentOf.value(parent))
        if (StepItem *item = m_steps.value(parent)) {
            updateContainer(item);
            for (EdgeItem *edge : m_edgesByStep.values(parent))
                updateEdge(edge);
        }
}

QStringList DiagramScene::selectedStepNames() const
{
    QStringList names;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == StepItem::Type)
            names << static_cast<StepItem *>(item)->name();
    names.sort();
    return names;
}

EdgeItem *DiagramScene::selectedEdge() const
{
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == EdgeItem::Type)
            return static_cast<EdgeItem *>(item);
    return nullptr;
}

void DiagramScene::selectSteps(const QStringList &names)
{
    clearSelection();
    for (const QString &n : names)
        if (StepItem *item = m_steps.value(n))
            item->setSelected(true);
}

void DiagramScene::setGridVisible(bool on)
{
    m_gridVisible = on;
    update();
}

QString DiagramScene::scopeAt(QPointF scenePos) const
{
    QString best;
    qreal bestArea = -1;
    for (auto it = m_scopeFrames.begin(); it != m_scopeFrames.end(); ++it)
        if (it.value().contains(scenePos)) {
            const qreal area = it.value().width() * it.value().height();
            if (bestArea < 0 || area < bestArea) {
                bestArea = area;
                best = it.key();
            }
        }
    return best;
}

QRectF DiagramScene::contentRect() const
{
    // Every drawn item: steps, edges, the VPC with its label and the egress overlay's paths to the internet,
    // so fitting the view never cuts off what the panels added.
    return itemsBoundingRect().adjusted(-40, -50, 40, 40);
}

QPointF DiagramScene::snapped(QPointF p) const
{
    if (!m_snap)
        return p;
    return {std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid};
}

StepItem *DiagramScene::stepAt(QPointF scenePos, const StepItem *ignore) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == StepItem::Type && item != ignore) {
            auto *step = static_cast<StepItem *>(item);
            if (step->sceneBoxRect().contains(scenePos) || !isContainer(step->kind()))
                return step;
        }
    return nullptr;
}

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const DiagramTheme &t = DiagramTheme::current();
    painter->fillRect(rect, t.background);
    if (!m_gridVisible)
        return;
    const qreal scale = painter->worldTransform().m11();
    if (scale < 0.4)
        return;
    const int left = static_cast<int>(std::floor(rect.left() / kGrid)) * kGrid;
    const int top = static_cast<int>(std::floor(rect.top() / kGrid)) * kGrid;
    QVector<QPointF> minor, major;
    for (int x = left; x < rect.right(); x += kGrid)
        for (int y = top; y < rect.bottom(); y += kGrid)
            ((x % (kGrid * 5) == 0 && y % (kGrid * 5) == 0) ? major : minor) << QPointF(x, y);
    QPen pen(t.gridMajor, 2.5);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawPoints(major.data(), static_cast<int>(major.size()));
    pen.setColor(t.grid);
    pen.setWidthF(1.5);
    painter->setPen(pen);
    painter->drawPoints(minor.data(), static_cast<int>(minor.size()));
}

// --- Gestures ----------------------------------------------------------------------------------------

void DiagramScene::beginStepDrag(const QString &name, QPointF scenePos)
{
    StepItem *primary = m_steps.value(name);
    if (!primary)
        return;
    if (!primary->isSelected()) {
        clearSelection();
        primary->setSelected(true);
    }
    StepDrag drag;
    drag.primary = name;
    drag.origin = scenePos;
    for (const QString &n : selectedStepNames()) {
        drag.start[n] = m_steps.value(n)->pos();
        const int i = m_doc->index().indexOf(n.toStdString());
        if (i >= 0)
            for (const auto &nested : asl::nestedStates(m_doc->index(), i))
                if (StepItem *child = m_steps.value(QString::fromStdString(nested)))
                    drag.start[child->name()] = child->pos();
    }
    m_drag = std::move(drag);
}

void DiagramScene::dragStepsTo(QPointF scenePos)
{
    if (!m_drag)
        return;
    const QPointF primaryStart = m_drag->start[m_drag->primary];
    const QPointF delta = snapped(primaryStart + scenePos - m_drag->origin) - primaryStart;
    for (const auto &[name, start] : m_drag->start)
        if (StepItem *item = m_steps.value(name))
            item->setPos(start + delta);
    m_drag->moved = !delta.isNull();
    // Every dragged step where it would land: the Analysis prices the whole selection as if dropped here.
    std::map<QString, Analysis::PreviewStep> preview;
    for (const auto &[name, start] : m_drag->start) {
        updateEdgesOf(name);
        updateAncestorsOf(name);
        StepItem *item = m_steps.value(name);
        if (!item)
            continue;
        Analysis::PreviewStep &where = preview[name];
        where.position = item->pos();
        if (item->kind() == StepKind::Lambda) {
            where.placement = placementAt(*m_doc, name.toStdString(), item->pos());
            item->setPreviewInside(where.placement == design::Placement::InsideVpc);
        }
    }
    m_doc->analysis()->setPreview(preview);
    for (StartItem *s : m_starts)
        s->hide(); // re-placed on release
}

void DiagramScene::endStepDrag()
{
    if (!m_drag)
        return;
    StepDrag drag = std::move(*m_drag);
    m_drag.reset();
    m_doc->analysis()->clearPreview();
    for (StartItem *s : m_starts)
        s->show();
    if (!drag.moved)
        return;
    std::map<QString, QPointF> positions;
    for (const auto &[name, start] : drag.start)
        if (StepItem *item = m_steps.value(name))
            positions[name] = item->pos();
    Edits::placeSteps(*m_doc, positions);
    updateStartMarkers();
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    const QPointF pos = event->scenePos();
    // A selected edge's end handle: reconnect.
    if (EdgeItem *edge = selectedEdge(); edge && QLineF(edge->endPoint(), pos).length() < 9) {
        m_connect = Connect{edge->from(), QString::fromStdString(edge->edge().pointer), nullptr};
        m_connect->line =
            addLine(QLineF(pos, pos), QPen(DiagramTheme::current().selection, 1.5, Qt::DashLine));
        m_connect->line->setZValue(2000);
        edge->hide();
        event->accept(); // handled: the view must not also start a rubber band
        return;
    }
    for (QGraphicsItem *item : items(pos)) {
        if (item->type() == StepItem::Type) {
            auto *step = static_cast<StepItem *>(item);
            if (step->hasPort() && step->scenePortRect().contains(pos)) {
                m_connect = Connect{step->name(), {}, nullptr};
                const QPointF from = step->scenePortRect().center();
                m_connect->line =
                    addLine(QLineF(from, pos), QPen(DiagramTheme::current().selection, 1.5, Qt::DashLine));
                m_connect->line->setZValue(2000);
                // Accepted, or the view starts a rubber band too and the drag selects what it crosses.
                event->accept();
                return;
            }
            break;
        }
        if (item->type() == EdgeItem::Type)
            break;
    }
    if (m_vpc) {
        const auto hit = m_vpc->hitAt(pos);
        QGraphicsItem *top = itemAt(pos, QTransform());
        if (hit != VpcItem::Hit::None && (top == m_vpc || top == nullptr)) {
            m_vpcDrag = VpcDrag{hit == VpcItem::Hit::Resize, pos, m_vpc->regionRect()};
            clearSelection();
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    QGraphicsItem *grabber = mouseGrabberItem();
    if (grabber && grabber->type() == StepItem::Type && !(event->modifiers() & Qt::ControlModifier))
        beginStepDrag(static_cast<StepItem *>(grabber)->name(), pos);
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    const QPointF pos = event->scenePos();
    if (m_connect) {
        QLineF line = m_connect->line->line();
        line.setP2(pos);
        m_connect->line->setLine(line);
        return;
    }
    if (m_vpcDrag) {
        QRectF r = m_vpcDrag->startRect;
        const QPointF delta = pos - m_vpcDrag->origin;
        if (m_vpcDrag->resize) {
            r.setWidth(std::max<qreal>(160, r.width() + delta.x()));
            r.setHeight(std::max<qreal>(120, r.height() + delta.y()));
        } else {
            r.moveTopLeft(snapped(r.topLeft() + delta));
        }
        m_vpc->setPreviewRect(r);
        return;
    }
    if (m_drag && (event->buttons() & Qt::LeftButton)) {
        dragStepsTo(pos);
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    const QPointF pos = event->scenePos();
    if (m_connect) {
        Connect c = std::move(*m_connect);
        m_connect.reset();
        delete c.line;
        StepItem *target = stepAt(pos);
        std::optional<QString> error;
        if (target && c.fieldPointer.isEmpty()) {
            error = Edits::connectSteps(*m_doc, c.from, target->name());
        } else if (target) {
            error = Edits::retargetEdge(*m_doc, c.fieldPointer, target->name());
        }
        for (EdgeItem *edge : m_edges)
            edge->show();
        if (error)
            emit editRefused(*error);
        return;
    }
    if (m_vpcDrag) {
        VpcDrag d = *m_vpcDrag;
        m_vpcDrag.reset();
        const QRectF r = m_vpc->regionRect();
        if (r != d.startRect) {
            design::Vpc vpc = m_doc->project().vpc;
            vpc.rect = {r.x(), r.y(), r.width(), r.height()};
            Edits::setVpc(*m_doc, vpc, !d.resize);
        }
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    endStepDrag();
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    if (handleCanvasKey(*this, event)) { // arrows, Alt+arrows, Enter (canvaskeys.cpp)
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

QString DiagramScene::currentStep() const
{
    return m_steps.contains(m_current) ? m_current : QString();
}

void DiagramScene::setCurrentStep(const QString &name)
{
    if (name == m_current)
        return;
    if (StepItem *old = m_steps.value(m_current))
        old->setKeyboardCurrent(false);
    m_current = name;
    if (StepItem *item = m_steps.value(m_current))
        item->setKeyboardCurrent(true);
}

void DiagramScene::focusInEvent(QFocusEvent *event)
{
    QGraphicsScene::focusInEvent(event);
    if (StepItem *item = m_steps.value(m_current))
        item->update(); // the focus ring shows while the canvas has the focus
}

void DiagramScene::focusOutEvent(QFocusEvent *event)
{
    QGraphicsScene::focusOutEvent(event);
    if (StepItem *item = m_steps.value(m_current))
        item->update();
}

void DiagramScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(kPresetMimeType));
}

void DiagramScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(kPresetMimeType));
}

void DiagramScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    const Preset *preset = presetById(QString::fromUtf8(event->mimeData()->data(kPresetMimeType)));
    if (!preset) {
        event->ignore();
        return;
    }
    const QSizeF size = stepBoxSize(preset->kind());
    const QPointF topLeft = snapped(event->scenePos() - QPointF(size.width() / 2, size.height() / 2));
    QString error;
    const auto name =
        Edits::addStep(*m_doc, scopeAt(event->scenePos()), preset->baseName,
                       presetStateFor(*preset, m_doc->project().definition), topLeft, preset->egress, &error);
    if (name)
        selectSteps({*name});
    else
        emit editRefused(error);
    event->acceptProposedAction();
}

} // namespace egress::studio
