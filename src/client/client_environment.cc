// Environments to resolve clients in: this process, a KEY=VALUE file, a
// running process (/proc/PID), an image config's Env list.
#include <unistd.h>

#include <climits>
#include <fstream>
#include <sstream>

#include "trustready/client/client_environment.h"
#include "trustready/store/store_discovery.h"
#include "trustready/x509/pem.h"

extern char** environ;

namespace trustready {
namespace {

bool ValidName(const std::string& k) {
  if (k.empty() || (k[0] >= '0' && k[0] <= '9')) return false;
  for (char c : k) {
    if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

std::string ClientEnvironment::Get(const std::string& name) const {
  auto it = vars.find(name);
  return it == vars.end() ? std::string() : it->second;
}

ClientEnvironment EnvironmentFromProcess() {
  ClientEnvironment env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    env.vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  env.origin = "this process";
  return env;
}

Result<ClientEnvironment> EnvironmentFromFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  ClientEnvironment env;
  env.origin = "--env " + path;
  std::istringstream in(*text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    line = line.substr(b);
    if (line.rfind("export ", 0) == 0) line = line.substr(7);
    size_t eq = line.find('=');
    std::string key = eq == std::string::npos ? line : line.substr(0, eq);
    if (eq == std::string::npos || !ValidName(key)) {
      return MakeError(ErrorKind::kFormat, path + ":" + std::to_string(n) + ": not a KEY=VALUE line");
    }
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    env.vars[key] = value;
  }
  return env;
}

Result<ClientEnvironment> EnvironmentFromPid(int pid) {
  if (pid <= 0) return MakeError(ErrorKind::kInvalidArgument, "--pid " + std::to_string(pid) + ": not a process id");
  const std::string dir = "/proc/" + std::to_string(pid);
  auto bytes = ReadFile(dir + "/environ");
  if (!bytes.ok()) {
    return MakeError(ErrorKind::kIo, "pid " + std::to_string(pid) + ": cannot read " + dir +
                                         "/environ (no such process, or not permitted)");
  }
  ClientEnvironment env;
  env.origin = "pid " + std::to_string(pid);
  size_t start = 0;
  const std::string& s = *bytes;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    std::string kv = s.substr(start, end - start);
    size_t eq = kv.find('=');
    if (eq != std::string::npos && eq > 0) env.vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    start = end + 1;
  }
  char buf[PATH_MAX];
  ssize_t n = ::readlink((dir + "/exe").c_str(), buf, sizeof(buf) - 1);
  if (n > 0) env.exe.assign(buf, static_cast<size_t>(n));
  return env;
}

Result<ClientEnvironment> EnvironmentFromList(const std::vector<std::string>& entries, const std::string& origin) {
  ClientEnvironment env;
  env.origin = origin;
  for (const std::string& kv : entries) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || !ValidName(kv.substr(0, eq))) {
      return MakeError(ErrorKind::kFormat, origin + ": '" + kv + "' is not KEY=VALUE");
    }
    env.vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

namespace {
// "WHAT: message", unless the message names WHAT already.
Error Named(const std::string& what, Error e) {
  if (e.message.rfind(what + ":", 0) != 0) e.message = what + ": " + e.message;
  return e;
}
}  // namespace

Result<ClientEnvironment> ChooseEnvironment(const EnvironmentChoice& c) {
  if (!c.env_file.empty() && c.pid != 0) {
    return MakeError(ErrorKind::kInvalidArgument, "--env and --pid: give one of them");
  }
  ClientEnvironment env;
  if (!c.env_file.empty()) {
    auto from = EnvironmentFromFile(c.env_file);
    if (!from.ok()) return Named("--env " + c.env_file, from.error());
    env = std::move(from).value();
  } else if (c.pid != 0) {
    auto from = EnvironmentFromPid(c.pid);
    if (!from.ok()) return Named("--pid " + std::to_string(c.pid), from.error());
    env = std::move(from).value();
  } else {
    env = EnvironmentFromProcess();
    // Another tree's environment is not this shell's.
    if (!c.root.empty()) {
      env.vars.clear();
      env.origin = "none (--root)";
    }
  }
  if (!c.root.empty() && c.set_root) {
    auto root = CheckDiscoveryRoot(c.root);
    if (!root.ok()) return Named("--root", root.error());
    env.root = *root;
  }
  return env;
}

}  // namespace trustready
