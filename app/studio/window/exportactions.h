#pragma once

#include "asl/reader.h"
#include "cfn/templatebuilder.h"
#include "design/project.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>

class QMenu;

namespace egress::studio {

class MainWindow;

/** The formats of File ▸ Export ▸ Cost comparison, as `egress-cli cost --format`. */
enum class CostFormat { Csv, Markdown, JsonReport };

/**
 * The text `egress-cli cost PROJECT --format F` prints for this project (same price table, overrides and
 * pipeline, byte for byte), or the error the CLI would print. `priceFile` empty = the bundled table.
 */
std::string costExportText(const design::Project &project, CostFormat format, const QString &priceFile,
                           std::string *error);

/** Writes the cost comparison atomically; returns the error message on failure. */
std::optional<QString> exportCost(const design::Project &project, CostFormat format, const QString &path,
                                  const QString &priceFile = {});

/**
 * Writes a picture of the design (only `steps` and what nests in them when not empty) without editor
 * chrome: SVG, PNG (at `scale`) or PDF by the path's extension — the same picture as `egress-cli picture`.
 */
std::optional<QString> exportPicture(const design::Project &project, const QStringList &steps,
                                     const QString &path, double scale = 2);

/**
 * Writes the trade-off report as `egress-cli report` does: self-contained HTML, PDF, or Markdown with its SVG
 * pictures written beside it, by the path's extension. `date` is YYYY-MM-DD (today when empty).
 */
std::optional<QString> exportReport(const design::Project &project, const QString &path,
                                    const QString &priceFile = {}, const QString &date = {});

/** A CloudFormation template as text and what the builder said about it. */
struct CfnText
{
    std::string text;
    cfn::ExportResult result;
};

/** The template `egress-cli export-cfn PROJECT --variant V --format F [--create-vpc]` writes, byte for byte.
 */
CfnText cloudFormationText(const design::Project &project, cfn::Variant variant, asl::TextFormat format,
                           bool createVpc);

/**
 * Writes the CloudFormation template as `egress-cli export-cfn PROJECT -o PATH` does: YAML or JSON by the
 * path's extension (.json is JSON, anything else YAML). A template over CloudFormation's limits is still
 * written and its problems returned in `problems`; the error is only for a file that cannot be written.
 */
std::optional<QString> exportCloudFormation(const design::Project &project, cfn::Variant variant,
                                            bool createVpc, const QString &path,
                                            QStringList *problems = nullptr);

/**
 * Adds CloudFormation (as designed / NAT gateway baseline, optionally creating the VPC), Picture…, Report…
 * and Cost comparison (CSV, Markdown, JSON) to a window's File ▸ Export menu, after its ASL entries.
 */
void addExportActions(MainWindow &window, QMenu *exportMenu);

} // namespace egress::studio
