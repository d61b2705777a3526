// Text that is safe to print on a terminal.
//
// File names from an image tree, certificate subjects and anything else a
// stranger chose can hold escape sequences (ESC ] 0; sets a window title,
// ESC [ 2 J clears the screen, a bare CR overwrites the line before it,
// U+202E reverses what follows). Text output escapes them as \uXXXX (code
// points: C0 and C1 controls except LF and TAB, DEL, the bidirectional
// overrides and isolates) or \xNN (bytes that are not UTF-8). \u escapes
// are also valid inside JSON strings, so JSON through the same filter stays
// JSON (nlohmann already escapes C0; C1 and bidi it passes through raw).
//
// What is not escaped: printable text in any script, LF, TAB, and, when
// `allow_sgr` is set, exactly the colour sequences the CLI itself emits
// (ESC [ 0/1/2/31/32/33 m): at worst a hostile name can change a colour,
// never move the cursor or talk to the terminal.
#ifndef TRUSTREADY_BASE_TERMINAL_TEXT_H_
#define TRUSTREADY_BASE_TERMINAL_TEXT_H_

#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace trustready {

// `text` with every control character escaped (see above).
std::string EscapeControl(std::string_view text, bool allow_sgr = false);

// A streambuf that escapes everything written through it and forwards the
// result to `out` (not owned; must outlive it). Bytes of an unfinished
// UTF-8 or SGR sequence are held until the sequence ends or the filter is
// destroyed. Safe to write from several threads (calls are serialized).
class TerminalSafeBuf : public std::streambuf {
 public:
  TerminalSafeBuf(std::streambuf* out, bool allow_sgr);
  ~TerminalSafeBuf() override;
  TerminalSafeBuf(const TerminalSafeBuf&) = delete;
  TerminalSafeBuf& operator=(const TerminalSafeBuf&) = delete;
  // Emits held bytes (escaped: they did not complete a sequence).
  void Finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void FinishLocked();
  void Put(unsigned char c);
  void Emit(std::string_view s);
  void EmitInvalid(std::string_view bytes);
  std::mutex mu_;  // writers on several threads (serve's event loop)
  std::streambuf* out_;
  bool allow_sgr_;
  std::string pending_;   // an unfinished ESC [ ... m or UTF-8 sequence
  size_t utf8_need_ = 0;  // total length of the pending UTF-8 sequence
};

// While it lives, std::cout and std::cerr write through a TerminalSafeBuf
// each (colour sequences kept when `allow_sgr`): every byte a program prints
// is filtered, whichever code prints it. The destructor flushes both, emits
// what is held and restores their buffers.
class TerminalSafeStdStreams {
 public:
  explicit TerminalSafeStdStreams(bool allow_sgr);
  ~TerminalSafeStdStreams();
  TerminalSafeStdStreams(const TerminalSafeStdStreams&) = delete;
  TerminalSafeStdStreams& operator=(const TerminalSafeStdStreams&) = delete;

 private:
  TerminalSafeBuf out_;
  TerminalSafeBuf err_;
  std::streambuf* old_out_;
  std::streambuf* old_err_;
};

}  // namespace trustready

#endif  // TRUSTREADY_BASE_TERMINAL_TEXT_H_
