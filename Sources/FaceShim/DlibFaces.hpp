// The part of the shim that includes dlib. It sees only grayscale buffers, so this slow-to-compile
// file stays free of OpenCV and nothing else includes dlib's headers.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace faceshim {

/// A face box in the coordinates of the buffer that was searched.
struct FaceBox {
    double left, top, right, bottom, score;
};

/// The HOG frontal face detector and a 68-point shape predictor.
class DlibModels;

/// Loads the models; returns null and sets `error` when the predictor file cannot be read. A
/// non-empty `modelCache` folder keeps the decoded detector and predictor (see fs_detector_create).
DlibModels *loadModels(const std::string &predictorPath, const std::string &modelCache, std::string &error);
void freeModels(DlibModels *models);

/// Detects faces in an 8-bit grayscale buffer, upsampling it `upsample` times first.
std::vector<FaceBox> detectFaces(DlibModels &models, const std::uint8_t *gray, int width, int height,
                                 int stride, int upsample);

/// Writes 68 (x, y) landmark pairs for the face in `box` into `xy`.
void predictLandmarks(const DlibModels &models, const std::uint8_t *gray, int width, int height, int stride,
                      const FaceBox &box, float *xy);

}  // namespace faceshim
