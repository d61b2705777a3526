#include "trustready/base/terminal_text.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace trustready {

namespace {

// The colour sequences the CLI emits (cli/main.cc Wrap).
constexpr std::string_view kSgr[] = {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m"};

bool SgrPrefix(std::string_view s, bool* complete) {
  *complete = false;
  for (std::string_view q : kSgr) {
    if (q.starts_with(s)) {
      if (q.size() == s.size()) *complete = true;
      return true;
    }
  }
  return false;
}

std::string CodePointEscape(uint32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  return buf;
}

// Code points that act on the terminal or reorder text rather than show.
bool Dangerous(uint32_t cp) {
  if (cp < 0x20) return cp != '\n' && cp != '\t';
  if (cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) return true;  // DEL, C1 (0x9b is CSI)
  if (cp >= 0x202a && cp <= 0x202e) return true;              // bidi embeddings, overrides
  if (cp >= 0x2066 && cp <= 0x2069) return true;              // bidi isolates
  return false;
}

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;  // ASCII, a continuation byte, or never valid (C0, C1, F5-FF)
}

// Decodes a complete sequence of Utf8Length(s[0]) bytes; false when it is
// overlong, a surrogate or above U+10FFFF.
bool Decode(std::string_view s, uint32_t* cp) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  uint32_t v = 0;
  if (s.size() == 2) {
    v = ((b(0) & 0x1fu) << 6) | (b(1) & 0x3fu);
  } else if (s.size() == 3) {
    v = ((b(0) & 0x0fu) << 12) | ((b(1) & 0x3fu) << 6) | (b(2) & 0x3fu);
    if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff)) return false;
  } else {
    v = ((b(0) & 0x07u) << 18) | ((b(1) & 0x3fu) << 12) | ((b(2) & 0x3fu) << 6) | (b(3) & 0x3fu);
    if (v < 0x10000 || v > 0x10ffff) return false;
  }
  *cp = v;
  return true;
}

}  // namespace

TerminalSafeBuf::TerminalSafeBuf(std::streambuf* out, bool allow_sgr) : out_(out), allow_sgr_(allow_sgr) {}

TerminalSafeBuf::~TerminalSafeBuf() { Finish(); }

void TerminalSafeBuf::Finish() {
  std::lock_guard<std::mutex> lock(mu_);
  FinishLocked();
}

void TerminalSafeBuf::FinishLocked() {
  if (pending_.empty()) return;
  std::string p;
  p.swap(pending_);
  utf8_need_ = 0;
  if (p[0] == '\x1b') {
    Emit(CodePointEscape(0x1b));
    for (size_t i = 1; i < p.size(); ++i) Put(static_cast<unsigned char>(p[i]));
    FinishLocked();
  } else {
    EmitInvalid(p);
  }
}

void TerminalSafeBuf::Emit(std::string_view s) { out_->sputn(s.data(), static_cast<std::streamsize>(s.size())); }

void TerminalSafeBuf::EmitInvalid(std::string_view bytes) {
  for (unsigned char c : bytes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    Emit(buf);
  }
}

void TerminalSafeBuf::Put(unsigned char c) {
  if (!pending_.empty() && pending_[0] == '\x1b') {
    pending_ += static_cast<char>(c);
    bool complete = false;
    if (SgrPrefix(pending_, &complete)) {
      if (complete) {
        Emit(pending_);
        pending_.clear();
      }
      return;
    }
    // Not one of ours: the ESC is escaped and what followed is text.
    std::string rest = pending_.substr(1);
    pending_.clear();
    Emit(CodePointEscape(0x1b));
    for (unsigned char r : rest) Put(r);
    return;
  }
  if (!pending_.empty()) {  // inside a UTF-8 sequence
    if ((c & 0xc0) != 0x80) {
      std::string bad;
      bad.swap(pending_);
      utf8_need_ = 0;
      EmitInvalid(bad);
      Put(c);
      return;
    }
    pending_ += static_cast<char>(c);
    if (pending_.size() < utf8_need_) return;
    uint32_t cp = 0;
    if (!Decode(pending_, &cp)) {
      EmitInvalid(pending_);
    } else if (Dangerous(cp)) {
      Emit(CodePointEscape(cp));
    } else {
      Emit(pending_);
    }
    pending_.clear();
    utf8_need_ = 0;
    return;
  }
  if (c == 0x1b && allow_sgr_) {
    pending_ = "\x1b";
    return;
  }
  if (c < 0x80) {
    if (Dangerous(c)) {
      Emit(CodePointEscape(c));
    } else {
      const char ch = static_cast<char>(c);
      out_->sputc(ch);
    }
    return;
  }
  if (size_t n = Utf8Length(c); n != 0) {
    pending_ = static_cast<char>(c);
    utf8_need_ = n;
    return;
  }
  EmitInvalid(std::string_view(reinterpret_cast<const char*>(&c), 1));
}

TerminalSafeBuf::int_type TerminalSafeBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  std::lock_guard<std::mutex> lock(mu_);
  Put(static_cast<unsigned char>(traits_type::to_char_type(c)));
  return c;
}

std::streamsize TerminalSafeBuf::xsputn(const char* s, std::streamsize n) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::streamsize i = 0; i < n; ++i) Put(static_cast<unsigned char>(s[i]));
  return n;
}

int TerminalSafeBuf::sync() {
  std::lock_guard<std::mutex> lock(mu_);
  return out_->pubsync();
}

std::string EscapeControl(std::string_view text, bool allow_sgr) {
  std::stringbuf sb;
  {
    TerminalSafeBuf f(&sb, allow_sgr);
    f.sputn(text.data(), static_cast<std::streamsize>(text.size()));
  }
  return sb.str();
}

TerminalSafeStdStreams::TerminalSafeStdStreams(bool allow_sgr)
    : out_(std::cout.rdbuf(), allow_sgr),
      err_(std::cerr.rdbuf(), allow_sgr),
      old_out_(std::cout.rdbuf(&out_)),
      old_err_(std::cerr.rdbuf(&err_)) {}

TerminalSafeStdStreams::~TerminalSafeStdStreams() {
  std::cout.flush();
  std::cerr.flush();
  out_.Finish();
  err_.Finish();
  std::cout.rdbuf(old_out_);
  std::cerr.rdbuf(old_err_);
  std::cout.flush();
}

}  // namespace trustready
