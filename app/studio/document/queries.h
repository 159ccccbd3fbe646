#pragma once

#include "asl/workflow.h"
#include "design/project.h"
#include "stepkind.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <utility>

namespace egress::studio {

class Document;

// Questions the UI asks about a document. They change nothing, so they live apart from the edits (edits.h).

/** The kind of a step by name (OtherTask when there is no such step). */
StepKind stepKindIn(const Document &doc, const std::string &name);
/** Would a step with its top-left at `position` lie inside the VPC? (layout::boxInsideVpc; only meaningful
 * for VPC-capable steps) */
bool boxInsideVpc(const Document &doc, const QString &step, QPointF position);
/** The placement a step gets with its top-left at `position` (the model's rule, layout::placementAt). */
design::Placement placementAt(const Document &doc, const std::string &step, QPointF position);
/** Lambda steps nested (at any depth) in a Parallel or Map: inside and outside the VPC, by placement. */
std::pair<QStringList, QStringList> nestedLambdaPlacements(const Document &doc, const QString &container);
/** The Parallel or Map states holding a step, innermost first. */
QStringList containersOf(const Document &doc, const QString &step);

} // namespace egress::studio
