#pragma once

#include <string>

namespace egress::report {

/** Escapes text for XML character data and attribute values (&, <, >, ", '). */
std::string xmlEscape(const std::string &text);

/** A number for an SVG attribute: at most two decimals, no trailing zeros, never "-0". */
std::string num(double value);

/**
 * Builds an SVG document element by element. Only what our pictures draw: the output is plain SVG 1.1
 * with presentation attributes (no CSS classes), so browsers, QSvgRenderer and Markdown viewers agree.
 */
class SvgWriter
{
public:
    /** Starts a document whose user space spans (x, y, width, height); pixel size = width × height. */
    SvgWriter(double x, double y, double width, double height);

    void rect(double x, double y, double w, double h, const std::string &fill, const std::string &stroke,
              double radius = 0, const std::string &extra = {});
    void line(double x1, double y1, double x2, double y2, const std::string &stroke, double width = 1,
              const std::string &extra = {});
    void circle(double cx, double cy, double r, const std::string &fill, const std::string &stroke,
                const std::string &extra = {});
    void path(const std::string &d, const std::string &fill, const std::string &stroke, double width = 1,
              const std::string &extra = {});
    /** Text with its anchor (start, middle, end); `extra` for font-weight and the like. */
    void text(double x, double y, const std::string &content, double size, const std::string &fill,
              const std::string &anchor = "start", const std::string &extra = {});
    /** An arrow from (x1, y1) to (x2, y2) with a filled head at the end. */
    void arrow(double x1, double y1, double x2, double y2, const std::string &stroke, double width = 1.4,
               bool dashed = false);
    /**
     * An arrow along the path `d` (ending in an "L x,y" or a cubic's last point "x,y"), its head at (x2, y2)
     * pointing away from (fromX, fromY): the curve's last control point.
     */
    void curvedArrow(const std::string &d, double fromX, double fromY, double x2, double y2,
                     const std::string &stroke, double width = 1.4, bool dashed = false);
    void beginGroup(const std::string &attributes);
    void endGroup();
    /** A raw element, for the rare shape the helpers do not cover. */
    void raw(const std::string &element);

    /** The finished document. */
    std::string finish() const;

private:
    std::string m_head;
    std::string m_body;
};

} // namespace egress::report
