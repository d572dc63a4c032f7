// Linux fbdev: the screen-info structures and their ioctls (ioctl is variadic: Swift cannot call it).
#include <linux/fb.h>
#include <sys/ioctl.h>

static inline int lintel_fb_get_var(int fd, struct fb_var_screeninfo *info) { return ioctl(fd, FBIOGET_VSCREENINFO, info); }
static inline int lintel_fb_get_fix(int fd, struct fb_fix_screeninfo *info) { return ioctl(fd, FBIOGET_FSCREENINFO, info); }
