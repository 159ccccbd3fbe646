#include "diagramitems.h"

#include "diagramscene.h"
#include "document.h"
#include "layout/boxes.h"
#include "layoutqt.h"
#include "theme.h"

#include <QGraphicsSceneHoverEvent>
#include <QHash>
#include <QIcon>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace egress::studio {

namespace {

/** Below this zoom (a 56-pixel box drawn under 17 pixels tall) the canvas is an overview: see
 * StepItem::paint. */
constexpr qreal kCoarseDetail = 0.3;

const QIcon &kindIcon(StepKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(static_cast<int>(kind));
    if (it == cache.end())
        it = cache.insert(static_cast<int>(kind), QIcon(stepKindIcon(kind)));
    return *it;
}

QFont nameFont()
{
    QFont f;
    f.setPixelSize(12);
    f.setWeight(QFont::DemiBold);
    return f;
}

QFont smallFont()
{
    QFont f;
    f.setPixelSize(11);
    return f;
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QString shortText(const asl::Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

/** One line saying what the step does, under its name. */
QString subtitleOf(StepKind kind, const asl::Json &state)
{
    if (!state.is_object())
        return {};
    auto param = [&](const char *key) -> QString {
        for (const char *container : {"Parameters", "Arguments"})
            if (auto p = state.find(container); p != state.end() && p->is_object())
                for (const std::string &k : {std::string(key), std::string(key) + ".$"})
                    if (auto v = p->find(k); v != p->end())
                        return shortText(*v);
        return {};
    };
    switch (kind) {
    case StepKind::Lambda: {
        QString fn = param("FunctionName");
        if (fn.startsWith(QLatin1String("${")) && fn.endsWith('}'))
            fn = fn.mid(2, fn.size() - 3); // a deployment placeholder: show its name
        if (fn.startsWith(QLatin1String("arn:")))
            fn = fn.section(':', 6, 6);
        return fn.isEmpty() ? QStringLiteral("Lambda function") : fn;
    }
    case StepKind::Http: {
        const QString method = param("Method"), endpoint = param("ApiEndpoint");
        return (method + ' ' + endpoint).trimmed();
    }
    case StepKind::AwsService:
    case StepKind::OtherTask: {
        QString resource = state.contains("Resource") ? shortText(state["Resource"]) : QString();
        const int i = resource.indexOf(QLatin1String(":::"));
        if (i >= 0)
            resource = resource.mid(i + 3);
        resource.remove(QLatin1String("aws-sdk:"));
        return resource;
    }
    case StepKind::Choice: {
        const auto n = state.contains("Choices") && state["Choices"].is_array() ? state["Choices"].size() : 0;
        return QStringLiteral("%1 rule%2").arg(n).arg(n == 1 ? "" : "s");
    }
    case StepKind::Wait:
        for (const char *key : {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"})
            if (state.contains(key))
                return (QString(key).startsWith("Seconds") ? QStringLiteral("wait ")
                                                           : QStringLiteral("until ")) +
                       shortText(state[key]) + (QString(key) == "Seconds" ? QStringLiteral(" s") : QString());
        return {};
    case StepKind::Fail:
        return state.contains("Error") ? shortText(state["Error"]) : QString();
    case StepKind::Parallel: {
        const auto n =
            state.contains("Branches") && state["Branches"].is_array() ? state["Branches"].size() : 0;
        return QStringLiteral("%1 branch%2").arg(n).arg(n == 1 ? "" : "es");
    }
    case StepKind::Map: {
        const asl::Json *processor = state.contains("ItemProcessor") ? &state["ItemProcessor"] : nullptr;
        QString mode = QStringLiteral("Inline");
        if (processor && processor->is_object() && processor->contains("ProcessorConfig") &&
            (*processor)["ProcessorConfig"].value("Mode", std::string()) == "DISTRIBUTED")
            mode = QStringLiteral("Distributed");
        return mode + QStringLiteral(" map");
    }
    case StepKind::Pass:
    case StepKind::Succeed:
        return {};
    }
    return {};
}

/** Lines with rounded corners through the points. */
QPainterPath roundedPolyline(const QList<QPointF> &points, qreal radius)
{
    QPainterPath path(points.front());
    for (int i = 1; i + 1 < points.size(); ++i) {
        const QPointF a = points[i - 1], b = points[i], c = points[i + 1];
        const QLineF in(b, a), out(b, c);
        const qreal r = std::min({radius, in.length() / 2, out.length() / 2});
        const QPointF p1 = in.pointAt(in.length() > 0 ? r / in.length() : 0);
        const QPointF p2 = out.pointAt(out.length() > 0 ? r / out.length() : 0);
        path.lineTo(p1);
        path.quadTo(b, p2);
    }
    path.lineTo(points.back());
    return path;
}

/**
 * A step name in the box's width: one line when it fits, else two, broken between words (a word too
 * long for a line is cut), the second line elided. "Get Process Completion Status" reads whole instead
 * of "Get Process Com…"; the tooltip has the name in any case.
 */
QStringList wrapName(const QString &name, const QFontMetricsF &fm, qreal width)
{
    if (fm.horizontalAdvance(name) <= width)
        return {name};
    const QStringList words = name.split(' ', Qt::SkipEmptyParts);
    QString first;
    int used = 0;
    for (; used < words.size(); ++used) {
        const QString candidate = first.isEmpty() ? words[used] : first + ' ' + words[used];
        if (fm.horizontalAdvance(candidate) > width)
            break;
        first = candidate;
    }
    if (first.isEmpty()) // one long word (camelCase, snake_case): as much as fits, then the rest
    {
        int n = name.size();
        while (n > 1 && fm.horizontalAdvance(name.left(n)) > width)
            --n;
        return {name.left(n), fm.elidedText(name.mid(n), Qt::ElideRight, width)};
    }
    return {first, fm.elidedText(words.mid(used).join(' '), Qt::ElideRight, width)};
}

void drawArrowHead(QPainter *painter, QPointF tip, QPointF direction, const QColor &color)
{
    const qreal len = std::hypot(direction.x(), direction.y());
    if (len <= 0)
        return;
    const QPointF d = direction / len, n(-d.y(), d.x());
    const QPolygonF head{tip, tip - d * 9 + n * 4.5, tip - d * 9 - n * 4.5};
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);
}

} // namespace

// ---------------------------------------------------------------------------------------------------
StepItem::StepItem(DiagramScene *scene, QString name) : m_diagram(scene), m_name(std::move(name))
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setAcceptHoverEvents(true);
    syncFromModel();
}

void StepItem::syncFromModel()
{
    const Document &doc = *m_diagram->document();
    const std::string key = m_name.toStdString();
    const asl::StateEntry *entry = doc.index().find(key);
    const asl::Json *json = entry ? asl::stateJson(doc.project().definition, *entry) : nullptr;
    static const asl::Json empty = asl::Json::object();
    const asl::Json &state = json ? *json : empty;
    const StepKind kind = stepKindOf(state);
    const QSizeF size = stepBoxSize(kind);
    if (kind != m_kind || size != m_size) {
        prepareGeometryChange();
        m_kind = kind;
        m_size = size;
        // Until the scene frames its lanes: the frame of a container with nothing in it yet.
        m_frame = isContainer(kind) ? toQt(layout::containerFrame({0, 0}, {}).frame) : QRectF();
    }
    m_subtitle = subtitleOf(kind, state);
    const design::StepDesign step = doc.project().step(key);
    m_vpcCapable = kind == StepKind::Lambda;
    m_inside = step.placement == design::Placement::InsideVpc;
    m_depth = 0;
    if (entry)
        for (int scope = entry->scope;
             doc.index().scopes()[static_cast<std::size_t>(scope)].ownerState >= 0;) {
            ++m_depth;
            const int owner = doc.index().scopes()[static_cast<std::size_t>(scope)].ownerState;
            scope = doc.index().states()[static_cast<std::size_t>(owner)].scope;
        }
    setZValue(isContainer(kind) ? 10 + m_depth : 1000 + m_depth);
    const auto p = step.position.value_or(std::array<double, 2>{0, 0});
    setPos(p[0], p[1]);
    QString tip = QStringLiteral("<b>%1</b><br>%2").arg(m_name.toHtmlEscaped(), stepKindLabel(kind));
    if (m_vpcCapable)
        tip += m_inside ? QObject::tr("<br>Inside the VPC") : QObject::tr("<br>Outside the VPC");
    setToolTip(tip);
    update();
}

void StepItem::setContainerFrame(const QRectF &frame, const QList<QRectF> &branches,
                                 const QStringList &labels)
{
    if (labels != m_branchLabels) {
        m_branchLabels = labels;
        update();
    }
    if (frame == m_frame && branches == m_branches)
        return;
    prepareGeometryChange();
    m_frame = frame;
    m_branches = branches;
}

void StepItem::setPreviewInside(std::optional<bool> inside)
{
    if (inside == m_previewInside)
        return;
    m_previewInside = inside;
    update();
}

QRectF StepItem::boxRect() const
{
    if (isContainer(m_kind) && !m_frame.isNull())
        return QRectF(m_frame.topLeft(), QSizeF(m_frame.width(), m_size.height()));
    return QRectF(QPointF(0, 0), m_size);
}

QRectF StepItem::scenePortRect() const
{
    const QRectF outline = outlineRect();
    const QPointF c = mapToScene(QPointF(outline.center().x(), outline.bottom()));
    return QRectF(c - QPointF(8, 8), QSizeF(16, 16));
}

QRectF StepItem::boundingRect() const
{
    return outlineRect().adjusted(-4, -4, 4, 12);
}

QPainterPath StepItem::boxPath() const
{
    QPainterPath path;
    const QRectF r = boxRect();
    if (m_kind == StepKind::Choice) {
        const qreal inset = 16;
        path.moveTo(r.left(), r.center().y());
        path.lineTo(r.left() + inset, r.top());
        path.lineTo(r.right() - inset, r.top());
        path.lineTo(r.right(), r.center().y());
        path.lineTo(r.right() - inset, r.bottom());
        path.lineTo(r.left() + inset, r.bottom());
        path.closeSubpath();
    } else if (m_kind == StepKind::Succeed || m_kind == StepKind::Fail) {
        path.addRoundedRect(r, r.height() / 2, r.height() / 2);
    } else {
        path.addRoundedRect(r, 8, 8);
    }
    return path;
}

QPainterPath StepItem::shape() const
{
    QPainterPath path = boxPath();
    path.setFillRule(Qt::WindingFill); // overlapping parts must add up, not cancel out
    if (isContainer(m_kind))
        path.addRect(m_frame);
    if (hasPort()) {
        const QRectF outline = outlineRect();
        path.addEllipse(QRectF(outline.center().x() - 8, outline.bottom() - 8, 16, 16));
    }
    return path;
}

void StepItem::paintContainerFrame(QPainter *painter)
{
    const DiagramTheme &t = DiagramTheme::current();
    const QColor accent = stepKindColor(m_kind);
    QPen border(isSelected() ? t.selection : t.containerBorder, isSelected() ? 2.2 : 1.2);
    painter->setPen(border);
    painter->setBrush(t.containerFill);
    painter->drawRoundedRect(m_frame, 10, 10);

    // The title strip: icon, name and what kind of container it is.
    const QRectF strip = boxRect();
    QPainterPath stripPath;
    stripPath.addRoundedRect(m_frame, 10, 10);
    painter->save();
    painter->setClipPath(stripPath);
    painter->fillRect(strip, blend(t.containerFill, accent, t.dark ? 0.30 : 0.14));
    painter->restore();
    painter->setPen(QPen(t.containerBorder, 1));
    painter->drawLine(strip.bottomLeft(), strip.bottomRight());
    kindIcon(m_kind).paint(painter,
                           QRectF(strip.left() + 9, strip.center().y() - 10, 20, 20).toAlignedRect());
    const QFont name = nameFont();
    const QFont small = smallFont();
    const qreal left = strip.left() + 36;
    const qreal subWidth =
        std::min<qreal>(QFontMetricsF(small).horizontalAdvance(m_subtitle) + 4, strip.width() / 2);
    const qreal nameWidth = std::max<qreal>(10, strip.right() - 10 - subWidth - 8 - left);
    painter->setFont(name);
    painter->setPen(t.stepText);
    painter->drawText(QRectF(left, strip.top(), nameWidth, strip.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(name).elidedText(m_name, Qt::ElideRight, nameWidth));
    painter->setFont(small);
    painter->setPen(t.stepSubtext);
    painter->drawText(QRectF(strip.right() - 10 - subWidth, strip.top(), subWidth, strip.height()),
                      Qt::AlignRight | Qt::AlignVCenter,
                      QFontMetricsF(small).elidedText(m_subtitle, Qt::ElideRight, subWidth));

    paintLanes(painter);
    if (hasPort() && (m_hovered || isSelected())) {
        painter->setPen(QPen(t.selection, 1.5));
        painter->setBrush(t.stepFill);
        painter->drawEllipse(QPointF(m_frame.center().x(), m_frame.bottom()), 5, 5);
    }
}

/**
 * The lanes of a container: each a dashed frame, every other one tinted so that side-by-side branches
 * read as separate, with its label as a tab on its top border. The tab sits in the 16 of padding
 * between the title strip and the lane (and the lane's own 12 of padding), so it never covers a step.
 */
void StepItem::paintLanes(QPainter *painter)
{
    const DiagramTheme &t = DiagramTheme::current();
    const QFont font = smallFont();
    const QFontMetricsF fm(font);
    QPen dashed(t.branchBorder, 1, Qt::DashLine);
    dashed.setCosmetic(true);
    for (int k = 0; k < m_branches.size(); ++k) {
        const QRectF &lane = m_branches[k];
        painter->setPen(dashed);
        painter->setBrush(k % 2 == 1 ? blend(t.containerFill, t.branchBorder, t.dark ? 0.18 : 0.16)
                                     : QColor(Qt::transparent));
        painter->drawRoundedRect(lane, 8, 8);
        const QString label = k < m_branchLabels.size() ? m_branchLabels[k] : QString();
        if (label.isEmpty())
            continue;
        const qreal maxWidth = std::max<qreal>(20, lane.width() / 2 - 14);
        const QString text = fm.elidedText(label, Qt::ElideRight, maxWidth);
        const QRectF tab(lane.left() + 10, lane.top() - 8, fm.horizontalAdvance(text) + 12, 16);
        painter->setPen(QPen(t.branchBorder, 1));
        painter->setBrush(blend(t.containerFill, t.branchBorder, t.dark ? 0.45 : 0.30));
        painter->drawRoundedRect(tab, 8, 8);
        painter->setFont(font);
        painter->setPen(t.stepText);
        painter->drawText(tab, Qt::AlignCenter, text);
    }
}

void StepItem::setKeyboardCurrent(bool current)
{
    if (current == m_keyboardCurrent)
        return;
    m_keyboardCurrent = current;
    update();
}

void StepItem::paintFocusRing(QPainter *painter)
{
    // Dashed and outside the box, so it reads apart from the selection's solid border (a step can be
    // current without being selected, and selected without being current).
    QPen ring(DiagramTheme::current().selection, 1.5, Qt::DashLine);
    painter->save();
    painter->setPen(ring);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(boxRect().adjusted(-3, -3, 3, 3), 8, 8);
    painter->restore();
}

void StepItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const DiagramTheme &t = DiagramTheme::current();
    const QColor accent = stepKindColor(m_kind);
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_keyboardCurrent && scene() && scene()->hasFocus())
        paintFocusRing(painter);
    if (isContainer(m_kind)) {
        paintContainerFrame(painter);
        return;
    }

    const QPainterPath path = boxPath();
    const QRectF r = boxRect();
    const bool terminal = m_kind == StepKind::Succeed || m_kind == StepKind::Fail;
    QColor fill = terminal ? blend(t.stepFill, accent, t.dark ? 0.28 : 0.14) : t.stepFill;
    QPen border(isSelected() ? t.selection : (m_kind == StepKind::Choice || terminal ? accent : t.stepBorder),
                isSelected() ? 2.2 : 1.2);
    border.setCosmetic(false);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kCoarseDetail) {
        // A box a few pixels tall: its colour and where it is are all that can be seen (see EdgeItem::paint).
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(isSelected() ? QPen(t.selection, 0) : QPen(border.color(), 0));
        painter->setBrush(fill);
        painter->drawRect(r);
        painter->fillRect(QRectF(r.left(), r.top(), 12, r.height()), accent);
        return;
    }
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawPath(path);

    if (!terminal && m_kind != StepKind::Choice) {
        painter->save();
        painter->setClipPath(path);
        painter->fillRect(QRectF(r.left(), r.top(), 5, r.height()), accent);
        painter->restore();
    }

    const qreal iconSize = 22;
    const qreal left = m_kind == StepKind::Choice ? 18 : 13;
    const QRectF iconRect(left, r.center().y() - iconSize / 2, iconSize, iconSize);
    if (lod > 0.25)
        kindIcon(m_kind).paint(painter, iconRect.toAlignedRect());
    else
        painter->fillRect(iconRect, accent);

    if (lod > 0.35) {
        const qreal textLeft = iconRect.right() + 8;
        const qreal textRight = r.right() - (m_kind == StepKind::Choice ? 16 : 9);
        const QFont name = nameFont();
        const QFont small = smallFont();
        const QFontMetricsF nfm(name), sfm(small);
        const bool inside = m_previewInside.value_or(m_inside);
        const qreal width = std::max<qreal>(10, textRight - textLeft);
        const QStringList nameLines = wrapName(m_name, nfm, width);
        const bool twoLines = !m_subtitle.isEmpty() || m_vpcCapable;
        // A wrapped name takes the top two lines, the subtitle (and the VPC tag) the third.
        const qreal lineHeight = nfm.height() - 1;
        const qreal nameTop = nameLines.size() > 1 ? (twoLines ? r.top() + 4 : r.center().y() - lineHeight)
                                                   : (twoLines ? r.center().y() - nfm.height()
                                                               : r.center().y() - nfm.height() / 2);
        const qreal subTop = nameLines.size() > 1 ? nameTop + 2 * lineHeight + 1 : r.center().y() + 3;
        // Lambda steps show where they run: a small VPC / no VPC tag on the second line.
        qreal subRight = textRight;
        if (m_vpcCapable) {
            const QString text = inside ? QObject::tr("VPC") : QObject::tr("no VPC");
            const qreal w = sfm.horizontalAdvance(text) + 10;
            const QRectF b(textRight - w, subTop, w, sfm.height() + 2);
            const QColor c = inside ? t.insideBadge : t.outsideBadge;
            painter->setPen(Qt::NoPen);
            painter->setBrush(blend(t.stepFill, c, t.dark ? 0.35 : 0.16));
            painter->drawRoundedRect(b, b.height() / 2, b.height() / 2);
            painter->setFont(small);
            painter->setPen(c);
            painter->drawText(b, Qt::AlignCenter, text);
            if (m_previewInside && *m_previewInside != m_inside) {
                painter->setPen(QPen(c, 1.5, Qt::DashLine));
                painter->setBrush(Qt::NoBrush);
                painter->drawRoundedRect(r.adjusted(-4, -4, 4, 4), 10, 10);
            }
            subRight = b.left() - 6;
        }
        painter->setFont(name);
        painter->setPen(t.stepText);
        for (int k = 0; k < nameLines.size(); ++k)
            painter->drawText(QRectF(textLeft, nameTop + k * lineHeight, width + 1, nfm.height()),
                              Qt::AlignLeft | Qt::AlignVCenter, nameLines[k]);
        if (!m_subtitle.isEmpty()) {
            const qreal subWidth = std::max<qreal>(10, subRight - textLeft);
            painter->setFont(small);
            painter->setPen(t.stepSubtext);
            painter->drawText(QRectF(textLeft, subTop, subWidth, sfm.height() + 2),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              sfm.elidedText(m_subtitle, Qt::ElideRight, subWidth));
        }
    }

    if (hasPort() && (m_hovered || isSelected())) {
        painter->setPen(QPen(t.selection, 1.5));
        painter->setBrush(t.stepFill);
        painter->drawEllipse(QPointF(r.center().x(), r.bottom()), 5, 5);
    }
}

void StepItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void StepItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

// ---------------------------------------------------------------------------------------------------
EdgeItem::EdgeItem(const asl::Edge &edge, QString from, QString label)
    : m_edge(edge), m_from(std::move(from)), m_label(std::move(label))
{
    setFlags(ItemIsSelectable);
    setZValue(900);
}

namespace {

/** Whether the segment a–b passes through the rectangle (sampled: cheap, and exact enough at box sizes). */
bool crosses(QPointF a, QPointF b, const QRectF &box)
{
    if (std::max(a.x(), b.x()) < box.left() || std::min(a.x(), b.x()) > box.right() ||
        std::max(a.y(), b.y()) < box.top() || std::min(a.y(), b.y()) > box.bottom())
        return false;
    for (int k = 0; k <= 16; ++k) {
        const QPointF p = a + (b - a) * (k / 16.0);
        if (box.contains(p))
            return true;
    }
    return false;
}

/** Whether the S-curve from start to end (the cubic drawn for a plain downward edge) crosses the box. */
bool curveCrosses(QPointF start, QPointF end, const QRectF &box)
{
    const qreal dy = (end.y() - start.y()) * 0.5;
    const QPointF c1 = start + QPointF(0, dy), c2 = end - QPointF(0, dy);
    QPointF previous = start;
    for (int k = 1; k <= 12; ++k) {
        const qreal t = k / 12.0, u = 1 - t;
        const QPointF p = u * u * u * start + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * end;
        if (crosses(previous, p, box))
            return true;
        previous = p;
    }
    return false;
}

/**
 * A vertical lane at x from y1 to y2, pushed right past every box it would run through (the boxes are
 * few: those near the edge). Deterministic: the same boxes give the same lane.
 */
qreal clearLane(qreal x, qreal y1, qreal y2, const QList<QRectF> &boxes, qreal spacing)
{
    for (int round = 0; round < 12; ++round) {
        bool moved = false;
        for (const QRectF &o : boxes) {
            const QRectF box = o.adjusted(-6, -6, 6, 6);
            if (x > box.left() && x < box.right() && std::max(y1, y2) > box.top() &&
                std::min(y1, y2) < box.bottom()) {
                x = box.right() + spacing;
                moved = true;
            }
        }
        if (!moved)
            break;
    }
    return x;
}

/** How far y is from the nearest level border (a wide, thin rectangle) spanning x1..x2; 1e9 with none. */
qreal distanceToLevelBorders(qreal y, qreal x1, qreal x2, const QList<QRectF> &borders)
{
    qreal nearest = 1e9;
    for (const QRectF &b : borders)
        if (b.width() > b.height() && b.right() > std::min(x1, x2) && b.left() < std::max(x1, x2))
            nearest = std::min(nearest, std::abs(y - b.center().y()));
    return nearest;
}

/** How much of the S-curve from start to end (its flat middle) runs within 6 of a level border. */
qreal curveAlongLevelBorders(QPointF start, QPointF end, const QList<QRectF> &borders)
{
    const qreal dy = (end.y() - start.y()) * 0.5;
    const QPointF c1 = start + QPointF(0, dy), c2 = end - QPointF(0, dy);
    qreal along = 0;
    QPointF previous = start;
    for (int k = 1; k <= 24; ++k) {
        const qreal t = k / 24.0, u = 1 - t;
        const QPointF p = u * u * u * start + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * end;
        if (distanceToLevelBorders((p.y() + previous.y()) / 2, p.x(), previous.x(), borders) < 6)
            along += QLineF(previous, p).length();
        previous = p;
    }
    return along;
}

/**
 * The level for the flat stretch of a downward edge between top and bottom: as far from the level borders
 * as the room allows (a label 18 tall centred on it then clears them), nudged by `lane` so that edges out
 * of one step (a Parallel's Next and catches) do not share one line.
 */
qreal levelClearOfBorders(qreal top, qreal bottom, qreal x1, qreal x2, int lane, const QList<QRectF> &borders)
{
    const qreal middle = (top + bottom) / 2 + ((lane % 3) - 1) * 8;
    qreal best = middle, bestScore = -1e9;
    const qreal step = std::max<qreal>(2, (bottom - top) / 400); // far-apart steps: a few hundred tries
    for (qreal y = top; y <= bottom; y += step) {
        // Clearance from the borders and the two ends counts up to 16 (a label fits); beyond that, nearer
        // the lane's middle wins.
        const qreal clearance =
            std::min({distanceToLevelBorders(y, x1, x2, borders), y - top + 10, bottom + 10 - y});
        const qreal score = std::min<qreal>(16, clearance) * 10 - std::abs(y - middle) * 0.1;
        if (score > bestScore) {
            bestScore = score;
            best = y;
        }
    }
    return best;
}

/** Whether the segment a–b touches the inside of the rectangle (exact). */
bool segmentHits(QPointF a, QPointF b, const QRectF &r)
{
    if (std::max(a.x(), b.x()) <= r.left() || std::min(a.x(), b.x()) >= r.right() ||
        std::max(a.y(), b.y()) <= r.top() || std::min(a.y(), b.y()) >= r.bottom())
        return false;
    if (r.contains(a) || r.contains(b))
        return true;
    const QLineF line(a, b);
    const QLineF sides[] = {{r.topLeft(), r.topRight()},
                            {r.topRight(), r.bottomRight()},
                            {r.bottomRight(), r.bottomLeft()},
                            {r.bottomLeft(), r.topLeft()}};
    for (const QLineF &side : sides)
        if (line.intersects(side, nullptr) == QLineF::BoundedIntersection)
            return true;
    return false;
}

/** Whether the drawn path (its curves flattened) stays out of every obstacle's inside (3 in from its border).
 */
bool pathClear(const QPainterPath &path, const QList<QRectF> &obstacles)
{
    if (obstacles.isEmpty())
        return true;
    for (const QPolygonF &polygon : path.toSubpathPolygons())
        for (int k = 1; k < polygon.size(); ++k)
            for (const QRectF &o : obstacles)
                if (segmentHits(polygon[k - 1], polygon[k], o.adjusted(3, 3, -3, -3)))
                    return false;
    return true;
}

bool polylineClear(const QList<QPointF> &points, const QList<QRectF> &obstacles)
{
    for (int k = 1; k < points.size(); ++k)
        for (const QRectF &o : obstacles)
            if (segmentHits(points[k - 1], points[k], o.adjusted(-2, -2, 2, 2)))
                return false;
    return true;
}

} // namespace

bool EdgeItem::runsThrough(const QRectF &box) const
{
    return !pathClear(m_path, {box});
}

void EdgeItem::detourIfBlocked(QPainterPath &path, const QRectF &source, const QRectF &target,
                               const QList<QRectF> &obstacles, int lane)
{
    // The route chosen runs through a box (a level stretch through the row above the target, a side curve
    // across a box between): orthogonal detours, nearest first, through levels and lanes clear of every box.
    const qreal spacing = 18 + lane * 10;
    qreal left = std::min(source.left(), target.left()), right = std::max(source.right(), target.right());
    for (const QRectF &o : obstacles) {
        left = std::min(left, o.left());
        right = std::max(right, o.right());
    }
    QList<qreal> lanes;
    for (int k = 0; k < 12; ++k) {
        lanes << std::max(source.right(), target.right()) + spacing + k * 40;
        lanes << std::min(source.left(), target.left()) - spacing - k * 40;
    }
    lanes << right + spacing << left - spacing;
    if (target.top() >= source.bottom() + 16) {
        const QPointF start(source.center().x(), source.bottom()), end(target.center().x(), target.top());
        const qreal room = end.y() - start.y();
        for (const qreal laneX : std::as_const(lanes))
            for (const qreal ya :
                 {start.y() + std::min<qreal>(14, room / 3), start.y() + std::min<qreal>(28, room / 3)})
                for (const qreal yb :
                     {end.y() - std::min<qreal>(16, room / 3), end.y() - std::min<qreal>(30, room / 3)}) {
                    const QList<QPointF> points{start,
                                                QPointF(start.x(), ya),
                                                QPointF(laneX, ya),
                                                QPointF(laneX, yb),
                                                QPointF(end.x(), yb),
                                                end};
                    if (polylineClear(points, obstacles)) {
                        path = roundedPolyline(points, 10);
                        m_end = end;
                        m_endDirection = QPointF(0, 1);
                        return;
                    }
                }
        return;
    }
    // Beside or above: out of a side, along a lane, in at the same side of the target.
    for (const qreal laneX : std::as_const(lanes)) {
        const bool rightSide = laneX > source.center().x();
        const QPointF start(rightSide ? source.right() : source.left(), source.center().y() + 6);
        const QPointF end(rightSide ? target.right() : target.left(), target.center().y() - 6);
        if ((rightSide && (laneX < start.x() || laneX < end.x())) ||
            (!rightSide && (laneX > start.x() || laneX > end.x())))
            continue;
        const QList<QPointF> points{start, QPointF(laneX, start.y()), QPointF(laneX, end.y()), end};
        if (polylineClear(points, obstacles)) {
            path = roundedPolyline(points, 12);
            m_end = end;
            m_endDirection = QPointF(rightSide ? -1 : 1, 0);
            return;
        }
    }
    // The target's side is walled in by its row: out of the source's side or bottom, along a lane, across
    // above the target's row and down into its top.
    const QPointF end(target.center().x(), target.top());
    for (const qreal laneX : std::as_const(lanes))
        for (const qreal above : {16.0, 30.0})
            for (const bool fromBottom : {false, true}) {
                const bool rightSide = laneX > source.center().x();
                QList<QPointF> points;
                if (fromBottom) {
                    const QPointF start(source.center().x(), source.bottom());
                    points = {start, QPointF(start.x(), start.y() + 14), QPointF(laneX, start.y() + 14)};
                } else {
                    const QPointF start(rightSide ? source.right() : source.left(), source.center().y() + 6);
                    points = {start, QPointF(laneX, start.y())};
                }
                points << QPointF(laneX, end.y() - above) << QPointF(end.x(), end.y() - above) << end;
                if (polylineClear(points, obstacles)) {
                    path = roundedPolyline(points, 10);
                    m_end = end;
                    m_endDirection = QPointF(0, 1);
                    return;
                }
            }
}

void EdgeItem::updateGeometry(const QRectF &source, const QRectF &target, const QList<QRectF> &obstacles,
                              int lane, const QList<QRectF> &labelObstacles, const QList<QRectF> &borders)
{
    prepareGeometryChange();
    QPainterPath path;
    const qreal laneSpacing = 18 + lane * 10;
    // Vertical lanes go around the boxes and off the VPC's upright sides alike.
    QList<QRectF> laneObstacles = obstacles;
    for (const QRectF &b : borders)
        if (b.height() > b.width())
            laneObstacles << b;
    if (target.top() >= source.bottom() + 16) {
        QPointF start(source.center().x(), source.bottom());
        const QPointF end(target.center().x(), target.top());
        // A catch leaves beside the Next (towards its target), so that the two do not start as one line.
        if (m_edge.kind == asl::EdgeKind::Catch && source.width() >= 120 &&
            std::abs(end.x() - start.x()) > 4) {
            const qreal side = end.x() > start.x() ? 1 : -1;
            start.rx() += side * std::min<qreal>(14 + 10 * (m_edge.index % 3), source.width() / 2 - 20);
        }
        qreal blockRight = -1e9;
        for (const QRectF &o : obstacles) {
            const QRectF box = o.adjusted(-6, -6, 6, 6);
            // A box the curve would run under, between the two ends.
            if (box.bottom() > start.y() + 14 && box.top() < end.y() - 8 && curveCrosses(start, end, box))
                blockRight = std::max(blockRight, box.right());
        }
        if (blockRight > -1e9) {
            const qreal laneX =
                clearLane(blockRight + laneSpacing, start.y() + 14, end.y() - 16, laneObstacles, laneSpacing);
            path = roundedPolyline({start, start + QPointF(0, 14), QPointF(laneX, start.y() + 14),
                                    QPointF(laneX, end.y() - 16), QPointF(end.x(), end.y() - 16), end},
                                   10);
        } else if (std::abs(end.x() - start.x()) > 20 && curveAlongLevelBorders(start, end, borders) > 12) {
            // The S-curve's flat middle would lie on a VPC side (a Parallel's catches just above the VPC's
            // bottom): down, across at a level clear of it, down into the target.
            const qreal level =
                levelClearOfBorders(start.y() + 10, end.y() - 10, start.x(), end.x(), lane, borders);
            // A target beyond the source's side (a Parallel whose bottom is just above the VPC's, its catch
            // targets below and beside it): out of that side instead, across at a height within the source
            // and down into the target, so that nothing runs between the two bottoms.
            const bool right = end.x() > source.right() + 20, left = end.x() < source.left() - 20;
            const qreal sideY = std::max(source.top() + 10, source.bottom() - 16 - 10 * (lane % 3));
            const QPointF sideStart(right ? source.right() : source.left(), sideY), corner(end.x(), sideY);
            const bool sideClear =
                (right || left) && distanceToLevelBorders(sideY, sideStart.x(), end.x(), borders) >= 12 &&
                std::none_of(obstacles.begin(), obstacles.end(), [&](const QRectF &o) {
                    return crosses(sideStart, corner, o) || crosses(corner, end - QPointF(0, 1), o);
                });
            if (sideClear)
                path = roundedPolyline({sideStart, corner, end}, 10);
            else
                path = roundedPolyline({start, QPointF(start.x(), level), QPointF(end.x(), level), end}, 10);
        } else {
            const qreal dy = (end.y() - start.y()) * 0.5;
            path.moveTo(start);
            path.cubicTo(start + QPointF(0, dy), end - QPointF(0, dy), end);
        }
        m_end = end;
        m_endDirection = QPointF(0, 1);
    } else if (target.bottom() > source.top() && target.top() < source.bottom() &&
               (target.left() > source.right() + 16 || target.right() < source.left() - 16)) {
        const bool right = target.left() > source.right();
        const QPointF start(right ? source.right() : source.left(), source.center().y());
        const QPointF end(right ? target.left() : target.right(), target.center().y());
        const qreal mx = (start.x() + end.x()) / 2;
        path.moveTo(start);
        path.cubicTo(QPointF(mx, start.y()), QPointF(mx, end.y()), end);
        m_end = end;
        m_endDirection = QPointF(right ? 1 : -1, 0);
    } else {
        // A loop back up: out of the right side, up a lane beside both boxes (and clear of the boxes
        // between them), into the target's side.
        const QPointF start(source.right(), source.center().y() + 6);
        const QPointF end(target.right(), target.center().y() - 6);
        const qreal spacing = 28 + lane * 12;
        const qreal laneX = clearLane(std::max(source.right(), target.right()) + spacing, start.y(), end.y(),
                                      laneObstacles, spacing);
        path = roundedPolyline({start, QPointF(laneX, start.y()), QPointF(laneX, end.y()), end}, 12);
        m_end = end;
        m_endDirection = QPointF(-1, 0);
    }
    if (!pathClear(path, obstacles))
        detourIfBlocked(path, source, target, obstacles, lane);
    m_path = path;
    placeLabel(labelObstacles);
    QRectF bounds = path.boundingRect().adjusted(-10, -10, 10, 10);
    if (!m_labelRect.isEmpty())
        bounds = bounds.united(m_labelRect.adjusted(-1, -1, 1, 1));
    m_bounds = bounds;
    update();
}

void EdgeItem::placeLabel(const QList<QRectF> &obstacles)
{
    m_labelRect = QRectF();
    if (m_label.isEmpty())
        return;
    const QFontMetricsF fm(smallFont());
    const qreal w = fm.horizontalAdvance(m_label) + 12, h = 18;
    // Choice labels sit nearer their Choice (rules fan out from one point; the middle is shared by more).
    const bool choice =
        m_edge.kind == asl::EdgeKind::ChoiceRule || m_edge.kind == asl::EdgeKind::ChoiceDefault;
    static constexpr qreal kAlong[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85};
    static constexpr qreal kChoiceAlong[] = {0.4, 0.3, 0.5, 0.2, 0.6, 0.7, 0.15, 0.8, 0.35, 0.45, 0.25, 0.55};
    auto at = [&](qreal t) {
        const QPointF p = m_path.pointAtPercent(t);
        return QRectF(p.x() - w / 2, p.y() - h / 2, w, h);
    };
    // The first free spot along the route; with none free, the one covering the least.
    qreal bestCover = -1;
    auto consider = [&](qreal t) {
        const QRectF r = at(t);
        qreal cover = 0;
        for (const QRectF &o : obstacles) {
            const QRectF overlap = r.intersected(o.adjusted(-2, -2, 2, 2));
            cover += overlap.width() * overlap.height();
        }
        if (bestCover < 0 || cover < bestCover) {
            bestCover = cover;
            m_labelRect = r;
        }
        return cover == 0;
    };
    if (choice) {
        for (qreal t : kChoiceAlong)
            if (consider(t))
                return;
    } else {
        for (qreal t : kAlong)
            if (consider(t))
                return;
    }
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath s = stroker.createStroke(m_path);
    s.setFillRule(Qt::WindingFill);
    if (!m_labelRect.isEmpty())
        s.addRect(m_labelRect);
    return s;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const DiagramTheme &t = DiagramTheme::current();
    const bool isCatch = m_edge.kind == asl::EdgeKind::Catch;
    QColor color = isSelected() ? t.selection : (isCatch ? t.catchEdge : t.edge);
    // Zoomed far out (a whole 1,000-state workflow on screen) antialiased, dashed strokes are most of a
    // frame's cost and their detail is below a pixel: draw plain lines and leave the labels out.
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool coarse = lod < kCoarseDetail;
    painter->setRenderHint(QPainter::Antialiasing, !coarse);
    QPen pen(color, isSelected() ? 2.2 : 1.4, isCatch && !coarse ? Qt::DashLine : Qt::SolidLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    drawArrowHead(painter, m_end, m_endDirection, color);
    if (coarse)
        return;
    if (isSelected()) {
        painter->setPen(QPen(t.selection, 1.5));
        painter->setBrush(t.stepFill);
        painter->drawEllipse(m_end - m_endDirection * 3, 5, 5);
    }
    if (!m_label.isEmpty()) {
        const QFont font = smallFont();
        const QRectF r = m_labelRect;
        painter->setPen(QPen(isCatch ? t.catchEdge : t.stepBorder, 1));
        painter->setBrush(t.edgeLabelBackground);
        painter->drawRoundedRect(r, 9, 9);
        painter->setFont(font);
        painter->setPen(isCatch ? t.catchEdge : t.edgeLabel);
        painter->drawText(r, Qt::AlignCenter, m_label);
    }
}

// ---------------------------------------------------------------------------------------------------
void StartItem::setTarget(const QRectF &targetBox)
{
    prepareGeometryChange();
    m_bottom = QPointF(targetBox.center().x(), targetBox.top());
    m_top = m_bottom - QPointF(0, 30);
}

QRectF StartItem::boundingRect() const
{
    return QRectF(m_top, m_bottom).normalized().adjusted(-9, -9, 9, 2);
}

void StartItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramTheme &t = DiagramTheme::current();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(t.edge, 1.4);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(m_top, m_bottom - QPointF(0, 8));
    drawArrowHead(painter, m_bottom, QPointF(0, 1), t.edge);
    painter->setPen(Qt::NoPen);
    painter->setBrush(t.stepText);
    painter->drawEllipse(m_top, 6, 6);
}

// ---------------------------------------------------------------------------------------------------
namespace {

/**
 * The VPC label's icon, 18 × 18, drawn once per device pixel ratio: exactly the pixels QIcon::paint draws
 * (it renders the SVG at the device's resolution and draws that pixmap), without parsing and rendering the
 * SVG on every paint.
 */
const QPixmap &vpcIcon(qreal dpr)
{
    static QHash<qreal, QPixmap> cache;
    auto it = cache.find(dpr);
    if (it == cache.end()) {
        QPixmap pixmap(QSize(18, 18) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        QIcon(QStringLiteral(":/icons/vpc.svg")).paint(&p, QRect(0, 0, 18, 18));
        p.end();
        it = cache.insert(dpr, pixmap);
    }
    return *it;
}

} // namespace

VpcItem::VpcItem(DiagramScene *scene) : m_diagram(scene)
{
    setZValue(-100);
    syncFromModel();
}

void VpcItem::syncFromModel()
{
    const auto &vpc = m_diagram->document()->project().vpc;
    setPreviewRect(toQt(layout::vpcRect(vpc)));
    m_label = QStringLiteral("%1  ·  %2 AZ%3")
                  .arg(QString::fromStdString(vpc.name))
                  .arg(vpc.availabilityZones)
                  .arg(vpc.availabilityZones == 1 ? "" : "s");
    // Measured once per name, not in every boundingRect(), shape() and paint().
    const qreal labelWidth =
        QFontMetricsF(nameFont()).horizontalAdvance(QStringLiteral("VPC  ") + m_label) + 40;
    if (labelWidth != m_labelWidth) {
        prepareGeometryChange();
        m_labelWidth = labelWidth;
    }
    setToolTip(
        QObject::tr("VPC %1: drag its label or border to move it (with its steps), its corner to resize. "
                    "Lambda steps inside run in the VPC.")
            .arg(QString::fromStdString(vpc.name)));
    update();
}

void VpcItem::setPreviewRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

QRectF VpcItem::labelRect() const
{
    return QRectF(m_rect.left() + 12, m_rect.top() - 13,
                  std::min(m_labelWidth, std::max<qreal>(60, m_rect.width() - 24)), 26);
}

QRectF VpcItem::handleRect() const
{
    return QRectF(m_rect.bottomRight() - QPointF(16, 16), QSizeF(18, 18));
}

VpcItem::Hit VpcItem::hitAt(QPointF scenePos) const
{
    if (handleRect().contains(scenePos))
        return Hit::Resize;
    if (labelRect().contains(scenePos))
        return Hit::Move;
    const QRectF outer = m_rect.adjusted(-6, -6, 6, 6), inner = m_rect.adjusted(6, 6, -6, -6);
    return outer.contains(scenePos) && !inner.contains(scenePos) ? Hit::Move : Hit::None;
}

QRectF VpcItem::boundingRect() const
{
    return m_rect.adjusted(-8, -16, 8, 8).united(labelRect());
}

QPainterPath VpcItem::shape() const
{
    QPainterPath outline;
    outline.addRoundedRect(m_rect, 14, 14);
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    QPainterPath s = stroker.createStroke(outline);
    s.setFillRule(Qt::WindingFill);
    s.addRect(labelRect());
    s.addRect(handleRect());
    return s;
}

void VpcItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramTheme &t = DiagramTheme::current();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(t.vpcBorder, 1.6, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(t.vpcFill);
    painter->drawRoundedRect(m_rect, 14, 14);

    const QRectF label = labelRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(t.vpcBorder);
    painter->drawRoundedRect(label, 13, 13);
    painter->drawPixmap(QRectF(label.left() + 9, label.top() + 4, 18, 18).toRect(),
                        vpcIcon(painter->device() ? painter->device()->devicePixelRatio() : 1.0));
    QFont f = nameFont();
    painter->setFont(f);
    painter->setPen(t.dark ? QColor(0x12, 0x1A, 0x14) : Qt::white);
    const QRectF textRect = label.adjusted(32, 0, -10, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetricsF(f).elidedText(m_label, Qt::ElideRight, textRect.width()));

    const QRectF h = handleRect();
    QPen hp(t.vpcBorder, 1.6);
    hp.setCosmetic(true);
    painter->setPen(hp);
    for (int i = 0; i < 3; ++i)
        painter->drawLine(QPointF(h.right() - 4 - i * 5, h.bottom() - 2),
                          QPointF(h.right() - 2, h.bottom() - 4 - i * 5));
}

} // namespace egress::studio
