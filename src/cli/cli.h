// The CLI front end: argument parsing and printing only. The command line
// is declared in docs/cli/commands.spec; the CLI11 registration generated
// from it (build/generated/cli/commands*.h, scripts/gen-cli.py) calls each
// command's run function, which cmd_<word>.cc defines: parsed Args -> one
// library call -> report/ -> exit code. main.cc knows no command by name.
//
// Exit codes are decided here and only here: 0 trusted/ready, 1 not
// trusted/not ready, 2 error.
#ifndef TRUSTREADY_CLI_CLI_H_
#define TRUSTREADY_CLI_CLI_H_

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/x509/certificate.h"

namespace trustready {
struct PlatformData;
struct PlatformSnapshot;
}  // namespace trustready

namespace trustready::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitNo = 1;
inline constexpr int kExitError = 2;

// Thrown inside a command callback to end with exit 2 and print
// "trustready: <message>" as one line on stderr.
struct CliError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void Fail(const std::string& message);
// Fails with "<what>: <error>" unless ok.
[[noreturn]] void Fail(const std::string& what, const Error& error);
template <typename T>
T Unwrap(Result<T> r, const std::string& what) {
  if (!r.ok()) Fail(what, r.error());
  return std::move(r).value();
}

// The exit code of the command that ran (commands set it; default 0).
void SetExitCode(int code);
int ExitCode();

// Terminal styling (report/ colours when told): only when stdout is a TTY
// and NO_COLOR is unset.
bool UseColor();

// --at TIME (RFC 3339) as a time; 0 (now) when not given. Fails naming `what`.
UnixTime AtTime(const std::string& at, const std::string& what = "--at");
// A duration option given in seconds: "NAME: must be between 0 and MAX
// seconds" unless 0 < s <= max (0 <= s <= max when `zero_ok`).
std::chrono::milliseconds Seconds(double s, const std::string& name, double max = 600, bool zero_ok = false);

// Age of the shipped data (cmd_data.cc). The global `--max-data-age DAYS`
// (default 120); NoteDataDate prints "data: WHAT as of DATE (SOURCE)" on
// stderr and a warning when DATE is older than that.
int MaxDataAgeDays();
void NoteDataDate(const std::string& what, const std::string& date, const std::string& source);
// NoteDataDate for the platform data behind `used`: the oldest of the
// involved platforms' newest snapshot dates.
void NotePlatformDataDate(const PlatformData& data, const std::vector<const PlatformSnapshot*>& used);
// The same for platform snapshot stores named "android:17.0.0_r1", ...;
// nothing is read when `names` is empty.
void NotePlatformStoresDate(const std::vector<std::string>& names);

}  // namespace trustready::cli

#endif  // TRUSTREADY_CLI_CLI_H_
