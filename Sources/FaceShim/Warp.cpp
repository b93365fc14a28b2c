// Delaunay triangulation and the remap-based piecewise-affine warp.
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <utility>

#include "ImageHandle.hpp"
#include "ShimErrors.hpp"

using faceshim::fail;
using faceshim::guarded;

extern "C" fs_status fs_triangulate(const float *xy, int count, float width, float height, int *triangles,
                                    int capacity, int *triangle_count) {
    if (xy == nullptr || count < 3 || triangles == nullptr || triangle_count == nullptr || width <= 0 ||
        height <= 0) {
        return fail(FS_ERROR_ARGUMENT, "invalid triangulation arguments");
    }
    return guarded("triangulating", [&] {
        float minX = 0, minY = 0, maxX = width, maxY = height;
        for (int index = 0; index < count; ++index) {
            minX = std::min(minX, xy[2 * index]);
            maxX = std::max(maxX, xy[2 * index]);
            minY = std::min(minY, xy[2 * index + 1]);
            maxY = std::max(maxY, xy[2 * index + 1]);
        }
        cv::Rect bounds(static_cast<int>(std::floor(minX)) - 2, static_cast<int>(std::floor(minY)) - 2,
                        static_cast<int>(std::ceil(maxX - minX)) + 5, static_cast<int>(std::ceil(maxY - minY)) + 5);
        cv::Subdiv2D subdivision(bounds);
        std::map<std::pair<float, float>, int> indexOf;
        for (int index = 0; index < count; ++index) {
            cv::Point2f point(xy[2 * index], xy[2 * index + 1]);
            if (!indexOf.emplace(std::make_pair(point.x, point.y), index).second) {
                return fail(FS_ERROR_ARGUMENT, "duplicate point in triangulation");
            }
            subdivision.insert(point);
        }
        std::vector<cv::Vec6f> list;
        subdivision.getTriangleList(list);
        int written = 0;
        for (const auto &triangle : list) {
            int corners[3];
            bool known = true;
            for (int corner = 0; corner < 3 && known; ++corner) {
                auto found = indexOf.find(std::make_pair(triangle[2 * corner], triangle[2 * corner + 1]));
                known = found != indexOf.end();
                if (known) corners[corner] = found->second;
            }
            if (!known) continue;  // touches one of the subdivision's outer helper vertices
            if (written >= capacity) return fail(FS_ERROR_ARGUMENT, "too many triangles for the buffer");
            std::memcpy(triangles + 3 * written, corners, sizeof corners);
            ++written;
        }
        *triangle_count = written;
        return FS_OK;
    });
}

namespace {

struct Affine {
    double a, b, c, d, e, f;  // source = (a x + b y + c, d x + e y + f)
};

// The affine map that takes the destination triangle onto the source triangle, or false when the
// destination triangle has no area.
bool destinationToSource(const float *dst, const float *src, Affine &map) {
    double x0 = dst[0], y0 = dst[1], x1 = dst[2], y1 = dst[3], x2 = dst[4], y2 = dst[5];
    double det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (std::abs(det) < 1e-9) return false;
    // Barycentric weights of (x, y): w1 = ((x-x0)(y2-y0) - (x2-x0)(y-y0)) / det, w2 = ((x1-x0)(y-y0) - (x-x0)(y1-y0)) / det.
    double w1x = (y2 - y0) / det, w1y = -(x2 - x0) / det;
    double w2x = -(y1 - y0) / det, w2y = (x1 - x0) / det;
    double w1c = -(w1x * x0 + w1y * y0), w2c = -(w2x * x0 + w2y * y0);
    double ux = src[2] - src[0], uy = src[3] - src[1], vx = src[4] - src[0], vy = src[5] - src[1];
    map.a = ux * w1x + vx * w2x;
    map.b = ux * w1y + vx * w2y;
    map.c = src[0] + ux * w1c + vx * w2c;
    map.d = uy * w1x + vy * w2x;
    map.e = uy * w1y + vy * w2y;
    map.f = src[1] + uy * w1c + vy * w2c;
    return true;
}

// The span of pixel centres [first, last] that row `y` crosses inside a triangle, widened by a
// hair so that neighbouring triangles leave no cracks along their shared edge.
bool rowSpan(const float *corners, double y, int &first, int &last) {
    constexpr double tolerance = 1e-4;
    double low = 1e300, high = -1e300;
    for (int edge = 0; edge < 3; ++edge) {
        double x0 = corners[2 * edge], y0 = corners[2 * edge + 1];
        double x1 = corners[(2 * edge + 2) % 6], y1 = corners[(2 * edge + 3) % 6];
        if (y < std::min(y0, y1) - tolerance || y > std::max(y0, y1) + tolerance) continue;
        if (std::abs(y1 - y0) < 1e-12) {
            low = std::min({low, x0, x1});
            high = std::max({high, x0, x1});
            continue;
        }
        double x = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
        x = std::min(std::max(x, std::min(x0, x1)), std::max(x0, x1));
        low = std::min(low, x);
        high = std::max(high, x);
    }
    if (low > high) return false;
    first = static_cast<int>(std::ceil(low - tolerance));
    last = static_cast<int>(std::floor(high + tolerance));
    return first <= last;
}

}  // namespace

extern "C" fs_status fs_warp_triangles(const fs_image *source, uint8_t *pixels, int width, int height, int stride,
                                       const float *src_xy, const float *dst_xy, const int *triangles,
                                       int triangle_count) {
    if (source == nullptr || pixels == nullptr || src_xy == nullptr || dst_xy == nullptr || triangles == nullptr ||
        triangle_count < 0 || stride < width * 4) {
        return fail(FS_ERROR_ARGUMENT, "invalid warp arguments");
    }
    if (source->bgra.cols != width || source->bgra.rows != height) {
        return fail(FS_ERROR_ARGUMENT, "the warp destination must have the source's size");
    }
    if (triangle_count == 0) return FS_OK;
    return guarded("warping", [&] {
        double minX = width, minY = height, maxX = 0, maxY = 0;
        for (int index = 0; index < 3 * triangle_count; ++index) {
            int vertex = triangles[index];
            minX = std::min<double>(minX, dst_xy[2 * vertex]);
            maxX = std::max<double>(maxX, dst_xy[2 * vertex]);
            minY = std::min<double>(minY, dst_xy[2 * vertex + 1]);
            maxY = std::max<double>(maxY, dst_xy[2 * vertex + 1]);
        }
        int left = std::max(0, static_cast<int>(std::floor(minX)));
        int top = std::max(0, static_cast<int>(std::floor(minY)));
        int right = std::min(width - 1, static_cast<int>(std::ceil(maxX)));
        int bottom = std::min(height - 1, static_cast<int>(std::ceil(maxY)));
        if (right < left || bottom < top) return FS_OK;
        cv::Size region(right - left + 1, bottom - top + 1);
        cv::Mat mapX(region, CV_32F), mapY(region, CV_32F), mask(region, CV_8U, cv::Scalar(0));

        for (int index = 0; index < triangle_count; ++index) {
            float dst[6], src[6];
            for (int corner = 0; corner < 3; ++corner) {
                int vertex = triangles[3 * index + corner];
                dst[2 * corner] = dst_xy[2 * vertex];
                dst[2 * corner + 1] = dst_xy[2 * vertex + 1];
                src[2 * corner] = src_xy[2 * vertex];
                src[2 * corner + 1] = src_xy[2 * vertex + 1];
            }
            Affine map;
            if (!destinationToSource(dst, src, map)) continue;
            int y0 = std::max(top, static_cast<int>(std::ceil(std::min({dst[1], dst[3], dst[5]}) - 1e-4)));
            int y1 = std::min(bottom, static_cast<int>(std::floor(std::max({dst[1], dst[3], dst[5]}) + 1e-4)));
            for (int y = y0; y <= y1; ++y) {
                int first, last;
                if (!rowSpan(dst, y, first, last)) continue;
                first = std::max(first, left);
                last = std::min(last, right);
                float *rowX = mapX.ptr<float>(y - top);
                float *rowY = mapY.ptr<float>(y - top);
                uint8_t *rowMask = mask.ptr<uint8_t>(y - top);
                double sx = map.a * first + map.b * y + map.c, sy = map.d * first + map.e * y + map.f;
                for (int x = first; x <= last; ++x, sx += map.a, sy += map.d) {
                    rowX[x - left] = static_cast<float>(sx);
                    rowY[x - left] = static_cast<float>(sy);
                    rowMask[x - left] = 255;
                }
            }
        }
        // Unmasked entries are never copied out; give them valid coordinates for remap.
        for (int y = 0; y < region.height; ++y) {
            float *rowX = mapX.ptr<float>(y);
            float *rowY = mapY.ptr<float>(y);
            const uint8_t *rowMask = mask.ptr<uint8_t>(y);
            for (int x = 0; x < region.width; ++x) {
                if (rowMask[x] == 0) {
                    rowX[x] = static_cast<float>(x + left);
                    rowY[x] = static_cast<float>(y + top);
                }
            }
        }
        cv::Mat warped;
        cv::remap(source->bgra, warped, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::Mat destination(height, width, CV_8UC4, pixels, static_cast<size_t>(stride));
        warped.copyTo(destination(cv::Rect(left, top, region.width, region.height)), mask);
        return FS_OK;
    });
}
