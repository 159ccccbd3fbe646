#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

class QApplication;

namespace egress::studio {

/** The colours of the canvas for the current theme (steps keep their kind colour in both themes). */
struct DiagramTheme
{
    bool dark = false;
    QColor background, grid, gridMajor;
    QColor stepFill, stepBorder, stepText, stepSubtext;
    QColor selection;
    QColor edge, edgeLabel, edgeLabelBackground, catchEdge;
    QColor containerFill, containerBorder, branchBorder;
    QColor vpcFill, vpcBorder, vpcText;
    QColor outsideBadge, insideBadge;

    static const DiagramTheme &current();
};

enum class ThemeChoice { System, Light, Dark };

/** Applies the Fusion style with a light or dark palette; System follows the desktop's palette. */
void applyTheme(ThemeChoice choice);
ThemeChoice currentThemeChoice();
QString themeChoiceName(ThemeChoice choice);

/**
 * A toolbar icon (":/icons/undo.svg") drawn in the current theme's colours at paint time: its grey strokes
 * (#5F6B7A) become light on dark, and a disabled action is always dimmer than an enabled one (Fusion's
 * generated disabled pixmap brightened the grey on a dark palette). Follows a live theme switch.
 */
QIcon themedIcon(const QString &resourcePath);
/** The stroke colour themedIcon() draws for a mode in a theme (for tests). */
QColor themedIconColor(bool dark, QIcon::Mode mode);

} // namespace egress::studio
