#include "design/projectedit.h"

#include "asl/edit.h"
#include "asl/workflow.h"

namespace egress::design {

std::optional<std::string> renameStep(Project &project, const std::string &from, const std::string &to)
{
    if (auto error = asl::renameState(project.definition, from, to))
        return error;
    if (auto node = project.steps.extract(from)) {
        node.key() = to;
        project.steps.insert(std::move(node));
    }
    return std::nullopt;
}

std::vector<std::string> removeSteps(Project &project, const std::set<std::string> &names)
{
    const auto index = asl::WorkflowIndex::build(project.definition);
    std::set<std::string> all = names;
    for (const auto &name : names)
        if (int i = index.indexOf(name); i >= 0)
            for (auto &nested : asl::nestedStates(index, i))
                all.insert(nested);
    auto messages = asl::removeStates(project.definition, names);
    for (const auto &name : all)
        project.steps.erase(name);
    return messages;
}

bool isVpcCapable(const Project &project, const std::string &name)
{
    return isVpcCapable(project, asl::WorkflowIndex::build(project.definition), name);
}

bool isVpcCapable(const Project &project, const asl::WorkflowIndex &index, const std::string &name)
{
    const asl::StateEntry *entry = index.find(name);
    const Json *state = entry ? asl::stateJson(project.definition, *entry) : nullptr;
    return state && asl::classifyTask(*state) == asl::TaskKind::Lambda;
}

Project extractSteps(const Project &project, const std::set<std::string> &names)
{
    Project clip;
    clip.name = project.name;
    clip.vpc = project.vpc;
    clip.usage = project.usage;
    Json states = asl::copyStates(project.definition, names);
    clip.definition = Json::object();
    clip.definition["StartAt"] = states.empty() ? std::string() : states.begin().key();
    clip.definition["States"] = states;
    const auto clipIndex = asl::WorkflowIndex::build(clip.definition);
    for (const auto &state : clipIndex.states())
        if (auto it = project.steps.find(state.name); it != project.steps.end())
            clip.steps.emplace(state.name, it->second);
    return clip;
}

PasteOutcome pasteSteps(Project &project, const std::string &scopePointer, const Project &clip, double dx,
                        double dy)
{
    PasteOutcome outcome;
    const auto statesIt = clip.definition.find("States");
    if (statesIt == clip.definition.end() || !statesIt->is_object() || statesIt->empty()) {
        outcome.error = "there are no states to paste";
        return outcome;
    }
    auto pasted = asl::pasteStates(project.definition, scopePointer, *statesIt);
    if (pasted.error) {
        outcome.error = pasted.error;
        return outcome;
    }
    for (const auto &[oldName, newName] : pasted.renamed) {
        StepDesign step = clip.step(oldName);
        if (step.position)
            step.position = std::array<double, 2>{(*step.position)[0] + dx, (*step.position)[1] + dy};
        project.steps[newName] = step;
        outcome.added.push_back(newName);
    }
    return outcome;
}

} // namespace egress::design
