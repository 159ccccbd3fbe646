#include "choiceeditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QRegularExpression>

namespace egress::studio {

using asl::Json;

namespace {

enum class Operand { String, Number, Boolean, Timestamp, Path };

/** The comparison operators of a JSONPath Choice rule, as the ASL specification lists them. */
Operand operandOf(const QString &op)
{
    if (op.endsWith(QLatin1String("Path")))
        return Operand::Path;
    if (op.startsWith(QLatin1String("Is")) || op == QLatin1String("BooleanEquals"))
        return Operand::Boolean;
    if (op.startsWith(QLatin1String("Numeric")))
        return Operand::Number;
    if (op.startsWith(QLatin1String("Timestamp")))
        return Operand::Timestamp;
    return Operand::String;
}

const QStringList &comparisons()
{
    static const QStringList ops = [] {
        QStringList out;
        for (const char *type : {"String", "Numeric", "Timestamp"})
            for (const char *rel :
                 {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"}) {
                out << QString::fromLatin1(type) + rel;
                out << QString::fromLatin1(type) + rel + "Path";
            }
        out << QStringLiteral("StringMatches") << QStringLiteral("BooleanEquals")
            << QStringLiteral("BooleanEqualsPath");
        for (const char *is : {"IsPresent", "IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"})
            out << QString::fromLatin1(is);
        return out;
    }();
    return ops;
}

/** The operand of `op` for the text typed in the value field. */
Checked valueFor(const QString &op, const QString &text)
{
    switch (operandOf(op)) {
    case Operand::Number: {
        Checked c = Convert::number(text);
        if (!c.value && c.error.isEmpty())
            return {std::nullopt, QObject::tr("%1 compares with a number").arg(op)};
        return c;
    }
    case Operand::Boolean:
        if (text.trimmed() == QLatin1String("true"))
            return {Json(true), {}};
        if (text.trimmed() == QLatin1String("false"))
            return {Json(false), {}};
        return {std::nullopt, QObject::tr("%1 takes true or false").arg(op)};
    case Operand::String:
    case Operand::Timestamp:
    case Operand::Path:
        return {Json(text.toStdString()), {}};
    }
    return {};
}

/** Keeps what it can of the old operand when the operator changes. */
Json convertOperand(const QString &op, const Json &old)
{
    switch (operandOf(op)) {
    case Operand::Number:
        return old.is_number() ? old : Json(0);
    case Operand::Boolean:
        return old.is_boolean() ? old : Json(true);
    case Operand::Timestamp:
        if (old.is_string() && QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT"))
                                   .match(QString::fromStdString(old.get<std::string>()))
                                   .hasMatch())
            return old;
        return Json("2026-01-01T00:00:00Z");
    case Operand::Path:
        if (old.is_string() && old.get<std::string>().rfind('$', 0) == 0)
            return old;
        return Json("$.other");
    case Operand::String:
        return old.is_string() && old.get<std::string>().rfind('$', 0) != 0 ? old : Json("");
    }
    return old;
}

} // namespace

ChoiceEditor::ChoiceEditor(Document *doc, const QString &step, QWidget *parent)
    : ListEditor(doc, step, QStringLiteral("Choices"), parent)
{
    build();
}

QString ChoiceEditor::comparisonOf(const Json &rule)
{
    if (!rule.is_object() || !rule.contains("Variable"))
        return {};
    QString found;
    for (const auto &[key, value] : rule.items()) {
        const QString k = QString::fromStdString(key);
        if (comparisons().contains(k)) {
            if (!found.isEmpty())
                return {}; // two comparisons in one rule: not something the form can show
            found = k;
        } else if (k != QLatin1String("Variable") && k != QLatin1String("Next") &&
                   k != QLatin1String("Comment") && k != QLatin1String("Assign")) {
            return {}; // And / Or / Not, or an unknown field
        }
    }
    return found;
}

std::optional<Json> ChoiceEditor::newEntry(QString *error) const
{
    for (const QString &s : scopeStates())
        if (s != step()) {
            if (jsonata())
                return Json{{"Condition", "{% $states.input.value = 1 %}"}, {"Next", s.toStdString()}};
            return Json{{"Variable", "$.value"}, {"StringEquals", "yes"}, {"Next", s.toStdString()}};
        }
    *error = tr("a rule needs a state to go to: add another state next to \"%1\" first").arg(step());
    return std::nullopt;
}

void ChoiceEditor::buildCard(int row, const Json &entry, QFormLayout *form)
{
    if (jsonata() || entry.contains("Condition")) {
        auto it = entry.find("Condition");
        addLineField(form, row, QStringLiteral("Condition"), tr("Condition"),
                     it == entry.end() ? QString() : displayText(&*it), Convert::jsonOrText,
                     tr("{% $states.input.total > 100 %}"));
        addNextField(form, row, entry);
        return;
    }
    const QString op = comparisonOf(entry);
    if (op.isEmpty()) {
        // And / Or / Not: shown as its JSON, without Next (which has its own field).
        Json rule = entry;
        rule.erase("Next");
        auto *json = new QLabel(QString::fromStdString(rule.dump(1)));
        json->setObjectName(fieldName(row, QStringLiteral("Rule")));
        json->setTextFormat(Qt::PlainText);
        json->setMinimumWidth(40);
        json->setWordWrap(true);
        json->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        mono.setPointSizeF(font().pointSizeF() * 0.9);
        json->setFont(mono);
        json->setToolTip(tr("A compound rule: use Edit as JSON to change it."));
        form->addRow(tr("Rule"), json);
        addNextField(form, row, entry);
        return;
    }
    auto variable = entry.find("Variable");
    addLineField(form, row, QStringLiteral("Variable"), tr("Variable"), displayText(&*variable),
                 Convert::text, QStringLiteral("$.status"));

    auto *opCombo = new QComboBox;
    opCombo->setObjectName(fieldName(row, QStringLiteral("Operator")));
    opCombo->addItems(comparisons());
    opCombo->setCurrentText(op);
    opCombo->setMaxVisibleItems(16);
    opCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    opCombo->setMinimumContentsLength(10);
    connect(opCombo, &QComboBox::textActivated, this, [this, row, op, opCombo](const QString &to) {
        if (to == op)
            return;
        Json list = currentEntries();
        if (row >= static_cast<int>(list.size()))
            return;
        // The new operator takes the old one's place, so the ASL diff is one line.
        Json rule = Json::object();
        for (const auto &[k, v] : list[static_cast<std::size_t>(row)].items())
            if (k == op.toStdString())
                rule[to.toStdString()] = convertOperand(to, v);
            else
                rule[k] = v;
        if (const QString problem = commitRow(row, rule); !problem.isEmpty()) {
            opCombo->setCurrentText(op);
            showProblem(row, QStringLiteral("Operator"), problem);
        }
    });
    form->addRow(tr("Operator"), opCombo);

    const Json &operand = entry[op.toStdString()];
    addLineField(
        form, row, op, tr("Value"), displayText(&operand),
        [op](const QString &text) { return valueFor(op, text); },
        operandOf(op) == Operand::Path ? QStringLiteral("$.other") : QString());
    addNextField(form, row, entry);
}

} // namespace egress::studio
