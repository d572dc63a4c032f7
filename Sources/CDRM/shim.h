// libdrm (KMS) plus the dumb-buffer ioctls, whose request numbers are macros Swift cannot import.
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

static inline int lintel_drm_create_dumb(int fd, uint32_t width, uint32_t height,
                                         uint32_t *handle, uint32_t *pitch, uint64_t *size) {
    struct drm_mode_create_dumb request;
    memset(&request, 0, sizeof request);
    request.width = width;
    request.height = height;
    request.bpp = 32;
    int result = drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &request);
    if (result == 0) { *handle = request.handle; *pitch = request.pitch; *size = request.size; }
    return result;
}

static inline int lintel_drm_map_dumb(int fd, uint32_t handle, uint64_t *offset) {
    struct drm_mode_map_dumb request;
    memset(&request, 0, sizeof request);
    request.handle = handle;
    int result = drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &request);
    if (result == 0) { *offset = request.offset; }
    return result;
}

static inline int lintel_drm_destroy_dumb(int fd, uint32_t handle) {
    struct drm_mode_destroy_dumb request;
    memset(&request, 0, sizeof request);
    request.handle = handle;
    return drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &request);
}

/// Waits for page-flip events on `fd` until `*pending` is cleared by the handler (or `timeout_ms`).
static inline void lintel_drm_flip_handler(int fd, unsigned int frame, unsigned int sec, unsigned int usec, void *data) {
    (void)fd; (void)frame; (void)sec; (void)usec;
    *(int *)data = 0;
}

static inline int lintel_drm_handle_events(int fd) {
    drmEventContext context;
    memset(&context, 0, sizeof context);
    context.version = 2;
    context.page_flip_handler = lintel_drm_flip_handler;
    return drmHandleEvent(fd, &context);
}
