// The definition of fs_image for the shim's OpenCV files: one immutable BGRA matrix.
#pragma once
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>

struct fs_image {
    cv::Mat bgra;  // CV_8UC4, continuous, never modified after creation
};

namespace faceshim {

// OpenCV's own worker threads would compete with the caller, which renders frames in parallel
// itself; every per-frame entry point runs OpenCV on the calling thread only.
inline void useCallerThreadOnly() {
    static const bool configured = [] {
        cv::setNumThreads(1);
        return true;
    }();
    (void)configured;
}

}  // namespace faceshim
