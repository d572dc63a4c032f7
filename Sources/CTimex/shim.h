// The kernel's clock synchronisation state (adjtimex is not in Swift's Glibc module).
#include <sys/timex.h>

/// 1 when the kernel considers the clock synchronised, 0 when not, -1 on error.
static inline int lintel_clock_synchronised(void) {
    struct timex tx = {0};
    int state = adjtimex(&tx);
    if (state < 0) return -1;
    return state != TIME_ERROR;
}
