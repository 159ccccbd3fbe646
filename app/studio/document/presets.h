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

/**
 * The state a new step of the preset gets in `definition`: as written (JSONPath), or in a workflow whose
 * QueryLanguage is JSONata with Arguments for Parameters, Items for ItemsPath and {% $states.input… %} for
 * each "Key.$": "$.path" — JSONata states reject the JSONPath fields.
 */
asl::Json presetStateFor(const Preset &preset, const asl::Json &definition);

/** The mime type of a palette drag; the payload is the preset id. */
inline constexpr const char *kPresetMimeType = "application/x-egress-preset";

} // namespace egress::studio
