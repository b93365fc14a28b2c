// JPEG decoding with libjpeg(-turbo). libjpeg reports errors through a callback that must not
// return, so the error manager jumps back to the caller; its warnings ("Corrupt JPEG data")
// are collected instead of printed.
#include "JpegFiles.hpp"

#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>

namespace faceshim {
namespace {

struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void onError(j_common_ptr info) {
    auto *manager = reinterpret_cast<ErrorManager *>(info->err);
    info->err->format_message(info, manager->message);
    std::longjmp(manager->jump, 1);
}

void onMessage(j_common_ptr) {}  // warnings stay off stderr

/// A decompressor reading `bytes`, owned for one call.
struct Decompressor {
    jpeg_decompress_struct info{};
    ErrorManager errors{};
    explicit Decompressor(const std::vector<uint8_t> &bytes) {
        info.err = jpeg_std_error(&errors.base);
        errors.base.error_exit = onError;
        errors.base.output_message = onMessage;
        errors.message[0] = 0;
        jpeg_create_decompress(&info);
        jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    }
    ~Decompressor() { jpeg_destroy_decompress(&info); }
};

inline uint8_t scale(unsigned a, unsigned b) { return static_cast<uint8_t>((a * b + 127) / 255); }

}  // namespace

bool jpegDimensions(const std::vector<uint8_t> &bytes, int &width, int &height, std::string &error) {
    Decompressor jpeg(bytes);
    if (setjmp(jpeg.errors.jump)) {
        error = jpeg.errors.message;
        return false;
    }
    jpeg_read_header(&jpeg.info, TRUE);
    width = static_cast<int>(jpeg.info.image_width);
    height = static_cast<int>(jpeg.info.image_height);
    return true;
}

bool decodeJPEG(const std::vector<uint8_t> &bytes, cv::Mat &bgra, std::string &error) {
    Decompressor jpeg(bytes);
    std::vector<uint8_t> row;
    if (setjmp(jpeg.errors.jump)) {
        error = jpeg.errors.message;
        return false;
    }
    jpeg_read_header(&jpeg.info, TRUE);
    const bool fourChannel = jpeg.info.jpeg_color_space == JCS_CMYK || jpeg.info.jpeg_color_space == JCS_YCCK;
    // Adobe applications store CMYK inverted (0 = full ink) and say so with their APP14 marker.
    const bool inverted = jpeg.info.saw_Adobe_marker;
    jpeg.info.out_color_space = fourChannel ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&jpeg.info);
    const int width = static_cast<int>(jpeg.info.output_width);
    const int height = static_cast<int>(jpeg.info.output_height);
    const int channels = jpeg.info.output_components;
    bgra.create(height, width, CV_8UC4);
    row.resize(static_cast<size_t>(width) * channels);
    while (jpeg.info.output_scanline < jpeg.info.output_height) {
        const int y = static_cast<int>(jpeg.info.output_scanline);
        JSAMPROW pointer = row.data();
        jpeg_read_scanlines(&jpeg.info, &pointer, 1);
        auto *target = bgra.ptr<cv::Vec4b>(y);
        for (int x = 0; x < width; ++x) {
            const uint8_t *pixel = row.data() + static_cast<size_t>(x) * channels;
            if (channels == 4) {
                // Ink to light: each channel is (1 - ink) * (1 - black).
                const unsigned c = inverted ? pixel[0] : 255u - pixel[0], m = inverted ? pixel[1] : 255u - pixel[1];
                const unsigned yy = inverted ? pixel[2] : 255u - pixel[2], k = inverted ? pixel[3] : 255u - pixel[3];
                target[x] = cv::Vec4b(scale(yy, k), scale(m, k), scale(c, k), 255);
            } else {
                target[x] = cv::Vec4b(pixel[2], pixel[1], pixel[0], 255);
            }
        }
    }
    jpeg_finish_decompress(&jpeg.info);
    return true;
}

}  // namespace faceshim
