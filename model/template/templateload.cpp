#include "template/templateload.h"

#include "asl/validator.h"
#include "layout/layout.h"
#include "template/derive.h"

namespace egress::tmpl {

TemplateLoad loadTemplateProject(const std::string &path, const std::string &stateMachine,
                                 const std::string &projectPath)
{
    TemplateLoad out;
    TemplateRead read = readTemplate(path);
    out.problems = read.problems;
    if (!read)
        return out;
    bool ambiguous = false;
    const auto chosen = chooseStateMachine(*read.value, stateMachine, out.error, ambiguous);
    if (!chosen) {
        if (ambiguous)
            out.choices = listStateMachines(*read.value);
        return out;
    }
    TemplateImport imported = importStateMachine(*read.value, *chosen, templatePathFor(path, projectPath));
    out.problems.insert(out.problems.end(), imported.problems.begin(), imported.problems.end());
    out.notes = imported.notes;
    if (!imported)
        return out;
    for (const auto &problem :
         asl::validateDefinition(imported.project->definition, imported.definition.definitionFile))
        out.definitionProblems.push_back(locateInTemplate(*read.value, imported.definition, problem));
    layout::autoLayout(*imported.project);
    out.project = std::move(imported.project);
    return out;
}

design::Project mergeReimport(const design::Project &current, design::Project fresh)
{
    for (auto &[name, step] : fresh.steps) {
        const auto old = current.steps.find(name);
        if (old != current.steps.end() && old->second.position)
            step.position = old->second.position;
    }
    fresh.vpc.rect = current.vpc.rect;
    fresh.name = current.name;
    fresh.priceTable = current.priceTable;
    fresh.priceOverrides = current.priceOverrides;
    fresh.usage.region = current.usage.region;
    fresh.usage.freeTier = current.usage.freeTier;
    fresh.extra = current.extra;
    if (current.source)
        fresh.source->templatePath = current.source->templatePath;
    return fresh;
}

} // namespace egress::tmpl
