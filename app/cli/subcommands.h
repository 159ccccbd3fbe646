#pragma once

#include <functional>
#include <vector>

namespace CLI {
class App;
}

namespace egress::cli {

/** Exit codes shared by every sub-command. */
enum ExitCode : int { kOk = 0, kProblems = 1, kUsage = 2 };

/**
 * A sub-command adds itself to the CLI11 app and, when chosen, stores its exit code. Each cmd_*.cpp
 * registers one at static-initialisation time; `order` sorts them in --help.
 */
struct CommandRegistration
{
    int order;
    std::function<void(CLI::App &app, int &exitCode)> setup;
};

bool registerCommand(CommandRegistration registration);
std::vector<CommandRegistration> &registeredCommands();

} // namespace egress::cli
