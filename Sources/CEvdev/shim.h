// Linux evdev: the input_event layout and the grab ioctl (a macro Swift cannot call directly).
#include <linux/input.h>
#include <sys/ioctl.h>

static inline int lintel_evdev_grab(int fd, int grab) {
    return ioctl(fd, EVIOCGRAB, grab);
}
