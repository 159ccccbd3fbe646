#include "usage/costexplorer.h"

#include <cstdlib>
#include <map>

namespace egress::usage {

namespace {

/** The cost metrics get-cost-and-usage can return, in the order one is taken when several are there. */
constexpr const char *kCostExplorerCostMetrics[] = {"UnblendedCost", "NetUnblendedCost", "BlendedCost",
                                                    "AmortizedCost", "NetAmortizedCost"};

/** Cost Explorer writes amounts as strings ("65.7"); numbers are taken too. */
bool costExplorerAmount(const asl::Json &value, double &out)
{
    if (value.is_number()) {
        out = value.get<double>();
        return true;
    }
    if (!value.is_string())
        return false;
    const std::string &text = value.get_ref<const std::string &>();
    char *end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size();
}

std::string costExplorerDescribe(const asl::Json &value)
{
    const std::string text = value.dump();
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

} // namespace

bool isCostExplorerResult(const asl::Json &root)
{
    return root.is_object() && root.contains("ResultsByTime");
}

BillLoad billFromCostExplorer(const asl::Json &root, const std::string &file)
{
    BillLoad load;
    auto fail = [&](const std::string &pointer, const std::string &message) {
        load.error = file + ": " + pointer + ": " + message;
        return load;
    };
    const std::string groupHint =
        "group the costs by usage type: aws ce get-cost-and-usage --group-by Type=DIMENSION,Key=USAGE_TYPE";
    // Which position of a group's Keys is the usage type, and which the service (when grouped by both).
    int usageKey = -1, serviceKey = -1;
    if (const auto defs = root.find("GroupDefinitions"); defs != root.end() && defs->is_array()) {
        for (std::size_t i = 0; i < defs->size(); ++i) {
            const asl::Json &d = (*defs)[i];
            const std::string key = d.is_object() && d.contains("Key") && d["Key"].is_string()
                                        ? d["Key"].get<std::string>()
                                        : std::string();
            if (key == "USAGE_TYPE")
                usageKey = static_cast<int>(i);
            else if (key == "SERVICE")
                serviceKey = static_cast<int>(i);
        }
    }
    if (usageKey < 0)
        return fail("/GroupDefinitions", "the costs are not grouped by USAGE_TYPE; " + groupHint);
    const asl::Json &periods = root["ResultsByTime"];
    if (!periods.is_array())
        return fail("/ResultsByTime", "must be an array, not " + costExplorerDescribe(periods));

    Bill bill;
    bill.file = file;
    BillIndex index; // (usage type, service)
    for (std::size_t p = 0; p < periods.size(); ++p) {
        const std::string at = "/ResultsByTime/" + std::to_string(p);
        const asl::Json &period = periods[p];
        if (!period.is_object())
            return fail(at, "must be an object, not " + costExplorerDescribe(period));
        if (const auto t = period.find("TimePeriod"); t != period.end() && t->is_object()) {
            if (const auto s = t->find("Start"); s != t->end() && s->is_string())
                if (bill.start.empty() || s->get<std::string>() < bill.start)
                    bill.start = s->get<std::string>();
            if (const auto e = t->find("End"); e != t->end() && e->is_string())
                if (e->get<std::string>() > bill.end)
                    bill.end = e->get<std::string>();
        }
        const auto groups = period.find("Groups");
        if (groups == period.end() || !groups->is_array())
            return fail(at + "/Groups", "missing: the costs were not grouped; " + groupHint);
        for (std::size_t g = 0; g < groups->size(); ++g) {
            const std::string gat = at + "/Groups/" + std::to_string(g);
            const asl::Json &group = (*groups)[g];
            const auto keys = group.is_object() ? group.find("Keys") : group.end();
            if (!group.is_object() || keys == group.end() || !keys->is_array() ||
                static_cast<int>(keys->size()) <= std::max(usageKey, serviceKey))
                return fail(gat + "/Keys", "expected one key per group definition");
            const asl::Json &usageType = (*keys)[static_cast<std::size_t>(usageKey)];
            if (!usageType.is_string())
                return fail(gat + "/Keys/" + std::to_string(usageKey),
                            "the usage type must be a string, not " + costExplorerDescribe(usageType));
            const std::string service =
                serviceKey >= 0 && (*keys)[static_cast<std::size_t>(serviceKey)].is_string()
                    ? (*keys)[static_cast<std::size_t>(serviceKey)].get<std::string>()
                    : std::string();
            const auto metrics = group.find("Metrics");
            if (metrics == group.end() || !metrics->is_object())
                return fail(gat + "/Metrics", "missing: ask for --metrics UnblendedCost UsageQuantity");
            const char *metric = nullptr;
            for (const char *m : kCostExplorerCostMetrics)
                if (metrics->contains(m)) {
                    metric = m;
                    break;
                }
            if (!metric)
                return fail(gat + "/Metrics",
                            "no cost metric (UnblendedCost, BlendedCost, AmortizedCost, …): "
                            "ask for --metrics UnblendedCost UsageQuantity");
            const std::string mat = gat + "/Metrics/" + metric;
            const asl::Json &cost = (*metrics)[metric];
            double usdValue = 0;
            if (!cost.is_object() || !cost.contains("Amount") ||
                !costExplorerAmount(cost["Amount"], usdValue))
                return fail(mat + "/Amount",
                            "not a number: " +
                                costExplorerDescribe(
                                    cost.is_object() && cost.contains("Amount") ? cost["Amount"] : cost));
            if (const auto unit = cost.find("Unit");
                unit != cost.end() && unit->is_string() && unit->get<std::string>() != "USD")
                return fail(mat + "/Unit", unit->get<std::string>() + ": the cost model prices in USD");
            double amountValue = 0;
            if (const auto q = metrics->find("UsageQuantity"); q != metrics->end()) {
                if (!q->is_object() || !q->contains("Amount") ||
                    !costExplorerAmount((*q)["Amount"], amountValue))
                    return fail(gat + "/Metrics/UsageQuantity/Amount", "not a number");
            }
            ++bill.rows;
            addBilledRow(bill, index, usageType.get_ref<const std::string &>(), service, usdValue,
                         amountValue);
        }
    }
    if (bill.rows == 0)
        return fail("/ResultsByTime", "no groups in any period: nothing was billed in the time period asked");
    load.bill = std::move(bill);
    return load;
}

} // namespace egress::usage
