export const BUILD_FAILED = "build_failed";
