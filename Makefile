# This file is the front door: it drives CMake, it does not replace it.
#   make                  configure (once) and build into build/
#   make check            install missing Debian packages, build, run every test
#   make demo             the pv/uv example end to end on the dev broker
#   make install PREFIX=  cmake --install into PREFIX (default /usr/local)
#   make clean            remove build/
# Variables: BUILD_DIR, JOBS, CMAKE_ARGS (e.g. -DCMAKE_BUILD_TYPE=Debug, applied
# by `make configure`), CTEST_ARGS (e.g. -R golden, -j2), PREFIX.

BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
CMAKE_ARGS ?=
CTEST_ARGS ?=

# Written after a configure succeeded: CMake leaves CMakeCache.txt behind
# even when configuring fails, so that file cannot tell.
CONFIGURED := $(BUILD_DIR)/.configured

# Also quiets the make that cmake --build runs under this one.
MAKEFLAGS += --no-print-directory

.PHONY: all build configure deps check demo install clean format

all: build

$(CONFIGURED):
	cmake -S . -B $(BUILD_DIR) $(CMAKE_ARGS)
	@touch $@

configure:
	@rm -f $(CONFIGURED)
	@$(MAKE) $(CONFIGURED)

# Under `make -jN` the make that CMake runs shares this make's job slots.
build: $(CONFIGURED)
	+cmake --build $(BUILD_DIR) $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(JOBS))

deps:
	scripts/install-deps.sh

# deps must finish before CMake looks for the packages, even under make -j.
check: deps
	@$(MAKE) build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --no-tests=error $(CTEST_ARGS)

demo: deps
	@$(MAKE) build
	BUILD_DIR=$(abspath $(BUILD_DIR)) scripts/demo.sh

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR)

# Rewrites the hand-written C in place with the checked-in .clang-format (not
# templates/ nor golden files: those are compared byte for byte).
FORMAT_PATHS := 'compiler/*.[ch]' 'runtime/*.[ch]' 'tests/unit/*.[ch]' 'tests/fuzz/*.[ch]' \
	'tests/e2e/*.[ch]' 'bench/*.[ch]' 'examples/*.[ch]'

format:
	git ls-files -z -- $(FORMAT_PATHS) | xargs -0 -r clang-format -i
