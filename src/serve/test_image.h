// The site's /test.jpg: a small JPEG with a green check mark, drawn by
// make_test_image.py and compiled into the binary (test_image_data.cc).
#ifndef TRUSTREADY_SERVE_TEST_IMAGE_H_
#define TRUSTREADY_SERVE_TEST_IMAGE_H_

#include <string_view>

namespace trustready::serve {

std::string_view TestJpeg();

}  // namespace trustready::serve

#endif  // TRUSTREADY_SERVE_TEST_IMAGE_H_
