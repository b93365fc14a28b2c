// Image files: decoding JPEG, PNG and BMP with dlib's loaders and WebP with libwebp, EXIF
// orientation read with libexif, and encoding PNG/JPEG (dlib) and WebP (libwebp).
//
// OpenCV's imgcodecs would do all of this in one call, but it links ~140 shared libraries
// (GDAL, codecs for formats Orator never reads) that cost every `orator` process ~0.08 s and
// ~50 MB at start-up, including the many runs that never open a photo.
#include <dlib/image_io.h>
#include <dlib/image_transforms/assign_image.h>
#include <libexif/exif-data.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <opencv2/core.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "ImageHandle.hpp"
#include "JpegFiles.hpp"
#include "ShimErrors.hpp"

using faceshim::fail;
using faceshim::guarded;

namespace {

std::vector<uint8_t> readBytes(const char *path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return {};
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), {});
}

bool isWebP(const std::vector<uint8_t> &bytes) {
    return bytes.size() >= 12 && std::memcmp(bytes.data(), "RIFF", 4) == 0 &&
           std::memcmp(bytes.data() + 8, "WEBP", 4) == 0;
}

bool decodeWebP(const std::vector<uint8_t> &bytes, cv::Mat &bgra) {
    int width = 0, height = 0;
    if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height) || width <= 0 || height <= 0) return false;
    bgra.create(height, width, CV_8UC4);
    uint8_t *decoded = WebPDecodeBGRAInto(bytes.data(), bytes.size(), bgra.data, bgra.total() * 4,
                                         static_cast<int>(bgra.step));
    return decoded != nullptr;
}

bool isJPEG(const std::vector<uint8_t> &bytes) { return bytes.size() > 2 && bytes[0] == 0xFF && bytes[1] == 0xD8; }

bool isPNG(const std::vector<uint8_t> &bytes) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return bytes.size() > 8 && std::memcmp(bytes.data(), signature, 8) == 0;
}

bool isBMP(const std::vector<uint8_t> &bytes) { return bytes.size() > 26 && bytes[0] == 'B' && bytes[1] == 'M'; }

uint32_t bigEndian32(const uint8_t *p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
int32_t littleEndian32(const uint8_t *p) { return int32_t(uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24)); }

/// The size the file's header declares, read before anything is decoded; false if unknown.
bool declaredSize(const std::vector<uint8_t> &bytes, long long &width, long long &height) {
    int w = 0, h = 0;
    std::string ignored;
    if (isWebP(bytes)) {
        if (!WebPGetInfo(bytes.data(), bytes.size(), &w, &h)) return false;
    } else if (isPNG(bytes) && bytes.size() >= 24) {
        width = bigEndian32(&bytes[16]);
        height = bigEndian32(&bytes[20]);
        return true;
    } else if (isJPEG(bytes)) {
        if (!faceshim::jpegDimensions(bytes, w, h, ignored)) return false;
    } else if (isBMP(bytes)) {
        w = littleEndian32(&bytes[18]);
        h = littleEndian32(&bytes[22]);
        if (h < 0) h = -h;
    } else {
        return false;
    }
    width = w;
    height = h;
    return true;
}

// JPEG (libjpeg) and PNG are decoded from the bytes already read; anything else dlib knows (BMP) from the file.
void decodeWithDlib(const char *path, const std::vector<uint8_t> &bytes, cv::Mat &bgra) {
    dlib::array2d<dlib::rgb_alpha_pixel> pixels;
    if (isJPEG(bytes)) {
        std::string error;
        if (!faceshim::decodeJPEG(bytes, bgra, error)) throw dlib::image_load_error(error);
        return;
    }
    if (isPNG(bytes)) dlib::load_png(pixels, bytes.data(), bytes.size());
    else dlib::load_image(pixels, path);
    bgra.create(static_cast<int>(pixels.nr()), static_cast<int>(pixels.nc()), CV_8UC4);
    for (long row = 0; row < pixels.nr(); ++row) {
        auto *target = bgra.ptr<cv::Vec4b>(static_cast<int>(row));
        for (long column = 0; column < pixels.nc(); ++column) {
            const auto &pixel = pixels[row][column];
            // Alpha is dropped: a photo is shown as stored, never blended with a backdrop.
            target[column] = cv::Vec4b(pixel.blue, pixel.green, pixel.red, 255);
        }
    }
}

// The EXIF orientation tag (1-8) of a JPEG's APP1 segment, 1 when there is none.
int exifOrientation(const std::vector<uint8_t> &bytes) {
    std::unique_ptr<ExifData, decltype(&exif_data_unref)> exif(
        exif_data_new_from_data(bytes.data(), static_cast<unsigned int>(bytes.size())), &exif_data_unref);
    if (!exif) return 1;
    ExifEntry *entry = exif_data_get_entry(exif.get(), EXIF_TAG_ORIENTATION);
    if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
    int value = exif_get_short(entry->data, exif_data_get_byte_order(exif.get()));
    return value >= 1 && value <= 8 ? value : 1;
}

// Turns a stored image upright according to its EXIF orientation (TIFF 6.0 / EXIF 2.3 meaning).
cv::Mat upright(const cv::Mat &stored, int orientation) {
    cv::Mat result;
    switch (orientation) {
        case 2: cv::flip(stored, result, 1); break;
        case 3: cv::rotate(stored, result, cv::ROTATE_180); break;
        case 4: cv::flip(stored, result, 0); break;
        case 5: cv::transpose(stored, result); break;
        case 6: cv::rotate(stored, result, cv::ROTATE_90_CLOCKWISE); break;
        case 7: cv::transpose(stored, result); cv::rotate(result, result, cv::ROTATE_180); break;
        case 8: cv::rotate(stored, result, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: return stored;
    }
    return result;
}

std::string lowercaseExtension(const char *path) {
    std::string name(path);
    auto dot = name.find_last_of('.');
    auto slash = name.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string extension = name.substr(dot + 1);
    for (auto &character : extension) character = static_cast<char>(std::tolower(character));
    return extension;
}

bool writeWebP(const cv::Mat &bgra, const char *path) {
    uint8_t *encoded = nullptr;
    size_t size = WebPEncodeBGRA(bgra.data, bgra.cols, bgra.rows, static_cast<int>(bgra.step), 90, &encoded);
    if (size == 0 || encoded == nullptr) return false;
    std::unique_ptr<uint8_t, decltype(&WebPFree)> owned(encoded, &WebPFree);
    std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(path, "wb"), &std::fclose);
    return file && std::fwrite(encoded, 1, size, file.get()) == size;
}

}  // namespace

extern "C" fs_status fs_image_declared_size(const uint8_t *bytes, size_t count, long long *width, long long *height) {
    if (bytes == nullptr || width == nullptr || height == nullptr) return fail(FS_ERROR_ARGUMENT, "no bytes given");
    return guarded("reading an image header", [&] {
        std::vector<uint8_t> prefix(bytes, bytes + count);
        if (!declaredSize(prefix, *width, *height)) return fail(FS_ERROR_DECODE, "no complete JPEG, PNG, BMP or WebP header");
        return FS_OK;
    });
}

extern "C" fs_status fs_image_read(const char *path, long long max_pixels, fs_image **out) {
    if (path == nullptr || out == nullptr) return fail(FS_ERROR_ARGUMENT, "no image path given");
    *out = nullptr;
    return guarded("decoding an image", [&] {
        std::vector<uint8_t> bytes = readBytes(path);
        if (bytes.empty()) return fail(FS_ERROR_DECODE, "the file is empty or unreadable");
        long long width = 0, height = 0;
        if (declaredSize(bytes, width, height) && (width <= 0 || height <= 0 || width * height > max_pixels)) {
            return fail(FS_ERROR_LIMIT, std::to_string(width) + "x" + std::to_string(height));
        }
        cv::Mat stored;
        if (isWebP(bytes)) {
            if (!decodeWebP(bytes, stored)) return fail(FS_ERROR_DECODE, "not a readable WebP image");
        } else {
            try {
                decodeWithDlib(path, bytes, stored);
            } catch (const dlib::error &error) {
                return fail(FS_ERROR_DECODE, std::string("not a readable JPEG, PNG or WebP image: ") + error.what());
            }
        }
        auto *image = new fs_image{upright(stored, isJPEG(bytes) ? exifOrientation(bytes) : 1)};
        if (!image->bgra.isContinuous()) image->bgra = image->bgra.clone();
        *out = image;
        return FS_OK;
    });
}

extern "C" fs_status fs_write_image(const uint8_t *pixels, int width, int height, int stride, const char *path) {
    if (pixels == nullptr || path == nullptr || width <= 0 || height <= 0 || stride < width * 4) {
        return fail(FS_ERROR_ARGUMENT, "invalid image arguments");
    }
    return guarded("writing an image", [&] {
        cv::Mat view(height, width, CV_8UC4, const_cast<uint8_t *>(pixels), static_cast<size_t>(stride));
        std::string extension = lowercaseExtension(path);
        if (extension == "webp") {
            return writeWebP(view, path) ? FS_OK : fail(FS_ERROR_ENCODE, "could not encode or write the image");
        }
        if (extension != "png" && extension != "jpg" && extension != "jpeg") {
            return fail(FS_ERROR_ENCODE, "no encoder for this file extension");
        }
        dlib::array2d<dlib::rgb_pixel> rgb(height, width);
        for (int row = 0; row < height; ++row) {
            const auto *source = view.ptr<cv::Vec4b>(row);
            for (int column = 0; column < width; ++column) {
                rgb[row][column] = dlib::rgb_pixel(source[column][2], source[column][1], source[column][0]);
            }
        }
        try {
            if (extension == "png") dlib::save_png(rgb, path);
            else dlib::save_jpeg(rgb, path, 95);
        } catch (const dlib::error &error) {
            return fail(FS_ERROR_ENCODE, std::string("could not encode or write the image: ") + error.what());
        }
        return FS_OK;
    });
}
