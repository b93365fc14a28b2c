// The C API for face detection and landmarks: converts images to grayscale with OpenCV and
// hands them to the dlib part of the shim.
#include <opencv2/imgproc.hpp>

#include <algorithm>

#include "DlibFaces.hpp"
#include "ImageHandle.hpp"
#include "ShimErrors.hpp"

using faceshim::fail;
using faceshim::guarded;

struct fs_detector {
    faceshim::DlibModels *models;
};

extern "C" fs_status fs_detector_create(const char *model_path, const char *model_cache, fs_detector **out) {
    if (model_path == nullptr || out == nullptr) return fail(FS_ERROR_ARGUMENT, "no model path given");
    *out = nullptr;
    return guarded("loading the face models", [&] {
        std::string error;
        faceshim::DlibModels *models = faceshim::loadModels(model_path, model_cache ? model_cache : "", error);
        if (models == nullptr) return fail(FS_ERROR_MODEL, error);
        *out = new fs_detector{models};
        return FS_OK;
    });
}

extern "C" void fs_detector_destroy(fs_detector *detector) {
    if (detector == nullptr) return;
    faceshim::freeModels(detector->models);
    delete detector;
}

extern "C" fs_status fs_detect_faces(fs_detector *detector, const fs_image *image, double scale, int upsample,
                                     fs_face_box *boxes, int capacity, int *count) {
    if (detector == nullptr || image == nullptr || count == nullptr || scale <= 0 || scale > 1 || upsample < 0 ||
        upsample > 2 || (capacity > 0 && boxes == nullptr)) {
        return fail(FS_ERROR_ARGUMENT, "invalid face detection arguments");
    }
    return guarded("detecting faces", [&] {
        cv::Mat gray;
        cv::cvtColor(image->bgra, gray, cv::COLOR_BGRA2GRAY);
        if (scale < 1) {
            cv::Size size(std::max(1, static_cast<int>(std::lround(gray.cols * scale))),
                          std::max(1, static_cast<int>(std::lround(gray.rows * scale))));
            cv::resize(gray, gray, size, 0, 0, cv::INTER_AREA);
        }
        double sx = static_cast<double>(image->bgra.cols) / gray.cols;
        double sy = static_cast<double>(image->bgra.rows) / gray.rows;
        auto found = faceshim::detectFaces(*detector->models, gray.data, gray.cols, gray.rows,
                                           static_cast<int>(gray.step), upsample);
        *count = static_cast<int>(found.size());
        for (int index = 0; index < std::min(capacity, *count); ++index) {
            const auto &box = found[index];
            boxes[index] = {box.left * sx, box.top * sy, box.right * sx, box.bottom * sy, box.score};
        }
        return FS_OK;
    });
}

extern "C" fs_status fs_predict_landmarks(fs_detector *detector, const fs_image *image, fs_face_box box,
                                          float *xy) {
    if (detector == nullptr || image == nullptr || xy == nullptr) {
        return fail(FS_ERROR_ARGUMENT, "invalid landmark arguments");
    }
    return guarded("predicting landmarks", [&] {
        cv::Mat gray;
        cv::cvtColor(image->bgra, gray, cv::COLOR_BGRA2GRAY);
        faceshim::FaceBox faceBox{box.left, box.top, box.right, box.bottom, box.score};
        faceshim::predictLandmarks(*detector->models, gray.data, gray.cols, gray.rows, static_cast<int>(gray.step),
                                   faceBox, xy);
        return FS_OK;
    });
}
