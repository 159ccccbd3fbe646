#pragma once

#include "asl/json.h"
#include "layout/boxes.h"

#include <QColor>
#include <QSizeF>
#include <QString>

namespace egress::studio {

/** How a step is drawn: by state type, and for tasks by what they call. */
enum class StepKind { Lambda, Http, AwsService, OtherTask, Pass, Choice, Wait, Succeed, Fail, Parallel, Map };

StepKind stepKindOf(const asl::Json &state);
QString stepKindLabel(StepKind kind);
/** The SVG icon in the resources (":/icons/kind-*.svg"). */
QString stepKindIcon(StepKind kind);
/** The accent colour of a kind; light and dark themes share it (chosen to read on both). */
QColor stepKindColor(StepKind kind);

bool isContainer(StepKind kind);
/** How a step of that kind is drawn: a step box or a container frame (the model's geometry, layout/boxes.h).
 */
layout::BoxShape boxShapeOf(StepKind kind);
/** The box of a step of that kind (containers: their title strip; the frame grows around the lanes). */
QSizeF stepBoxSize(StepKind kind);

} // namespace egress::studio
