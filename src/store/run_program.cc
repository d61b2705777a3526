// Running a helper program (node, certutil, python3) with a deadline.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "trustready/store/store_discovery.h"
#include "trustready/store/run_program.h"

namespace trustready {

Result<std::string> RunProgram(const std::vector<std::string>& argv, int timeout_seconds,
                               size_t max_output) {
  if (argv.empty()) return MakeError(ErrorKind::kInvalidArgument, "RunProgram: empty argv");
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    return MakeError(ErrorKind::kIo, "program.spawn_failed", argv[0] + ": pipe: " + std::strerror(errno));
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out[0]);
    ::close(out[1]);
    return MakeError(ErrorKind::kIo, "program.spawn_failed", argv[0] + ": fork: " + std::strerror(errno));
  }
  if (pid == 0) {
    // Child: stdout to the pipe, stdin and stderr to /dev/null; own process
    // group so that a timeout kills whatever it started too.
    ::setpgid(0, 0);
    int devnull = ::open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      ::dup2(devnull, 0);
      ::dup2(devnull, 2);
    }
    ::dup2(out[1], 1);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string output;
  bool timed_out = false, too_big = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{out[0], POLLIN, 0};
    int r = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (r == 0) {
      timed_out = true;
      break;
    }
    ssize_t n = ::read(out[0], buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) break;
    output.append(buf, static_cast<size_t>(n));
    if (output.size() > max_output) {
      too_big = true;
      break;
    }
  }
  ::close(out[0]);
  if (timed_out || too_big) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return MakeError(ErrorKind::kIo, "program.timeout", argv[0] + ": timed out after " +
                                         std::to_string(timeout_seconds) + "s");
  }
  if (too_big) return MakeError(ErrorKind::kIo, "program.output_too_large", argv[0] + ": output too large");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return MakeError(ErrorKind::kIo, code == 127 ? "program.not_found" : "program.failed", argv[0] + ": " +
                                         (code == 127 ? std::string("not found or not runnable")
                                                      : "exited with status " + std::to_string(code)));
  }
  return output;
}

}  // namespace trustready
