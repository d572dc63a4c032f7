# Lintel: `make demo` and `make test` work on a fresh Debian bookworm machine with Swift installed;
# both install the Debian packages they need first (apt-get, with sudo when not root).

SWIFT ?= swift
# Debian packages the build, the tests and the demo need.
DEBIAN_PACKAGES := libsqlite3-dev libgpiod-dev libfreetype-dev libharfbuzz-dev libpng-dev libqrencode-dev libdrm-dev tzdata python3
# What `make hil` needs on top: QEMU for the kernel VM, busybox and cpio for its initramfs.
HIL_PACKAGES := qemu-system-x86 busybox-static cpio
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR := .demo

.PHONY: all deps build test schema bench demo hil screens clean

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product lintel

# The JSON Schema in docs/ must accept the demo world and an export of it; needs python3 with jsonschema
# (Debian's python3-jsonschema when no python3 on PATH has it).
schema: build
	@py=""; for c in python3 /usr/bin/python3; do $$c -c 'import jsonschema' 2>/dev/null && { py=$$c; break; }; done; \
	if [ -z "$$py" ]; then \
	  echo "make: installing Debian package python3-jsonschema"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-jsonschema; py=/usr/bin/python3; \
	fi; \
	tmp=$$(mktemp -d); \
	$(SWIFT) run -q lintel store import --store $$tmp/store.sqlite examples/demo-world.json >/dev/null && \
	$(SWIFT) run -q lintel store export --store $$tmp/store.sqlite > $$tmp/export.json && \
	$$py scripts/check-snapshot-schema.py examples/demo-world.json $$tmp/export.json; status=$$?; rm -rf $$tmp; exit $$status

test: deps schema
	$(SWIFT) build --build-tests
	$(SWIFT) test

# One JSON object of figures (release build). `make bench BENCH_ARGS=--quick` for a small world.
bench: deps
	@$(SWIFT) build -c release --product lintel-bench >&2
	@$$($(SWIFT) build -c release --show-bin-path)/lintel-bench $(BENCH_ARGS)

# The demo world in a fresh store and a walk through the decisions a panel makes on it.
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@LINTEL="$$($(SWIFT) build --show-bin-path)/lintel" STORE=$(DEMO_DIR)/store.sqlite scripts/demo-tour.sh

# docs/screens: every screen at 800x480 and 1920x1080 in four rotations; also the golden images.
screens: build
	scripts/render-screens.sh

# Hardware-in-the-loop: scripts/hil/scenarios/* in a real kernel VM (gpio-sim, DRM, evdev). The kernel
# kit comes from LINTEL_VMKIT, or is built from Debian packages into .build-hil/kit.
hil:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(HIL_PACKAGES)"
	$(SWIFT) build --product lintel
	scripts/hil/run.sh

clean:
	rm -rf .build .build-hil $(DEMO_DIR)
