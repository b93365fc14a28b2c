// The definition of fs_image for the shim's OpenCV files: one immutable BGRA matrix.
#pragma once
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>

struct fs_image {
    cv::Mat bgra;  // CV_8UC4, continuous, never modified after creation
};
