// JPEG decoding with libjpeg(-turbo): RGB, greyscale and CMYK/YCCK (Adobe-inverted or not)
// to BGRA, warnings kept off stderr, errors returned as text.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace faceshim {

/// The pixel size a JPEG's frame header declares; false if none is found.
bool jpegDimensions(const std::vector<uint8_t> &bytes, int &width, int &height, std::string &error);

/// Decodes a JPEG into `bgra`; false with `error` set if it cannot.
bool decodeJPEG(const std::vector<uint8_t> &bytes, cv::Mat &bgra, std::string &error);

}  // namespace faceshim
