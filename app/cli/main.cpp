#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

namespace egress::cli {

std::vector<CommandRegistration> &registeredCommands()
{
    static std::vector<CommandRegistration> commands;
    return commands;
}

bool registerCommand(CommandRegistration registration)
{
    registeredCommands().push_back(std::move(registration));
    return true;
}

} // namespace egress::cli

int main(int argc, char **argv)
{
    using namespace egress::cli;
    CLI::App app{"egress-cli — validate, import, export and price AWS Step Functions workflows across a VPC "
                 "boundary.\nExit status: 0 ok, 1 problems found, 2 bad usage or unreadable input.",
                 "egress-cli"};
    app.set_version_flag("--version", std::string("egress-cli ") + EGRESS_VERSION);
    app.require_subcommand(1);
    int exitCode = kOk;
    auto &commands = registeredCommands();
    std::sort(commands.begin(), commands.end(),
              [](const auto &a, const auto &b) { return a.order < b.order; });
    for (const auto &command : commands)
        command.setup(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        app.exit(e);
        return kUsage;
    }
    return exitCode;
}
