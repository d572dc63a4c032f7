# Lintel: `make demo` and `make test` work on a fresh Debian bookworm machine with Swift installed;
# both install the Debian packages they need first (apt-get, with sudo when not root).

SWIFT ?= swift
# Debian packages the build, the tests and the demo need.
DEBIAN_PACKAGES := libsqlite3-dev zlib1g-dev libgpiod-dev libfreetype-dev libharfbuzz-dev libpng-dev libqrencode-dev libdrm-dev tzdata python3
# What `make test` needs on top: the browser test of the virtual panel (headless Chromium, driven by
# Selenium), systemd's tools for checking the units, PostgreSQL's server for the fleet storage
# (a throwaway cluster on loopback, scripts/with-postgres.sh), and curl and a Python venv for the
# API conformance run (schemathesis from PyPI, installed into .build-tools/venv).
TEST_PACKAGES := chromium chromium-driver python3-selenium systemd postgresql curl python3-venv
# What `make hil` needs on top: QEMU for the kernel VM, busybox and cpio for its initramfs.
HIL_PACKAGES := qemu-system-x86 busybox-static cpio
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR := .demo

.PHONY: deb deb-test all deps build test schema units browser-test platform-faults sync-faults api-conformance bench fuzz demo tour install hil soak screens clean

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product lintel

# One truth for snapshots: the JSON Schema in docs/ and `lintel store validate` must agree on the
# demo world, an export of it, every hand-written rule case and every generated mutation
# (scripts/check-snapshot-schema.py says how); needs python3 with jsonschema (Debian's
# python3-jsonschema when no python3 on PATH has it).
schema: build
	@py=""; for c in python3 /usr/bin/python3; do $$c -c 'import jsonschema' 2>/dev/null && { py=$$c; break; }; done; \
	if [ -z "$$py" ]; then \
	  echo "make: installing Debian package python3-jsonschema"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-jsonschema; py=/usr/bin/python3; \
	fi; \
	tmp=$$(mktemp -d); \
	$(SWIFT) run -q lintel store import --store $$tmp/store.sqlite examples/demo-world.json >/dev/null && \
	$(SWIFT) run -q lintel store export --store $$tmp/store.sqlite > $$tmp/export.json && \
	$$py scripts/check-snapshot-schema.py "$$($(SWIFT) build --show-bin-path)/lintel" examples/demo-world.json $$tmp/export.json; \
	status=$$?; rm -rf $$tmp; exit $$status

test: deps schema
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	$(SWIFT) build --build-tests
	LINTEL_REQUIRE_POSTGRES=1 scripts/with-postgres.sh $(SWIFT) test
	@$(MAKE) --no-print-directory units browser-test platform-faults sync-faults api-conformance

# The live platform against docs/platform-api.yaml: schemathesis (from PyPI) sends requests made
# from the description, valid and forbidden; no 5xx and no answer outside it (scripts/api-conformance.sh).
api-conformance: build
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	$(SWIFT) build --product lintel-platform
	scripts/api-conformance.sh "$$($(SWIFT) build --show-bin-path)/lintel-platform" 100

# kill -9 of lintel-platform in the middle of event batches, on SQLite and on PostgreSQL: every
# event taken once or not at all, never half a batch (scripts/platform-kill-test.py says how).
platform-faults: build
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	$(SWIFT) build --product lintel-platform
	bin=$$($(SWIFT) build --show-bin-path)/lintel-platform; \
	python3 scripts/platform-kill-test.py $$bin --cycles 25 && \
	scripts/with-postgres.sh sh -c "python3 scripts/platform-kill-test.py $$bin --cycles 25 --db \"\$$LINTEL_TEST_POSTGRES_URL\""

# The agent's sync against the real platform through a fault-injecting proxy (500, 503 with
# Retry-After, slow, cut, malformed, wrong schema, reset during a push, the platform down), then
# SYNC_KILL_CYCLES kill -9 of the agent during delta applies and outbox drains (every 25th also of
# the platform): integrity_check after each, every event at the platform exactly once
# (scripts/sync-fault-test.py says how). `make soak` runs 1,000 cycles.
SYNC_KILL_CYCLES ?= 200
sync-faults: build
	$(SWIFT) build --product lintel-platform
	bin=$$($(SWIFT) build --show-bin-path); python3 scripts/sync-fault-test.py $$bin/lintel $$bin/lintel-platform --kill-cycles $(SYNC_KILL_CYCLES)

# The systemd unit, sysusers and udev files, checked by systemd's own tools.
units: build
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	scripts/verify-units.sh "$$($(SWIFT) build --show-bin-path)/lintel"

# `make demo`'s virtual panel in headless Chromium: press the on-screen check-in button, see "in use";
# then the platform's staff pages at phone size: sign in, approve a real unpaired agent's code, see
# it paired within 10 s, its health on the devices page, its room's bookings.
browser-test: build
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	$(SWIFT) build --product lintel-platform
	/usr/bin/python3 scripts/browser-test.py "$$($(SWIFT) build --show-bin-path)/lintel"
	/usr/bin/python3 scripts/platform-pages-test.py "$$($(SWIFT) build --show-bin-path)/lintel"

# One JSON object of figures (release build). `make bench BENCH_ARGS=--quick` for a small world.
# The board build: release, with the Swift runtime and Foundation linked in (a board needs no Swift
# installation, and the agent maps less memory). `make install` and `make bench` use it.
BOARD_BUILD := $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-board

# The platform's load figures need wrk and PostgreSQL (a throwaway cluster for the PostgreSQL pull figure).
BENCH_PACKAGES := wrk postgresql

bench: deps
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	@$(BOARD_BUILD) --product lintel-bench >&2 && $(BOARD_BUILD) --product lintel >&2 && $(BOARD_BUILD) --product lintel-platform >&2
	@scripts/with-postgres.sh $$($(BOARD_BUILD) --show-bin-path)/lintel-bench $(BENCH_ARGS)

# The snapshot decoder and validator under libFuzzer with AddressSanitizer: FUZZ_RUNS executions
# (default 1,000,000) without a crash, a hang or a leak. Not part of `make test` (it takes minutes).
fuzz: deps
	scripts/fuzz.sh

# The living panel: lintel-platform on its embedded SQLite with the demo world (moved to today), and
# `lintel run` paired and synced with it, its virtual panel on http://127.0.0.1:$(DEMO_PORT)/ —
# open it in a browser; it links to the platform's booking page. Ctrl-C stops both. DEMO_SPACE picks
# another space of the demo world, e.g. ams-d-203 (a hygienic desk that needs cleaning).
DEMO_PORT ?= 8080
DEMO_PLATFORM_PORT ?= 8090
DEMO_SPACE ?= ams-r-tulip
demo: build
	@$(SWIFT) build --product lintel-platform
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@bin=$$($(SWIFT) build --show-bin-path); scripts/demo.sh $$bin/lintel $$bin/lintel-platform $(DEMO_DIR) $(DEMO_PORT) $(DEMO_PLATFORM_PORT) $(DEMO_SPACE)

# A narrated walk through the decisions a panel makes on the demo world (no agent).
tour: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@LINTEL="$$($(SWIFT) build --show-bin-path)/lintel" STORE=$(DEMO_DIR)/store.sqlite scripts/demo-tour.sh

# Installs the agent for systemd (release build): binary, fonts, unit, sysusers, udev rules, and an
# example configuration if none exists. PREFIX=/usr/local; DESTDIR for packaging.
PREFIX ?= /usr/local
install: deps
	$(BOARD_BUILD) --product lintel
	install -D -m 0755 "$$($(BOARD_BUILD) --show-bin-path)/lintel" $(DESTDIR)$(PREFIX)/bin/lintel
	install -d $(DESTDIR)$(PREFIX)/share/lintel/fonts && install -m 0644 assets/fonts/* $(DESTDIR)$(PREFIX)/share/lintel/fonts/
	install -D -m 0644 systemd/lintel.service $(DESTDIR)/etc/systemd/system/lintel.service
	install -D -m 0644 systemd/lintel.sysusers.conf $(DESTDIR)/usr/lib/sysusers.d/lintel.conf
	install -D -m 0644 systemd/60-lintel.rules $(DESTDIR)/etc/udev/rules.d/60-lintel.rules
	[ -e $(DESTDIR)/etc/lintel/agent.yaml ] || install -D -m 0644 board-configs/agent.example.yaml $(DESTDIR)/etc/lintel/agent.yaml
	@echo "Next: systemd-sysusers; udevadm control --reload; edit /etc/lintel/agent.yaml; systemctl enable --now lintel"

# The Debian packages lintel and lintel-platform from the board build, for this machine's
# architecture (build on the board itself for arm64: there is no cross toolchain here), into dist/.
DEB_PACKAGES := dpkg-dev fakeroot binutils
deb: deps
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(DEB_PACKAGES)"
	$(BOARD_BUILD) --product lintel && $(BOARD_BUILD) --product lintel-platform
	bin=$$($(BOARD_BUILD) --show-bin-path); scripts/build-deb.sh $$bin/lintel $$bin/lintel-platform dist

# Both packages installed into a clean bookworm root (debootstrap, dpkg -i in a chroot): the units
# verified, the maintainer scripts' work, lintel --version and doctor inside, then a purge.
deb-test: deb
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="debootstrap systemd"
	scripts/deb-test.sh dist

# docs/screens: every screen at 800x480 and 1920x1080 in four rotations; also the golden images.
screens: build
	scripts/render-screens.sh

# Hardware-in-the-loop: scripts/hil/scenarios/* in a real kernel VM (gpio-sim, DRM, evdev). The kernel
# kit comes from LINTEL_VMKIT, or is built from Debian packages into .build-hil/kit.
hil:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(HIL_PACKAGES)"
	$(SWIFT) build --product lintel
	$(SWIFT) build --product lintel-platform
	scripts/hil/run.sh

# Long runs that do not belong in CI: 1,000 kill -9 cycles of the syncing agent, then the power-cut
# scenario for SOAK_CYCLES boots (about 35 s each).
SOAK_CYCLES ?= 120
soak:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(HIL_PACKAGES)"
	$(SWIFT) build --product lintel && $(SWIFT) build --product lintel-platform
	bin=$$($(SWIFT) build --show-bin-path); python3 scripts/sync-fault-test.py $$bin/lintel $$bin/lintel-platform --skip-faults --kill-cycles 1000
	HIL_ONLY=powercut HIL_POWERCUT_CYCLES=$(SOAK_CYCLES) scripts/hil/run.sh

clean:
	rm -rf .build .build-hil $(DEMO_DIR) dist
