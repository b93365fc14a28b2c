// The shape predictor's arrays written and read as they lie in memory (see PredictorCache.hpp).
#include "PredictorCache.hpp"

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/revision.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace faceshim {

namespace {

// dlib keeps the predictor's four arrays private and offers only its own slow format. The C++
// rule that explicit instantiations do not check access lets a template name the members: each
// tag's `member` returns a pointer to one of them. Nothing else of dlib's internals is used.
template <typename Tag, typename Tag::type Pointer>
struct MemberAccess {
    friend typename Tag::type member(Tag) { return Pointer; }
};

struct InitialShape {
    using type = dlib::matrix<float, 0, 1> dlib::shape_predictor::*;
    friend type member(InitialShape);
};
struct Forests {
    using type = std::vector<std::vector<dlib::impl::regression_tree>> dlib::shape_predictor::*;
    friend type member(Forests);
};
struct AnchorIndices {
    using type = std::vector<std::vector<unsigned long>> dlib::shape_predictor::*;
    friend type member(AnchorIndices);
};
struct Deltas {
    using type = std::vector<std::vector<dlib::vector<float, 2>>> dlib::shape_predictor::*;
    friend type member(Deltas);
};

template struct MemberAccess<InitialShape, &dlib::shape_predictor::initial_shape>;
template struct MemberAccess<Forests, &dlib::shape_predictor::forests>;
template struct MemberAccess<AnchorIndices, &dlib::shape_predictor::anchor_idx>;
template struct MemberAccess<Deltas, &dlib::shape_predictor::deltas>;

constexpr char magic[8] = {'O', 'R', 'A', 'T', 'O', 'R', 'S', 'P'};
constexpr std::uint32_t formatVersion = 1;
// Bounds that no real model comes near (the 68-point one: 15 cascades of 500 trees of depth 4,
// 136 values a leaf, 500 feature pixels a cascade), so a damaged count cannot ask for gigabytes.
constexpr std::uint64_t maximumCount = 1 << 20;
constexpr std::uint64_t maximumFloats = std::uint64_t(1) << 26;

/// What identifies the model file a cache was made from.
struct ModelStamp {
    std::uint64_t size = 0;
    std::int64_t modifiedSeconds = 0;
    std::int64_t modifiedNanoseconds = 0;
    bool operator==(const ModelStamp &other) const {
        return size == other.size && modifiedSeconds == other.modifiedSeconds &&
               modifiedNanoseconds == other.modifiedNanoseconds;
    }
};

bool stamp(const std::string &path, ModelStamp &out) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) return false;
    out = {static_cast<std::uint64_t>(info.st_size), static_cast<std::int64_t>(info.st_mtim.tv_sec),
           static_cast<std::int64_t>(info.st_mtim.tv_nsec)};
    return true;
}

struct FileCloser {
    void operator()(std::FILE *file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class Writer {
public:
    explicit Writer(std::FILE *file) : file(file) {}
    bool good = true;
    void bytes(const void *data, std::size_t count) {
        if (good && count > 0) good = std::fwrite(data, 1, count, file) == count;
    }
    void u64(std::uint64_t value) { bytes(&value, sizeof value); }
    void i64(std::int64_t value) { bytes(&value, sizeof value); }
    void f32(float value) { bytes(&value, sizeof value); }
    void floats(const float *data, std::size_t count) { bytes(data, count * sizeof(float)); }

private:
    std::FILE *file;
};

class Reader {
public:
    explicit Reader(std::FILE *file) : file(file) {}
    bool good = true;
    void bytes(void *data, std::size_t count) {
        if (good && count > 0) good = std::fread(data, 1, count, file) == count;
    }
    std::uint64_t u64() {
        std::uint64_t value = 0;
        bytes(&value, sizeof value);
        return value;
    }
    std::int64_t i64() {
        std::int64_t value = 0;
        bytes(&value, sizeof value);
        return value;
    }
    float f32() {
        float value = 0;
        bytes(&value, sizeof value);
        return value;
    }
    /// A count no larger than `limit`; a larger one marks the file bad and gives 0.
    std::uint64_t count(std::uint64_t limit = maximumCount) {
        std::uint64_t value = u64();
        if (value > limit) good = false;
        return good ? value : 0;
    }
    bool atEnd() {
        char extra;
        return good && std::fread(&extra, 1, 1, file) == 0 && std::feof(file);
    }

private:
    std::FILE *file;
};

void writeHeader(Writer &out, const ModelStamp &model) {
    out.bytes(magic, sizeof magic);
    out.u64(formatVersion);
    out.u64(DLIB_MAJOR_VERSION);
    out.u64(DLIB_MINOR_VERSION);
    out.u64(DLIB_PATCH_VERSION);
    out.u64(model.size);
    out.i64(model.modifiedSeconds);
    out.i64(model.modifiedNanoseconds);
}

bool readHeader(Reader &in, const ModelStamp &model) {
    char found[sizeof magic];
    in.bytes(found, sizeof found);
    if (!in.good || std::memcmp(found, magic, sizeof magic) != 0) return false;
    if (in.u64() != formatVersion || in.u64() != DLIB_MAJOR_VERSION || in.u64() != DLIB_MINOR_VERSION ||
        in.u64() != DLIB_PATCH_VERSION) {
        return false;
    }
    ModelStamp kept;
    kept.size = in.u64();
    kept.modifiedSeconds = in.i64();
    kept.modifiedNanoseconds = in.i64();
    return in.good && kept == model;
}

/// The requirements dlib's predictor relies on when it runs (its constructor's contract), so that
/// a cache that passes cannot make it read outside its arrays.
bool consistent(const dlib::matrix<float, 0, 1> &initial, const std::vector<std::vector<dlib::impl::regression_tree>> &forests,
                const std::vector<std::vector<unsigned long>> &anchors, const std::vector<std::vector<dlib::vector<float, 2>>> &deltas) {
    const long values = initial.size();
    if (values == 0 || values % 2 != 0) return false;
    if (anchors.size() != forests.size() || deltas.size() != forests.size()) return false;
    for (std::size_t cascade = 0; cascade < forests.size(); ++cascade) {
        const std::size_t pixels = anchors[cascade].size();
        if (deltas[cascade].size() != pixels) return false;
        for (unsigned long anchor : anchors[cascade]) {
            if (anchor >= static_cast<unsigned long>(values / 2)) return false;
        }
        for (const auto &tree : forests[cascade]) {
            const std::size_t leaves = tree.leaf_values.size();
            if (leaves != tree.splits.size() + 1 || leaves == 0 || (leaves & (leaves - 1)) != 0) return false;
            for (const auto &split : tree.splits) {
                if (split.idx1 >= pixels || split.idx2 >= pixels) return false;
            }
            for (const auto &leaf : tree.leaf_values) {
                if (leaf.size() != values) return false;
            }
        }
    }
    return true;
}

}  // namespace

std::string predictorCachePath(const std::string &folder) {
    return folder + "/shape_predictor-dlib-" + std::to_string(DLIB_MAJOR_VERSION) + "." +
           std::to_string(DLIB_MINOR_VERSION) + "." + std::to_string(DLIB_PATCH_VERSION) + ".bin";
}

bool readCachedPredictor(const std::string &cachePath, const std::string &modelPath, dlib::shape_predictor &predictor) {
    ModelStamp model;
    if (!stamp(modelPath, model)) return false;
    File file(std::fopen(cachePath.c_str(), "rb"));
    if (!file) return false;
    std::setvbuf(file.get(), nullptr, _IOFBF, 1 << 20);
    Reader in(file.get());
    if (!readHeader(in, model)) return false;

    dlib::matrix<float, 0, 1> initial;
    initial.set_size(static_cast<long>(in.count(maximumFloats)));
    if (initial.size() > 0) in.bytes(&initial(0), static_cast<std::size_t>(initial.size()) * sizeof(float));

    std::uint64_t floatsRead = 0;
    std::vector<std::vector<dlib::impl::regression_tree>> forests(in.count());
    for (auto &forest : forests) {
        forest.resize(in.count());
        for (auto &tree : forest) {
            tree.splits.resize(in.count());
            for (auto &split : tree.splits) {
                split.idx1 = in.u64();
                split.idx2 = in.u64();
                split.thresh = in.f32();
            }
            tree.leaf_values.resize(in.count());
            for (auto &leaf : tree.leaf_values) {
                const std::uint64_t length = in.count(maximumFloats);
                floatsRead += length;
                if (floatsRead > maximumFloats) in.good = false;
                if (!in.good) return false;
                leaf.set_size(static_cast<long>(length));
                if (length > 0) in.bytes(&leaf(0), length * sizeof(float));
            }
            if (!in.good) return false;
        }
    }
    std::vector<std::vector<unsigned long>> anchors(in.count());
    for (auto &cascade : anchors) {
        cascade.resize(in.count());
        for (auto &anchor : cascade) anchor = in.u64();
    }
    std::vector<std::vector<dlib::vector<float, 2>>> deltas(in.count());
    for (auto &cascade : deltas) {
        cascade.resize(in.count());
        for (auto &delta : cascade) {
            delta.x() = in.f32();
            delta.y() = in.f32();
        }
    }
    if (!in.atEnd() || !consistent(initial, forests, anchors, deltas)) return false;

    predictor.*member(InitialShape{}) = std::move(initial);
    predictor.*member(Forests{}) = std::move(forests);
    predictor.*member(AnchorIndices{}) = std::move(anchors);
    predictor.*member(Deltas{}) = std::move(deltas);
    return true;
}

void writeCachedPredictor(const std::string &cachePath, const std::string &modelPath, const dlib::shape_predictor &predictor) {
    ModelStamp model;
    if (!stamp(modelPath, model)) return;
    const std::string staging = cachePath + "." + std::to_string(getpid()) + "." +
                                std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + ".partial";
    bool written = false;
    {
        File file(std::fopen(staging.c_str(), "wb"));
        if (!file) return;
        std::setvbuf(file.get(), nullptr, _IOFBF, 1 << 20);
        Writer out(file.get());
        writeHeader(out, model);
        const auto &initial = predictor.*member(InitialShape{});
        out.u64(static_cast<std::uint64_t>(initial.size()));
        if (initial.size() > 0) out.floats(&initial(0), static_cast<std::size_t>(initial.size()));
        const auto &forests = predictor.*member(Forests{});
        out.u64(forests.size());
        for (const auto &forest : forests) {
            out.u64(forest.size());
            for (const auto &tree : forest) {
                out.u64(tree.splits.size());
                for (const auto &split : tree.splits) {
                    out.u64(split.idx1);
                    out.u64(split.idx2);
                    out.f32(split.thresh);
                }
                out.u64(tree.leaf_values.size());
                for (const auto &leaf : tree.leaf_values) {
                    out.u64(static_cast<std::uint64_t>(leaf.size()));
                    if (leaf.size() > 0) out.floats(&leaf(0), static_cast<std::size_t>(leaf.size()));
                }
            }
        }
        const auto &anchors = predictor.*member(AnchorIndices{});
        out.u64(anchors.size());
        for (const auto &cascade : anchors) {
            out.u64(cascade.size());
            for (unsigned long anchor : cascade) out.u64(anchor);
        }
        const auto &deltas = predictor.*member(Deltas{});
        out.u64(deltas.size());
        for (const auto &cascade : deltas) {
            out.u64(cascade.size());
            for (const auto &delta : cascade) {
                out.f32(delta.x());
                out.f32(delta.y());
            }
        }
        written = out.good && std::fflush(file.get()) == 0;
    }
    if (!written || std::rename(staging.c_str(), cachePath.c_str()) != 0) std::remove(staging.c_str());
}

}  // namespace faceshim
