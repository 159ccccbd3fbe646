#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace egress::studio {

/** Every state type and task preset, grouped; drag one onto the canvas (or double-click to add it). */
class Palette : public QWidget
{
    Q_OBJECT

public:
    explicit Palette(QWidget *parent = nullptr);
    QTreeWidget *tree() const { return m_tree; }

signals:
    void presetActivated(const QString &presetId);

private:
    void filter(const QString &text);

    QLineEdit *m_search;
    QTreeWidget *m_tree;
};

} // namespace egress::studio
