/*
 * FaceShim: a small C API over dlib (face detection, 68-point landmarks, JPEG/PNG files),
 * libwebp, libexif and OpenCV (resampling, piecewise-affine warping, polygon compositing) for OratorFace.
 *
 * Conventions: every function that can fail returns an fs_status; on failure
 * fs_last_error() returns a message for the calling thread. Handles are opaque and are freed
 * by their destroy function. Pixel buffers are 8-bit BGRA, rows top to bottom, with a stride
 * in bytes. Images (fs_image) are never modified after creation, so several threads may read
 * one image at once. OpenCV runs on the calling thread only (its worker pool is set to one
 * thread on first use): callers render frames in parallel themselves.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    FS_OK = 0,
    FS_ERROR_ARGUMENT = 1, /* a bad size, count or pointer */
    FS_ERROR_DECODE = 2,   /* the bytes are not an image the shim can decode */
    FS_ERROR_MODEL = 3,    /* the landmark model could not be loaded */
    FS_ERROR_ENCODE = 4,   /* an image could not be encoded or written */
    FS_ERROR_INTERNAL = 5, /* an exception inside dlib or OpenCV */
    FS_ERROR_LIMIT = 6     /* the image declares more pixels than allowed; the message is WxH */
} fs_status;

/* The message for the last failure on this thread (empty if none). */
const char *fs_last_error(void);

/* ---- Images (OpenCV) ---------------------------------------------------------------------- */

typedef struct fs_image fs_image;

/* Decodes a JPEG, PNG, BMP or WebP file, applying a JPEG's EXIF orientation. */
fs_status fs_image_read(const char *path, long long max_pixels, fs_image **out);
/* The width and height the first `count` bytes of an image file declare (JPEG, PNG, BMP, WebP),
 * read without decoding: FS_ERROR_DECODE when the bytes are not such an image or the header is
 * not complete yet. */
fs_status fs_image_declared_size(const uint8_t *bytes, size_t count, long long *width, long long *height);
/* The threads OpenCV may use per call: 1 (set when the program loads; callers parallelize). */
int fs_opencv_threads(void);
/* Copies a BGRA buffer into a new image. */
fs_status fs_image_from_bgra(const uint8_t *pixels, int width, int height, int stride, fs_image **out);
void fs_image_destroy(fs_image *image);
int fs_image_width(const fs_image *image);
int fs_image_height(const fs_image *image);
/* Copies the image's BGRA pixels into `pixels` (height rows of `stride` bytes). */
fs_status fs_image_copy_bgra(const fs_image *image, uint8_t *pixels, int stride);
/* Copies the rectangle x, y, width x height of the image (BGRA) into the same place in `pixels`,
   a buffer of the image's size with `stride` bytes per row; the rectangle is cut to the image. */
fs_status fs_image_copy_bgra_region(const fs_image *image, uint8_t *pixels, int stride, int x, int y, int width, int height);
/* Encodes a BGRA buffer in the format `path`'s extension names (.png, .jpg, .webp) and writes it. */
fs_status fs_write_image(const uint8_t *pixels, int width, int height, int stride, const char *path);

/* Resamples `image` through the affine map `output = matrix * source` (2x3, row major) into a
 * new width x height image. Parts that fall outside the source are padded: mode 0 repeats the
 * edge pixels, mode 1 repeats them and blurs the padding so it reads as out-of-focus backdrop.
 * Large reductions are area-averaged first, so small outputs of big photos do not alias. */
fs_status fs_image_resample(const fs_image *image, const double matrix[6], int width, int height,
                            int pad_mode, fs_image **out);

/* Mean BGR colour (0-255) of the pixels inside a polygon of `count` points (x, y pairs). */
fs_status fs_image_polygon_mean(const fs_image *image, const float *xy, int count, double bgr[3]);

/* ---- Faces (dlib) ------------------------------------------------------------------------- */

typedef struct fs_detector fs_detector;

typedef struct {
    double left, top, right, bottom; /* in the coordinates of the image passed in */
    double score;                    /* the HOG detector's confidence */
} fs_face_box;

/* Loads the HOG frontal face detector and the 68-point shape predictor model at `model_path`.
 * With a `model_cache` folder (which must exist; NULL for none), both are read back from what was
 * kept there before, and kept there the first time: dlib ships the detector compressed in its
 * headers and packs the predictor's 100 MB value by value, and decoding either costs far more
 * than reading it back (the predictor: 0.4-1 s against 0.05-0.09 s). A kept predictor names the
 * size and modification time of the model file it came from; one that does not match, or is
 * damaged, is decoded afresh and replaced. */
fs_status fs_detector_create(const char *model_path, const char *model_cache, fs_detector **out);
void fs_detector_destroy(fs_detector *detector);

/* Detects frontal faces. The image is scaled by `scale` (<= 1 to downscale large photos) before
 * the detector runs, upsampled `upsample` times inside it; boxes come back in full-image
 * coordinates. At most `capacity` boxes are written; `count` receives how many were found.
 * Not safe to call concurrently on one detector. */
fs_status fs_detect_faces(fs_detector *detector, const fs_image *image, double scale, int upsample,
                          fs_face_box *boxes, int capacity, int *count);

/* Predicts the 68 landmarks (x, y pairs, 136 floats) inside `box` at the image's full resolution. */
fs_status fs_predict_landmarks(fs_detector *detector, const fs_image *image, fs_face_box box, float *xy);

/* ---- Warping and compositing (OpenCV) ------------------------------------------------------ */

/* Delaunay triangulation of `count` points (x, y pairs) that lie inside width x height.
 * Writes up to `capacity` triangles as vertex-index triples; `triangle_count` receives the count. */
fs_status fs_triangulate(const float *xy, int count, float width, float height, int *triangles,
                         int capacity, int *triangle_count);

/* Piecewise-affine warp: for each listed triangle, the pixels inside its destination corners
 * (`dst_xy`) are sampled from `source` inside its source corners (`src_xy`) with bilinear
 * interpolation. Pixels outside the listed triangles are left as they are in `pixels`, which
 * must have the source's size. */
fs_status fs_warp_triangles(const fs_image *source, uint8_t *pixels, int width, int height, int stride,
                            const float *src_xy, const float *dst_xy, const int *triangles,
                            int triangle_count);

/* One filled polygon for fs_composite_shapes. */
typedef struct {
    const float *xy;   /* x, y pairs */
    int count;         /* number of points */
    float bgr[3];      /* colour, 0-255 */
    float opacity;     /* 0-1 */
    float blur;        /* Gaussian sigma of the shape's edge in pixels (0: antialiased edge only) */
} fs_shape;

/* Paints `shapes` in order onto a copy of the region under the clip polygon, then blends that
 * region back into `pixels` through the clip polygon with edges feathered by `feather` pixels. */
fs_status fs_composite_shapes(uint8_t *pixels, int width, int height, int stride, const fs_shape *shapes,
                              int shape_count, const float *clip_xy, int clip_count, float feather);

#ifdef __cplusplus
}
#endif
