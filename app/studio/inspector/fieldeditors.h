#pragma once

#include "asl/json.h"

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace egress::studio {

/**
 * Checks typed text; returns the value to commit or an error message. `std::nullopt` value with no
 * error means "remove the field".
 */
struct Checked
{
    std::optional<asl::Json> value;
    QString error;
};
using TextChecker = std::function<Checked(const QString &text)>;

/** Shows a red border and the message under the field; clears both with an empty message. */
void showFieldError(QWidget *field, QLabel *message, const QString &error);

/**
 * A one-line field with inline validation: on Enter or focus-out the text is checked; a valid value is
 * handed to `commit`, an invalid one stays in the field flagged red with the reason, never committed.
 */
class CheckedLineEdit : public QWidget
{
    Q_OBJECT

public:
    CheckedLineEdit(const QString &text, TextChecker checker, QWidget *parent = nullptr);
    QLineEdit *lineEdit() const { return m_edit; }
    QString error() const;
    /** Checks and commits now (what Enter does). */
    void submit();
    void setExternalError(const QString &error);
    /** Text typed but not committed (refused or still being typed); empty when there is none. */
    std::optional<QString> pendingText() const;
    /** Puts typed text back after the Inspector rebuilt its page, with its error shown; commits nothing. */
    void restorePending(const QString &text);
    /** Esc: the last committed value back, its error gone. */
    void revert();

signals:
    void committed(const std::optional<egress::asl::Json> &value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QLabel *m_message;
    TextChecker m_checker;
    QString m_lastCommitted;
};

/** A multi-line JSON field (Parameters, Retry, Catch, Choices...) with the same inline validation. */
class JsonEdit : public QWidget
{
    Q_OBJECT

public:
    JsonEdit(const std::optional<asl::Json> &value, TextChecker checker, QWidget *parent = nullptr);
    QPlainTextEdit *textEdit() const { return m_edit; }
    QString error() const;
    void submit();
    std::optional<QString> pendingText() const;
    void restorePending(const QString &text);
    void revert();

signals:
    void committed(const std::optional<egress::asl::Json> &value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_edit;
    QLabel *m_message;
    TextChecker m_checker;
    QString m_lastCommitted;
};

/** Checkers shared by the inspector. */
namespace Check {
/** Any JSON of the given kinds ("object", "array", ...); empty text removes the field when allowed. */
TextChecker json(const QStringList &allowedTypes, bool optional = true);
/** Retry or Catch: an array of objects each with an ErrorEquals list of strings (Catch: and a Next in
 * `states`). */
TextChecker retriers();
TextChecker catchers(const QStringList &states);
/** Choice rules: an array of objects each with a Next in `states`. */
TextChecker choiceRules(const QStringList &states);
/** A reference path ("$..."), empty removes; `allowNull` lets ResultPath be null. */
TextChecker path(bool allowNull);
/** A non-negative integer, empty removes. */
TextChecker nonNegativeInteger(bool optional = true);
/** Any text; empty removes when optional. */
TextChecker text(bool optional = true);
} // namespace Check

} // namespace egress::studio
