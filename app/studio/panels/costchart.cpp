#include "costchart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QHelpEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace egress::studio {
namespace {

/** The y axis is logarithmic: $0 is drawn at this floor (the tooltip says the real value). */
constexpr double kMinUsd = 0.01;
/** How close (pixels) the mouse must be to a break-even marker for its tooltip. */
constexpr double kMarkerHoverPx = 8;

/** Short legend names: the chart is narrow and the table beside it has the long labels. */
QString shortName(const cost::StrategyCost &s)
{
    static const std::pair<const char *, const char *> names[] = {
        {"nat-gateway", "NAT gateway"},
        {"nat-gateway-single", "One NAT"},
        {"regional-nat-gateway", "Regional NAT"},
        {"step-functions-standard", "SF Standard"},
        {"step-functions-express", "SF Express"},
        {"http-task", "HTTP Task"},
        {"ipv6-egress", "IPv6"},
        {"nat-instance", "NAT instance"},
        {"outside-vpc", "Outside VPC"},
    };
    for (const auto &[id, name] : names)
        if (s.id == id)
            return QString::fromLatin1(name);
    return QString::fromStdString(s.label);
}

/** "1k", "10M", "1B": a power of ten as a short number. */
QString powerOfTen(int exponent)
{
    static const std::pair<int, const char *> units[] = {{12, "T"}, {9, "B"}, {6, "M"}, {3, "k"}};
    for (const auto &[scale, suffix] : units)
        if (exponent >= scale)
            return QString::number(std::pow(10.0, exponent - scale), 'f', 0) + QLatin1String(suffix);
    if (exponent >= 0)
        return QString::number(std::pow(10.0, exponent), 'f', 0);
    return QString::number(std::pow(10.0, exponent), 'f', -exponent);
}

} // namespace

QColor strategyColor(const std::string &id)
{
    // Stable per id across recomputes, so the legend does not flicker.
    static const std::pair<const char *, QColor> colors[] = {
        {"nat-gateway", QColor(0xD1, 0x3A, 0x3A)},
        {"nat-gateway-single", QColor(0xE3, 0x77, 0xC2)},
        {"regional-nat-gateway", QColor(0x8C, 0x1D, 0x1D)},
        {"step-functions-standard", QColor(0x1F, 0x77, 0xB4)},
        {"step-functions-express", QColor(0x17, 0xA2, 0xB8)},
        {"http-task", QColor(0x2C, 0xA0, 0x2C)},
        {"ipv6-egress", QColor(0x94, 0x67, 0xBD)},
        {"nat-instance", QColor(0xE0, 0x7B, 0x00)},
        {"outside-vpc", QColor(0x7F, 0x7F, 0x7F)},
    };
    for (const auto &[key, color] : colors)
        if (id == key)
            return color;
    return QColor(0x8C, 0x56, 0x4B);
}

QString formatUsd(double usd)
{
    const QLocale c(QLocale::English);
    if (usd != 0 && std::abs(usd) < 0.01)
        return QStringLiteral("$") + QString::number(usd, 'g', 2);
    return (usd < 0 ? QStringLiteral("−$") : QStringLiteral("$")) + c.toString(std::abs(usd), 'f', 2);
}

QString formatVolume(double executions)
{
    static const std::pair<double, const char *> units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto &[scale, suffix] : units)
        if (executions >= scale)
            return QString::number(executions / scale, 'g', 3) + QLatin1String(suffix);
    return QString::number(executions, 'g', 3);
}

double CostChart::toChart(double value)
{
    return std::log10(value);
}

double CostChart::fromChart(double coordinate)
{
    return std::pow(10.0, coordinate);
}

QString CostChart::costAxisLabel(double usd)
{
    return QStringLiteral("$") + powerOfTen(static_cast<int>(std::lround(std::log10(usd))));
}

CostChart::CostChart(QWidget *parent)
    : QChartView(new QChart, parent), m_x(new QCategoryAxis), m_y(new QCategoryAxis),
      m_breakEvens(new QScatterSeries), m_volume(new QLineSeries)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setMouseTracking(true);
    QChart *c = chart();
    // The theme first: setTheme() resets fonts and would leave the axes' label areas sized for others.
    c->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                    : QChart::ChartThemeLight);
    c->setMargins(QMargins(4, 4, 4, 4));
    // No legend: nine strategies in a 450-px dock elided every entry to "NAT g…". The table above names
    // each strategy beside a swatch of its curve's colour, and hovering the plot names every curve.
    c->legend()->setVisible(false);
    c->setAnimationOptions(QChart::NoAnimation);
    for (QCategoryAxis *axis : {m_x, m_y}) {
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        axis->setTruncateLabels(false);
    }
    m_x->setTitleText(tr("executions per month"));
    setAxisLabels(m_x, static_cast<int>(toChart(cost::kMinCurveExecutions)),
                  static_cast<int>(toChart(cost::kMaxCurveExecutions)), false);
    m_y->setTitleText(tr("cost per month"));
    setAxisLabels(m_y, -2, 0, true);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);

    m_breakEvens->setName(tr("Break-even"));
    m_breakEvens->setMarkerSize(9);
    m_breakEvens->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_volume->setName(tr("Current volume"));
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_volume, m_breakEvens}) {
        c->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_volume, m_breakEvens})
        for (QLegendMarker *marker : c->legend()->markers(s))
            marker->setVisible(false);
    connect(c, &QChart::plotAreaChanged, this, [this] { placeLabels(); });
    applyTheme();
}

void CostChart::setAxisLabels(QCategoryAxis *axis, int from, int to, bool money)
{
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    // A label and a grid line per decade; every other decade when there are many, so the axis stays
    // readable in a short dock.
    const int step = to - from > 8 ? 2 : 1;
    axis->setStartValue(from);
    for (int e = from; e <= to; e += step)
        axis->append(money ? QStringLiteral("$") + powerOfTen(e) : powerOfTen(e), e);
    axis->setRange(from, to);
}

QList<QGraphicsSimpleTextItem *> CostChart::breakEvenLabels() const
{
    QList<QGraphicsSimpleTextItem *> out;
    for (const Label &l : m_labels)
        out.append(l.item);
    return out;
}

void CostChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void CostChart::applyTheme()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    chart()->setBackgroundBrush(pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    chart()->legend()->setLabelColor(text);
    for (QCategoryAxis *a : {m_x, m_y}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
    }
    QPen dashed(dark ? QColor(0xBB, 0xBB, 0xBB) : QColor(0x55, 0x55, 0x55), 1.5, Qt::DashLine);
    m_volume->setPen(dashed);
    m_breakEvens->setColor(dark ? QColor(0xFF, 0xD5, 0x4F) : QColor(0x20, 0x20, 0x20));
    m_breakEvens->setBorderColor(pal.color(QPalette::Base));
    // The labels were coloured for the theme they were made in: light text on a light chart is unreadable.
    for (const Label &l : std::as_const(m_labels))
        l.item->setBrush(text);
    placeLabels(); // the new fonts and palette may have moved the plot area and the lines
}

QString CostChart::valueText(const cost::StrategyCost &strategy, double executions)
{
    return tr("%1: %2 per month at %3 executions")
        .arg(QString::fromStdString(strategy.label), formatUsd(strategy.costAt(executions)),
             formatVolume(executions));
}

QString CostChart::hoverText(double executions) const
{
    std::vector<std::pair<double, QString>> rows;
    for (const cost::StrategyCost &s : m_strategies)
        rows.emplace_back(s.costAt(executions),
                          shortName(s) + (s.designed ? tr(" (as designed)") : QString()));
    if (rows.empty())
        return {};
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList lines{tr("At %1 executions/month:").arg(formatVolume(executions))};
    for (const auto &[usd, name] : rows)
        lines << tr("%1  %2").arg(formatUsd(usd), name);
    return lines.join('\n');
}

QString CostChart::readOutAt(QPoint viewportPos) const
{
    const QPointF at = chart()->mapFromScene(mapToScene(viewportPos));
    if (!chart()->plotArea().contains(at))
        return {};
    for (const Label &l : m_labels) {
        const QPointF marker = chart()->mapToPosition(l.value, m_breakEvens);
        if (QLineF(marker, at).length() <= kMarkerHoverPx)
            return l.what;
    }
    return hoverText(fromChart(chart()->mapToValue(at, m_volume).x()));
}

void CostChart::showReadOut(QPoint viewportPos)
{
    const QString text = readOutAt(viewportPos);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(viewport()->mapToGlobal(viewportPos), text, this);
}

void CostChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    showReadOut(event->position().toPoint());
}

bool CostChart::viewportEvent(QEvent *event)
{
    // The view hands a resting mouse's tooltip event to the chart's scene, whose items have no tooltip:
    // the scene then "shows" an empty one, which hides the read-out the mouse move had just shown.
    if (event->type() == QEvent::ToolTip) {
        showReadOut(static_cast<QHelpEvent *>(event)->pos());
        return true;
    }
    return QChartView::viewportEvent(event);
}

void CostChart::setReport(const cost::CostReport &report)
{
    QChart *c = chart();
    std::vector<const cost::StrategyCost *> available;
    for (const cost::StrategyCost &s : report.strategies)
        if (s.available)
            available.push_back(&s);

    // Rebuild the series only when the set of strategies changed; otherwise replace points (no flicker).
    bool same = static_cast<std::size_t>(m_strategySeries.size()) == available.size();
    for (std::size_t i = 0; same && i < available.size(); ++i)
        same = m_strategySeries[static_cast<int>(i)]->property("strategy").toString() ==
               QString::fromStdString(available[i]->id);
    if (!same) {
        for (QLineSeries *s : m_strategySeries) {
            c->removeSeries(s);
            delete s;
        }
        m_strategySeries.clear();
        for (const cost::StrategyCost *s : available) {
            auto *series = new QLineSeries;
            series->setName(shortName(*s));
            series->setProperty("strategy", QString::fromStdString(s->id));
            c->addSeries(series);
            series->attachAxis(m_x);
            series->attachAxis(m_y);
            m_strategySeries.push_back(series);
        }
    }
    m_strategies.clear();
    // The volume axis starts at 1k, or a decade below a smaller current volume so that its line stands
    // clear of the axis (an 800-a-month workflow reads "100 … 10B", its line inside the plot).
    const double volume = std::max(report.executionsPerMonth, 0.1);
    const int xFrom = std::clamp(static_cast<int>(std::ceil(toChart(volume) - 1e-9)) - 1, -1,
                                 static_cast<int>(toChart(cost::kMinCurveExecutions)));
    const int xTo = static_cast<int>(toChart(cost::kMaxCurveExecutions));
    if (m_x->min() != xFrom || m_x->max() != xTo)
        setAxisLabels(m_x, xFrom, xTo, false);
    double yMin = 1e300, yMax = 0;
    for (std::size_t i = 0; i < available.size(); ++i) {
        const cost::StrategyCost &s = *available[i];
        m_strategies.push_back(s);
        // Below the curve's 1k, points every eighth of a decade down to the axis' start.
        std::vector<cost::CurvePoint> curve;
        const double curveFrom = toChart(cost::kMinCurveExecutions);
        for (double x = xFrom; x < curveFrom - 1e-9; x += 0.125)
            curve.push_back({fromChart(x), s.costAt(fromChart(x))});
        for (const cost::CurvePoint &p : cost::costCurve(s))
            curve.push_back(p);
        QList<QPointF> points;
        for (const cost::CurvePoint &p : curve) {
            const double y = std::max(p.usd, kMinUsd);
            points.append(QPointF(toChart(p.executionsPerMonth), toChart(y)));
            yMin = std::min(yMin, y);
            yMax = std::max(yMax, y);
        }
        QLineSeries *series = m_strategySeries[static_cast<int>(i)];
        // Only the curves a drag changed are replaced: each replace re-lays the series out in the chart.
        if (series->points() != points)
            series->replace(points);
        QPen pen(strategyColor(s.id), s.designed ? 3.0 : 2.0);
        if (!s.compliant)
            pen.setStyle(Qt::DotLine);
        if (series->pen() != pen)
            series->setPen(pen);
    }
    if (yMax <= 0) {
        yMin = kMinUsd;
        yMax = 1;
    }
    const int yFrom = static_cast<int>(std::floor(toChart(yMin)));
    const int yTo = std::max(yFrom + 1, static_cast<int>(std::ceil(toChart(yMax) - 1e-9)));
    if (m_y->min() != yFrom || m_y->max() != yTo)
        setAxisLabels(m_y, yFrom, yTo, true);

    // Break-evens within the chart's range, each labelled with its volume (once per distinct label).
    struct Mark
    {
        QPointF point;
        QString what;
        double executions;
    };
    QList<Mark> marks;
    for (const cost::BreakEven &b : report.breakEven) {
        const cost::StrategyCost *a = report.strategy(b.a);
        const cost::StrategyCost *other = report.strategy(b.b);
        if (!a || !other)
            continue;
        for (double n : b.executionsPerMonth) {
            if (n < cost::kMinCurveExecutions || n > cost::kMaxCurveExecutions)
                continue;
            const double usd = a->costAt(n);
            marks.append({QPointF(toChart(n), toChart(std::max(usd, kMinUsd))),
                          tr("Break-even: %1 = %2 at %3 executions/month (%4)")
                              .arg(shortName(*a), shortName(*other), formatVolume(n), formatUsd(usd)),
                          n});
        }
    }
    bool sameLabels = marks.size() == m_labels.size();
    for (int i = 0; sameLabels && i < marks.size(); ++i)
        sameLabels = m_labels[i].value == marks[i].point && m_labels[i].what == marks[i].what;
    const double volumeX = toChart(std::clamp(volume, fromChart(xFrom), cost::kMaxCurveExecutions));
    const QList<QPointF> volumeLine{QPointF(volumeX, m_y->min()), QPointF(volumeX, m_y->max())};
    const QString volumeName = tr("Current: %1/month").arg(formatVolume(report.executionsPerMonth));
    if (sameLabels && m_volume->points() == volumeLine && m_volume->name() == volumeName)
        return; // a drag that moved no break-even: the markers, labels and volume line stay as they are
    for (const Label &l : m_labels)
        delete l.item;
    m_labels.clear();
    QList<QPointF> points;
    for (const Mark &mark : std::as_const(marks)) {
        points.append(mark.point);
        auto *label = new QGraphicsSimpleTextItem(formatVolume(mark.executions), c);
        label->setBrush(palette().color(QPalette::Text));
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        label->setFont(f);
        label->setZValue(20);
        m_labels.append({mark.point, mark.what, label});
    }
    m_breakEvens->replace(points);
    m_volume->replace(volumeLine);
    m_volume->setName(volumeName);
    placeLabels();
}

void CostChart::placeLabels()
{
    // Greedy, left to right: each label takes the first spot beside its marker that overlaps neither a
    // placed label nor a marker and stays in the plot; with no such spot it gives way (hover still tells).
    const QRectF plot = chart()->plotArea();
    QList<QRectF> taken;
    for (const Label &l : m_labels) {
        const QPointF at = chart()->mapToPosition(l.value, m_breakEvens);
        taken.append(QRectF(at - QPointF(5, 5), QSizeF(10, 10)));
    }
    // The plotted lines in pixels: a label on a line hides the line and reads as its value.
    QList<QLineF> lines;
    QList<QLineSeries *> drawn = m_strategySeries;
    drawn.append(m_volume);
    for (QLineSeries *series : std::as_const(drawn)) {
        const QList<QPointF> points = series->points();
        for (int k = 1; k < points.size(); ++k)
            lines.append(QLineF(chart()->mapToPosition(points[k - 1], series),
                                chart()->mapToPosition(points[k], series)));
    }
    auto onALine = [&lines](const QRectF &r) {
        const QRectF box = r.adjusted(-2, -2, 2, 2);
        const QLineF edges[] = {{box.topLeft(), box.topRight()},
                                {box.topRight(), box.bottomRight()},
                                {box.bottomRight(), box.bottomLeft()},
                                {box.bottomLeft(), box.topLeft()}};
        for (const QLineF &line : lines) {
            if (std::max(line.x1(), line.x2()) < box.left() || std::min(line.x1(), line.x2()) > box.right() ||
                std::max(line.y1(), line.y2()) < box.top() || std::min(line.y1(), line.y2()) > box.bottom())
                continue;
            if (box.contains(line.p1()) || box.contains(line.p2()))
                return true;
            for (const QLineF &edge : edges)
                if (line.intersects(edge, nullptr) == QLineF::BoundedIntersection)
                    return true;
        }
        return false;
    };
    QList<int> order;
    for (int i = 0; i < m_labels.size(); ++i)
        order.append(i);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return m_labels[a].value.x() < m_labels[b].value.x(); });
    for (int i : order) {
        const Label &l = m_labels[i];
        const QPointF at = chart()->mapToPosition(l.value, m_breakEvens);
        const QSizeF size = l.item->boundingRect().size();
        const double w = size.width(), h = size.height();
        // Beside the marker, then further out: right/left above/below and centred above/below.
        QList<QPointF> offsets;
        for (const double gap : {3.0, 10.0, 18.0, 28.0})
            offsets << QPointF(6, -h - gap) << QPointF(6, gap) << QPointF(-w - 6, -h - gap)
                    << QPointF(-w - 6, gap) << QPointF(-w / 2, -h - gap - 5) << QPointF(-w / 2, gap + 5);
        // A spot that crosses no line and overlaps neither a label nor a marker; none: the label gives way.
        bool placed = false;
        if (plot.contains(at)) {
            for (const QPointF &offset : std::as_const(offsets)) {
                const QRectF r(at + offset, size);
                if (!plot.contains(r) || onALine(r))
                    continue;
                if (std::any_of(taken.begin(), taken.end(),
                                [&r](const QRectF &t) { return t.intersects(r); }))
                    continue;
                l.item->setPos(r.topLeft());
                taken.append(r.adjusted(-2, -1, 2, 1));
                placed = true;
                break;
            }
        }
        l.item->setVisible(placed);
    }
}

} // namespace egress::studio
