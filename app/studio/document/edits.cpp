#include "edits.h"

#include "asl/edit.h"
#include "design/projectedit.h"
#include "document.h"
#include "layout/boxes.h"
#include "layout/layout.h"
#include "queries.h"
#include "stepkind.h"

#include <QCoreApplication>
#include <QRectF>
#include <QUndoCommand>
#include <QUndoStack>
#include <set>

namespace egress::studio {

namespace {

/** Merge ids of all mergeable commands, in one place. */
enum MergeId { MergeMove = 1, MergeProject = 2 };

QString tr(const char *text)
{
    return QCoreApplication::translate("Commands", text);
}

/**
 * A generic edit: the project before and after. Used for every structural change (add, remove, rename,
 * connect, fields, design data); the document diffs the two and emits the typed signals.
 */
class ProjectCommand : public QUndoCommand
{
public:
    ProjectCommand(Document &doc, const QString &text, design::Project before, design::Project after,
                   QString mergeKey = {})
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after)),
          m_mergeKey(std::move(mergeKey))
    {
    }

    void undo() override { m_doc.applyProject(m_before); }
    void redo() override { m_doc.applyProject(m_after); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : MergeProject; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const ProjectCommand *>(other);
        if (o->m_mergeKey != m_mergeKey)
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    Document &m_doc;
    design::Project m_before, m_after;
    QString m_mergeKey;
};

/** Moves: only the design entries of the moved steps (cheap to merge and to apply on 1,000 steps). */
class MoveCommand : public QUndoCommand
{
public:
    using Steps = std::map<std::string, design::StepDesign>;
    MoveCommand(Document &doc, const QString &text, Steps before, Steps after, bool mergeable)
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after)),
          m_mergeable(mergeable)
    {
    }

    void undo() override { m_doc.applyStepPlacements(m_before); }
    void redo() override { m_doc.applyStepPlacements(m_after); }
    int id() const override { return m_mergeable ? MergeMove : -1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const MoveCommand *>(other);
        if (!o->m_mergeable || o->m_after.size() != m_after.size())
            return false;
        for (const auto &[name, step] : o->m_after)
            if (!m_after.count(name))
                return false;
        m_after = o->m_after;
        return true;
    }

private:
    Document &m_doc;
    Steps m_before, m_after;
    bool m_mergeable;
};

/** The names plus every step nested in them. */
std::set<std::string> withNested(const Document &doc, const QStringList &names)
{
    std::set<std::string> out;
    for (const QString &name : names) {
        const std::string n = name.toStdString();
        const int i = doc.index().indexOf(n);
        if (i < 0)
            continue;
        out.insert(n);
        for (auto &nested : asl::nestedStates(doc.index(), i))
            out.insert(nested);
    }
    return out;
}

std::optional<QString> pushIfChanged(Document &doc, const QString &text, design::Project after,
                                     const QString &mergeKey = {})
{
    if (after == doc.project())
        return std::nullopt;
    doc.undoStack()->push(new ProjectCommand(doc, text, doc.project(), std::move(after), mergeKey));
    return std::nullopt;
}

std::optional<QString> fromError(const std::optional<std::string> &error)
{
    return error ? std::optional<QString>(QString::fromStdString(*error)) : std::nullopt;
}

} // namespace

namespace Edits {

void placeSteps(Document &doc, const std::map<QString, QPointF> &positions)
{
    MoveCommand::Steps before, after;
    bool placementChanged = false;
    for (const auto &[qname, pos] : positions) {
        const std::string name = qname.toStdString();
        if (doc.index().indexOf(name) < 0)
            continue;
        design::StepDesign step = doc.project().step(name);
        before[name] = step;
        step.position = std::array<double, 2>{pos.x(), pos.y()};
        step.placement = placementAt(doc, name, pos);
        placementChanged |= step.placement != before[name].placement;
        after[name] = step;
    }
    if (before == after)
        return;
    QString text = tr("Move steps");
    if (placementChanged)
        text = after.begin()->second.placement == design::Placement::InsideVpc ? tr("Move into the VPC")
                                                                               : tr("Move out of the VPC");
    doc.undoStack()->push(new MoveCommand(doc, text, std::move(before), std::move(after), false));
}

void moveSteps(Document &doc, const QStringList &names, QPointF delta, bool mergeWithPrevious)
{
    MoveCommand::Steps before, after;
    for (const auto &name : withNested(doc, names)) {
        design::StepDesign step = doc.project().step(name);
        before[name] = step;
        const auto p = step.position.value_or(std::array<double, 2>{0, 0});
        const QPointF pos(p[0] + delta.x(), p[1] + delta.y());
        step.position = std::array<double, 2>{pos.x(), pos.y()};
        step.placement = placementAt(doc, name, pos);
        after[name] = step;
    }
    if (before.empty() || before == after)
        return;
    doc.undoStack()->push(
        new MoveCommand(doc, tr("Move steps"), std::move(before), std::move(after), mergeWithPrevious));
}

std::optional<QString> addStep(Document &doc, const QString &scopePointer, const QString &baseName,
                               const asl::Json &state, QPointF position, design::Egress egress,
                               QString *error)
{
    design::Project after = doc.project();
    const std::string name = asl::uniqueStateName(doc.index(), baseName.toStdString());
    // Nested preset states (a Parallel's branches, a Map's processor) need machine-wide unique names too.
    asl::Json scope = asl::Json{{"States", asl::Json{{name, state}}}};
    auto pasted = asl::pasteStates(after.definition, scopePointer.toStdString(), scope["States"]);
    if (pasted.error) {
        if (error)
            *error = QString::fromStdString(*pasted.error);
        return std::nullopt;
    }
    // pasteStates keeps a fresh name as is, so the state is called `name`; lay out nested ones below it.
    const auto index = asl::WorkflowIndex::build(after.definition);
    const int added = index.indexOf(name);
    for (const auto &[oldName, newName] : pasted.renamed) {
        design::StepDesign step;
        step.position = std::array<double, 2>{position.x(), position.y()};
        const int i = index.indexOf(newName);
        const auto &entry = index.states()[static_cast<std::size_t>(i)];
        if (i != added) {
            const auto &scopeEntry = index.scopes()[static_cast<std::size_t>(entry.scope)];
            const int branch = std::max(0, scopeEntry.branch);
            int row = 0;
            for (int s : scopeEntry.states) {
                if (s == i)
                    break;
                ++row;
            }
            step.position =
                std::array<double, 2>{position.x() + 20 + branch * 220, position.y() + 90 + row * 80};
        }
        // Only a Lambda step is inside the VPC, when dropped there; every other state runs outside it.
        step.placement =
            layout::placementAt(after.vpc, {(*step.position)[0], (*step.position)[1]},
                                design::isVpcCapable(after, index, newName), design::Placement::OutsideVpc);
        // A new "Lambda invoke" says it reaches VPC resources: dropped outside the VPC that would be an
        // error at once that the user never chose. Outside it starts as a plain function (egress none).
        if (i == added)
            step.egress =
                egress == design::Egress::VpcPrivate && step.placement == design::Placement::OutsideVpc
                    ? design::Egress::None
                    : egress;
        after.steps[newName] = step;
    }
    doc.undoStack()->push(new ProjectCommand(doc, tr("Add %1").arg(QString::fromStdString(name)),
                                             doc.project(), std::move(after)));
    return QString::fromStdString(name);
}

QStringList removeSteps(Document &doc, const QStringList &names)
{
    design::Project after = doc.project();
    std::set<std::string> set;
    for (const QString &n : names)
        set.insert(n.toStdString());
    QStringList messages;
    for (const auto &m : design::removeSteps(after, set))
        messages << QString::fromStdString(m);
    pushIfChanged(doc, names.size() == 1 ? tr("Delete %1").arg(names.front()) : tr("Delete steps"),
                  std::move(after));
    return messages;
}

std::optional<QString> renameStep(Document &doc, const QString &from, const QString &to)
{
    design::Project after = doc.project();
    if (auto error = design::renameStep(after, from.toStdString(), to.toStdString()))
        return QString::fromStdString(*error);
    return pushIfChanged(doc, tr("Rename %1 to %2").arg(from, to), std::move(after));
}

std::optional<QString> connectSteps(Document &doc, const QString &from, const QString &to)
{
    design::Project after = doc.project();
    if (auto error = fromError(asl::connectStates(after.definition, from.toStdString(), to.toStdString())))
        return error;
    return pushIfChanged(doc, tr("Connect %1 → %2").arg(from, to), std::move(after));
}

std::optional<QString> retargetEdge(Document &doc, const QString &fieldPointer, const QString &to)
{
    design::Project after = doc.project();
    if (auto error = fromError(
            asl::retargetTransition(after.definition, fieldPointer.toStdString(), to.toStdString())))
        return error;
    return pushIfChanged(doc, tr("Reconnect to %1").arg(to), std::move(after));
}

std::optional<QString> removeEdge(Document &doc, const asl::Edge &edge)
{
    design::Project after = doc.project();
    if (auto error = fromError(asl::removeTransition(after.definition, edge)))
        return error;
    return pushIfChanged(doc, tr("Delete transition"), std::move(after));
}

std::optional<QString> setField(Document &doc, const QString &step, const QString &key,
                                const std::optional<asl::Json> &value)
{
    const asl::StateEntry *entry = doc.index().find(step.toStdString());
    if (!entry)
        return tr("there is no state named \"%1\"").arg(step);
    if (key == QLatin1String("Type"))
        return tr("the type of a state cannot be changed; add a new state instead");
    design::Project after = doc.project();
    asl::Json *state = asl::resolvePointer(after.definition, entry->pointer);
    if (!state || !state->is_object())
        return tr("\"%1\" is not a JSON object").arg(step);
    if (value)
        (*state)[key.toStdString()] = *value;
    else
        state->erase(key.toStdString());
    return pushIfChanged(doc, tr("Change %1 of %2").arg(key, step), std::move(after));
}

void setStepDesign(Document &doc, const QString &step, const design::StepDesign &stepDesign,
                   const QString &mergeKey)
{
    design::Project after = doc.project();
    after.steps[step.toStdString()] = stepDesign;
    pushIfChanged(doc, tr("Change design of %1").arg(step), std::move(after),
                  mergeKey.isEmpty() ? QString() : step + '/' + mergeKey);
}

void setVpc(Document &doc, const design::Vpc &vpc, bool moveContents)
{
    design::Project after = doc.project();
    const QPointF delta(vpc.rect[0] - after.vpc.rect[0], vpc.rect[1] - after.vpc.rect[1]);
    if (moveContents && !delta.isNull()) {
        for (auto &[name, step] : after.steps) {
            if (!step.position)
                continue;
            const layout::Point at{(*step.position)[0], (*step.position)[1]};
            if (layout::boxInsideVpc(after.vpc, at, boxShapeOf(stepKindIn(doc, name))))
                step.position = std::array<double, 2>{at.x + delta.x(), at.y + delta.y()};
        }
    }
    after.vpc = vpc;
    layout::refreshPlacements(after, doc.index());
    pushIfChanged(doc, moveContents ? tr("Move the VPC") : tr("Change the VPC"), std::move(after));
}

void setUsage(Document &doc, const design::Usage &usage, const QString &mergeKey)
{
    design::Project after = doc.project();
    after.usage = usage;
    pushIfChanged(doc, tr("Change usage"), std::move(after),
                  mergeKey.isEmpty() ? QString() : "usage/" + mergeKey);
}

void setProject(Document &doc, const QString &text, const design::Project &after, const QString &mergeKey)
{
    pushIfChanged(doc, text, after, mergeKey.isEmpty() ? QString() : "project/" + mergeKey);
}

void setProjectName(Document &doc, const QString &name)
{
    design::Project after = doc.project();
    after.name = name.toStdString();
    pushIfChanged(doc, tr("Rename project"), std::move(after));
}

QStringList autoLayout(Document &doc)
{
    design::Project after = doc.project();
    layout::autoLayout(after);
    layout::refreshPlacements(after, doc.index());
    QStringList changed;
    for (const auto &[name, step] : after.steps)
        if (doc.project().step(name).placement != step.placement)
            changed << QString::fromStdString(name);
    pushIfChanged(doc, tr("Auto-layout"), std::move(after));
    return changed;
}

void alignSteps(Document &doc, const QStringList &names, Alignment alignment)
{
    if (names.size() < 2)
        return;
    std::vector<std::pair<QString, QRectF>> boxes;
    QRectF bounds;
    for (const QString &name : names) {
        const auto step = doc.project().step(name.toStdString());
        const auto p = step.position.value_or(std::array<double, 2>{0, 0});
        const QRectF box(QPointF(p[0], p[1]), stepBoxSize(stepKindIn(doc, name.toStdString())));
        boxes.emplace_back(name, box);
        bounds = bounds.isNull() ? box : bounds.united(box);
    }
    std::map<QString, QPointF> positions;
    for (auto &[name, box] : boxes) {
        QRectF b = box;
        switch (alignment) {
        case Alignment::Left:
            b.moveLeft(bounds.left());
            break;
        case Alignment::HCenter:
            b.moveCenter({bounds.center().x(), b.center().y()});
            break;
        case Alignment::Right:
            b.moveRight(bounds.right());
            break;
        case Alignment::Top:
            b.moveTop(bounds.top());
            break;
        case Alignment::VCenter:
            b.moveCenter({b.center().x(), bounds.center().y()});
            break;
        case Alignment::Bottom:
            b.moveBottom(bounds.bottom());
            break;
        }
        positions[name] = b.topLeft();
    }
    placeSteps(doc, positions);
}

QStringList pasteSteps(Document &doc, const design::Project &clip, const QString &scopePointer,
                       QPointF offset, QString *error)
{
    design::Project after = doc.project();
    auto outcome = design::pasteSteps(after, scopePointer.toStdString(), clip, offset.x(), offset.y());
    if (outcome.error) {
        if (error)
            *error = QString::fromStdString(*outcome.error);
        return {};
    }
    QStringList added;
    for (const auto &n : outcome.added)
        added << QString::fromStdString(n);
    pushIfChanged(doc, tr("Paste %n step(s)").replace("%n", QString::number(added.size())), std::move(after));
    return added;
}

} // namespace Edits

} // namespace egress::studio
