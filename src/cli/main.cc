// trustready: entry point. Parses the command line, runs the chosen command,
// turns errors into one line on stderr and exit code 2.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "trustready/base/data_dir.h"
#include "trustready/base/terminal_text.h"
#include "trustready/importer/data_status.h"
#include "trustready/report/data_report.h"

namespace trustready::cli {
namespace {
int g_exit_code = 0;
}  // namespace

void SetExitCode(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

void Fail(const std::string& message) { throw CliError(message); }
void Fail(const std::string& what, const Error& error) {
  // Library errors about an input usually name it already.
  const std::string msg = error.ToString();
  if (msg.rfind(what + ":", 0) == 0) throw CliError(msg);
  throw CliError(what + ": " + msg);
}

bool UseColor() {
  static const bool use = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return use;
}

UnixTime AtTime(const std::string& at, const std::string& what) {
  return at.empty() ? 0 : Unwrap(ParseRfc3339(at), what);
}

std::chrono::milliseconds Seconds(double s, const std::string& name, double max, bool zero_ok) {
  if (!((zero_ok ? s >= 0 : s > 0) && s <= max)) {
    Fail(name + ": must be between 0 and " + std::to_string(static_cast<int>(max)) + " seconds");
  }
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(s * 1000)));
}

}  // namespace trustready::cli

int main(int argc, char** argv) {
  using namespace trustready::cli;
  // Every byte the CLI prints is filtered: names from an image tree or a
  // certificate cannot talk to the terminal, whichever command or renderer
  // prints them (see base/terminal_text.h).
  trustready::TerminalSafeStdStreams safe_output{UseColor()};
  CLI::App app{"trustready: will these clients trust this server's chain, today and after a CA migration?",
               "trustready"};
  app.set_version_flag("--version", [] {
    const std::string dir = trustready::DataDir();
    return trustready::VersionToText(dir, trustready::NewestPlatformSnapshotDate(dir));
  });
  app.require_subcommand(1);
  app.fallthrough();
  // Only the named group (and the global options) when the first argument
  // names one (CLI11 set-up of every group cost about 1.7 ms of each start);
  // everything for help, --version, suggestions and errors.
  const std::string named = argc >= 2 ? argv[1] : "";
  const std::vector<Registration>& all = Registrations();
  const bool one =
      std::any_of(all.begin(), all.end(), [&](const Registration& r) { return !named.empty() && r.name == named; });
  const bool version_only = argc == 2 && named == "--version";
  for (const Registration& r : all) {
    if (version_only) break;
    if (!one || r.name.empty() || r.name == named) r.fn(app);
  }
  if (one && app.get_subcommands([&](CLI::App* s) { return s->get_name() == named; }).empty()) {
    std::cerr << "trustready: internal error: the registration named '" << named << "' adds no such command\n";
    return kExitError;
  }

  // `trustready help [COMMAND...]` and the hidden dump behind the man pages
  // and completions; both answer before the commands parse.
  std::vector<std::string> help_words;
  app.add_subcommand("help", "Show the help of a command: trustready help store add")
      ->add_option("command", help_words, "command words")
      ->expected(0, -1);
  app.add_subcommand("__commands", "")->group("");
  if (argc >= 2) {
    const std::string first = argv[1];
    if (first == "help") return PrintHelpFor(app, std::vector<std::string>(argv + 2, argv + argc));
    if (first == "__commands") {
      DumpCommandTree(app, std::cout);
      return 0;
    }
    if (!first.empty() && first[0] != '-' && !IsCommand(app, first)) {
      const std::string near = NearestCommand(app, first);
      std::cerr << "trustready: unknown command '" << first << "'"
                << (near.empty() ? "" : "; did you mean '" + near + "'?") << " (see trustready --help)\n";
      return kExitError;
    }
  } else {
    std::cerr << app.help();
    return kExitError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "trustready: " << e.what() << " (see --help)\n";
    return kExitError;
  } catch (const CliError& e) {
    std::cout.flush();
    std::cerr << "trustready: " << e.what() << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "trustready: internal error: " << e.what() << "\n";
    return kExitError;
  }
  std::cout.flush();
  return ExitCode();
}
