#pragma once

#include "design/project.h"

#include <QString>
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

/** Adds Cost comparison (CSV, Markdown, JSON) to a window's File ▸ Export menu. */
void addExportActions(MainWindow &window, QMenu *exportMenu);

} // namespace egress::studio
