#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace egress::studio {

/**
 * Help ▸ Keyboard Shortcuts: every menu command that has a shortcut, by menu, read from the menu bar when
 * the dialog opens, so the list cannot drift from what the keys do. The canvas keys that are not menu
 * commands (arrow keys, Ctrl+wheel) follow at the end.
 */
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace egress::studio
