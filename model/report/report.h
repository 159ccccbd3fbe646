#pragma once

#include "cost/costengine.h"
#include "design/project.h"
#include "report/pictures.h"
#include "usage/billcompare.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace egress::report {

/** One open problem of the design: a validator finding, a placement problem or a cost warning. */
struct Problem
{
    std::string severity; ///< error, warning
    std::string where;    ///< state name or JSON pointer, empty for the whole design
    std::string message;
};

struct ReportOptions
{
    std::string date;        ///< YYYY-MM-DD printed as the report's date (the CLI's --date; today by default)
    std::string projectFile; ///< shown under the title
    /** The table the cost was priced with: when given, the report adds the cheapest-strategy map. */
    const cost::PriceTable *prices = nullptr;
};

/** Everything a report shows, computed once and written as HTML, Markdown or (app/render) PDF. */
struct ReportData
{
    design::Project project;
    cost::CostReport cost;
    ReportOptions options;
    std::vector<Problem> problems;
    Picture design;
    Picture asDesigned;
    Picture natBaseline;
    Picture chart;
    Picture cheapestMap; ///< empty svg without ReportOptions::prices
    std::string meaning; ///< "what this means", generated from the numbers
    /** `report --bill`: the estimate beside the bill, per line item (usage/billcompare.h); set by the caller.
     */
    std::optional<usage::BillComparison> bill;
};

/** Validator findings plus placement problems (an internet-calling step inside the VPC, a VPC-private one
 *  outside it) plus the cost engine's warnings and errors. */
std::vector<Problem> openProblems(const design::Project &project, const cost::CostReport &cost);

/** The paragraph that explains the numbers: cheapest now, where that changes, which line items decide. */
std::string whatThisMeans(const cost::CostReport &cost);

ReportData buildReport(const design::Project &project, const cost::CostReport &cost,
                       const ReportOptions &options);

/** A self-contained HTML page: CSS and SVG inline, light and dark schemes, prints on A4/Letter. */
std::string reportHtml(const ReportData &data);

/** Markdown plus the pictures it references: (file name, SVG) pairs to write next to the .md file. */
struct MarkdownReport
{
    std::string markdown;
    std::vector<std::pair<std::string, std::string>> pictures;
};
/** `stem` prefixes the picture files: STEM-design.svg, STEM-architecture-designed.svg, ... */
MarkdownReport reportMarkdown(const ReportData &data, const std::string &stem);

/**
 * The same content in the HTML subset QTextDocument understands (for the PDF): pictures as <img> whose src
 * is "picture:design", "picture:architecture-designed", "picture:architecture-nat", "picture:break-even",
 * "picture:cheapest-map" (when the data has one),
 * each section starting a new page. app/render supplies the images.
 */
std::string reportRichText(const ReportData &data, double pageWidth);

} // namespace egress::report
