#include "report/picturestyle.h"

namespace egress::report::style {

Badge badgeFor(design::Egress egress)
{
    switch (egress) {
    case design::Egress::Internet:
        return {"internet", kInternet};
    case design::Egress::AwsGatewayEndpoint:
        return {"S3/DynamoDB endpoint", "#0E7490"};
    case design::Egress::AwsInterfaceEndpoint:
        return {"PrivateLink", "#7C3AED"};
    case design::Egress::VpcPrivate:
        return {"VPC private", "#15803D"};
    case design::Egress::None:
        break;
    }
    return {nullptr, nullptr};
}

double textWidth(const std::string &text, double size)
{
    // UTF-8 continuation bytes do not advance; DejaVu Sans averages ~0.6 em per glyph.
    double glyphs = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            glyphs += (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w'
                          ? 0.72
                          : (c == ' ' || c == 'i' || c == 'l' || c == '.' ? 0.35 : 0.6);
    return glyphs * size;
}

std::vector<std::string> wrap(const std::string &text, double size, double width, std::size_t maxLines)
{
    std::vector<std::string> lines;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::string candidate = current.empty() ? word : current + " " + word;
        if (!current.empty() && textWidth(candidate, size) > width) {
            lines.push_back(current);
            current = word;
        } else {
            current = candidate;
        }
        start = end + 1;
    }
    if (!current.empty())
        lines.push_back(current);
    if (lines.size() > maxLines) {
        std::string rest;
        for (std::size_t i = maxLines - 1; i < lines.size(); ++i)
            rest += (rest.empty() ? "" : " ") + lines[i];
        lines.resize(maxLines - 1);
        lines.push_back(fit(rest, size, width));
    }
    return lines;
}

std::string fit(const std::string &text, double size, double width)
{
    if (textWidth(text, size) <= width)
        return text;
    std::string cut = text;
    while (!cut.empty() && textWidth(cut + "…", size) > width) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80)
            cut.pop_back();
        if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0)
            cut.pop_back();
    }
    return cut + "…";
}

double badgeWidth(const Badge &b)
{
    return textWidth(b.text, 9.5) * 1.12 + 12; // bold glyphs are wider
}

void badge(SvgWriter &svg, double x, double y, const Badge &b)
{
    const double w = badgeWidth(b);
    svg.rect(x, y, w, 16, b.colour, "none", 8);
    svg.text(x + w / 2, y + 11.5, b.text, 9.5, "#FFFFFF", "middle", "font-weight=\"bold\"");
}

void internetCloud(SvgWriter &svg, double cx, double cy)
{
    const std::string d = "M" + num(cx - 52) + "," + num(cy + 18) +
                          " a18,18 0 0,1 4,-34 a24,24 0 0,1 40,-10 " +
                          "a22,22 0 0,1 38,6 a18,18 0 0,1 18,38 z";
    svg.path(d, "#EFF6FF", "#1D4ED8", 1.5);
    svg.text(cx, cy + 8, "Internet", 12, "#1D4ED8", "middle", "font-weight=\"bold\"");
}

void natGateway(SvgWriter &svg, double cx, double cy, const std::string &label)
{
    svg.rect(cx - 44, cy - 20, 88, 40, "#FFFFFF", "#7C3AED", 6, "stroke-width=\"1.6\"");
    svg.path("M" + num(cx - 34) + "," + num(cy - 8) + " h14 l-4,-4 M" + num(cx - 20) + "," + num(cy - 8) +
                 " l-4,4 M" + num(cx - 20) + "," + num(cy + 6) + " h-14 l4,-4 M" + num(cx - 34) + "," +
                 num(cy + 6) + " l4,4",
             "none", "#7C3AED", 1.5);
    svg.text(cx + 10, cy - 2, "NAT", 11, "#7C3AED", "middle", "font-weight=\"bold\"");
    svg.text(cx + 10, cy + 11, label, 8.5, "#7C3AED", "middle");
}

void vpcBoundary(SvgWriter &svg, double x, double y, double w, double h, const std::string &name, int azs)
{
    svg.rect(x, y, w, h, kVpcFill, kVpcStroke, 10, "stroke-width=\"2\" stroke-dasharray=\"8,5\"");
    const std::string label = name + " · " + std::to_string(azs) + (azs == 1 ? " AZ" : " AZs");
    const double lw = textWidth(label, 12) + 16;
    svg.rect(x + 12, y - 10, lw, 20, kVpcStroke, "none", 4);
    svg.text(x + 20, y + 4, label, 12, "#FFFFFF", "start", "font-weight=\"bold\"");
}

} // namespace egress::report::style
