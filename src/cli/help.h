// Help, suggestions and the command-tree dump (see help.cc).
#ifndef TRUSTREADY_CLI_HELP_H_
#define TRUSTREADY_CLI_HELP_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace trustready::cli {

// The visible subcommand of `app` nearest to `typed` (a prefix, or at most
// two edits away), or "" when none is near.
std::string NearestCommand(CLI::App& app, const std::string& typed);
bool IsCommand(CLI::App& app, const std::string& name);
// `trustready help store add`: that command's --help; exit code.
int PrintHelpFor(CLI::App& app, const std::vector<std::string>& words);
// Every visible command, option and positional, one tab-separated record a
// line (cmd/opt/pos), for scripts/gen-docs.py.
void DumpCommandTree(CLI::App& app, std::ostream& out);

}  // namespace trustready::cli

#endif  // TRUSTREADY_CLI_HELP_H_
