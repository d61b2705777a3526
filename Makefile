# The README's two commands: `make run` and `make test`.
BUILD      ?= build
FUZZ_BUILD ?= build-fuzz
ASAN_BUILD := $(FUZZ_BUILD)
JOBS       ?= $(shell nproc)
CMAKE_GEN  := -G Ninja

.PHONY: all deps test-deps build asan run test unit fuzz fuzz-smoke fuzz-long bench clean install deb

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh test

# -O2 with line tables (-g1): backtraces, perf and the .deb's -dbgsym keep
# file:line; full -g costs 40% more compile time (measured on
# src/report/check_report.cc: 9.8 s with -g, 5.7 s with -g1). For gdb with
# variables, configure a build of your own with -DCMAKE_BUILD_TYPE=Debug.
$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The unit tests under ASan+UBSan come from the fuzz build (one clang build,
# sanitized and coverage-instrumented, at -O1 with line tables only): the
# library is compiled once for the fuzzers and the sanitized tests together.
asan: test-deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target trustready_tests

# `check` exits 1 when a store is not ready: that is an answer, not a failure.
# Only the binary is built (the library and the CLI); `make test` builds the
# tests and benchmarks as well.
run: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target trustready
	./$(BUILD)/trustready check || test $$? -eq 1

# Every test through CTest: the unit tests under ASan+UBSan, a short fuzz run
# (both from the one sanitized build), then the release build's unit +
# integration suites.
test: test-deps build fuzz-smoke
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest -L unit -j $(JOBS) --output-on-failure --timeout 300 -Q || (ctest -L unit --rerun-failed --output-on-failure; exit 1)
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure --timeout 900

unit: build
	cd $(BUILD) && ctest -L unit -j $(JOBS) --output-on-failure

$(FUZZ_BUILD)/build.ninja: CMakeLists.txt | test-deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DTRUSTREADY_FUZZ=ON -DTRUSTREADY_BENCH=OFF

fuzz: test-deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

# Each fuzzer for FUZZ_SECONDS (default 25) on its seed corpus, JOBS at a time.
FUZZ_SECONDS ?= 25
fuzz-smoke: fuzz
	FUZZ_JOBS=$(JOBS) bash fuzz/run-smoke.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Each fuzzer for FUZZ_LONG_SECONDS (default 3600) on a persistent corpus
# (FUZZ_CORPUS, default ~/.cache/trustready/fuzz-corpus); see docs/fuzzing.md.
FUZZ_LONG_SECONDS ?= 3600
fuzz-long: fuzz
	bash scripts/fuzz-long.sh $(FUZZ_BUILD) $(FUZZ_LONG_SECONDS) $(FUZZERS)

bench: build
	bash bench/run.sh $(BUILD)

# `make install PREFIX=/opt/trustready` (default /usr/local): binary, library,
# headers, CMake package, pkg-config file, data, docs, man pages, completions.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# `make deb`: a Debian package from a separate release build (debug info in
# the -dbgsym package), written to build-deb/.
DEB_BUILD ?= build-deb
deb: deps
	cmake -S . -B $(DEB_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRUSTREADY_TESTS=OFF -DTRUSTREADY_BENCH=OFF -DCMAKE_INSTALL_PREFIX=/usr
	cmake --build $(DEB_BUILD) -j $(JOBS)
	cd $(DEB_BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEB_BUILD)
