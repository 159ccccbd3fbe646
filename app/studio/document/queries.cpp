#include "queries.h"

#include "asl/edit.h"
#include "design/projectedit.h"
#include "document.h"
#include "layout/boxes.h"
#include "layoutqt.h"

namespace egress::studio {

StepKind stepKindIn(const Document &doc, const std::string &name)
{
    const asl::StateEntry *entry = doc.index().find(name);
    const asl::Json *json = entry ? asl::stateJson(doc.project().definition, *entry) : nullptr;
    return json ? stepKindOf(*json) : StepKind::OtherTask;
}

bool boxInsideVpc(const Document &doc, const QString &step, QPointF position)
{
    const StepKind kind = stepKindIn(doc, step.toStdString());
    return layout::boxInsideVpc(doc.project().vpc, toModel(position), boxShapeOf(kind));
}

design::Placement placementAt(const Document &doc, const std::string &step, QPointF position)
{
    return layout::placementAt(doc.project().vpc, toModel(position),
                               design::isVpcCapable(doc.project(), doc.index(), step),
                               doc.project().step(step).placement);
}

std::pair<QStringList, QStringList> nestedLambdaPlacements(const Document &doc, const QString &container)
{
    std::pair<QStringList, QStringList> out;
    const int i = doc.index().indexOf(container.toStdString());
    if (i < 0)
        return out;
    for (const std::string &name : asl::nestedStates(doc.index(), i))
        if (stepKindIn(doc, name) == StepKind::Lambda)
            (doc.project().step(name).placement == design::Placement::InsideVpc ? out.first : out.second)
                << QString::fromStdString(name);
    return out;
}

QStringList containersOf(const Document &doc, const QString &step)
{
    QStringList out;
    const auto &index = doc.index();
    const asl::StateEntry *entry = index.find(step.toStdString());
    for (int scope = entry ? entry->scope : 0;;) {
        const int owner = index.scopes()[static_cast<std::size_t>(scope)].ownerState;
        if (owner < 0)
            return out;
        out << QString::fromStdString(index.states()[static_cast<std::size_t>(owner)].name);
        scope = index.states()[static_cast<std::size_t>(owner)].scope;
    }
}

} // namespace egress::studio
