# Hearken: `make run` sets up, builds and starts with demo data;
# `make test` sets up, builds and runs every test. See README.md.
BUILD ?= build
JOBS ?= $(shell nproc)
# ccache (installed by setup) makes rebuilds after a clean or a branch switch cheap.
CCACHE = $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

.PHONY: all setup configure build web run test fuzz clean

all: build web

setup:
	scripts/setup

configure: setup
	@if [ ! -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARKEN_WERROR=ON $(CCACHE); fi

build: configure
	cmake --build $(BUILD) -j $(JOBS)

web: setup
	cd web && npm run build --silent

run: build web
	scripts/run

test: build web
	scripts/test

# Each libFuzzer target of fuzz/ for FUZZ_SECONDS (clang build in build-fuzz).
FUZZ_SECONDS ?= 600
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

clean:
	rm -rf $(BUILD) build-fuzz web/dist
