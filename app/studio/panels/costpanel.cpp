#include "costpanel.h"

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
#include <QSet>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <cmath>

namespace egress::studio {
namespace {

constexpr double kSecondsPerMonth = 730.0 * 3600.0;
constexpr double kMaxExecutions = 1e12;
constexpr int kSliderStepsPerDecade = 100;
constexpr int kStrategyIdRole = Qt::UserRole + 1;

enum Column { Name, Monthly, FromRuns, Delta, Detail, ColumnCount };

QStandardItem *readOnly(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

} // namespace

CostPanel::CostPanel(Document *doc, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_executions(new QDoubleSpinBox), m_slider(new QSlider(Qt::Horizontal)),
      m_perSecond(new QLabel), m_region(new QComboBox), m_azs(new QSpinBox), m_workflowType(new QComboBox),
      m_freeTier(new QCheckBox(tr("Free tier"))), m_prices(new QComboBox), m_status(new QLabel),
      m_tree(new QTreeView), m_model(new QStandardItemModel(this)), m_chart(new CostChart),
      m_map(new CostMapView), m_views(new QTabWidget)
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
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_tree->installEventFilter(this);
    m_tree->header()->setSectionResizeMode(Monthly, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(Delta, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(FromRuns, QHeaderView::ResizeToContents);
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
            useBundledPrices();
        } else if (index == m_prices->count() - 1) {
            const QString path = QFileDialog::getOpenFileName(this, tr("Load a price table"), QString(),
                                                              tr("Price tables (*.json)"));
            if (path.isEmpty() || loadPriceTable(path))
                syncControls();
        }
    });

    // Document → recompute (coalesced).
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &CostPanel::recompute);
    connect(m_doc, &Document::projectReset, this, [this] {
        if (m_engine)
            m_engine->invalidateGraph();
        scheduleRecompute();
    });
    connect(m_doc, &Document::definitionChanged, this, [this] {
        if (m_engine)
            m_engine->invalidateGraph();
        scheduleRecompute();
    });
    connect(m_doc, &Document::stepChanged, this, [this](const QString &, Document::StepChanges what) {
        if (m_engine && (what & (Document::Design | Document::Definition)))
            m_engine->invalidateVisits();
        if (what != Document::Position) // moves within one side change nothing that costs money
            scheduleRecompute();
    });
    for (auto signal : {&Document::vpcChanged, &Document::usageChanged, &Document::projectPropertiesChanged})
        connect(m_doc, signal, this, &CostPanel::scheduleRecompute);
    connect(m_doc, &Document::stepAdded, this, &CostPanel::scheduleRecompute);
    connect(m_doc, &Document::stepRemoved, this, &CostPanel::scheduleRecompute);
    connect(m_doc, &Document::dragPreviewChanged, this, [this](const design::Project *hypothetical) {
        m_preview = hypothetical;
        scheduleRecompute();
    });
    recompute();
}

void CostPanel::scheduleRecompute()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void CostPanel::flush()
{
    if (m_timer.isActive()) {
        m_timer.stop();
        recompute();
    }
}

bool CostPanel::reloadPrices(const std::string &region)
{
    if (m_engine && m_engineRegion == region)
        return true;
    cost::PriceTableLoad load = m_priceFile.isEmpty()
                                    ? cost::bundledPriceTable(region)
                                    : cost::loadPriceTable(m_priceFile.toStdString(), region);
    if (!load) {
        m_priceError = QString::fromStdString(load.error);
        m_engine.reset();
        return false;
    }
    m_priceError.clear();
    m_engine.emplace(std::move(*load.table));
    m_engineRegion = region;
    return true;
}

std::optional<QString> CostPanel::loadPriceTable(const QString &path)
{
    const cost::PriceTableLoad load = cost::loadPriceTable(path.toStdString(), m_doc->project().usage.region);
    if (!load)
        return QString::fromStdString(load.error);
    m_priceFile = path;
    m_engine.reset();
    scheduleRecompute();
    syncControls();
    return std::nullopt;
}

void CostPanel::useBundledPrices()
{
    m_priceFile.clear();
    m_engine.reset();
    scheduleRecompute();
}

void CostPanel::recompute()
{
    m_timer.stop();
    // The preview pointer stays valid while the document has a preview (it is edited in place).
    const design::Project &project = m_preview && m_doc->hasPreview() ? *m_preview : m_doc->project();
    if (!m_doc->hasPreview())
        m_preview = nullptr;
    m_report = {};
    if (reloadPrices(project.usage.region)) {
        cost::PriceTable prices = m_engine->prices();
        const std::string overrideError = cost::applyPriceOverrides(prices, project.priceOverrides);
        if (!overrideError.empty()) {
            m_report.errors.push_back(overrideError);
        } else if (project.priceOverrides.empty()) {
            m_report = m_engine->compute(project);
        } else {
            m_report = cost::computeCosts(project, prices);
        }
    } else {
        m_report.errors.push_back(m_priceError.toStdString());
    }
    syncControls();
    showReport();
    updateMap();
    emit reportChanged(m_report);
}

void CostPanel::updateMap()
{
    if (m_views->currentWidget() != m_map || m_doc->hasPreview())
        return;
    const design::Project &project = m_doc->project();
    if (!m_engine || !m_report.errors.empty()) {
        cost::CheapestMap none;
        none.errors = m_report.errors;
        m_map->setMap(std::move(none));
        return;
    }
    cost::PriceTable prices = m_engine->prices();
    cost::applyPriceOverrides(prices, project.priceOverrides); // checked by recompute: no error here
    m_map->setMap(cost::cheapestMap(project, prices));
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
    if (m_priceFile.isEmpty()) {
        m_prices->setCurrentIndex(0);
    } else {
        m_prices->insertItem(1, m_priceFile);
        m_prices->setCurrentIndex(1);
    }
    if (m_engine)
        m_prices->setItemText(0,
                              tr("Bundled prices (%1)")
                                  .arg(QString::fromStdString(m_priceFile.isEmpty() ? m_engine->prices().date
                                                                                    : std::string("…"))));
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
    QSet<QString> expanded;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex index = m_model->index(r, 0);
        if (m_tree->isExpanded(index))
            expanded.insert(index.data(kStrategyIdRole).toString());
    }
    m_model->removeRows(0, m_model->rowCount());

    QStringList status;
    if (m_doc->hasPreview())
        status << tr("<b>Preview</b>: the cost if the step were dropped here.");
    for (const std::string &e : m_report.errors)
        status << QStringLiteral("<span style='color:#c62828'>%1</span>")
                      .arg(QString::fromStdString(e).toHtmlEscaped());
    for (const std::string &w : m_report.warnings)
        status << QString::fromStdString(w).toHtmlEscaped();
    if (m_report.errors.empty())
        status << tr("Prices: %1 (%2) · %3 transitions per execution")
                      .arg(QString::fromStdString(m_report.priceTableName),
                           QString::fromStdString(m_report.priceTableDate),
                           QString::number(m_report.transitionsPerExecution, 'g', 4));
    const design::Project &shown = m_preview && m_doc->hasPreview() ? *m_preview : m_doc->project();
    m_fromRuns = {};
    if (m_runFigures.empty() || !m_report.errors.empty())
        m_fromRuns.error = "no runs";
    else
        m_fromRuns = cost::compareWithRuns(shown.definition, m_report, m_runFigures);
    const bool runs = m_fromRuns.error.empty();
    m_tree->setColumnHidden(FromRuns, !runs);
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
    m_status->setText(status.join(QStringLiteral("<br>")));

    const cost::StrategyCost *designed = nullptr;
    for (const cost::StrategyCost &s : m_report.strategies)
        if (s.designed)
            designed = &s;
    const QBrush cheapestBrush(QColor(0x2C, 0xA0, 0x2C, 60));
    for (const cost::StrategyCost &s : m_report.strategies) {
        const QString id = QString::fromStdString(s.id);
        QList<QStandardItem *> row{readOnly(QString::fromStdString(s.label)),
                                   readOnly(s.available ? formatUsd(s.monthlyUsd) : tr("n/a")),
                                   readOnly(QString()), readOnly(QString()), readOnly(QString())};
        row[FromRuns]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (runs && s.designed && m_fromRuns.designedAvailable) {
            row[FromRuns]->setText(formatUsd(m_fromRuns.fromRunsUsd));
            row[FromRuns]->setToolTip(tr("%1 a month from the simulated runs against %2 estimated (%3)")
                                          .arg(formatUsd(m_fromRuns.fromRunsUsd),
                                               formatUsd(m_fromRuns.estimateUsd),
                                               percent(m_fromRuns.estimateUsd, m_fromRuns.fromRunsUsd)));
        } else if (runs && s.designed) {
            row[FromRuns]->setText(tr("n/a"));
        }
        row[Name]->setData(id, kStrategyIdRole);
        row[Name]->setToolTip(QString::fromStdString(s.label));
        if (s.available) { // the chart's colour: the table doubles as its legend
            QPixmap swatch(10, 10);
            swatch.fill(strategyColor(s.id));
            row[Name]->setIcon(QIcon(swatch));
        }
        row[Monthly]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row[Delta]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (s.designed)
            row[Delta]->setText(tr("design"));
        else if (designed && s.available)
            row[Delta]->setText((s.monthlyUsd >= designed->monthlyUsd ? QStringLiteral("+") : QString()) +
                                formatUsd(s.monthlyUsd - designed->monthlyUsd));
        QStringList flags;
        if (!s.available)
            flags << tr("not available");
        else if (!s.compliant)
            flags << tr("not in-VPC compliant");
        else
            flags << tr("available");
        for (const std::string &n : s.notes)
            flags << QString::fromStdString(n);
        row[Detail]->setText(flags.join(QStringLiteral(" · ")));
        row[Detail]->setToolTip(flags.join('\n'));
        if (!s.available || !s.compliant)
            for (QStandardItem *i : row)
                i->setForeground(m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
        if (s.id == m_report.cheapest) {
            for (QStandardItem *i : row) {
                QFont f = i->font();
                f.setBold(true);
                i->setFont(f);
                i->setBackground(cheapestBrush);
            }
            row[Name]->setToolTip(QString::fromStdString(s.label) + QLatin1Char('\n') +
                                  tr("The cheapest strategy at this volume"));
        }
        for (const cost::LineItem &item : s.items) {
            QList<QStandardItem *> line{readOnly(QString::fromStdString(item.label)),
                                        readOnly(formatUsd(item.usd)), readOnly(QString()),
                                        readOnly(QString()), readOnly(QString::fromStdString(item.formula))};
            line[FromRuns]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (runs && s.designed && m_fromRuns.designedAvailable) {
                // Every designed item gets a figure, so the column adds up: the ones the runs do not
                // change are the estimate's, greyed.
                line[FromRuns]->setText(formatUsd(item.usd));
                line[FromRuns]->setForeground(m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
                for (const cost::ItemFromRuns &changed : m_fromRuns.items)
                    if (changed.id == item.id) {
                        line[FromRuns]->setText(formatUsd(changed.fromRunsUsd));
                        line[FromRuns]->setForeground(m_tree->palette().brush(QPalette::Text));
                        line[FromRuns]->setToolTip(
                            tr("%1 from the runs against %2 estimated (%3)")
                                .arg(formatUsd(changed.fromRunsUsd), formatUsd(changed.estimateUsd),
                                     percent(changed.estimateUsd, changed.fromRunsUsd)));
                    }
            }
            line[Name]->setData(QString::fromStdString(item.id), kStrategyIdRole);
            line[Monthly]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            line[Detail]->setToolTip(QString::fromStdString(item.formula));
            if (item.estimate)
                line[Name]->setToolTip(tr("A price behind this line is an estimate"));
            row[Name]->appendRow(line);
        }
        m_model->appendRow(row);
        if (expanded.contains(id) || (!m_expandedOnce && s.designed))
            m_tree->expand(row[Name]->index());
    }
    m_expandedOnce = m_expandedOnce || !m_report.strategies.empty();
    fitColumns();
    m_chart->setReport(m_report);
}

void CostPanel::fitColumns()
{
    QHeaderView *header = m_tree->header();
    const int room = m_tree->viewport()->width() - header->sectionSize(Monthly) - header->sectionSize(Delta) -
                     (m_tree->isColumnHidden(FromRuns) ? 0 : header->sectionSize(FromRuns)) - 40;
    m_tree->resizeColumnToContents(Name);
    if (header->sectionSize(Name) > room)
        header->resizeSection(Name, std::max(140, room));
}

bool CostPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &CostPanel::fitColumns);
    return QWidget::eventFilter(watched, event);
}

} // namespace egress::studio
