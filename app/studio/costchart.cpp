#include "costchart.h"

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace egress::studio {
namespace {

/** The y axis is logarithmic: $0 is drawn at this floor (the tooltip says the real value). */
constexpr double kMinUsd = 0.01;

/** A colour per strategy id, stable across recomputes so the legend does not flicker. */
QColor strategyColor(const std::string &id)
{
    static const std::pair<const char *, QColor> colors[] = {
        {"nat-gateway", QColor(0xD1, 0x3A, 0x3A)},
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

/** Short legend names: the chart is narrow and the table beside it has the long labels. */
QString shortName(const cost::StrategyCost &s)
{
    static const std::pair<const char *, const char *> names[] = {
        {"nat-gateway", "NAT gateway"},
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

} // namespace

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

CostChart::CostChart(QWidget *parent)
    : QChartView(new QChart, parent), m_x(new QLogValueAxis), m_y(new QLogValueAxis),
      m_breakEvens(new QScatterSeries), m_volume(new QLineSeries)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    QChart *c = chart();
    // The theme first: setTheme() resets fonts and would leave the axes' label areas sized for others.
    c->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                    : QChart::ChartThemeLight);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);
    m_x->setBase(10);
    m_x->setLabelFormat(QStringLiteral("%.0e"));
    m_x->setTitleText(tr("executions per month"));
    m_x->setRange(cost::kMinCurveExecutions, cost::kMaxCurveExecutions);
    m_x->setMinorTickCount(-1);
    m_y->setBase(10);
    m_y->setLabelFormat(QStringLiteral("%g"));
    m_y->setTitleText(tr("USD/month"));
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);

    m_breakEvens->setName(tr("Break-even"));
    m_breakEvens->setMarkerSize(9);
    m_breakEvens->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_volume->setName(tr("Current volume"));
    QPen dashed(QColor(0x55, 0x55, 0x55), 1.5, Qt::DashLine);
    m_volume->setPen(dashed);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_volume, m_breakEvens}) {
        c->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_volume, m_breakEvens})
        for (QLegendMarker *marker : c->legend()->markers(s))
            marker->setVisible(false);
    connect(m_breakEvens, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
        if (state)
            QToolTip::showText(
                QCursor::pos(),
                tr("Break-even at %1 executions/month: %2").arg(formatVolume(p.x()), formatUsd(p.y())));
    });
    connect(c, &QChart::plotAreaChanged, this, [this] { placeLabels(); });
    applyTheme();
}

void CostChart::applyTheme()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    chart()->setBackgroundBrush(pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    chart()->legend()->setLabelColor(text);
    for (QLogValueAxis *a : {m_x, m_y}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
    }
    QPen dashed(dark ? QColor(0xBB, 0xBB, 0xBB) : QColor(0x55, 0x55, 0x55), 1.5, Qt::DashLine);
    m_volume->setPen(dashed);
    m_breakEvens->setColor(dark ? QColor(0xFF, 0xD5, 0x4F) : QColor(0x20, 0x20, 0x20));
    m_breakEvens->setBorderColor(pal.color(QPalette::Base));
}

QString CostChart::valueText(const cost::StrategyCost &strategy, double executions)
{
    return tr("%1: %2 per month at %3 executions")
        .arg(QString::fromStdString(strategy.label), formatUsd(strategy.costAt(executions)),
             formatVolume(executions));
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
            const int index = static_cast<int>(m_strategySeries.size());
            connect(series, &QLineSeries::hovered, this, [this, index](const QPointF &p, bool state) {
                if (!state || index >= static_cast<int>(m_strategies.size()))
                    return;
                QToolTip::showText(QCursor::pos(),
                                   valueText(m_strategies[static_cast<std::size_t>(index)], p.x()));
            });
            m_strategySeries.push_back(series);
        }
    }
    m_strategies.clear();
    double yMin = 1e300, yMax = 0;
    for (std::size_t i = 0; i < available.size(); ++i) {
        const cost::StrategyCost &s = *available[i];
        m_strategies.push_back(s);
        QList<QPointF> points;
        for (const cost::CurvePoint &p : cost::costCurve(s)) {
            const double y = std::max(p.usd, kMinUsd);
            points.append(QPointF(p.executionsPerMonth, y));
            yMin = std::min(yMin, y);
            yMax = std::max(yMax, y);
        }
        QLineSeries *series = m_strategySeries[static_cast<int>(i)];
        series->replace(points);
        QPen pen(strategyColor(s.id), s.designed ? 3.0 : 2.0);
        if (!s.compliant)
            pen.setStyle(Qt::DotLine);
        series->setPen(pen);
    }
    if (yMax <= 0) {
        yMin = kMinUsd;
        yMax = 1;
    }
    m_y->setRange(std::pow(10, std::floor(std::log10(yMin))), std::pow(10, std::ceil(std::log10(yMax))));

    // Break-evens within the chart's range, each labelled with its volume.
    for (const Label &l : m_labels)
        delete l.item;
    m_labels.clear();
    QList<QPointF> marks;
    for (const cost::BreakEven &b : report.breakEven) {
        const cost::StrategyCost *a = report.strategy(b.a);
        if (!a)
            continue;
        for (double n : b.executionsPerMonth) {
            if (n < cost::kMinCurveExecutions || n > cost::kMaxCurveExecutions)
                continue;
            const QPointF point(n, std::max(a->costAt(n), kMinUsd));
            marks.append(point);
            auto *label = new QGraphicsSimpleTextItem(formatVolume(n), c);
            label->setBrush(palette().color(QPalette::Text));
            QFont f = font();
            f.setPointSizeF(f.pointSizeF() * 0.85);
            label->setFont(f);
            label->setZValue(20);
            m_labels.append({point, label});
        }
    }
    m_breakEvens->replace(marks);
    const double n =
        std::clamp(report.executionsPerMonth, cost::kMinCurveExecutions, cost::kMaxCurveExecutions);
    m_volume->replace({QPointF(n, m_y->min()), QPointF(n, m_y->max())});
    m_volume->setName(tr("Current: %1/month").arg(formatVolume(report.executionsPerMonth)));
    placeLabels();
}

void CostChart::placeLabels()
{
    for (const Label &l : m_labels) {
        const QPointF at = chart()->mapToPosition(l.value, m_breakEvens);
        l.item->setPos(at + QPointF(5, -18));
        l.item->setVisible(chart()->plotArea().contains(at));
    }
}

} // namespace egress::studio
