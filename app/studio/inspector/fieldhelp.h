#pragma once

#include "stepkind.h"

#include <QString>

class QWidget;

namespace egress::studio {

/** One line on what a kind of step does, shown under the Inspector's header. */
QString stepKindHelp(StepKind kind);

/**
 * One line on a field the Inspector shows, by its key: an ASL field ("Resource", "MaxAttempts"), a design or
 * project field ("design.memoryMb", "usage.region") or "iamAction". Empty when the table has none.
 */
QString fieldHelp(const QString &key);

/**
 * Gives every field of an Inspector page with a help line its tooltip, and the label of its form row the
 * same one. A field is found by its object name ("field.Resource", "json.Parameters", "retry.0.MaxAttempts":
 * the whole name, then its last part); tooltips a widget already has are kept.
 */
void applyFieldHelp(QWidget *page);

} // namespace egress::studio
