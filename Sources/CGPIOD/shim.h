// libgpiod 1.6 (the v1 API Debian bookworm and Raspberry Pi OS ship).
#include <gpiod.h>
