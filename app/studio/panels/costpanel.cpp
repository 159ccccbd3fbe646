#include "costpanel.h"

#include "analysis.h"
#include "cachedtextdelegate.h"
#include "cost/costformat.h"
#include "costchart.h"
#include "costmapview.h"
#include "document.h"
#include "edits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPixmap>
#include <QResizeEvent>
#include <QSet>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <cmath>
#include <utility>

namespace egress::studio {
namespace {

constexpr double kSecondsPerMonth = 730.0 * 3600.0;
constexpr double kMaxExecutions = 1e12;
constexpr int kSliderStepsPerDecade = 100;
constexpr int kStrategyIdRole = Qt::UserRole + 1;
constexpr int kSwatchRole = Qt::UserRole + 2; ///< the colour its icon was drawn with

enum CostColumn { Name, Monthly, FromRuns, Delta, Detail, ColumnCount };

/**
 * The longest Status text a strategy's row shows; a longer one (its notes can list the steps a rule names:
 * 4,000 characters at 1,000 states) is cut at a word and ends in "…", and the tooltip has every note whole.
 * One line of all the notes made the column 25,000 px wide, and measuring and painting that text took
 * most of a drag frame.
 */
constexpr qsizetype kMaxStatusChars = 240;

QString shortStatus(const QString &text)
{
    if (text.size() <= kMaxStatusChars)
        return text;
    qsizetype cut = text.lastIndexOf(QLatin1Char(' '), kMaxStatusChars - 1);
    if (cut < kMaxStatusChars / 2)
        cut = kMaxStatusChars - 1;
    QStringView head = QStringView(text).left(cut);
    while (!head.isEmpty() &&
           (head.back() == QLatin1Char(',') || head.back() == QLatin1Char(' ') || head.back() == QChar(0xB7)))
        head.chop(1);
    return head.toString() + QStringLiteral(" …");
}

QStandardItem *readOnly(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

} // namespace

CostPanel::CostPanel(Document *doc, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_analysis(doc->analysis()), m_executions(new QDoubleSpinBox),
      m_slider(new QSlider(Qt::Horizontal)), m_perSecond(new QLabel), m_region(new QComboBox),
      m_azs(new QSpinBox), m_workflowType(new QComboBox), m_freeTier(new QCheckBox(tr("Free tier"))),
      m_prices(new QComboBox), m_status(new QLabel), m_tree(new QTreeView),
      m_model(new QStandardItemModel(this)), m_chart(new CostChart), m_map(new CostMapView),
      m_views(new QTabWidget)
{
    m_executions->setRange(0, kMaxExecutions);
    m_executions->setDecimals(0);
    m_executions->setGroupSeparatorShown(true);
    m_executions->setKeyboardTracking(false);
    m_executions->setToolTip(tr("Executions of the workflow per month"));
    m_slider->setRange(0, 12 * kSliderStepsPerDecade);
    m_slider->setToolTip(tr("Executions per month, logarithmic: 1 … 10¹²"));
    for (const std::string &r : cost::knownRegions())
        m_region->addItem(QString::fromStdString(r));
    m_azs->setRange(1, 6);
    m_azs->setSuffix(tr(" AZ"));
    m_azs->setToolTip(tr("Availability zones of the VPC: one NAT gateway each"));
    m_workflowType->addItem(tr("Standard"), int(design::WorkflowType::Standard));
    m_workflowType->addItem(tr("Express"), int(design::WorkflowType::Express));
    m_prices->addItem(tr("Bundled prices"));
    m_prices->addItem(tr("Load from file…"));
    m_status->setObjectName(QStringLiteral("costStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *volume = new QHBoxLayout;
    volume->addWidget(m_executions, 2);
    volume->addWidget(m_perSecond, 1);
    form->addRow(tr("Executions/month"), volume);
    form->addRow(QString(), m_slider);
    auto *where = new QHBoxLayout;
    where->addWidget(m_region, 2);
    where->addWidget(m_azs, 1);
    form->addRow(tr("Region"), where);
    auto *type = new QHBoxLayout;
    type->addWidget(m_workflowType, 2);
    type->addWidget(m_freeTier, 1);
    form->addRow(tr("Workflow"), type);
    form->addRow(tr("Prices"), m_prices);

    m_model->setHorizontalHeaderLabels(
        {tr("Strategy"), tr("Monthly"), tr("From runs"), tr("Δ design"), tr("Status / formula")});
    m_model->horizontalHeaderItem(FromRuns)->setToolTip(
        tr("The designed workflow priced from the mock file's simulated test cases (Run dock): "
           "state transitions, Lambda requests and Express duration as the runs counted them"));
    m_tree->setModel(m_model);
    // The figures change on every mouse move of a drag: each cell's text is shaped once, not on every paint.
    m_tree->setItemDelegate(new CachedTextDelegate(m_tree));
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Every column as wide as its contents (names and the status are never cut; a narrow dock scrolls
    // sideways), and widths only grow while the figures change: ResizeToContents made them jump on every
    // update of a drag.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_tree->installEventFilter(this);
    // Rows coming into view are measured by the next update's fit (a drag's updates measure only cells
    // that changed).
    connect(m_tree, &QTreeView::expanded, this, [this] { m_fitPending = true; });
    m_tree->setColumnHidden(FromRuns, true);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tree);
    m_views->addTab(m_chart, tr("By volume"));
    m_views->addTab(m_map, tr("Volume × data"));
    m_views->setTabToolTip(1, tr("The cheapest strategy over executions per month and KB per execution; "
                                 "the ring is this design"));
    connect(m_views, &QTabWidget::currentChanged, this, &CostPanel::updateMap);
    split->addWidget(m_views);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 360}); // the chart gets a little more: the table scrolls, the curves should not
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    // Controls → undoable document edits (merging while a spin box or the slider is turned).
    connect(m_executions, &QDoubleSpinBox::valueChanged, this, [this](double v) { setExecutions(v); });
    connect(m_slider, &QSlider::valueChanged, this,
            [this](int v) { setExecutions(std::round(std::pow(10.0, double(v) / kSliderStepsPerDecade))); });
    connect(m_region, &QComboBox::currentTextChanged, this, [this](const QString &region) {
        design::Usage usage = m_doc->project().usage;
        usage.region = region.toStdString();
        Edits::setUsage(*m_doc, usage);
    });
    connect(m_azs, &QSpinBox::valueChanged, this, [this](int azs) {
        design::Vpc vpc = m_doc->project().vpc;
        vpc.availabilityZones = azs;
        Edits::setVpc(*m_doc, vpc, false);
    });
    connect(m_workflowType, &QComboBox::currentIndexChanged, this, [this] {
        design::Project p = m_doc->project();
        p.workflowType = design::WorkflowType(m_workflowType->currentData().toInt());
        Edits::setProject(*m_doc, tr("Change workflow type"), p);
    });
    connect(m_freeTier, &QCheckBox::toggled, this, [this](bool on) {
        design::Usage usage = m_doc->project().usage;
        usage.freeTier = on;
        Edits::setUsage(*m_doc, usage);
    });
    connect(m_prices, &QComboBox::activated, this, [this](int index) {
        if (index == 0) {
            m_analysis->useBundledPrices();
        } else if (index == m_prices->count() - 1) {
            const QString path = QFileDialog::getOpenFileName(this, tr("Load a price table"), QString(),
                                                              tr("Price tables (*.json)"));
            if (path.isEmpty() || m_analysis->loadPriceTable(path))
                syncControls();
        }
    });

    // The Analysis prices (coalesced, incremental); the panel shows what it says.
    connect(m_analysis, &Analysis::reportChanged, this, &CostPanel::showReport);
    connect(m_analysis, &Analysis::pricesChanged, this, &CostPanel::syncControls);
    for (auto signal : {&Document::projectReset, &Document::vpcChanged, &Document::usageChanged,
                        &Document::projectPropertiesChanged})
        connect(m_doc, signal, this, &CostPanel::syncControls);
    m_analysis->flush();
    syncControls();
    showReport();
}

const cost::CostReport &CostPanel::report() const
{
    return m_analysis->report();
}

void CostPanel::flush()
{
    m_analysis->flush();
}

void CostPanel::updateMap()
{
    if (m_views->currentWidget() != m_map || m_analysis->hasPreview())
        return;
    const cost::PriceTable *prices = m_analysis->prices();
    if (!prices || !report().errors.empty()) {
        cost::CheapestMap none;
        none.errors = report().errors;
        m_map->setMap(std::move(none));
        return;
    }
    m_map->setMap(cost::cheapestMap(m_doc->project(), *prices)); // the table has the overrides applied
}

void CostPanel::setExecutions(double executions)
{
    design::Usage usage = m_doc->project().usage;
    if (usage.executionsPerMonth == executions)
        return;
    usage.executionsPerMonth = executions;
    Edits::setUsage(*m_doc, usage, QStringLiteral("executions"));
}

void CostPanel::syncControls()
{
    const design::Project &p = m_doc->project();
    const QSignalBlocker b1(m_executions), b2(m_slider), b3(m_region), b4(m_azs), b5(m_workflowType),
        b6(m_freeTier), b7(m_prices);
    const double n = p.usage.executionsPerMonth;
    m_executions->setValue(n);
    m_slider->setValue(n >= 1 ? int(std::lround(std::log10(n) * kSliderStepsPerDecade)) : 0);
    m_perSecond->setText(tr("≈ %1/s").arg(QString::number(n / kSecondsPerMonth, 'g', 3)));
    const QString region = QString::fromStdString(p.usage.region);
    if (m_region->findText(region) < 0)
        m_region->addItem(region);
    m_region->setCurrentText(region);
    m_azs->setValue(p.vpc.availabilityZones);
    m_workflowType->setCurrentIndex(m_workflowType->findData(int(p.workflowType)));
    m_freeTier->setChecked(p.usage.freeTier);
    while (m_prices->count() > 2)
        m_prices->removeItem(1);
    const QString priceFile = m_analysis->priceFile();
    if (priceFile.isEmpty()) {
        m_prices->setCurrentIndex(0);
    } else {
        m_prices->insertItem(1, priceFile);
        m_prices->setCurrentIndex(1);
    }
    if (const cost::PriceTable *prices = m_analysis->prices())
        m_prices->setItemText(
            0, tr("Bundled prices (%1)")
                   .arg(QString::fromStdString(priceFile.isEmpty() ? prices->date : std::string("…"))));
}

void CostPanel::setRunFigures(std::vector<cost::RunFigures> figures, const QString &source)
{
    m_runFigures = std::move(figures);
    m_runSource = source;
    showReport();
}

namespace {

QString percent(double estimate, double runs)
{
    return QString::fromStdString(cost::relativeDifference(estimate, runs));
}

} // namespace

void CostPanel::showReport()
{
    const cost::CostReport &report = m_analysis->report();
    if (const cost::PriceTable *prices = m_analysis->prices(); prices && m_analysis->priceFile().isEmpty()) {
        const QString bundled = tr("Bundled prices (%1)").arg(QString::fromStdString(prices->date));
        if (m_prices->itemText(0) != bundled) // the region changed
            m_prices->setItemText(0, bundled);
    }
    QStringList status;
    if (m_analysis->hasPreview())
        status << tr("<b>Preview</b>: the cost if the dragged steps were dropped here.");
    for (const std::string &e : report.errors)
        status << QStringLiteral("<span style='color:#c62828'>%1</span>")
                      .arg(QString::fromStdString(e).toHtmlEscaped());
    for (const std::string &w : report.warnings)
        status << QString::fromStdString(w).toHtmlEscaped();
    if (report.errors.empty())
        status << tr("Prices: %1 (%2) · %3 transitions per execution")
                      .arg(QString::fromStdString(report.priceTableName),
                           QString::fromStdString(report.priceTableDate),
                           QString::number(report.transitionsPerExecution, 'g', 4));
    if (const auto &measured = m_analysis->shownProject().usage.executionSeconds)
        status << tr("Execution time: %1 s measured (File ▸ Load usage…), billed by Express in place of the "
                     "steps' sum (File ▸ Forget measured execution time)")
                      .arg(*measured, 0, 'f', 3);
    m_fromRuns = {};
    if (m_runFigures.empty() || !report.errors.empty())
        m_fromRuns.error = "no runs";
    else
        m_fromRuns = cost::compareWithRuns(m_analysis->shownProject().definition, report, m_runFigures);
    const bool runs = m_fromRuns.error.empty();
    if (m_tree->isColumnHidden(FromRuns) == runs) {
        m_tree->setColumnHidden(FromRuns, !runs);
        m_fitPending = m_nameRoomChanged = true;
    }
    if (runs) {
        const cost::FromRuns &r = m_fromRuns;
        status
            << tr("Simulated runs (%1 test cases of %2): %3 transitions per execution against %4 estimated "
                  "(%5) · %6 Lambda invocations against %7 (%8) · %9 s against %10 s · %11 % failed")
                   .arg(r.runs.size())
                   .arg(m_runSource.toHtmlEscaped())
                   .arg(r.transitions, 0, 'f', 2)
                   .arg(r.estimatedTransitions, 0, 'f', 2)
                   .arg(percent(r.estimatedTransitions, r.transitions))
                   .arg(r.lambdaInvocations, 0, 'f', 2)
                   .arg(r.estimatedLambdaInvocations, 0, 'f', 2)
                   .arg(percent(r.estimatedLambdaInvocations, r.lambdaInvocations))
                   .arg(r.seconds, 0, 'f', 1)
                   .arg(r.estimatedSeconds, 0, 'f', 1)
                   .arg(r.failedShare * 100, 0, 'f', 0);
    }
    const QString html = status.join(QStringLiteral("<br>"));
    if (html != m_statusHtml) { // a label's setText relayouts the dock even when the text is the same
        m_statusHtml = html;
        m_status->setText(html);
    }
    fillTable(report, runs);
    m_chart->setReport(report);
    updateMap();
}

namespace {

/** What one cell shows; compared before writing, so an update touches only what changed. */
struct Cell
{
    QString text;
    QString tip;
    bool right = false;
    bool dim = false;  ///< unavailable or not compliant: the disabled text colour
    bool bold = false; ///< the cheapest strategy
    QString id;        ///< strategy or line item id (Name column)
    QColor swatch;     ///< the chart's colour (Name column of an available strategy)
};

/** Writes what differs; returns whether the cell's width may have changed (text, font or icon). */
bool apply(QStandardItem *item, const Cell &cell, const QTreeView *tree, const QBrush &cheapest)
{
    bool wider = false;
    if (item->text() != cell.text) {
        item->setText(cell.text);
        wider = true;
    }
    if (item->toolTip() != cell.tip)
        item->setToolTip(cell.tip);
    const Qt::Alignment align =
        cell.right ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter;
    if (item->textAlignment() != align)
        item->setTextAlignment(align);
    // Roles are cleared rather than set to an empty brush: the delegate would paint with that (no) brush.
    const QVariant fg =
        cell.dim ? QVariant(tree->palette().brush(QPalette::Disabled, QPalette::Text)) : QVariant();
    if (item->data(Qt::ForegroundRole) != fg)
        item->setData(fg, Qt::ForegroundRole);
    if (item->font().bold() != cell.bold) {
        QFont f = item->font();
        f.setBold(cell.bold);
        item->setFont(f);
        wider = true;
    }
    const QVariant bg = cell.bold ? QVariant(cheapest) : QVariant();
    if (item->data(Qt::BackgroundRole) != bg)
        item->setData(bg, Qt::BackgroundRole);
    if (!cell.id.isEmpty() && item->data(kStrategyIdRole).toString() != cell.id)
        item->setData(cell.id, kStrategyIdRole);
    if (cell.swatch.isValid() && item->data(kSwatchRole).value<QColor>() != cell.swatch) {
        QPixmap swatch(10, 10);
        swatch.fill(cell.swatch);
        item->setIcon(QIcon(swatch));
        item->setData(cell.swatch, kSwatchRole);
        wider = true;
    } else if (!cell.swatch.isValid() && item->data(kSwatchRole).isValid()) {
        item->setIcon(QIcon());
        item->setData(QVariant(), kSwatchRole);
        wider = true;
    }
    return wider;
}

} // namespace

void CostPanel::fillTable(const cost::CostReport &report, bool runs)
{
    const cost::StrategyCost *designed = nullptr;
    for (const cost::StrategyCost &s : report.strategies)
        if (s.designed)
            designed = &s;
    std::vector<std::string> shape;
    for (const cost::StrategyCost &s : report.strategies) {
        shape.push_back(s.id);
        for (const cost::LineItem &item : s.items)
            shape.push_back(item.id);
        shape.emplace_back(); // end of its items
    }
    const bool rebuild = shape != m_rowIds;
    QSet<QString> expanded;
    if (rebuild) {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QModelIndex index = m_model->index(r, 0);
            if (m_tree->isExpanded(index))
                expanded.insert(index.data(kStrategyIdRole).toString());
        }
        m_model->removeRows(0, m_model->rowCount());
        m_rowIds = shape;
    }
    const QBrush cheapestBrush(QColor(0x2C, 0xA0, 0x2C, 60));
    QModelIndexList resized; // cells whose width may differ: the only ones measured again
    auto newRow = [] {
        QList<QStandardItem *> row;
        for (int c = 0; c < ColumnCount; ++c)
            row << readOnly(QString());
        return row;
    };
    for (int r = 0; r < int(report.strategies.size()); ++r) {
        const cost::StrategyCost &s = report.strategies[std::size_t(r)];
        const QString id = QString::fromStdString(s.id);
        const bool dim = !s.available || !s.compliant;
        const bool cheapest = s.id == report.cheapest;
        Cell cells[ColumnCount];
        for (Cell &c : cells) {
            c.dim = dim;
            c.bold = cheapest;
        }
        // The short name fits the narrow dock; the tooltip has the whole label (what it assumes).
        const std::string_view shortName = cost::strategyShortName(s.id);
        cells[Name].text = QString::fromUtf8(shortName.data(), qsizetype(shortName.size()));
        cells[Name].tip = QString::fromStdString(s.label);
        if (cheapest)
            cells[Name].tip += QLatin1Char('\n') + tr("The cheapest strategy at this volume");
        cells[Name].id = id;
        if (s.available) // the chart's colour: the table doubles as its legend
            cells[Name].swatch = strategyColor(s.id);
        cells[Monthly].text = s.available ? formatUsd(s.monthlyUsd) : tr("n/a");
        cells[Monthly].right = cells[FromRuns].right = cells[Delta].right = true;
        if (runs && s.designed && m_fromRuns.designedAvailable) {
            cells[FromRuns].text = formatUsd(m_fromRuns.fromRunsUsd);
            cells[FromRuns].tip =
                tr("%1 a month from the simulated runs against %2 estimated (%3)")
                    .arg(formatUsd(m_fromRuns.fromRunsUsd), formatUsd(m_fromRuns.estimateUsd),
                         percent(m_fromRuns.estimateUsd, m_fromRuns.fromRunsUsd));
        } else if (runs && s.designed) {
            cells[FromRuns].text = tr("n/a");
        }
        if (s.designed)
            cells[Delta].text = tr("design");
        else if (designed && s.available)
            cells[Delta].text = (s.monthlyUsd >= designed->monthlyUsd ? QStringLiteral("+") : QString()) +
                                formatUsd(s.monthlyUsd - designed->monthlyUsd);
        QStringList flags;
        if (!s.available)
            flags << tr("not available");
        else if (!s.compliant)
            flags << tr("not in-VPC compliant");
        else
            flags << tr("available");
        for (const std::string &n : s.notes)
            flags << QString::fromStdString(n);
        cells[Detail].text = shortStatus(flags.join(QStringLiteral(" · ")));
        cells[Detail].tip = flags.join('\n');

        QStandardItem *name = nullptr;
        if (rebuild) {
            QList<QStandardItem *> row = newRow();
            m_model->appendRow(row);
            name = row[Name];
        } else {
            name = m_model->item(r, Name);
        }
        for (int c = 0; c < ColumnCount; ++c)
            if (apply(m_model->item(r, c), cells[c], m_tree, cheapestBrush))
                resized << m_model->index(r, c);

        for (int i = 0; i < int(s.items.size()); ++i) {
            const cost::LineItem &item = s.items[std::size_t(i)];
            Cell line[ColumnCount];
            line[Name].text = QString::fromStdString(item.label);
            line[Name].id = QString::fromStdString(item.id);
            line[Name].tip = line[Name].text;
            if (item.estimate)
                line[Name].tip += QLatin1Char('\n') + tr("A price behind this line is an estimate");
            line[Monthly].text = formatUsd(item.usd);
            line[Monthly].right = line[FromRuns].right = true;
            line[Detail].text = QString::fromStdString(item.formula());
            line[Detail].tip = line[Detail].text;
            if (runs && s.designed && m_fromRuns.designedAvailable) {
                // Every designed item gets a figure, so the column adds up: the ones the runs do not
                // change are the estimate's, greyed.
                line[FromRuns].text = formatUsd(item.usd);
                line[FromRuns].dim = true;
                for (const cost::ItemFromRuns &changed : m_fromRuns.items)
                    if (changed.id == item.id) {
                        line[FromRuns].text = formatUsd(changed.fromRunsUsd);
                        line[FromRuns].dim = false;
                        line[FromRuns].tip =
                            tr("%1 from the runs against %2 estimated (%3)")
                                .arg(formatUsd(changed.fromRunsUsd), formatUsd(changed.estimateUsd),
                                     percent(changed.estimateUsd, changed.fromRunsUsd));
                    }
            }
            if (rebuild)
                name->appendRow(newRow());
            for (int c = 0; c < ColumnCount; ++c)
                if (apply(name->child(i, c), line[c], m_tree, cheapestBrush))
                    resized << name->child(i, c)->index();
        }
        if (rebuild && (expanded.contains(id) || (!m_expandedOnce && s.designed)))
            m_tree->expand(name->index());
    }
    m_expandedOnce = m_expandedOnce || !report.strategies.empty();
    if (rebuild || m_fitPending)
        fitColumns();
    else
        fitChangedCells(resized);
}

int CostPanel::nameRoom() const
{
    const QHeaderView *header = m_tree->header();
    // Room as if the vertical scroll bar were shown: it comes and goes as the status text above the table
    // changes height during a drag, and the names must not follow it.
    const int width = m_tree->width() - 2 * m_tree->frameWidth() -
                      m_tree->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_tree);
    return width - header->sectionSize(Monthly) - header->sectionSize(Delta) -
           (m_tree->isColumnHidden(FromRuns) ? 0 : header->sectionSize(FromRuns)) - 8;
}

void CostPanel::fitChangedCells(const QModelIndexList &changed)
{
    // Measuring a column walks all its cells (text layout of every row): during a drag only a few
    // figures change, and as widths only grow, measuring those cells is enough. A changed name, or a
    // figure column that grows (the names' room shrinks), takes the full fit.
    QHeaderView *header = m_tree->header();
    for (const QModelIndex &index : changed) {
        if (index.column() == Name) {
            fitColumns();
            return;
        }
        if (m_tree->isColumnHidden(index.column()) ||
            (index.parent().isValid() && !m_tree->isExpanded(index.parent())))
            continue; // as the full fit: sizeHintForColumn measures only the rows on show
        if (m_tree->sizeHintForIndex(index).width() > header->sectionSize(index.column())) {
            fitColumns();
            return;
        }
    }
}

void CostPanel::fitColumns()
{
    m_fitPending = false;
    const bool namesMayShrink = std::exchange(m_nameRoomChanged, false);
    QHeaderView *header = m_tree->header();
    // Name last: its room is what the figures leave.
    for (int c : {Monthly, FromRuns, Delta, Detail, Name}) {
        if (m_tree->isColumnHidden(c))
            continue;
        // The header's own label counts too, or "From runs" is cut before its figures.
        int wanted = std::max(static_cast<const QAbstractItemView *>(m_tree)->sizeHintForColumn(c),
                              header->sectionSizeHint(c));
        if (c == Name) {
            // Strategy names in full, but not the longest line item's label: that would push the monthly
            // figures out of sight (line items are elided, their tooltip has the whole label).
            int names = header->sectionSizeHint(c);
            for (int r = 0; r < m_model->rowCount(); ++r) {
                QFont f = m_tree->font();
                f.setBold(true);
                names = std::max(names, QFontMetrics(f).horizontalAdvance(m_model->item(r, Name)->text()) +
                                            m_tree->indentation() + m_tree->iconSize().width() + 24);
            }
            // ... and never so wide that a narrow dock hides the figures: then names elide (tooltip).
            wanted = std::min(names, std::max(180, nameRoom()));
            // Narrower only when the dock narrowed or a column appeared: a figure growing during a drag
            // must not shift the names (the table scrolls sideways instead).
            if (namesMayShrink && header->sectionSize(c) > wanted)
                header->resizeSection(c, wanted);
        }
        if (wanted > header->sectionSize(c))
            header->resizeSection(c, wanted);
    }
}

bool CostPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && (event->type() == QEvent::Show || event->type() == QEvent::Resize)) {
        // Only a change of width changes the names' room (the table gets shorter as the status text grows).
        const auto *resize = event->type() == QEvent::Resize ? static_cast<QResizeEvent *>(event) : nullptr;
        if (!resize || resize->oldSize().width() != resize->size().width())
            m_nameRoomChanged = true;
        QTimer::singleShot(0, this, &CostPanel::fitColumns);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace egress::studio
