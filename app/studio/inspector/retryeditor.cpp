#include "retryeditor.h"

#include <QComboBox>
#include <QFormLayout>

namespace egress::studio {

using asl::Json;

RetryEditor::RetryEditor(Document *doc, const QString &step, QWidget *parent)
    : ListEditor(doc, step, QStringLiteral("Retry"), parent)
{
    build();
}

std::optional<Json> RetryEditor::newEntry(QString *) const
{
    // The values AWS suggests for transient Lambda and service errors.
    return Json{{"ErrorEquals", Json::array({"States.TaskFailed"})},
                {"IntervalSeconds", 2},
                {"MaxAttempts", 3},
                {"BackoffRate", 2}};
}

void RetryEditor::buildCard(int row, const Json &entry, QFormLayout *form)
{
    auto text = [&](const char *key) {
        auto it = entry.find(key);
        return it == entry.end() ? QString() : displayText(&*it);
    };
    addErrorEqualsField(form, row, entry);
    addLineField(form, row, QStringLiteral("IntervalSeconds"), tr("Interval"), text("IntervalSeconds"),
                 Convert::number, tr("1 s (default)"));
    addLineField(form, row, QStringLiteral("MaxAttempts"), tr("Max attempts"), text("MaxAttempts"),
                 Convert::number, tr("3 (default); 0 = never retry"));
    addLineField(form, row, QStringLiteral("BackoffRate"), tr("Backoff rate"), text("BackoffRate"),
                 Convert::number, tr("2.0 (default)"));
    addLineField(form, row, QStringLiteral("MaxDelaySeconds"), tr("Max delay"), text("MaxDelaySeconds"),
                 Convert::number, tr("no limit"));
    addComboField(form, row, QStringLiteral("JitterStrategy"), tr("Jitter"),
                  {{tr("(default: none)"), Json()},
                   {QStringLiteral("FULL"), Json("FULL")},
                   {QStringLiteral("NONE"), Json("NONE")}},
                  entry.value("JitterStrategy", Json()));
}

CatchEditor::CatchEditor(Document *doc, const QString &step, QWidget *parent)
    : ListEditor(doc, step, QStringLiteral("Catch"), parent)
{
    build();
}

std::optional<Json> CatchEditor::newEntry(QString *error) const
{
    for (const QString &s : scopeStates())
        if (s != step()) {
            Json entry{{"ErrorEquals", Json::array({"States.ALL"})}, {"Next", s.toStdString()}};
            if (!jsonata())
                entry["ResultPath"] = "$.error";
            return entry;
        }
    *error = tr("a catcher needs a state to go to: add another state next to \"%1\" first").arg(step());
    return std::nullopt;
}

void CatchEditor::buildCard(int row, const Json &entry, QFormLayout *form)
{
    auto text = [&](const char *key) {
        auto it = entry.find(key);
        return it == entry.end() ? QString() : displayText(&*it);
    };
    addErrorEqualsField(form, row, entry);
    addNextField(form, row, entry);
    if (jsonata()) {
        addLineField(form, row, QStringLiteral("Output"), tr("Output"), text("Output"), Convert::jsonOrText,
                     tr("{% $states.errorOutput %} (default)"));
    } else {
        addLineField(form, row, QStringLiteral("ResultPath"), tr("Result path"), text("ResultPath"),
                     Convert::path, tr("$ (default: the error replaces the input)"));
    }
    addLineField(form, row, QStringLiteral("Assign"), tr("Assign"), text("Assign"), Convert::jsonObject,
                 tr("{\"name\": value, ...}"));
}

} // namespace egress::studio
