// How text forms are drawn. The front end decides (colour only on a TTY and
// without NO_COLOR); every *ToText function of report/ takes one.
#ifndef TRUSTREADY_REPORT_TEXT_STYLE_H_
#define TRUSTREADY_REPORT_TEXT_STYLE_H_

namespace trustready {

struct TextStyle {
  bool color = false;  // ANSI SGR colours and bold
};

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_TEXT_STYLE_H_
