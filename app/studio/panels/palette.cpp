#include "palette.h"

#include "presets.h"
#include "sdkactions.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace egress::studio {

namespace {

/**
 * Rows a little taller than the style's, for an easier drag target. A delegate, not a style sheet: a
 * widget with a style sheet keeps the palette it was polished with, so a live theme switch left the
 * palette white in dark (and black after switching back).
 */
class RoomyRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(4, 6);
    }
};

/** A tree whose drags carry the preset id. */
class PresetTree : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {QString::fromLatin1(kPresetMimeType)}; }
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.front()->data(0, Qt::UserRole).toString().isEmpty())
            return nullptr;
        auto *mime = new QMimeData;
        mime->setData(kPresetMimeType, items.front()->data(0, Qt::UserRole).toString().toUtf8());
        return mime;
    }
};

} // namespace

Palette::Palette(QWidget *parent) : QWidget(parent), m_search(new QLineEdit), m_tree(new PresetTree)
{
    m_search->setPlaceholderText(tr("Search steps and AWS actions…"));
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setToolTip(tr("Filters the steps below and searches every AWS SDK action (\"dynamodb put\", "
                            "\"sqs send\"). Down moves into the list, Enter adds the highlighted step."));
    m_search->installEventFilter(this);
    m_tree->installEventFilter(this);
    m_search->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(8);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setIconSize(QSize(20, 20));
    m_tree->setItemDelegate(new RoomyRowDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setObjectName(QStringLiteral("paletteTree"));

    QHash<QString, QTreeWidgetItem *> groups;
    for (const Preset &preset : presets()) {
        QTreeWidgetItem *group = groups.value(preset.group);
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {preset.group});
            group->setFlags(Qt::ItemIsEnabled);
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            groups.insert(preset.group, group);
        }
        auto *item = new QTreeWidgetItem(group, {preset.title});
        item->setIcon(0, QIcon(stepKindIcon(preset.kind())));
        item->setToolTip(0, preset.tooltip + tr("\nDrag onto the canvas, or into a branch."));
        item->setData(0, Qt::UserRole, preset.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    m_tree->expandAll();
    // Filled while searching: the matching actions of every AWS service, from the generated table.
    m_sdkGroup = new QTreeWidgetItem(m_tree, {tr("AWS SDK actions")});
    m_sdkGroup->setFlags(Qt::ItemIsEnabled);
    QFont bold = m_sdkGroup->font(0);
    bold.setBold(true);
    m_sdkGroup->setFont(0, bold);
    m_sdkGroup->setHidden(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);

    connect(m_search, &QLineEdit::textChanged, this, &Palette::filter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty())
            emit presetActivated(id);
    });
}

void Palette::filter(const QString &text)
{
    fillSdkGroup(text.trimmed());
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        if (group == m_sdkGroup)
            continue;
        int visible = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            const bool match = group->child(i)->text(0).contains(text, Qt::CaseInsensitive);
            group->child(i)->setHidden(!match);
            visible += match;
        }
        group->setHidden(visible == 0);
    }
    if (QTreeWidgetItem *first = firstVisibleEntry())
        m_tree->setCurrentItem(first);
}

void Palette::fillSdkGroup(const QString &query)
{
    qDeleteAll(m_sdkGroup->takeChildren());
    // One letter matches too much to be useful; the ready-made steps above still filter on it.
    const auto hits =
        query.size() < 2 ? std::vector<sdk::Match>() : sdkCatalog().search(query.toStdString(), kMaxSdkHits);
    for (const sdk::Match &hit : hits) {
        const Preset *preset = sdkPreset(sdkPresetId(*hit.service, *hit.operation));
        if (!preset)
            continue;
        auto *item = new QTreeWidgetItem(m_sdkGroup, {preset->title});
        item->setIcon(0, QIcon(stepKindIcon(preset->kind())));
        item->setToolTip(0, preset->tooltip + tr("\nDrag onto the canvas, or press Enter to add it."));
        item->setData(0, Qt::UserRole, preset->id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    m_sdkGroup->setText(0, hits.size() >= kMaxSdkHits ? tr("AWS SDK actions (first %1)").arg(kMaxSdkHits)
                                                      : tr("AWS SDK actions"));
    m_sdkGroup->setHidden(hits.empty());
    m_sdkGroup->setExpanded(true);
}

QTreeWidgetItem *Palette::firstVisibleEntry() const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->parent() && !(*it)->isHidden() && !(*it)->parent()->isHidden() &&
            !(*it)->data(0, Qt::UserRole).toString().isEmpty())
            return *it;
    return nullptr;
}

bool Palette::eventFilter(QObject *watched, QEvent *event)
{
    // Type, arrow, Enter: the search field hands Down to the list and adds the highlighted entry on Enter.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down) {
            QTreeWidgetItem *current = m_tree->currentItem();
            if (!current || current->isHidden())
                current = firstVisibleEntry();
            if (current) {
                m_tree->setCurrentItem(current);
                m_tree->setFocus(Qt::TabFocusReason);
            }
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            QTreeWidgetItem *current = m_tree->currentItem();
            if (!current || current->isHidden() || current->data(0, Qt::UserRole).toString().isEmpty())
                current = firstVisibleEntry();
            if (current)
                emit presetActivated(current->data(0, Qt::UserRole).toString());
            return true;
        }
    }
    // Up from the first entry goes back to the search field, to type more.
    if (watched == m_tree && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Up && m_tree->currentItem() &&
        m_tree->currentItem() == firstVisibleEntry()) {
        m_search->setFocus(Qt::BacktabFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace egress::studio
