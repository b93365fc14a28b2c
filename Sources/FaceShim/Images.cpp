// Image copying, resampling with padding, and colour sampling (files: ImageFiles.cpp).
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "ImageHandle.hpp"
#include "ShimErrors.hpp"

using faceshim::fail;
using faceshim::guarded;

namespace {

// OpenCV's own worker threads (TBB on Debian) would compete with the callers, which render frames
// in parallel themselves, so OpenCV runs on the calling thread only. This is set once, while the
// program loads and before any thread can be inside OpenCV: changing it later tears TBB's arena
// down under a thread that is using it (the server crashed so, two workers, the first job of one
// reaching a warp while the other resized).
const bool callerThreadOnly = [] {
    cv::setNumThreads(1);
    return true;
}();

}  // namespace

extern "C" int fs_opencv_threads(void) { return callerThreadOnly ? cv::getNumThreads() : -1; }

extern "C" fs_status fs_image_from_bgra(const uint8_t *pixels, int width, int height, int stride, fs_image **out) {
    if (pixels == nullptr || out == nullptr || width <= 0 || height <= 0 || stride < width * 4) {
        return fail(FS_ERROR_ARGUMENT, "invalid image buffer");
    }
    *out = nullptr;
    return guarded("copying an image", [&] {
        cv::Mat view(height, width, CV_8UC4, const_cast<uint8_t *>(pixels), static_cast<size_t>(stride));
        *out = new fs_image{view.clone()};
        return FS_OK;
    });
}

extern "C" void fs_image_destroy(fs_image *image) { delete image; }

extern "C" int fs_image_width(const fs_image *image) { return image == nullptr ? 0 : image->bgra.cols; }

extern "C" int fs_image_height(const fs_image *image) { return image == nullptr ? 0 : image->bgra.rows; }

extern "C" fs_status fs_image_copy_bgra(const fs_image *image, uint8_t *pixels, int stride) {
    if (image == nullptr || pixels == nullptr || stride < image->bgra.cols * 4) {
        return fail(FS_ERROR_ARGUMENT, "invalid destination buffer");
    }
    cv::Mat view(image->bgra.rows, image->bgra.cols, CV_8UC4, pixels, static_cast<size_t>(stride));
    image->bgra.copyTo(view);
    return FS_OK;
}

extern "C" fs_status fs_image_copy_bgra_region(const fs_image *image, uint8_t *pixels, int stride, int x, int y, int width,
                                               int height) {
    if (image == nullptr || pixels == nullptr || stride < image->bgra.cols * 4) {
        return fail(FS_ERROR_ARGUMENT, "invalid destination buffer");
    }
    cv::Rect area = cv::Rect(x, y, width, height) & cv::Rect(0, 0, image->bgra.cols, image->bgra.rows);
    if (area.empty()) return FS_OK;
    cv::Mat view(image->bgra.rows, image->bgra.cols, CV_8UC4, pixels, static_cast<size_t>(stride));
    image->bgra(area).copyTo(view(area));
    return FS_OK;
}

namespace {

// Blends a heavily blurred copy into the parts of `output` that the source did not cover, with a
// soft transition outward from the photo's edge (pixels inside the photo stay exact).
void blurPadding(const cv::Mat &source, const cv::Mat &matrix, cv::Mat &output) {
    cv::Mat coverage;
    cv::Mat ones(source.size(), CV_8U, cv::Scalar(255));
    cv::warpAffine(ones, coverage, matrix, output.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    if (cv::countNonZero(coverage < 250) == 0) return;
    double sigma = std::max(output.cols, output.rows) / 40.0;
    cv::Mat blurred;
    cv::GaussianBlur(output, blurred, cv::Size(0, 0), sigma);
    cv::Mat soft;
    cv::GaussianBlur(coverage, soft, cv::Size(0, 0), sigma / 2);
    cv::max(coverage, soft, soft);
    for (int row = 0; row < output.rows; ++row) {
        auto *target = output.ptr<cv::Vec4b>(row);
        const auto *haze = blurred.ptr<cv::Vec4b>(row);
        const auto *weight = soft.ptr<uint8_t>(row);
        for (int column = 0; column < output.cols; ++column) {
            float keep = weight[column] / 255.0f;
            for (int channel = 0; channel < 3; ++channel) {
                target[column][channel] = cv::saturate_cast<uint8_t>(
                    target[column][channel] * keep + haze[column][channel] * (1 - keep));
            }
        }
    }
}

}  // namespace

extern "C" fs_status fs_image_resample(const fs_image *image, const double matrix[6], int width, int height,
                                       int pad_mode, fs_image **out) {
    if (image == nullptr || matrix == nullptr || out == nullptr || width <= 0 || height <= 0 || pad_mode < 0 ||
        pad_mode > 1) {
        return fail(FS_ERROR_ARGUMENT, "invalid resample arguments");
    }
    *out = nullptr;
    return guarded("resampling an image", [&] {
        cv::Mat map = (cv::Mat_<double>(2, 3) << matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]);
        double scale = std::sqrt(std::abs(cv::determinant(map.colRange(0, 2))));
        cv::Mat source = image->bgra;
        if (scale < 0.5) {
            // Area-average first so a big reduction does not alias, then finish with the affine map.
            double shrink = std::min(1.0, scale * 1.5);
            cv::Mat smaller;
            cv::resize(source, smaller, cv::Size(), shrink, shrink, cv::INTER_AREA);
            double fx = static_cast<double>(source.cols) / smaller.cols;
            double fy = static_cast<double>(source.rows) / smaller.rows;
            // A pixel centre i of the smaller image lies at fx * i + (fx - 1) / 2 in the source.
            for (int row = 0; row < 2; ++row) {
                map.at<double>(row, 2) += map.at<double>(row, 0) * (fx - 1) / 2 + map.at<double>(row, 1) * (fy - 1) / 2;
                map.at<double>(row, 0) *= fx;
                map.at<double>(row, 1) *= fy;
            }
            source = smaller;
        }
        int interpolation = scale > 1.05 ? cv::INTER_CUBIC : cv::INTER_LINEAR;
        auto *result = new fs_image();
        cv::warpAffine(source, result->bgra, map, cv::Size(width, height), interpolation, cv::BORDER_REPLICATE);
        if (pad_mode == 1) blurPadding(source, map, result->bgra);
        *out = result;
        return FS_OK;
    });
}

extern "C" fs_status fs_image_polygon_mean(const fs_image *image, const float *xy, int count, double bgr[3]) {
    if (image == nullptr || xy == nullptr || count < 3 || bgr == nullptr) {
        return fail(FS_ERROR_ARGUMENT, "invalid polygon");
    }
    return guarded("sampling a colour", [&] {
        std::vector<cv::Point> points;
        for (int index = 0; index < count; ++index) {
            points.emplace_back(static_cast<int>(std::lround(xy[2 * index])),
                                static_cast<int>(std::lround(xy[2 * index + 1])));
        }
        cv::Mat mask(image->bgra.size(), CV_8U, cv::Scalar(0));
        cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255));
        if (cv::countNonZero(mask) == 0) return fail(FS_ERROR_ARGUMENT, "the polygon covers no pixels");
        cv::Scalar mean = cv::mean(image->bgra, mask);
        for (int channel = 0; channel < 3; ++channel) bgr[channel] = mean[channel];
        return FS_OK;
    });
}
