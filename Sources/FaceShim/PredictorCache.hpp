// dlib's 68-point shape predictor kept in Orator's cache as plain arrays. dlib's own format packs
// every integer and float separately, so decoding its 100 MB model costs 0.4-1 s of CPU each run;
// the arrays read back in a few tens of milliseconds and give the same predictor, bit for bit.
#pragma once
#include <string>

namespace dlib {
class shape_predictor;
}

namespace faceshim {

/// Where the predictor is kept in `folder`: a file named by dlib's version.
std::string predictorCachePath(const std::string &folder);

/// Reads the predictor kept at `cachePath` for the model at `modelPath` into `predictor`. False
/// (and `predictor` untouched) when there is none, it was made from another model file (its
/// size or modification time differ), or it is damaged or inconsistent in any way.
bool readCachedPredictor(const std::string &cachePath, const std::string &modelPath, dlib::shape_predictor &predictor);

/// Keeps `predictor`, decoded from `modelPath`, at `cachePath`: written under a staging name of its
/// own and renamed into place, so a reader never sees half a file. A failure leaves nothing behind.
void writeCachedPredictor(const std::string &cachePath, const std::string &modelPath, const dlib::shape_predictor &predictor);

}  // namespace faceshim
