#pragma once

#include "asl/json.h"
#include "fieldeditors.h"

#include <QHash>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QVBoxLayout;

namespace egress::studio {

class Document;

/** A problem the model's validator reports in one entry of a list field. */
struct EntryProblem
{
    int row = -1;
    QString field; ///< the entry's field it concerns ("BackoffRate"), empty for the entry as a whole
    QString message;
    bool operator==(const EntryProblem &) const = default;
};

/** Turns the text of a form field into the value to store: no value and no error removes the field. */
using FieldConverter = std::function<Checked(const QString &text)>;

/**
 * The base of the inspector's form editors for a state's list fields (Retry, Catch, Choices): one card
 * per entry with its own fields, and Add / Move up / Move down / Remove. A field's new value is checked
 * by the model's validator on the whole definition before anything is committed: a problem the edit
 * would bring into its entry is shown at the field, and the edit is not committed. Problems an entry
 * already has are shown on its card. Every accepted change replaces the whole list in one
 * Edits::setField command, so one undo restores it exactly.
 */
class ListEditor : public QWidget
{
    Q_OBJECT

public:
    ListEditor(Document *doc, QString step, QString key, QWidget *parent = nullptr);

    /** The list as the document holds it now (an empty array when the field is absent). */
    asl::Json currentEntries() const;
    /** Replaces entry `row` with `entry` when that brings no new problem into it; returns the problem
     * (shown nowhere: the caller flags its field) or an empty string when committed. */
    QString commitRow(int row, const asl::Json &entry);
    QString addRow();
    QString removeRow(int row);
    QString moveRow(int row, int delta);
    /** Puts a widget at the right of the Add button's row (the Inspector's "Edit as JSON" toggle). */
    void addFooterWidget(QWidget *widget);
    /** The problems the validator reports in `list` (the field's candidate value), by entry. */
    QList<EntryProblem> problemsIn(const asl::Json &list) const;

signals:
    void editRefused(const QString &message);

protected:
    /** "retrier", "catcher", "rule": for the card titles and the Add button. */
    virtual QString entryNoun() const = 0;
    /** A new entry for Add, or no value and the reason it cannot be added. */
    virtual std::optional<asl::Json> newEntry(QString *error) const = 0;
    virtual void buildCard(int row, const asl::Json &entry, QFormLayout *form) = 0;
    /** The fewest entries the list may keep (Choices: 1); with 0 an emptied list removes the field. */
    virtual int minimumRows() const { return 0; }

    /** Builds the cards; the subclass's constructor calls it once. */
    void build();

    // Helpers for buildCard: every field is named "<key>.<row>.<field>" (lower-case key) for focus
    // restoring after a rebuild and for the tests.
    QString fieldName(int row, const QString &field) const;
    CheckedLineEdit *addLineField(QFormLayout *form, int row, const QString &field, const QString &label,
                                  const QString &text, FieldConverter convert,
                                  const QString &placeholder = {});
    /** A combo of (text, value) pairs; choosing one stores its value (an empty value removes the field). */
    QComboBox *addComboField(QFormLayout *form, int row, const QString &field, const QString &label,
                             const QList<std::pair<QString, asl::Json>> &items, const asl::Json &current);
    /** The Next combo: the states of this state's scope (a dangling name stays shown, marked). */
    QComboBox *addNextField(QFormLayout *form, int row, const asl::Json &entry);
    /** ErrorEquals as a comma-separated list, with a menu of the common States.* and Lambda errors. */
    CheckedLineEdit *addErrorEqualsField(QFormLayout *form, int row, const asl::Json &entry);
    /** Shows a problem at a field of a card (or on the card when the field has no widget). */
    void showProblem(int row, const QString &field, const QString &message);

    bool jsonata() const { return m_jsonata; }
    const QStringList &scopeStates() const { return m_scopeStates; }
    const QString &step() const { return m_step; }
    const QString &key() const { return m_key; }

private:
    QString commitList(const asl::Json &list);
    QString checkRow(const asl::Json &list, int row) const;

    Document *m_doc;
    QString m_step;
    QString m_key;
    bool m_jsonata = false;
    QStringList m_scopeStates;
    QVBoxLayout *m_cards = nullptr;
    QHBoxLayout *m_footer = nullptr;
    QHash<QString, QWidget *> m_fields; ///< "row/field" → its widget
    QHash<int, QLabel *> m_cardMessages;
};

namespace Convert {
/** Empty removes; otherwise a JSON number (whole numbers stored as integers). */
Checked number(const QString &text);
/** Empty removes; otherwise the text. */
Checked text(const QString &text);
/** "null" is null, empty removes, anything else the text (the validator checks the path). */
Checked path(const QString &text);
/** A comma-separated list of names. */
Checked nameList(const QString &text);
/** Empty removes; JSON when it parses as an object or array, otherwise the text (a JSONata string). */
Checked jsonOrText(const QString &text);
/** Empty removes; a JSON object. */
Checked jsonObject(const QString &text);
} // namespace Convert

/** The text a form field shows for a stored value (strings without quotes, the rest as JSON). */
QString displayText(const asl::Json *value);

} // namespace egress::studio
