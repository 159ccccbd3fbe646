#pragma once

#include <QColor>
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

} // namespace egress::studio
