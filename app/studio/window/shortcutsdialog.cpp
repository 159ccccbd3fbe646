#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace egress::studio {
namespace {

struct Row
{
    QString menu, command, keys;
};

void collect(const QMenu *menu, const QString &path, QList<Row> &rows)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        const QString text = a->text().remove('&');
        if (a->menu()) {
            collect(a->menu(), path + QStringLiteral(" ▸ ") + text, rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            rows.append({path, text, keys.join(QStringLiteral(", "))});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<Row> rows;
    for (QAction *top : menus->actions())
        if (top->menu())
            collect(top->menu(), top->text().remove('&'), rows);
    rows.append({tr("Canvas"), tr("Select the nearest step that way (none selected: the start)"),
                 tr("Arrow keys (with Shift: add it to the selection)")});
    rows.append(
        {tr("Canvas"), tr("Nudge the selected steps"), tr("Alt+arrow keys (with Shift: a grid step)")});
    rows.append({tr("Canvas"), tr("Edit the selected step in the Inspector (its name)"), tr("Enter")});
    rows.append({tr("Window"), tr("Next / previous field, through the canvas and every panel"),
                 tr("Tab, Shift+Tab")});
    rows.append({tr("Panels"), tr("Back to the canvas"), tr("Esc")});
    rows.append({tr("Canvas"), tr("Zoom"), tr("Ctrl+wheel")});

    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Menu"), tr("Command"), tr("Shortcut")});
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows[r];
        int c = 0;
        for (const QString &text : {row.menu, row.command, row.keys}) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_table->setItem(r, c++, item);
        }
    }
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 620);
}

} // namespace egress::studio
