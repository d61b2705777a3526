// trustready: entry point. Parses the command line, runs the chosen command,
// turns errors into one line on stderr and exit code 2.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <vector>

#include "cli/cli.h"

namespace trustready::cli {
namespace {
std::vector<Registrar>& Registry() {
  static std::vector<Registrar> r;
  return r;
}
int g_exit_code = 0;
}  // namespace

bool RegisterCommand(Registrar r) {
  Registry().push_back(std::move(r));
  return true;
}
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
static std::string Wrap(const char* code, const std::string& s) {
  return UseColor() ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
}
std::string Green(const std::string& s) { return Wrap("32", s); }
std::string Red(const std::string& s) { return Wrap("31", s); }
std::string Yellow(const std::string& s) { return Wrap("33", s); }
std::string Bold(const std::string& s) { return Wrap("1", s); }
std::string Dim(const std::string& s) { return Wrap("2", s); }

}  // namespace trustready::cli

int main(int argc, char** argv) {
  using namespace trustready::cli;
  CLI::App app{"trustready: will these clients trust this server's chain, today and after a CA migration?",
               "trustready"};
  app.set_version_flag("--version", std::string("trustready ") + TRUSTREADY_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  for (auto& r : Registry()) r(app);
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
