#pragma once

#include "asl/json.h"
#include "design/project.h"
#include "stepkind.h"

#include <QString>
#include <vector>

namespace egress::studio {

/** A palette entry: a state type or a ready-made task, with the design data a new step of it gets. */
struct Preset
{
    QString id;       ///< stable, used in the drag mime data
    QString title;    ///< shown in the palette
    QString group;    ///< "Flow", "Tasks", ...
    QString baseName; ///< the new state's name before it is made unique
    QString tooltip;
    asl::Json state;
    design::Egress egress = design::Egress::None;
    StepKind kind() const { return stepKindOf(state); }
};

const std::vector<Preset> &presets();
/** A ready-made entry, or an AWS SDK action ("sdk:dynamodb:putItem", see sdkactions.h). */
const Preset *presetById(const QString &id);

/** The mime type of a palette drag; the payload is the preset id. */
inline constexpr const char *kPresetMimeType = "application/x-egress-preset";

} // namespace egress::studio
