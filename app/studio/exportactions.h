#pragma once

#include "design/project.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>

class QMenu;

namespace egress::studio {

class MainWindow;

/** The formats of File ▸ Export ▸ Cost comparison, as `egress-cli cost --format`. */
enum class CostFormat { Csv, Markdown, Json };

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

/** Adds Picture…, Report… and Cost comparison (CSV, Markdown, JSON) to a window's File ▸ Export menu. */
void addExportActions(MainWindow &window, QMenu *exportMenu);

} // namespace egress::studio
