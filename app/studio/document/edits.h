#pragma once

#include "asl/workflow.h"
#include "design/project.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <map>
#include <optional>

namespace egress::studio {

class Document;

/**
 * The only way the UI changes a document: each function pushes one undoable command on the
 * document's stack (or nothing and an error message when the edit is refused). The canvas, palette,
 * inspector and menus all call these; none of them sees a QUndoCommand.
 *
 * Ownership rule: a command owns copies of the model data it needs (before/after snapshots); it never
 * holds pointers into the document and never touches canvas items.
 */
namespace Edits {

/** Moves steps (and the steps nested in them) by a delta; consecutive nudges of the same steps merge. */
void moveSteps(Document &doc, const QStringList &names, QPointF delta, bool mergeWithPrevious = true);
/**
 * Puts steps at new top-left positions (the end of a drag): one command. A VPC-capable step whose box
 * lies inside the VPC region becomes inside-vpc, otherwise outside-vpc.
 */
void placeSteps(Document &doc, const std::map<QString, QPointF> &positions);

/**
 * Adds a state (a palette preset: its JSON, nested branches included) at a position in the scope at
 * `scopePointer` ("" = top level). Returns the new state's name (made unique from `baseName`).
 */
std::optional<QString> addStep(Document &doc, const QString &scopePointer, const QString &baseName,
                               const asl::Json &state, QPointF position,
                               design::Egress egress = design::Egress::None, QString *error = nullptr);
/** Removes steps; references are repaired. Returns the repair messages to show the user. */
QStringList removeSteps(Document &doc, const QStringList &names);
/** Renames a step and every reference to it. */
std::optional<QString> renameStep(Document &doc, const QString &from, const QString &to);

std::optional<QString> connectSteps(Document &doc, const QString &from, const QString &to);
std::optional<QString> retargetEdge(Document &doc, const QString &fieldPointer, const QString &to);
std::optional<QString> removeEdge(Document &doc, const asl::Edge &edge);

/** Sets (or with no value removes) one top-level field of a state's JSON, e.g. "Parameters". */
std::optional<QString> setField(Document &doc, const QString &step, const QString &key,
                                const std::optional<asl::Json> &value);
/** Replaces a step's design data; edits with the same non-empty mergeKey merge (a spin box being turned). */
void setStepDesign(Document &doc, const QString &step, const design::StepDesign &design,
                   const QString &mergeKey = {});
/** Changes the VPC region; when it moved, the steps inside move with it. Placements follow the new region. */
void setVpc(Document &doc, const design::Vpc &vpc, bool moveContents);
void setUsage(Document &doc, const design::Usage &usage, const QString &mergeKey = {});
void setProjectName(Document &doc, const QString &name);
/** Replaces the whole project as one command named `text` (panels: workflow type, an edited ASL text);
 * edits with the same non-empty mergeKey merge. Nothing is pushed when nothing changed. */
void setProject(Document &doc, const QString &text, const design::Project &after,
                const QString &mergeKey = {});

/**
 * Runs the model's auto-layout as one command. A Lambda step's placement always follows its own box;
 * the layout draws a Parallel or Map wholly on one side of the VPC boundary (the side most of its
 * Lambda steps are on), so a nested step of the minority changes placement. Returns their names.
 */
QStringList autoLayout(Document &doc);
enum class Alignment { Left, HCenter, Right, Top, VCenter, Bottom };
void alignSteps(Document &doc, const QStringList &names, Alignment alignment);

/** Pastes a clipboard project (design::extractSteps) into a scope, shifted by an offset; returns the new
 * names. */
QStringList pasteSteps(Document &doc, const design::Project &clip, const QString &scopePointer,
                       QPointF offset, QString *error = nullptr);

} // namespace Edits

} // namespace egress::studio
