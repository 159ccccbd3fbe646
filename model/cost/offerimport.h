#pragma once

#include "asl/json.h"
#include "cost/pricetable.h"

#include <string>
#include <vector>

namespace egress::cost {

/**
 * Which AWS Price List rows feed which price of our table: the exact usage type without its region prefix
 * ("NatGateway-Hours" matches "EU-NatGateway-Hours" and, in us-east-1, "NatGateway-Hours"; never
 * "NatGateway-Prvd-Gbps" nor "RegionalNatGateway-Hours"), plus attribute values a row must have.
 */
struct OfferMapping
{
    std::string priceId;
    std::string usageType;
    std::vector<std::pair<std::string, std::string>> attributes; ///< normalised name → value
};

const std::vector<OfferMapping> &offerMappings();

/** What an import found: prices by id (USD per single unit, tiers from beginRange/endRange) and messages. */
struct OfferImport
{
    std::map<std::string, Price> prices;
    std::vector<std::string> warnings;
    std::string error;           ///< `FILE: where: message`; the import stops at the first unreadable file
    std::string publicationDate; ///< the newest publication date seen (YYYY-MM-DD)
};

/**
 * Reads AWS Price List offer files (the JSON of .../offers/v1.0/aws/<service>/current/<region>/index.json or
 * the CSV with 5 metadata rows and a header) by streaming: JSON through a SAX parser that keeps only one
 * product or one term at a time, CSV line by line, so files of hundreds of MB take little memory. Rows of
 * other regions are skipped. Adds what it finds to `out`.
 */
void importOfferFile(const std::string &path, const std::string &region, OfferImport &out);

/**
 * A complete table for `region`: the base table with every imported price put in place (in the base's quoted
 * unit, source = the offer file, estimate = false). Prices the offers did not contain keep the base's.
 */
asl::Json offerTableToJson(const PriceTable &base, const OfferImport &import, const std::string &name,
                           const std::string &date);

} // namespace egress::cost
