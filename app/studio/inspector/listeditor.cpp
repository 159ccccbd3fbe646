#include "listeditor.h"

#include "asl/reader.h"
#include "asl/validator.h"
#include "document.h"
#include "edits.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace egress::studio {

using asl::Json;

namespace {

/** Error names a retrier or catcher commonly lists (the States.* ones from the ASL specification). */
const QStringList &commonErrors()
{
    static const QStringList errors{
        QStringLiteral("States.ALL"),
        QStringLiteral("States.TaskFailed"),
        QStringLiteral("States.Timeout"),
        QStringLiteral("States.HeartbeatTimeout"),
        QStringLiteral("States.Permissions"),
        QStringLiteral("States.Runtime"),
        QStringLiteral("States.DataLimitExceeded"),
        QStringLiteral("States.ResultPathMatchFailure"),
        QStringLiteral("States.ParameterPathFailure"),
        QStringLiteral("States.QueryEvaluationError"),
        QStringLiteral("States.BranchFailed"),
        QStringLiteral("States.NoChoiceMatched"),
        QStringLiteral("States.IntrinsicFailure"),
        QStringLiteral("States.ExceedToleratedFailureThreshold"),
        QStringLiteral("States.ItemReaderFailed"),
        QStringLiteral("States.ResultWriterFailed"),
        QStringLiteral("Lambda.ServiceException"),
        QStringLiteral("Lambda.AWSLambdaException"),
        QStringLiteral("Lambda.SdkClientException"),
        QStringLiteral("Lambda.TooManyRequestsException"),
    };
    return errors;
}

const Json *stateOf(const Document &doc, const QString &step)
{
    const asl::StateEntry *entry = doc.index().find(step.toStdString());
    return entry ? asl::stateJson(doc.project().definition, *entry) : nullptr;
}

} // namespace

QString displayText(const Json *value)
{
    if (!value)
        return {};
    if (value->is_string())
        return QString::fromStdString(value->get<std::string>());
    return QString::fromStdString(value->dump());
}

ListEditor::ListEditor(Document *doc, QString step, QString key, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_step(std::move(step)), m_key(std::move(key))
{
    const asl::StateEntry *entry = doc->index().find(m_step.toStdString());
    if (entry) {
        const Json *state = asl::stateJson(doc->project().definition, *entry);
        m_jsonata = (state && state->value("QueryLanguage", std::string()) == "JSONata") ||
                    doc->project().definition.value("QueryLanguage", std::string()) == "JSONata";
        for (int s : doc->index().scopes()[static_cast<std::size_t>(entry->scope)].states)
            m_scopeStates << QString::fromStdString(doc->index().states()[static_cast<std::size_t>(s)].name);
    }
}

Json ListEditor::currentEntries() const
{
    const Json *state = stateOf(*m_doc, m_step);
    if (!state)
        return Json::array();
    auto it = state->find(m_key.toStdString());
    return it != state->end() && it->is_array() ? *it : Json::array();
}

QList<EntryProblem> ListEditor::problemsIn(const Json &list) const
{
    QList<EntryProblem> out;
    const asl::StateEntry *entry = m_doc->index().find(m_step.toStdString());
    if (!entry)
        return out;
    Json definition = m_doc->project().definition;
    Json *state = asl::resolvePointer(definition, entry->pointer);
    if (!state || !state->is_object())
        return out;
    (*state)[m_key.toStdString()] = list;
    // Only this field's problems matter here; the Resource check is the Resource field's business.
    asl::ValidationOptions options;
    options.checkArn = false;
    options.reportUnreachable = false;
    const std::string prefix = entry->pointer + "/" + m_key.toStdString() + "/";
    for (const asl::Diagnostic &d : asl::validateDefinition(definition, {}, options)) {
        if (d.severity != asl::Severity::Error || d.pointer.compare(0, prefix.size(), prefix) != 0)
            continue;
        const QString rest = QString::fromStdString(d.pointer.substr(prefix.size()));
        bool ok = false;
        const int row = rest.section('/', 0, 0).toInt(&ok);
        if (!ok)
            continue;
        out.append({row, rest.section('/', 1, 1), QString::fromStdString(d.message)});
    }
    return out;
}

QString ListEditor::checkRow(const Json &list, int row) const
{
    // A problem counts against the edit only when the entry did not have it already: an imported
    // definition with a flaw elsewhere in the entry must not lock the other fields.
    QList<EntryProblem> before;
    for (const EntryProblem &p : problemsIn(currentEntries()))
        if (p.row == row)
            before << p;
    for (const EntryProblem &p : problemsIn(list))
        if (p.row == row && !before.contains(p))
            return p.message;
    return {};
}

QString ListEditor::commitList(const Json &list)
{
    std::optional<Json> value = list;
    if (list.empty() && minimumRows() == 0)
        value.reset();
    if (auto error = Edits::setField(*m_doc, m_step, m_key, value)) {
        emit editRefused(*error);
        return *error;
    }
    return {};
}

QString ListEditor::commitRow(int row, const Json &entry)
{
    Json list = currentEntries();
    if (row < 0 || row >= static_cast<int>(list.size()))
        return tr("there is no %1 %2").arg(entryNoun()).arg(row + 1);
    list[static_cast<std::size_t>(row)] = entry;
    if (const QString problem = checkRow(list, row); !problem.isEmpty())
        return problem;
    return commitList(list);
}

QString ListEditor::addRow()
{
    QString error;
    const std::optional<Json> entry = newEntry(&error);
    if (!entry) {
        emit editRefused(error);
        return error;
    }
    Json list = currentEntries();
    // A new handler goes before a final States.ALL one, which must stay last.
    std::size_t at = list.size();
    if (m_key != QLatin1String("Choices") && !list.empty()) {
        const Json &last = list.back();
        if (last.is_object() && last.contains("ErrorEquals") && last["ErrorEquals"].is_array() &&
            last["ErrorEquals"].size() == 1 && last["ErrorEquals"][0] == "States.ALL")
            at = list.size() - 1;
    }
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), *entry);
    return commitList(list);
}

QString ListEditor::removeRow(int row)
{
    Json list = currentEntries();
    if (row < 0 || row >= static_cast<int>(list.size()))
        return {};
    if (static_cast<int>(list.size()) <= minimumRows()) {
        const QString error = tr("the list must keep at least %1 %2").arg(minimumRows()).arg(entryNoun());
        emit editRefused(error);
        return error;
    }
    list.erase(list.begin() + row);
    return commitList(list);
}

QString ListEditor::moveRow(int row, int delta)
{
    Json list = currentEntries();
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= static_cast<int>(list.size()) || to >= static_cast<int>(list.size()))
        return {};
    std::swap(list[static_cast<std::size_t>(row)], list[static_cast<std::size_t>(to)]);
    return commitList(list);
}

void ListEditor::build()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_cards = layout;
    const Json list = currentEntries();
    const QString prefix = m_key.toLower();
    for (int row = 0; row < static_cast<int>(list.size()); ++row) {
        auto *card = new QFrame;
        card->setObjectName(QStringLiteral("%1.%2").arg(prefix).arg(row));
        card->setFrameShape(QFrame::StyledPanel);
        auto *cardLayout = new QVBoxLayout(card);
        cardLayout->setContentsMargins(8, 6, 8, 8);
        cardLayout->setSpacing(4);
        auto *header = new QHBoxLayout;
        auto *title = new QLabel(QStringLiteral("<b>%1 %2</b>")
                                     .arg(entryNoun().left(1).toUpper() + entryNoun().mid(1))
                                     .arg(row + 1));
        header->addWidget(title);
        header->addStretch(1);
        auto tool = [&](const QString &name, const QString &text, const QString &tip, bool enabled,
                        std::function<void()> action) {
            auto *b = new QToolButton;
            b->setObjectName(QStringLiteral("%1.%2.%3").arg(prefix).arg(row).arg(name));
            b->setText(text);
            b->setToolTip(tip);
            b->setAutoRaise(true);
            b->setEnabled(enabled);
            connect(b, &QToolButton::clicked, this, std::move(action));
            header->addWidget(b);
        };
        const int count = static_cast<int>(list.size());
        tool(QStringLiteral("up"), QStringLiteral("▲"), tr("Move up (evaluated earlier)"), row > 0,
             [this, row] { moveRow(row, -1); });
        tool(QStringLiteral("down"), QStringLiteral("▼"), tr("Move down"), row + 1 < count,
             [this, row] { moveRow(row, 1); });
        tool(QStringLiteral("remove"), QStringLiteral("✕"), tr("Remove this %1").arg(entryNoun()),
             count > minimumRows(), [this, row] { removeRow(row); });
        cardLayout->addLayout(header);
        auto *message = new QLabel;
        message->setObjectName(QStringLiteral("fieldError"));
        message->setWordWrap(true);
        message->setStyleSheet(QStringLiteral("color: #d63b3b; font-size: 11px;"));
        message->hide();
        m_cardMessages.insert(row, message);
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignLeft);
        form->setContentsMargins(0, 0, 0, 0);
        const Json &entry = list[static_cast<std::size_t>(row)];
        if (entry.is_object())
            buildCard(row, entry, form);
        else
            message->setText(tr("not an object: edit the list as JSON"));
        cardLayout->addLayout(form);
        cardLayout->addWidget(message);
        message->setVisible(!message->text().isEmpty());
        layout->addWidget(card);
    }
    // What is wrong already (an imported definition, an edit as JSON) shows where it is.
    if (!list.empty()) // (a whole-definition validation: skipped when there is nothing to show)
        for (const EntryProblem &p : problemsIn(list))
            showProblem(p.row, p.field, p.message);

    auto *add = new QPushButton(tr("Add %1").arg(entryNoun()));
    add->setObjectName(prefix + QStringLiteral(".add"));
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    auto *addRowLayout = new QHBoxLayout;
    addRowLayout->addWidget(add);
    addRowLayout->addStretch(1);
    layout->addLayout(addRowLayout);
    m_footer = addRowLayout;
}

void ListEditor::addFooterWidget(QWidget *widget)
{
    if (m_footer)
        m_footer->addWidget(widget);
}

QString ListEditor::fieldName(int row, const QString &field) const
{
    return QStringLiteral("%1.%2.%3").arg(m_key.toLower()).arg(row).arg(field);
}

void ListEditor::showProblem(int row, const QString &field, const QString &message)
{
    if (QWidget *w = m_fields.value(QStringLiteral("%1/%2").arg(row).arg(field))) {
        if (auto *line = qobject_cast<CheckedLineEdit *>(w)) {
            if (line->error().isEmpty())
                line->setExternalError(message);
            return;
        }
    }
    if (QLabel *label = m_cardMessages.value(row)) {
        const QString text = label->text().isEmpty() ? message : label->text() + '\n' + message;
        label->setText(text);
        label->show();
    }
}

CheckedLineEdit *ListEditor::addLineField(QFormLayout *form, int row, const QString &field,
                                          const QString &label, const QString &text, FieldConverter convert,
                                          const QString &placeholder)
{
    const std::string key = field.toStdString();
    auto *edit = new CheckedLineEdit(text, [this, row, key, convert](const QString &typed) -> Checked {
        Checked c = convert(typed);
        if (!c.error.isEmpty())
            return c;
        Json list = currentEntries();
        if (row >= static_cast<int>(list.size()) || !list[static_cast<std::size_t>(row)].is_object())
            return {std::nullopt, tr("this entry is gone; select the step again")};
        Json &entry = list[static_cast<std::size_t>(row)];
        if (c.value)
            entry[key] = *c.value;
        else
            entry.erase(key);
        if (const QString problem = checkRow(list, row); !problem.isEmpty())
            return {std::nullopt, problem};
        return c;
    });
    edit->lineEdit()->setObjectName(fieldName(row, field));
    edit->lineEdit()->setPlaceholderText(placeholder.isEmpty() ? tr("(not set)") : placeholder);
    connect(edit, &CheckedLineEdit::committed, this, [this, row, key, edit](const std::optional<Json> &v) {
        Json list = currentEntries();
        if (row >= static_cast<int>(list.size()))
            return;
        Json &entry = list[static_cast<std::size_t>(row)];
        if (v)
            entry[key] = *v;
        else
            entry.erase(key);
        if (const QString error = commitList(list); !error.isEmpty())
            edit->setExternalError(error);
    });
    m_fields.insert(QStringLiteral("%1/%2").arg(row).arg(field), edit);
    form->addRow(label, edit);
    return edit;
}

QComboBox *ListEditor::addComboField(QFormLayout *form, int row, const QString &field, const QString &label,
                                     const QList<std::pair<QString, Json>> &items, const Json &current)
{
    auto *combo = new QComboBox;
    combo->setObjectName(fieldName(row, field));
    // Long state names must not widen the Inspector past its dock.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(10);
    int currentIndex = -1;
    for (int i = 0; i < items.size(); ++i) {
        combo->addItem(items[i].first);
        if (items[i].second == current)
            currentIndex = i;
    }
    combo->setCurrentIndex(std::max(0, currentIndex));
    const std::string key = field.toStdString();
    connect(combo, &QComboBox::activated, this, [this, row, key, items, combo, currentIndex](int i) {
        if (i < 0 || i >= items.size())
            return;
        Json list = currentEntries();
        if (row >= static_cast<int>(list.size()))
            return;
        Json entry = list[static_cast<std::size_t>(row)];
        if (items[i].second.is_null())
            entry.erase(key);
        else
            entry[key] = items[i].second;
        if (const QString problem = commitRow(row, entry); !problem.isEmpty()) {
            combo->setCurrentIndex(std::max(0, currentIndex));
            showProblem(row, QString::fromStdString(key), problem);
        }
    });
    form->addRow(label, combo);
    return combo;
}

QComboBox *ListEditor::addNextField(QFormLayout *form, int row, const Json &entry)
{
    QList<std::pair<QString, Json>> items;
    const Json current = entry.value("Next", Json());
    bool found = false;
    for (const QString &s : m_scopeStates) {
        if (s == m_step && current != Json(s.toStdString()))
            continue; // looping back to its own state is rare: offered only when the entry already does
        items.append({s, Json(s.toStdString())});
        found |= current == Json(s.toStdString());
    }
    if (!found && current.is_string())
        items.prepend(
            {tr("%1 (no such state here)").arg(QString::fromStdString(current.get<std::string>())), current});
    else if (!found)
        items.prepend({tr("(choose a state)"), Json()});
    return addComboField(form, row, QStringLiteral("Next"), tr("Next"), items, current);
}

CheckedLineEdit *ListEditor::addErrorEqualsField(QFormLayout *form, int row, const Json &entry)
{
    QStringList names;
    if (auto it = entry.find("ErrorEquals"); it != entry.end() && it->is_array())
        for (const Json &e : *it)
            names << displayText(&e);
    auto *edit =
        addLineField(form, row, QStringLiteral("ErrorEquals"), tr("Errors"), names.join(QStringLiteral(", ")),
                     Convert::nameList, tr("e.g. States.Timeout, States.TaskFailed"));
    // The list is comma-separated: a name with a comma in it could not survive an edit here.
    if (std::any_of(names.begin(), names.end(), [](const QString &n) { return n.contains(','); })) {
        edit->lineEdit()->setReadOnly(true);
        edit->lineEdit()->setToolTip(
            tr("An error name contains a comma: use Edit as JSON to change the list"));
        return edit;
    }
    // The common errors, one click away: picking one adds it to the list (and commits, checked).
    auto *more = new QToolButton;
    more->setObjectName(fieldName(row, QStringLiteral("ErrorEquals.add")));
    more->setText(QStringLiteral("+"));
    more->setToolTip(tr("Add a common error"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(more);
    for (const QString &e : commonErrors()) {
        QAction *a = menu->addAction(e);
        connect(a, &QAction::triggered, this, [edit, e] {
            QStringList current;
            for (const QString &part : edit->lineEdit()->text().split(',', Qt::SkipEmptyParts))
                if (!part.trimmed().isEmpty())
                    current << part.trimmed();
            if (current.contains(e))
                return;
            // States.ALL stands alone; anything else joins the list.
            current = e == QLatin1String("States.ALL") ? QStringList{e} : current << e;
            edit->lineEdit()->setText(current.join(QStringLiteral(", ")));
            edit->submit();
        });
    }
    more->setMenu(menu);
    // Put the button beside the line edit in the same row.
    const int formRow = form->rowCount() - 1;
    QLayoutItem *item = form->itemAt(formRow, QFormLayout::FieldRole);
    if (item && item->widget() == edit) {
        form->removeItem(item);
        delete item;
        auto *holder = new QWidget;
        auto *h = new QHBoxLayout(holder);
        h->setContentsMargins(0, 0, 0, 0);
        h->setSpacing(2);
        h->addWidget(edit, 1);
        h->addWidget(more, 0, Qt::AlignTop);
        form->setWidget(formRow, QFormLayout::FieldRole, holder);
    }
    return edit;
}

namespace Convert {

Checked number(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return {std::nullopt, QObject::tr("must be a number (it is \"%1\")").arg(t)};
    if (v == std::floor(v) && std::fabs(v) < 9e15)
        return {Json(static_cast<long long>(v)), {}};
    return {Json(v), {}};
}

Checked text(const QString &t)
{
    if (t.isEmpty())
        return {};
    return {Json(t.toStdString()), {}};
}

Checked path(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (t == QLatin1String("null"))
        return {Json(nullptr), {}};
    return {Json(t.toStdString()), {}};
}

Checked nameList(const QString &text)
{
    Json list = Json::array();
    for (const QString &part : text.split(','))
        if (!part.trimmed().isEmpty())
            list.push_back(part.trimmed().toStdString());
    return {list, {}};
}

Checked jsonOrText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if ((t.startsWith('{') && !t.startsWith(QLatin1String("{%"))) || t.startsWith('[')) {
        const auto parsed = asl::parseJson(t.toStdString(), "field");
        if (!parsed)
            return {std::nullopt, QObject::tr("column %1: %2")
                                      .arg(parsed.error->column)
                                      .arg(QString::fromStdString(parsed.error->message))};
        return {parsed.value, {}};
    }
    return {Json(t.toStdString()), {}};
}

Checked jsonObject(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    const auto parsed = asl::parseJson(t.toStdString(), "field");
    if (!parsed)
        return {std::nullopt, QObject::tr("column %1: %2")
                                  .arg(parsed.error->column)
                                  .arg(QString::fromStdString(parsed.error->message))};
    if (!parsed.value->is_object())
        return {std::nullopt, QObject::tr("must be an object { ... }")};
    return {parsed.value, {}};
}

} // namespace Convert

} // namespace egress::studio
