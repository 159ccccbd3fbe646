#include "report/svgwriter.h"

#include <cmath>
#include <cstdio>

namespace egress::report {

std::string xmlEscape(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string num(double value)
{
    if (!std::isfinite(value))
        return "0";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string s = buffer;
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s == "-0" ? "0" : s;
}

SvgWriter::SvgWriter(double x, double y, double width, double height)
{
    m_head = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) +
             "\" height=\"" + num(height) + "\" viewBox=\"" + num(x) + " " + num(y) + " " + num(width) + " " +
             num(height) +
             "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
             "";
}

void SvgWriter::rect(double x, double y, double w, double h, const std::string &fill,
                     const std::string &stroke, double radius, const std::string &extra)
{
    m_body += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
              "\"" + (radius > 0 ? " rx=\"" + num(radius) + "\"" : std::string()) + " fill=\"" + fill +
              "\" stroke=\"" + stroke + "\"" + (extra.empty() ? "" : " " + extra) + "/>\n";
}

void SvgWriter::line(double x1, double y1, double x2, double y2, const std::string &stroke, double width,
                     const std::string &extra)
{
    m_body += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
              "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(width) + "\"" +
              (extra.empty() ? "" : " " + extra) + "/>\n";
}

void SvgWriter::circle(double cx, double cy, double r, const std::string &fill, const std::string &stroke,
                       const std::string &extra)
{
    m_body += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\" fill=\"" + fill +
              "\" stroke=\"" + stroke + "\"" + (extra.empty() ? "" : " " + extra) + "/>\n";
}

void SvgWriter::path(const std::string &d, const std::string &fill, const std::string &stroke, double width,
                     const std::string &extra)
{
    m_body += "<path d=\"" + d + "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"" +
              num(width) + "\"" + (extra.empty() ? "" : " " + extra) + "/>\n";
}

void SvgWriter::text(double x, double y, const std::string &content, double size, const std::string &fill,
                     const std::string &anchor, const std::string &extra)
{
    m_body += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\" fill=\"" +
              fill + "\"" + (anchor == "start" ? std::string() : " text-anchor=\"" + anchor + "\"") +
              (extra.empty() ? "" : " " + extra) + ">" + xmlEscape(content) + "</text>\n";
}

void SvgWriter::arrow(double x1, double y1, double x2, double y2, const std::string &stroke, double width,
                      bool dashed)
{
    curvedArrow("M" + num(x1) + "," + num(y1) + " L" + num(x2) + "," + num(y2), x1, y1, x2, y2, stroke, width,
                dashed);
}

void SvgWriter::curvedArrow(const std::string &d, double fromX, double fromY, double x2, double y2,
                            const std::string &stroke, double width, bool dashed)
{
    // The head is a filled triangle, not an SVG marker: QtSvg (SVG Tiny) ignores markers.
    const double length = std::hypot(x2 - fromX, y2 - fromY);
    const double ux = length > 0 ? (x2 - fromX) / length : 1, uy = length > 0 ? (y2 - fromY) / length : 0;
    const double head = 9, half = 4;
    const double bx = x2 - ux * head, by = y2 - uy * head;
    m_body += "<g class=\"arrow\">";
    // The shaft stops at the head's base so a thick or dashed line does not poke through its tip.
    std::string shaft = d;
    if (const auto at = shaft.rfind(' '); at != std::string::npos && shaft.compare(at + 1, 1, "L") == 0)
        shaft = shaft.substr(0, at) + " L" + num(bx) + "," + num(by);
    else if (at != std::string::npos)
        shaft = shaft.substr(0, at) + " " + num(bx) + "," + num(by);
    m_body += "<path d=\"" + shaft + "\" fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"" +
              num(width) + "\"" + (dashed ? " stroke-dasharray=\"5,4\"" : "") + "/>";
    m_body += "<path d=\"M" + num(x2) + "," + num(y2) + " L" + num(bx - uy * half) + "," +
              num(by + ux * half) + " L" + num(bx + uy * half) + "," + num(by - ux * half) + " z\" fill=\"" +
              stroke + "\" stroke=\"none\"/>";
    m_body += "</g>\n";
}

void SvgWriter::beginGroup(const std::string &attributes)
{
    m_body += "<g " + attributes + ">\n";
}

void SvgWriter::endGroup()
{
    m_body += "</g>\n";
}

void SvgWriter::raw(const std::string &element)
{
    m_body += element + "\n";
}

std::string SvgWriter::finish() const
{
    return m_head + m_body + "</svg>\n";
}

} // namespace egress::report
