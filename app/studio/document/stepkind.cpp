#include "stepkind.h"

#include "asl/workflow.h"
#include "layout/boxes.h"
#include "layoutqt.h"

namespace egress::studio {

StepKind stepKindOf(const asl::Json &state)
{
    const std::string type = state.is_object() ? state.value("Type", std::string()) : std::string();
    switch (asl::stateTypeFromString(type)) {
    case asl::StateType::Task:
        switch (asl::classifyTask(state)) {
        case asl::TaskKind::Lambda:
            return StepKind::Lambda;
        case asl::TaskKind::Http:
            return StepKind::Http;
        case asl::TaskKind::AwsService:
            return StepKind::AwsService;
        default:
            return StepKind::OtherTask;
        }
    case asl::StateType::Pass:
        return StepKind::Pass;
    case asl::StateType::Choice:
        return StepKind::Choice;
    case asl::StateType::Wait:
        return StepKind::Wait;
    case asl::StateType::Succeed:
        return StepKind::Succeed;
    case asl::StateType::Fail:
        return StepKind::Fail;
    case asl::StateType::Parallel:
        return StepKind::Parallel;
    case asl::StateType::Map:
        return StepKind::Map;
    case asl::StateType::Unknown:
        break;
    }
    return StepKind::OtherTask;
}

QString stepKindLabel(StepKind kind)
{
    switch (kind) {
    case StepKind::Lambda:
        return QStringLiteral("Lambda");
    case StepKind::Http:
        return QStringLiteral("HTTP Task");
    case StepKind::AwsService:
        return QStringLiteral("AWS service");
    case StepKind::OtherTask:
        return QStringLiteral("Task");
    case StepKind::Pass:
        return QStringLiteral("Pass");
    case StepKind::Choice:
        return QStringLiteral("Choice");
    case StepKind::Wait:
        return QStringLiteral("Wait");
    case StepKind::Succeed:
        return QStringLiteral("Succeed");
    case StepKind::Fail:
        return QStringLiteral("Fail");
    case StepKind::Parallel:
        return QStringLiteral("Parallel");
    case StepKind::Map:
        return QStringLiteral("Map");
    }
    return {};
}

QString stepKindIcon(StepKind kind)
{
    static const char *const names[] = {"lambda", "http",    "aws-service", "task",     "pass", "choice",
                                        "wait",   "succeed", "fail",        "parallel", "map"};
    return QStringLiteral(":/icons/kind-%1.svg").arg(QLatin1String(names[static_cast<int>(kind)]));
}

QColor stepKindColor(StepKind kind)
{
    switch (kind) {
    case StepKind::Lambda:
        return QColor(0xE0, 0x7B, 0x00); // Lambda orange
    case StepKind::Http:
        return QColor(0x2E, 0x86, 0xDE);
    case StepKind::AwsService:
        return QColor(0xC7, 0x2C, 0x8A);
    case StepKind::OtherTask:
        return QColor(0x6B, 0x77, 0x85);
    case StepKind::Pass:
        return QColor(0x5B, 0x8C, 0x5A);
    case StepKind::Choice:
        return QColor(0x8E, 0x5C, 0xD9);
    case StepKind::Wait:
        return QColor(0x1F, 0x9A, 0x9A);
    case StepKind::Succeed:
        return QColor(0x2E, 0x9D, 0x4E);
    case StepKind::Fail:
        return QColor(0xD6, 0x3B, 0x3B);
    case StepKind::Parallel:
        return QColor(0x3F, 0x6F, 0xB5);
    case StepKind::Map:
        return QColor(0x3F, 0x6F, 0xB5);
    }
    return Qt::gray;
}

bool isContainer(StepKind kind)
{
    return kind == StepKind::Parallel || kind == StepKind::Map;
}

layout::BoxShape boxShapeOf(StepKind kind)
{
    return isContainer(kind) ? layout::BoxShape::Container : layout::BoxShape::Step;
}

QSizeF stepBoxSize(StepKind kind)
{
    return toQt(layout::stepBoxSize(boxShapeOf(kind)));
}

} // namespace egress::studio
