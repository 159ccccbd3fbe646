#pragma once

#include "design/project.h"
#include "report/svgwriter.h"

#include <string>
#include <vector>

namespace egress::report::style {

/** Fill and stroke of one kind of box. */
struct Palette
{
    const char *fill;
    const char *stroke;
    const char *label;
};

inline constexpr Palette kLambda{"#FFF1E0", "#ED7100", "Lambda"};
inline constexpr Palette kHttp{"#F3E8FF", "#8C4FFF", "HTTP Task"};
inline constexpr Palette kService{"#FCE7F3", "#E7157B", "AWS service"};
inline constexpr Palette kChoice{"#FEF9C3", "#A16207", "Choice"};
inline constexpr Palette kFlow{"#F1F5F9", "#64748B", "Pass / Wait"};
inline constexpr Palette kSucceed{"#DCFCE7", "#15803D", "Succeed"};
inline constexpr Palette kFail{"#FEE2E2", "#B91C1C", "Fail"};
inline constexpr Palette kContainer{"#F8FAFC", "#475569", "Parallel / Map"};
inline constexpr const char *kVpcStroke = "#15803D";
inline constexpr const char *kVpcFill = "#F0FDF4";
inline constexpr const char *kText = "#1F2937";
inline constexpr const char *kMuted = "#6B7280";
inline constexpr const char *kEdge = "#444444";
inline constexpr const char *kInternet = "#DC2626";

/** Badge text and colour of an egress; nullptr text for none. */
struct Badge
{
    const char *text;
    const char *colour;
};
Badge badgeFor(design::Egress egress);

/** Approximate width of text in DejaVu Sans at `size` (for centring and fitting; no font metrics here). */
double textWidth(const std::string &text, double size);
/** Cuts text to fit `width` with an ellipsis. */
std::string fit(const std::string &text, double size, double width);

double badgeWidth(const Badge &b);
void badge(SvgWriter &svg, double x, double y, const Badge &b);
/** Splits text into lines of at most `width`, the last one cut with an ellipsis past `maxLines`. */
std::vector<std::string> wrap(const std::string &text, double size, double width, std::size_t maxLines);
/** A cloud labelled "Internet" centred at (cx, cy). */
void internetCloud(SvgWriter &svg, double cx, double cy);
/** The NAT gateway symbol: a box with a crossing-arrows glyph, centred at (cx, cy). */
void natGateway(SvgWriter &svg, double cx, double cy, const std::string &label);
/** The VPC boundary with its name and AZ count. */
void vpcBoundary(SvgWriter &svg, double x, double y, double w, double h, const std::string &name, int azs);

} // namespace egress::report::style
