// Running a helper program (node, certutil, python3, openssl) with a
// deadline, for discovery and client resolution.
#ifndef TRUSTREADY_STORE_RUN_PROGRAM_H_
#define TRUSTREADY_STORE_RUN_PROGRAM_H_

#include <cstddef>
#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

// Runs argv (no shell) and returns its standard output; stderr is
// discarded. Fails (kIo) on a non-zero exit, and kills the program after
// `timeout_seconds` (kIo, "timed out").
Result<std::string> RunProgram(const std::vector<std::string>& argv, int timeout_seconds,
                               size_t max_output = 64u << 20);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_RUN_PROGRAM_H_
