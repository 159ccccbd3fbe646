#pragma once

// Price tables for the model suites.
#include "cost/pricetable.h"

#include <QtGlobal>
#include <string>

namespace test {

/** A bundled price table; stops the suite when it cannot be read (every figure would be wrong). */
inline egress::cost::PriceTable bundledPrices(const std::string &region)
{
    egress::cost::PriceTableLoad load = egress::cost::bundledPriceTable(region);
    if (!load)
        qFatal("%s", load.error.c_str());
    return *load.table;
}

} // namespace test
