// Paints soft-edged filled polygons into a region and blends it back through a clip polygon.
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "ImageHandle.hpp"
#include "ShimErrors.hpp"

using faceshim::fail;
using faceshim::guarded;

namespace {

constexpr int kSubpixelBits = 4;

// Rasterizes a polygon into a coverage mask in 0-1 over the part of `region` (image
// coordinates) that the polygon and its blur can reach; `area` receives that part.
cv::Mat coverage(const float *xy, int count, const cv::Rect &region, float blur, cv::Rect &area) {
    float minX = xy[0], maxX = xy[0], minY = xy[1], maxY = xy[1];
    for (int index = 1; index < count; ++index) {
        minX = std::min(minX, xy[2 * index]);
        maxX = std::max(maxX, xy[2 * index]);
        minY = std::min(minY, xy[2 * index + 1]);
        maxY = std::max(maxY, xy[2 * index + 1]);
    }
    int reach = static_cast<int>(std::ceil(3 * blur)) + 2;
    cv::Rect bounds(static_cast<int>(std::floor(minX)) - reach, static_cast<int>(std::floor(minY)) - reach,
                    static_cast<int>(std::ceil(maxX - minX)) + 2 * reach + 1,
                    static_cast<int>(std::ceil(maxY - minY)) + 2 * reach + 1);
    area = bounds & region;
    if (area.empty()) return cv::Mat();
    std::vector<cv::Point> points;
    points.reserve(count);
    for (int index = 0; index < count; ++index) {
        points.emplace_back(static_cast<int>(std::lround((xy[2 * index] - area.x) * (1 << kSubpixelBits))),
                            static_cast<int>(std::lround((xy[2 * index + 1] - area.y) * (1 << kSubpixelBits))));
    }
    cv::Mat mask(area.size(), CV_8U, cv::Scalar(0));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255), cv::LINE_AA, kSubpixelBits);
    if (blur > 0.05f) cv::GaussianBlur(mask, mask, cv::Size(0, 0), blur);
    cv::Mat result;
    mask.convertTo(result, CV_32F, 1.0 / 255);
    return result;
}

}  // namespace

extern "C" fs_status fs_composite_shapes(uint8_t *pixels, int width, int height, int stride, const fs_shape *shapes,
                                         int shape_count, const float *clip_xy, int clip_count, float feather) {
    if (pixels == nullptr || clip_xy == nullptr || clip_count < 3 || shape_count < 0 ||
        (shape_count > 0 && shapes == nullptr) || stride < width * 4 || feather < 0) {
        return fail(FS_ERROR_ARGUMENT, "invalid compositing arguments");
    }
    return guarded("compositing shapes", [&] {
        float minX = clip_xy[0], maxX = clip_xy[0], minY = clip_xy[1], maxY = clip_xy[1];
        for (int index = 1; index < clip_count; ++index) {
            minX = std::min(minX, clip_xy[2 * index]);
            maxX = std::max(maxX, clip_xy[2 * index]);
            minY = std::min(minY, clip_xy[2 * index + 1]);
            maxY = std::max(maxY, clip_xy[2 * index + 1]);
        }
        int margin = static_cast<int>(std::ceil(3 * feather)) + 2;
        int left = std::max(0, static_cast<int>(std::floor(minX)) - margin);
        int top = std::max(0, static_cast<int>(std::floor(minY)) - margin);
        int right = std::min(width, static_cast<int>(std::ceil(maxX)) + margin + 1);
        int bottom = std::min(height, static_cast<int>(std::ceil(maxY)) + margin + 1);
        if (right <= left || bottom <= top) return FS_OK;
        cv::Rect region(left, top, right - left, bottom - top);
        cv::Mat destination(height, width, CV_8UC4, pixels, static_cast<size_t>(stride));
        cv::Mat target = destination(region);

        cv::Mat layer;
        target.convertTo(layer, CV_32FC4);
        for (int index = 0; index < shape_count; ++index) {
            const fs_shape &shape = shapes[index];
            if (shape.xy == nullptr || shape.count < 3 || shape.opacity <= 0) continue;
            cv::Rect area;
            cv::Mat alpha = coverage(shape.xy, shape.count, region, shape.blur, area);
            if (alpha.empty()) continue;
            float opacity = std::min(1.0f, shape.opacity);
            for (int row = 0; row < area.height; ++row) {
                auto *paint = layer.ptr<cv::Vec4f>(row + area.y - region.y) + (area.x - region.x);
                const float *weight = alpha.ptr<float>(row);
                for (int column = 0; column < area.width; ++column) {
                    float amount = weight[column] * opacity;
                    if (amount <= 0) continue;
                    for (int channel = 0; channel < 3; ++channel) {
                        paint[column][channel] += (shape.bgr[channel] - paint[column][channel]) * amount;
                    }
                }
            }
        }
        cv::Rect clipArea;
        cv::Mat clip = coverage(clip_xy, clip_count, region, feather, clipArea);
        for (int row = 0; row < clipArea.height; ++row) {
            auto *out = target.ptr<cv::Vec4b>(row + clipArea.y - region.y) + (clipArea.x - region.x);
            const auto *paint = layer.ptr<cv::Vec4f>(row + clipArea.y - region.y) + (clipArea.x - region.x);
            const float *weight = clip.ptr<float>(row);
            for (int column = 0; column < clipArea.width; ++column) {
                float amount = weight[column];
                if (amount <= 0) continue;
                for (int channel = 0; channel < 3; ++channel) {
                    out[column][channel] = cv::saturate_cast<uint8_t>(
                        out[column][channel] + (paint[column][channel] - out[column][channel]) * amount);
                }
            }
        }
        return FS_OK;
    });
}
