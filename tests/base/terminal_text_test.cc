#include "trustready/base/terminal_text.h"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace trustready {
namespace {

TEST(TerminalText, PlainTextUnchanged) {
  EXPECT_EQ(EscapeControl("AmazonRootCA1.cer\tok\n"), "AmazonRootCA1.cer\tok\n");
  EXPECT_EQ(EscapeControl("Türkiye — 日本 🙂"), "Türkiye — 日本 🙂");
}

TEST(TerminalText, ControlsEscaped) {
  EXPECT_EQ(EscapeControl("a\x1b]0;pwned\x07" "b"), "a\\u001b]0;pwned\\u0007b");
  EXPECT_EQ(EscapeControl("x\x1b[2Jy"), "x\\u001b[2Jy");
  EXPECT_EQ(EscapeControl("over\rwrite"), "over\\u000dwrite");
  EXPECT_EQ(EscapeControl("del\x7f"), "del\\u007f");
  EXPECT_EQ(EscapeControl("csi\xc2\x9b" "31m"), "csi\\u009b31m");          // C1 CSI in UTF-8
  EXPECT_EQ(EscapeControl("rev\xe2\x80\xae" "txt"), "rev\\u202etxt");      // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(EscapeControl("latin1 \x9b" "31m"), "latin1 \\x9b31m");        // bare C1 byte
  EXPECT_EQ(EscapeControl("cut \xe2\x80"), "cut \\xe2\\x80");              // truncated UTF-8
  EXPECT_EQ(EscapeControl("overlong \xc0\xaf"), "overlong \\xc0\\xaf");
}

TEST(TerminalText, OnlyOurColoursPass) {
  EXPECT_EQ(EscapeControl("\x1b[32mok\x1b[0m", true), "\x1b[32mok\x1b[0m");
  EXPECT_EQ(EscapeControl("\x1b[32mok\x1b[0m", false), "\\u001b[32mok\\u001b[0m");
  EXPECT_EQ(EscapeControl("\x1b[2J", true), "\\u001b[2J");
  EXPECT_EQ(EscapeControl("\x1b[3", true), "\\u001b[3");  // unfinished at the end
  EXPECT_EQ(EscapeControl("\x1b]0;t\x07", true), "\\u001b]0;t\\u0007");
}

TEST(TerminalText, StreamSplitsAnywhere) {
  const std::string in = "a\x1b[32mb\xe2\x80\xae" "c\x1b[2Jd\xc3\xa9";
  const std::string want = EscapeControl(in, true);
  for (size_t cut = 0; cut <= in.size(); ++cut) {
    std::stringbuf sb;
    {
      TerminalSafeBuf f(&sb, true);
      std::ostream os(&f);
      os << in.substr(0, cut);
      os.flush();
      os << in.substr(cut);
    }
    EXPECT_EQ(sb.str(), want) << "cut at " << cut;
  }
}

// What main() does: while the guard lives, std::cout and std::cerr are
// filtered (a held partial sequence emitted at the end); afterwards their
// own buffers are back.
TEST(TerminalText, StdStreamsFilteredWhileTheGuardLives) {
  std::ostringstream out, err;
  std::streambuf* real_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* real_err = std::cerr.rdbuf(err.rdbuf());
  {
    TerminalSafeStdStreams guard(/*allow_sgr=*/true);
    std::cout << "title\x1b]0;pwned\x07 \x1b[32mok\x1b[0m cut \xe2\x80";
    std::cerr << "over\rwrite\n";
  }
  std::cout << "\x1b[2J";  // after the guard: unfiltered again
  std::cout.rdbuf(real_out);
  std::cerr.rdbuf(real_err);
  EXPECT_EQ(out.str(), "title\\u001b]0;pwned\\u0007 \x1b[32mok\x1b[0m cut \\xe2\\x80\x1b[2J");
  EXPECT_EQ(err.str(), "over\\u000dwrite\n");
}

}  // namespace
}  // namespace trustready
