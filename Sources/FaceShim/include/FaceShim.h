/* extern "C" API over dlib and OpenCV; replaced by the face-analysis work. */
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int face_shim_version(void);
#ifdef __cplusplus
}
#endif
