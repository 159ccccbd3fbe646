#include "fieldeditors.h"

#include "asl/reader.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace egress::studio {

void showFieldError(QWidget *field, QLabel *message, const QString &error)
{
    field->setProperty("invalid", !error.isEmpty());
    field->setStyleSheet(
        error.isEmpty() ? QString() : QStringLiteral("border: 1.5px solid #d63b3b; border-radius: 3px;"));
    message->setText(error);
    message->setVisible(!error.isEmpty());
}

namespace {

QLabel *makeMessageLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d63b3b; font-size: 11px;"));
    label->setObjectName(QStringLiteral("fieldError"));
    label->hide();
    return label;
}

} // namespace

CheckedLineEdit::CheckedLineEdit(const QString &text, TextChecker checker, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(text)), m_message(makeMessageLabel()),
      m_checker(std::move(checker)), m_lastCommitted(text)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    m_edit->setCursorPosition(0); // show the start of long values (ARNs, comments)
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::editingFinished, this, &CheckedLineEdit::submit);
}

bool CheckedLineEdit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && pendingText()) {
        revert();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

std::optional<QString> CheckedLineEdit::pendingText() const
{
    return m_edit->text() == m_lastCommitted ? std::nullopt : std::optional<QString>(m_edit->text());
}

void CheckedLineEdit::restorePending(const QString &text)
{
    m_edit->setText(text);
    showFieldError(m_edit, m_message, m_checker(text).error);
}

void CheckedLineEdit::revert()
{
    m_edit->setText(m_lastCommitted);
    m_edit->setCursorPosition(0);
    showFieldError(m_edit, m_message, {});
}

QString CheckedLineEdit::error() const
{
    return m_message->text();
}

void CheckedLineEdit::setExternalError(const QString &error)
{
    showFieldError(m_edit, m_message, error);
}

void CheckedLineEdit::submit()
{
    const QString text = m_edit->text();
    const Checked checked = m_checker(text);
    showFieldError(m_edit, m_message, checked.error);
    if (!checked.error.isEmpty() || text == m_lastCommitted)
        return;
    m_lastCommitted = text;
    emit committed(checked.value);
}

JsonEdit::JsonEdit(const std::optional<asl::Json> &value, TextChecker checker, QWidget *parent)
    : QWidget(parent), m_edit(new QPlainTextEdit), m_message(makeMessageLabel()),
      m_checker(std::move(checker))
{
    m_lastCommitted = value ? QString::fromStdString(value->dump(2)) : QString();
    m_edit->setPlainText(m_lastCommitted);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF() * 0.92);
    m_edit->setFont(mono);
    m_edit->setTabChangesFocus(true);
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    const int lines = std::clamp(static_cast<int>(m_lastCommitted.count('\n')) + 2, 3, 10);
    m_edit->setFixedHeight(QFontMetrics(mono).lineSpacing() * lines + 12);
    m_edit->setPlaceholderText(tr("(not set)"));
    m_edit->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
}

QString JsonEdit::error() const
{
    return m_message->text();
}

bool JsonEdit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit) {
        if (event->type() == QEvent::FocusOut)
            submit();
        if (event->type() == QEvent::KeyPress) {
            auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                (key->modifiers() & Qt::ControlModifier)) {
                submit();
                return true;
            }
            if (key->key() == Qt::Key_Escape && pendingText()) {
                revert();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

std::optional<QString> JsonEdit::pendingText() const
{
    const QString text = m_edit->toPlainText();
    return text == m_lastCommitted ? std::nullopt : std::optional<QString>(text);
}

void JsonEdit::restorePending(const QString &text)
{
    m_edit->setPlainText(text);
    showFieldError(m_edit, m_message, m_checker(text).error);
}

void JsonEdit::revert()
{
    m_edit->setPlainText(m_lastCommitted);
    showFieldError(m_edit, m_message, {});
}

void JsonEdit::submit()
{
    const QString text = m_edit->toPlainText();
    const Checked checked = m_checker(text);
    showFieldError(m_edit, m_message, checked.error);
    if (!checked.error.isEmpty() || text == m_lastCommitted)
        return;
    m_lastCommitted = text;
    emit committed(checked.value);
}

namespace Check {

namespace {

/** Parses JSON text; errors carry line and column. */
Checked parse(const QString &text)
{
    const auto result = asl::parseJson(text.toStdString(), "field");
    if (!result) {
        const auto &e = *result.error;
        return {std::nullopt, QObject::tr("line %1, column %2: %3")
                                  .arg(e.line)
                                  .arg(e.column)
                                  .arg(QString::fromStdString(e.message))};
    }
    return {result.value, {}};
}

QString typeName(const asl::Json &v)
{
    return QString::fromLatin1(v.type_name());
}

Checked objectList(const QString &text, const std::function<QString(const asl::Json &, int)> &checkEntry)
{
    if (text.trimmed().isEmpty())
        return {};
    Checked c = parse(text);
    if (!c.error.isEmpty())
        return c;
    if (!c.value->is_array())
        return {std::nullopt, QObject::tr("must be a list [ ... ], not %1").arg(typeName(*c.value))};
    for (std::size_t i = 0; i < c.value->size(); ++i) {
        const asl::Json &entry = (*c.value)[i];
        if (!entry.is_object())
            return {std::nullopt, QObject::tr("entry %1 must be an object { ... }").arg(i + 1)};
        const QString error = checkEntry(entry, static_cast<int>(i) + 1);
        if (!error.isEmpty())
            return {std::nullopt, error};
    }
    return c;
}

QString checkErrorEquals(const asl::Json &entry, int n)
{
    const auto it = entry.find("ErrorEquals");
    if (it == entry.end() || !it->is_array() || it->empty())
        return QObject::tr("entry %1 needs \"ErrorEquals\": a non-empty list of error names").arg(n);
    for (const auto &e : *it)
        if (!e.is_string())
            return QObject::tr("entry %1: every error name in \"ErrorEquals\" must be a string").arg(n);
    return {};
}

QString checkNext(const asl::Json &entry, int n, const QStringList &states)
{
    const auto it = entry.find("Next");
    if (it == entry.end() || !it->is_string())
        return QObject::tr("entry %1 needs \"Next\": the name of a state").arg(n);
    const QString next = QString::fromStdString(it->get<std::string>());
    if (!states.contains(next))
        return QObject::tr("entry %1: there is no state \"%2\" here").arg(n).arg(next);
    return {};
}

} // namespace

TextChecker json(const QStringList &allowedTypes, bool optional)
{
    return [allowedTypes, optional](const QString &text) -> Checked {
        if (text.trimmed().isEmpty())
            return optional ? Checked{} : Checked{std::nullopt, QObject::tr("a value is required")};
        Checked c = parse(text);
        if (!c.error.isEmpty() || allowedTypes.isEmpty())
            return c;
        if (!allowedTypes.contains(typeName(*c.value)))
            return {std::nullopt, QObject::tr("must be %1, not %2")
                                      .arg(allowedTypes.join(QObject::tr(" or ")), typeName(*c.value))};
        return c;
    };
}

TextChecker retriers()
{
    return [](const QString &text) { return objectList(text, checkErrorEquals); };
}

TextChecker catchers(const QStringList &states)
{
    return [states](const QString &text) {
        return objectList(text, [&](const asl::Json &entry, int n) {
            QString e = checkErrorEquals(entry, n);
            return e.isEmpty() ? checkNext(entry, n, states) : e;
        });
    };
}

TextChecker choiceRules(const QStringList &states)
{
    return [states](const QString &text) {
        return objectList(text, [&](const asl::Json &entry, int n) { return checkNext(entry, n, states); });
    };
}

TextChecker path(bool allowNull)
{
    return [allowNull](const QString &text) -> Checked {
        const QString t = text.trimmed();
        if (t.isEmpty())
            return {};
        if (allowNull && t == QLatin1String("null"))
            return {asl::Json(nullptr), {}};
        if (!t.startsWith('$'))
            return {std::nullopt, QObject::tr("a path starts with $ (for example $.order.id)")};
        return {asl::Json(t.toStdString()), {}};
    };
}

TextChecker nonNegativeInteger(bool optional)
{
    return [optional](const QString &text) -> Checked {
        if (text.trimmed().isEmpty())
            return optional ? Checked{} : Checked{std::nullopt, QObject::tr("a number is required")};
        bool ok = false;
        const qlonglong v = text.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            return {std::nullopt, QObject::tr("must be a whole number of 0 or more")};
        return {asl::Json(v), {}};
    };
}

TextChecker text(bool optional)
{
    return [optional](const QString &t) -> Checked {
        if (t.isEmpty())
            return optional ? Checked{} : Checked{std::nullopt, QObject::tr("a value is required")};
        return {asl::Json(t.toStdString()), {}};
    };
}

} // namespace Check

} // namespace egress::studio
