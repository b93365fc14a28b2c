// OpenCV core and imgproc, used from C++ only (FaceShim). This target exists for its
// pkg-config file, orator-opencv.pc (written by scripts/setup), which gives the include path
// and links just the two libraries Orator uses (opencv4.pc would link all of OpenCV).
