#pragma once

#include <QScrollArea>
#include <QStringList>

class QFormLayout;
class QVBoxLayout;

namespace egress::studio {

class Document;

/**
 * The selected step's fields by state type, and its design data; the project's settings when nothing is
 * selected. Every edit goes through Commands; invalid input is flagged in place and not committed.
 */
class Inspector : public QScrollArea
{
    Q_OBJECT

public:
    explicit Inspector(Document *doc, QWidget *parent = nullptr);

    void setSelection(const QStringList &names);
    QStringList selection() const { return m_selection; }
    /** Rebuilds now (normally deferred to the next event loop turn after a change). */
    void refresh();

signals:
    void editRefused(const QString &message);

private:
    void scheduleRefresh();
    void buildProjectPage(QVBoxLayout *page);
    void buildStepPage(QVBoxLayout *page, const QString &name);
    void buildDesignSection(QVBoxLayout *page, const QString &name);
    QFormLayout *addSection(QVBoxLayout *page, const QString &title);

    Document *m_doc;
    QStringList m_selection;
    bool m_refreshPending = false;
};

} // namespace egress::studio
