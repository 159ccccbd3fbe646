#include "fieldhelp.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QWidget>

namespace egress::studio {

namespace {

QString helpTr(const char *text)
{
    return QCoreApplication::translate("FieldHelp", text);
}

/** The table: one line per field, in the words of the Amazon States Language spec and the cost model. */
const QHash<QString, const char *> &helpTable()
{
    static const QHash<QString, const char *> table = {
        // Every state
        {"Name",
         QT_TRANSLATE_NOOP("FieldHelp", "The state's name: unique in the workflow, at most 80 characters")},
        {"Comment", QT_TRANSLATE_NOOP("FieldHelp", "A note for readers; Step Functions ignores it")},
        {"Next", QT_TRANSLATE_NOOP("FieldHelp", "The state that runs next")},
        // Task
        {"Resource",
         QT_TRANSLATE_NOOP("FieldHelp", "What the Task calls: an integration ARN "
                                        "(arn:aws:states:::service:action), a Lambda or activity ARN")},
        {"iamAction",
         QT_TRANSLATE_NOOP("FieldHelp", "What the state machine's role must allow for this step; "
                                        "the CloudFormation export grants it")},
        {"Parameters",
         QT_TRANSLATE_NOOP("FieldHelp", "The request sent to the Resource (JSONPath: keys ending "
                                        "in .$ take a path or intrinsic)")},
        {"Arguments", QT_TRANSLATE_NOOP("FieldHelp", "The request sent to the Resource; {% … %} strings are "
                                                     "JSONata expressions")},
        {"TimeoutSeconds", QT_TRANSLATE_NOOP("FieldHelp", "Fails the Task with States.Timeout after this "
                                                          "many seconds")},
        {"HeartbeatSeconds",
         QT_TRANSLATE_NOOP("FieldHelp", "Fails the Task with States.HeartbeatTimeout when "
                                        "no heartbeat arrives for this long")},
        // Pass
        {"Result", QT_TRANSLATE_NOOP("FieldHelp", "A fixed output instead of the input")},
        {"Output", QT_TRANSLATE_NOOP("FieldHelp", "The state's output (JSONata expression or value)")},
        // Choice
        {"Choices",
         QT_TRANSLATE_NOOP("FieldHelp", "Rules tried in order; the first that matches picks Next")},
        {"Rules", QT_TRANSLATE_NOOP("FieldHelp", "Rules tried in order; the first that matches picks Next")},
        {"Default", QT_TRANSLATE_NOOP("FieldHelp", "Where to go when no rule matches")},
        {"Rule", QT_TRANSLATE_NOOP("FieldHelp", "The comparison as JSON (Variable, an operator, Next)")},
        {"Variable", QT_TRANSLATE_NOOP("FieldHelp", "The path of the input value the rule compares")},
        {"Operator", QT_TRANSLATE_NOOP("FieldHelp", "How the value is compared")},
        {"Condition",
         QT_TRANSLATE_NOOP("FieldHelp", "A JSONata expression; the rule matches when it is true")},
        // Wait
        {"Seconds", QT_TRANSLATE_NOOP("FieldHelp", "Waits this many seconds")},
        {"Timestamp",
         QT_TRANSLATE_NOOP("FieldHelp", "Waits until this time (ISO 8601, e.g. 2026-01-31T09:00:00Z)")},
        {"SecondsPath",
         QT_TRANSLATE_NOOP("FieldHelp", "Waits the number of seconds found at this input path")},
        {"TimestampPath",
         QT_TRANSLATE_NOOP("FieldHelp", "Waits until the timestamp found at this input path")},
        // Fail
        {"Error",
         QT_TRANSLATE_NOOP("FieldHelp", "The error name the execution fails with (for Catch and alarms)")},
        {"Cause", QT_TRANSLATE_NOOP("FieldHelp", "A human-readable reason for the failure")},
        // Map
        {"ItemsPath",
         QT_TRANSLATE_NOOP("FieldHelp", "The input array whose items the Map runs its steps for")},
        {"MaxConcurrency",
         QT_TRANSLATE_NOOP("FieldHelp", "How many items run at once (0: as many as possible)")},
        {"ToleratedFailurePercentage",
         QT_TRANSLATE_NOOP("FieldHelp", "The share of failed items the Map accepts before it fails")},
        {"ItemReader", QT_TRANSLATE_NOOP("FieldHelp", "Where a distributed Map reads its items (an S3 object "
                                                      "or listing)")},
        {"ItemSelector", QT_TRANSLATE_NOOP("FieldHelp", "Reshapes each item before its steps run")},
        {"Mode", QT_TRANSLATE_NOOP("FieldHelp", "INLINE runs items in this execution (at most 40 at once); "
                                                "DISTRIBUTED starts child executions")},
        // Input and output
        {"InputPath",
         QT_TRANSLATE_NOOP("FieldHelp", "The part of the input the state works on ($ is all of it)")},
        {"ResultPath", QT_TRANSLATE_NOOP("FieldHelp", "Where the result goes in the input "
                                                      "($: replaces it, null: discards the result)")},
        {"ResultSelector", QT_TRANSLATE_NOOP("FieldHelp", "Picks fields of the result before ResultPath")},
        {"OutputPath", QT_TRANSLATE_NOOP("FieldHelp", "The part of the state's output passed on")},
        // Retry and Catch
        {"Retry", QT_TRANSLATE_NOOP("FieldHelp", "Retries the step on the listed errors; each attempt is "
                                                 "billed as a transition")},
        {"Catch", QT_TRANSLATE_NOOP("FieldHelp", "Where to go when the step fails with the listed errors "
                                                 "(after its retries)")},
        {"ErrorEquals",
         QT_TRANSLATE_NOOP("FieldHelp", "The error names this entry handles (States.ALL: any)")},
        {"IntervalSeconds", QT_TRANSLATE_NOOP("FieldHelp", "Seconds before the first retry")},
        {"MaxAttempts", QT_TRANSLATE_NOOP("FieldHelp", "How many retries at most (0: never)")},
        {"BackoffRate", QT_TRANSLATE_NOOP("FieldHelp", "The interval is multiplied by this after each retry "
                                                       "(at least 1)")},
        {"MaxDelaySeconds", QT_TRANSLATE_NOOP("FieldHelp", "The longest wait between retries")},
        {"JitterStrategy", QT_TRANSLATE_NOOP("FieldHelp", "FULL randomises the waits so retries do not "
                                                          "arrive together")},
        {"Assign", QT_TRANSLATE_NOOP("FieldHelp", "Workflow variables set when this entry applies")},
        // Design data (the cost model)
        {"design.placement", QT_TRANSLATE_NOOP("FieldHelp", "Where the function runs: its box inside or "
                                                            "outside the VPC region decides")},
        {"design.function",
         QT_TRANSLATE_NOOP("FieldHelp", "The template's function resource behind this step")},
        {"design.egress", QT_TRANSLATE_NOOP("FieldHelp", "What the function's calls go to: it decides which "
                                                         "ways out of the VPC the step needs")},
        {"design.memoryMb", QT_TRANSLATE_NOOP("FieldHelp", "The function's memory: Lambda bills GB-seconds")},
        {"design.architecture", QT_TRANSLATE_NOOP("FieldHelp", "arm64 (Graviton) costs less per GB-second "
                                                               "than x86_64")},
        {"design.durationMs", QT_TRANSLATE_NOOP("FieldHelp", "How long one run of the step takes")},
        {"design.requestKb", QT_TRANSLATE_NOOP("FieldHelp", "Data the step sends per run: it goes through "
                                                            "the NAT gateway or endpoint")},
        {"design.responseKb", QT_TRANSLATE_NOOP("FieldHelp", "Data the step receives per run")},
        {"design.failureRate", QT_TRANSLATE_NOOP("FieldHelp", "Share of runs that fail: Retry and Catch "
                                                              "add transitions for them")},
        {"design.mapItems", QT_TRANSLATE_NOOP("FieldHelp", "Items the Map processes per execution, for "
                                                           "the cost")},
        {"design.choiceWeights", QT_TRANSLATE_NOOP("FieldHelp", "How often each rule matches (0–1), in "
                                                                "order; empty: uniform")},
        // The project page
        {"project.name", QT_TRANSLATE_NOOP("FieldHelp", "The project's name, used for exported resources")},
        {"project.source", QT_TRANSLATE_NOOP("FieldHelp", "The CloudFormation template the design was "
                                                          "imported from")},
        {"project.importNotes", QT_TRANSLATE_NOOP("FieldHelp", "What the import could not carry over")},
        {"vpc.name", QT_TRANSLATE_NOOP("FieldHelp", "The VPC's name in the drawing and the export")},
        {"vpc.availabilityZones", QT_TRANSLATE_NOOP("FieldHelp", "One NAT gateway per zone is billed by "
                                                                 "the hour")},
        {"usage.executionsPerMonth", QT_TRANSLATE_NOOP("FieldHelp", "Workflow runs per month: every cost "
                                                                    "scales with it")},
        {"usage.region", QT_TRANSLATE_NOOP("FieldHelp", "The AWS region whose prices apply")},
    };
    return table;
}

/** The help of a widget by its object name, or of the first named widget inside it. */
QString helpFor(const QWidget *widget)
{
    QList<const QWidget *> candidates{widget};
    for (const QWidget *child : widget->findChildren<QWidget *>())
        candidates << child;
    for (const QWidget *w : candidates) {
        const QString name = w->objectName();
        if (name.isEmpty())
            continue;
        QString help = fieldHelp(name);
        if (help.isEmpty())
            help = fieldHelp(name.section(QLatin1Char('.'), -1));
        if (!help.isEmpty())
            return help;
    }
    return {};
}

} // namespace

QString stepKindHelp(StepKind kind)
{
    switch (kind) {
    case StepKind::Lambda:
        return helpTr(
            "A Task that invokes a Lambda function: the only kind of step that can run inside the VPC.");
    case StepKind::Http:
        return helpTr(
            "A Task in which Step Functions calls an HTTPS API itself: no function, no NAT gateway.");
    case StepKind::AwsService:
        return helpTr("A Task in which Step Functions calls an AWS service's API directly, outside the VPC.");
    case StepKind::OtherTask:
        return helpTr(
            "A Task calling an activity, a placeholder or a resource the designer does not classify.");
    case StepKind::Pass:
        return helpTr(
            "Passes its input on, optionally reshaped or replaced by a fixed result: costs a transition.");
    case StepKind::Choice:
        return helpTr("Picks the next state by rules on the input; the first rule that matches wins.");
    case StepKind::Wait:
        return helpTr("Pauses for a time or until a timestamp; Standard workflows do not bill the wait.");
    case StepKind::Succeed:
        return helpTr("Ends this branch or the execution successfully.");
    case StepKind::Fail:
        return helpTr("Ends the execution as failed, with an error name and cause.");
    case StepKind::Parallel:
        return helpTr("Runs its branches at the same time and waits for all of them.");
    case StepKind::Map:
        return helpTr("Runs its steps once for each item of an array or data set.");
    }
    return {};
}

QString fieldHelp(const QString &key)
{
    const auto &table = helpTable();
    const auto it = table.constFind(key);
    return it == table.constEnd() ? QString() : helpTr(it.value());
}

void applyFieldHelp(QWidget *page)
{
    for (QFormLayout *form : page->findChildren<QFormLayout *>()) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *fieldItem = form->itemAt(row, QFormLayout::FieldRole);
            QLayoutItem *labelItem = form->itemAt(row, QFormLayout::LabelRole);
            QWidget *field = fieldItem ? fieldItem->widget() : nullptr;
            if (!field)
                continue;
            const QString help = helpFor(field);
            if (help.isEmpty())
                continue;
            if (QWidget *label = labelItem ? labelItem->widget() : nullptr;
                label && label->toolTip().isEmpty())
                label->setToolTip(help);
        }
    }
    // Every named field, including those of the Retry, Catch and rule cards.
    for (QWidget *w : page->findChildren<QWidget *>()) {
        if (w->objectName().isEmpty() || !w->toolTip().isEmpty())
            continue;
        QString help = fieldHelp(w->objectName());
        if (help.isEmpty())
            help = fieldHelp(w->objectName().section(QLatin1Char('.'), -1));
        if (!help.isEmpty())
            w->setToolTip(help);
    }
    // The list sections (Retry, Catch, Rules) by their title.
    for (QGroupBox *box : page->findChildren<QGroupBox *>())
        if (box->toolTip().isEmpty())
            box->setToolTip(fieldHelp(box->title()));
}

} // namespace egress::studio
