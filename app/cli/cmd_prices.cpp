// egress-cli prices import OFFER.json|OFFER.csv... -o TABLE.json — a price table from AWS Price List offer
// files.
#include "asl/writer.h"
#include "clisupport.h"
#include "cost/offerimport.h"
#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>

namespace egress::cli {
namespace {

struct PricesImportOptions
{
    std::vector<std::string> offers;
    std::string output;
    std::string region;
    std::string base;
    std::string name;
    std::string date;
};

std::string importDate()
{
    const std::time_t now = std::time(nullptr);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", std::gmtime(&now));
    return buffer;
}

int runPricesImport(const PricesImportOptions &options)
{
    cost::PriceTableLoad base = options.base.empty() ? cost::bundledPriceTable(options.region)
                                                     : cost::loadPriceTable(options.base, options.region);
    if (!base) {
        std::cerr << base.error << "\n";
        return kUsage;
    }
    cost::OfferImport import;
    for (const std::string &offer : options.offers) {
        cost::importOfferFile(offer, options.region, import);
        if (!import.error.empty()) {
            std::cerr << import.error << "\n";
            return kUsage;
        }
    }
    for (const std::string &w : import.warnings)
        std::cerr << "warning: " << w << "\n";
    const std::string date = !options.date.empty()             ? options.date
                             : !import.publicationDate.empty() ? import.publicationDate
                                                               : importDate();
    const std::string name =
        options.name.empty() ? "AWS Price List import " + options.region + " " + date : options.name;
    const asl::Json table = cost::offerTableToJson(*base.table, import, name, date);
    // Refuse to write what the loader would refuse to read.
    const cost::PriceTableLoad check = cost::parsePriceTable(table.dump(), options.output, options.region);
    if (!check) {
        std::cerr << "egress-cli prices import: the result is not a valid table: " << check.error << "\n";
        return kProblems;
    }
    if (!writeOutput(options.output, asl::writeJson(table), std::cerr))
        return kUsage;
    std::cerr << "imported " << import.prices.size() << " of " << base.table->prices.size() << " prices for "
              << options.region << ":";
    for (const auto &[id, price] : import.prices)
        std::cerr << " " << id;
    std::cerr << "\nkept from " << base.table->name << ":";
    for (const auto &[id, price] : base.table->prices)
        if (!import.prices.count(id))
            std::cerr << " " << id;
    std::cerr << "\n";
    return import.prices.empty() ? kProblems : kOk;
}

const bool pricesRegistered = registerCommand(
    {55, [](CLI::App &app, int &exitCode) {
         CLI::App *prices = app.add_subcommand("prices", "Price tables: import AWS Price List offer files");
         prices->require_subcommand(1);
         auto options = std::make_shared<PricesImportOptions>();
         CLI::App *cmd = prices->add_subcommand(
             "import",
             "Convert AWS Price List offer files (JSON or CSV, any size: streamed) into a price table");
         cmd->add_option("OFFER", options->offers,
                         "Offer files: <service>/current/<region>/index.json or .csv")
             ->required()
             ->check(CLI::ExistingFile);
         cmd->add_option("-o,--output", options->output, "The table to write (JSON); - for stdout")
             ->required();
         cmd->add_option("--region", options->region, "The region to take prices for, e.g. eu-west-1")
             ->required();
         cmd->add_option(
             "--base", options->base,
             "Table that supplies prices the offers lack (default: the bundled one for the region)");
         cmd->add_option("--name", options->name, "Name of the new table");
         cmd->add_option("--date", options->date,
                         "Date of the new table (default: the offers' publication date)");
         cmd->callback([options, &exitCode] { exitCode = runPricesImport(*options); });
     }});

} // namespace
} // namespace egress::cli
