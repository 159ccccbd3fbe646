#pragma once

#include "asl/json.h"
#include "design/project.h"
#include "fieldeditors.h"

#include <QScrollArea>
#include <QSet>
#include <QStringList>
#include <functional>

class QFormLayout;
class QVBoxLayout;

namespace egress::studio {

class Document;
class ListEditor;

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
    /**
     * Puts the keyboard focus in the page's first field, a step's Name with its text selected (Enter on the
     * canvas). Returns false when the page has no field.
     */
    bool focusFirstField();

signals:
    void editRefused(const QString &message);
    /** The project page's Re-import button (File ▸ Re-import from Template does the work). */
    void reimportRequested();

private:
    void scheduleRefresh();
    void buildProjectPage(QVBoxLayout *page);
    void addSourceRows(QFormLayout *form, const design::TemplateSource &source, size_t notes);
    void buildStepPage(QVBoxLayout *page, const QString &name);
    void buildDesignSection(QVBoxLayout *page, const QString &name);
    QFormLayout *addSection(QVBoxLayout *page, const QString &title);
    /**
     * A list field (Retry, Catch, Choices) in its own section: the form editor, or with "Edit as JSON"
     * (or a value the form cannot show) the checked JSON text. Returns the section's layout.
     */
    QVBoxLayout *addListSection(QVBoxLayout *page, const QString &title, const QString &name, const char *key,
                                const asl::Json &state, TextChecker checker,
                                const std::function<ListEditor *()> &makeForm);

    Document *m_doc;
    QStringList m_selection;
    QStringList m_shownSelection; ///< the selection the current page was built for
    bool m_refreshPending = false;
    QSet<QString> m_jsonFields; ///< list fields the user switched to "Edit as JSON"
};

} // namespace egress::studio
