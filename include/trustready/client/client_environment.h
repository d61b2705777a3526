// The environment clients are resolved in (client.h's ResolveClients): this
// process's variables, a KEY=VALUE file (--env), a running process's
// (/proc/PID), an image config's Env list, optionally inside another file
// tree (--root).
#ifndef TRUSTREADY_CLIENT_CLIENT_ENVIRONMENT_H_
#define TRUSTREADY_CLIENT_CLIENT_ENVIRONMENT_H_

#include <map>
#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

// The environment clients are resolved in.
struct ClientEnvironment {
  std::map<std::string, std::string> vars;
  // Where the variables came from: "this process", "--env FILE", "pid 123",
  // "image config Env".
  std::string origin = "this process";
  // Another system's file tree (unpacked image, mounted disk); empty: this
  // machine. Paths in `vars` are then paths inside that tree.
  std::string root;
  // --pid: the process's executable (its /proc/PID/exe target).
  std::string exe;
  // Run interpreters (python3, node) to ask them where they look. Never
  // inside a root.
  bool run_programs = true;
  int program_timeout_seconds = 10;

  std::string Get(const std::string& name) const;
};

// The variables of this process.
ClientEnvironment EnvironmentFromProcess();
// KEY=VALUE lines ('#' comments, blank lines and an optional `export `
// prefix allowed; values may be quoted). Errors name the file and line.
Result<ClientEnvironment> EnvironmentFromFile(const std::string& path);
// /proc/PID/environ and /proc/PID/exe.
Result<ClientEnvironment> EnvironmentFromPid(int pid);
// The environment a command names: `--env FILE`, `--pid PID`, or this
// process's (whose variables are not another tree's: with `root` they are
// dropped). `root` is also checked and set as the environment's file tree
// when `set_root`. Errors name the option ("--env FILE: ...", "--env and
// --pid: give one of them").
struct EnvironmentChoice {
  std::string env_file;
  int pid = 0;
  std::string root;
  bool set_root = true;
};
Result<ClientEnvironment> ChooseEnvironment(const EnvironmentChoice& choice);

// "KEY=VALUE" strings, as an OCI image config's Env holds them.
Result<ClientEnvironment> EnvironmentFromList(const std::vector<std::string>& entries,
                                              const std::string& origin);

}  // namespace trustready

#endif  // TRUSTREADY_CLIENT_CLIENT_ENVIRONMENT_H_
