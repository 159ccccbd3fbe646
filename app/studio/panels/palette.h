#pragma once

#include <QWidget>
#include <cstddef>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace egress::studio {

/**
 * Every state type and task preset, grouped; drag one onto the canvas (or double-click to add it). The search
 * field filters them and lists the matching AWS SDK actions of every service below them; Down moves into
 * the list (Up on its first entry back to the field) and Enter adds the highlighted entry.
 */
class Palette : public QWidget
{
    Q_OBJECT

public:
    explicit Palette(QWidget *parent = nullptr);
    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *searchField() const { return m_search; }

    /** How many AWS SDK actions a search lists at most. */
    static constexpr std::size_t kMaxSdkHits = 60;

signals:
    void presetActivated(const QString &presetId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filter(const QString &text);
    void fillSdkGroup(const QString &query);
    QTreeWidgetItem *firstVisibleEntry() const;

    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QTreeWidgetItem *m_sdkGroup = nullptr;
};

} // namespace egress::studio
