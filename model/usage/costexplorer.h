#pragma once

// The bill as Cost Explorer gives it: the JSON `aws ce get-cost-and-usage --group-by
// Type=DIMENSION,Key=USAGE_TYPE` prints (docs/usage.md, "Against the bill"). Read into the same Bill as a
// Cost and Usage Report, so `cost --bill`, `report --bill` and the designer's Bill tab take either.
#include "asl/json.h"
#include "usage/billcompare.h"

#include <string>

namespace egress::usage {

/** Does this JSON look like get-cost-and-usage output (it has "ResultsByTime")? */
bool isCostExplorerResult(const asl::Json &root);

/**
 * Sums every group of every time period by usage type (and by service, when the groups have a SERVICE key
 * too). Errors name the file and the JSON pointer: groups not keyed by USAGE_TYPE, a period without Groups,
 * an amount that is not a number, a currency other than USD, no cost metric in the groups.
 */
BillLoad billFromCostExplorer(const asl::Json &root, const std::string &file);

} // namespace egress::usage
