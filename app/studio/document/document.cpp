#include "document.h"

#include "analysis.h"
#include "design/projectio.h"
#include "input/inputload.h"
#include "template/derive.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>
#include <set>

namespace egress::studio {

Document::Document(QObject *parent) : QObject(parent), m_undoStack(new QUndoStack(this)), m_analysis(nullptr)
{
    m_analysis = new Analysis(this); // after the stack: it connects to this document's signals
    m_index = asl::WorkflowIndex::build(m_project.definition);
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

Document::~Document() = default;

QString Document::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool Document::isModified() const
{
    return !m_undoStack->isClean();
}

void Document::resetProject(const design::Project &project, const QString &filePath, bool modified)
{
    m_undoStack->clear();
    m_project = project;
    m_index = asl::WorkflowIndex::build(m_project.definition);
    m_filePath = filePath;
    if (modified)
        m_undoStack->resetClean(); // clean at an index no command reaches: "modified" until saved
    else
        m_undoStack->setClean();
    emit projectReset();
    emit filePathChanged(m_filePath);
    emit modifiedChanged(isModified());
}

std::optional<QString> Document::save(const QString &filePath)
{
    // An imported template's path is kept relative to the project file's folder (docs/project-format.md).
    if (m_project.source) {
        QString templatePath = QString::fromStdString(m_project.source->templatePath);
        if (QFileInfo(templatePath).isRelative() && !m_filePath.isEmpty())
            templatePath = QFileInfo(m_filePath).dir().filePath(templatePath);
        m_project.source->templatePath =
            tmpl::templatePathFor(templatePath.toStdString(), filePath.toStdString());
    }
    if (auto error = design::saveProject(m_project, filePath.toStdString()))
        return QString::fromStdString(*error);
    m_filePath = filePath;
    m_undoStack->setClean();
    emit filePathChanged(m_filePath);
    emit modifiedChanged(false);
    return std::nullopt;
}

Document::Loaded Document::load(const QString &filePath, const QString &stateMachine,
                                const QString &projectPath)
{
    // The model's loader, as egress-cli opens its inputs: the same kinds of file, the same messages.
    input::InputLoad load =
        input::loadInput(filePath.toStdString(), {stateMachine.toStdString(), projectPath.toStdString(), {}});
    Loaded loaded;
    loaded.wasProject = load.kind == input::InputKind::Project;
    loaded.wasTemplate = load.kind == input::InputKind::Template;
    for (const std::string &machine : load.stateMachines)
        loaded.stateMachines << QString::fromStdString(machine);
    for (const auto &note : load.notes)
        loaded.notes << QString::fromStdString(note.toString());
    loaded.error = QString::fromStdString(load.failure());
    loaded.project = std::move(load.project);
    return loaded;
}

void Document::applyProject(const design::Project &project)
{
    design::Project old = std::move(m_project);
    m_project = project;
    const bool definitionDiffers = old.definition != m_project.definition;
    const asl::WorkflowIndex oldIndex =
        definitionDiffers ? asl::WorkflowIndex::build(old.definition) : m_index;
    if (definitionDiffers)
        m_index = asl::WorkflowIndex::build(m_project.definition);

    std::set<std::string> oldNames, newNames;
    for (const auto &s : oldIndex.states())
        oldNames.insert(s.name);
    for (const auto &s : m_index.states())
        newNames.insert(s.name);
    for (const auto &name : oldNames)
        if (!newNames.count(name))
            emit stepRemoved(QString::fromStdString(name));
    for (const auto &name : newNames)
        if (!oldNames.count(name))
            emit stepAdded(QString::fromStdString(name));
    for (const auto &name : newNames) {
        if (!oldNames.count(name))
            continue;
        StepChanges what;
        if (definitionDiffers) {
            const asl::Json *before = asl::stateJson(old.definition, *oldIndex.find(name));
            const asl::Json *after = asl::stateJson(m_project.definition, *m_index.find(name));
            if (!before || !after || *before != *after ||
                oldIndex.find(name)->pointer != m_index.find(name)->pointer)
                what |= Definition;
        }
        const auto a = old.step(name), b = m_project.step(name);
        if (a.position != b.position)
            what |= Position;
        if (a.placement != b.placement)
            what |= Placement;
        auto aRest = a, bRest = b;
        aRest.position = bRest.position;
        aRest.placement = bRest.placement;
        if (!(aRest == bRest))
            what |= Design;
        if (what)
            emit stepChanged(QString::fromStdString(name), what);
    }
    if (definitionDiffers)
        emit definitionChanged();
    if (!(old.vpc == m_project.vpc))
        emit vpcChanged();
    if (!(old.usage == m_project.usage))
        emit usageChanged();
    if (old.name != m_project.name || old.workflowType != m_project.workflowType ||
        old.priceTable != m_project.priceTable || old.priceOverrides != m_project.priceOverrides)
        emit projectPropertiesChanged();
}

void Document::applyStepPlacements(const std::map<std::string, design::StepDesign> &steps)
{
    std::vector<std::pair<QString, StepChanges>> changed;
    for (const auto &[name, step] : steps) {
        const auto before = m_project.step(name);
        StepChanges what;
        if (before.position != step.position)
            what |= Position;
        if (before.placement != step.placement)
            what |= Placement;
        m_project.steps[name] = step;
        if (what)
            changed.emplace_back(QString::fromStdString(name), what);
    }
    for (const auto &[name, what] : changed)
        emit stepChanged(name, what);
}

} // namespace egress::studio
