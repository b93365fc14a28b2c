// dlib's HOG face detector and 68-point shape predictor behind a grayscale-buffer interface.
#include "DlibFaces.hpp"
#include "PredictorCache.hpp"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <dlib/revision.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>
#include <unistd.h>

namespace faceshim {

class DlibModels {
public:
    explicit DlibModels(dlib::frontal_face_detector detector) : detector(std::move(detector)) {}
    dlib::frontal_face_detector detector;
    dlib::shape_predictor predictor;
};

namespace {

/// dlib's frontal face detector, read back from `folder` where it was serialized before (about
/// 6 ms), or decoded from dlib's headers (0.25 s or more) and serialized there for next time.
/// The file is named by dlib's version; one that does not read back is replaced.
dlib::frontal_face_detector loadDetector(const std::string &folder) {
    if (folder.empty()) return dlib::get_frontal_face_detector();
    std::string path = folder + "/frontal_face_detector-dlib-" + std::to_string(DLIB_MAJOR_VERSION) + "." +
                       std::to_string(DLIB_MINOR_VERSION) + "." + std::to_string(DLIB_PATCH_VERSION) + ".dat";
    try {
        dlib::frontal_face_detector detector;
        dlib::deserialize(path) >> detector;
        if (detector.num_detectors() > 0) return detector;
    } catch (const std::exception &) {
        // Missing or unreadable: decoded afresh below.
    }
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    // A staging name of its own, renamed into place, so a reader never sees half a file.
    std::string staging = path + "." + std::to_string(getpid()) + "." +
                          std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + ".partial";
    try {
        dlib::serialize(staging) << detector;
        if (std::rename(staging.c_str(), path.c_str()) != 0) std::remove(staging.c_str());
    } catch (const std::exception &) {
        std::remove(staging.c_str());  // Not kept: the next run decodes it again.
    }
    return detector;
}

dlib::array2d<unsigned char> copyGray(const std::uint8_t *gray, int width, int height, int stride) {
    dlib::array2d<unsigned char> image(height, width);
    for (int row = 0; row < height; ++row) {
        const std::uint8_t *source = gray + static_cast<std::size_t>(row) * stride;
        std::copy(source, source + width, &image[row][0]);
    }
    return image;
}

}  // namespace

DlibModels *loadModels(const std::string &predictorPath, const std::string &modelCache, std::string &error) {
    std::ifstream probe(predictorPath, std::ios::binary);
    if (!probe.good()) {
        error = "cannot open the landmark model " + predictorPath +
                " (install Debian's libdlib-data or pass the path of shape_predictor_68_face_landmarks.dat)";
        return nullptr;
    }
    probe.close();
    auto *models = new DlibModels(loadDetector(modelCache));
    try {
        const std::string kept = modelCache.empty() ? "" : predictorCachePath(modelCache);
        if (kept.empty() || !readCachedPredictor(kept, predictorPath, models->predictor)) {
            dlib::deserialize(predictorPath) >> models->predictor;
            if (!kept.empty() && models->predictor.num_parts() == 68) writeCachedPredictor(kept, predictorPath, models->predictor);
        }
    } catch (const std::exception &exception) {
        delete models;
        error = "cannot load the landmark model " + predictorPath + ": " + exception.what();
        return nullptr;
    }
    if (models->predictor.num_parts() != 68) {
        error = "the landmark model " + predictorPath + " has " + std::to_string(models->predictor.num_parts()) +
                " points; Orator needs the 68-point model";
        delete models;
        return nullptr;
    }
    return models;
}

void freeModels(DlibModels *models) { delete models; }

std::vector<FaceBox> detectFaces(DlibModels &models, const std::uint8_t *gray, int width, int height,
                                 int stride, int upsample) {
    dlib::array2d<unsigned char> image = copyGray(gray, width, height, stride);
    double factor = 1;
    for (int step = 0; step < upsample; ++step) {
        dlib::pyramid_up(image);
        factor *= 2;
    }
    std::vector<dlib::rect_detection> detections;
    models.detector(image, detections, 0.0);
    std::vector<FaceBox> boxes;
    for (const auto &detection : detections) {
        const auto &rect = detection.rect;
        boxes.push_back({rect.left() / factor, rect.top() / factor, (rect.right() + 1) / factor,
                         (rect.bottom() + 1) / factor, detection.detection_confidence});
    }
    return boxes;
}

void predictLandmarks(const DlibModels &models, const std::uint8_t *gray, int width, int height, int stride,
                      const FaceBox &box, float *xy) {
    dlib::array2d<unsigned char> image = copyGray(gray, width, height, stride);
    dlib::rectangle rect(static_cast<long>(std::lround(box.left)), static_cast<long>(std::lround(box.top)),
                         static_cast<long>(std::lround(box.right)) - 1, static_cast<long>(std::lround(box.bottom)) - 1);
    dlib::full_object_detection shape = models.predictor(image, rect);
    for (unsigned long part = 0; part < shape.num_parts(); ++part) {
        xy[2 * part] = static_cast<float>(shape.part(part).x());
        xy[2 * part + 1] = static_cast<float>(shape.part(part).y());
    }
}

}  // namespace faceshim
