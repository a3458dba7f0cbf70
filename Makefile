# Broadsheet - scanned newspaper pages to complete, ordered articles.
#
#   make            build bin/broadsheet and build/release/libbroadsheet.a
#   make check      install missing deps, build with ASan+UBSan, run every test
#   make demo       install missing deps, build, run the pipeline on testdata/sample
#   make testdata   render the synthetic dev sets into build/testdata (not in git)
#   make bench      long measurements (see BENCHMARKS.md)
#   make install PREFIX=/usr/local
#   make clean
#
# Library sources are src/*.c except the CLI (src/main.c, src/cmd_*.c);
# tests are tests/test_*.c (cmocka, one binary each) and tests/*.sh.

CC ?= cc
PREFIX ?= /usr/local
PKGS = tesseract lept jansson libutf8proc libxml-2.0
BUILD = build

# _DEFAULT_SOURCE: POSIX 2008 plus the few BSD/GNU calls we use (mkstemp,
# realpath, strnlen) while staying C11.
CSTD = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS = $(PKG_LIBS) -lpthread -lm
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

RELEASE_FLAGS = -O2 -g
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC = $(filter-out src/main.c src/cmd_%.c,$(wildcard src/*.c))
CLI_SRC = src/main.c $(wildcard src/cmd_*.c)
HDRS = $(wildcard src/*.h)
TEST_SRC = $(wildcard tests/test_*.c)
TEST_HELPERS = $(wildcard tests/helpers/*.c)

REL = $(BUILD)/release
SAN = $(BUILD)/asan

rel_obj = $(patsubst src/%.c,$(REL)/obj/%.o,$(1))
san_obj = $(patsubst src/%.c,$(SAN)/obj/%.o,$(1))

DEPS_STAMP = $(BUILD)/.deps-ok

.PHONY: all check demo testdata bench bench-quick models install clean deps test-bins

MODELS = $(BUILD)/models/zh.bsm $(BUILD)/models/en.bsm

all: bin/broadsheet $(REL)/libbroadsheet.a $(MODELS)

# Set-up promise: install whatever Debian package is missing before the first
# compile.  pkg-config answers for the libraries; install-deps --check for
# the rest (language packs, fonts, test tools).
deps: $(DEPS_STAMP)
$(DEPS_STAMP): tools/install-deps
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) cmocka \
	    || ! tools/install-deps --check; then tools/install-deps; fi
	@mkdir -p $(BUILD) && touch $@

# ---- language models (models/README.md): generated from Debian packages
models: $(MODELS)
$(BUILD)/models/%.bsm: tools/build-models | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  MODEL   $@"
	@/usr/bin/python3 tools/build-models --lang $* -o $@

# ---- release build -------------------------------------------------------
$(REL)/obj/%.o: src/%.c $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CSTD) $(WARN) $(RELEASE_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(REL)/libbroadsheet.a: $(call rel_obj,$(LIB_SRC))
	@rm -f $@
	@ar rcs $@ $^

bin/broadsheet: $(call rel_obj,$(CLI_SRC)) $(REL)/libbroadsheet.a
	@mkdir -p bin
	@echo "  LD      $@"
	@$(CC) $(RELEASE_FLAGS) -o $@ $(call rel_obj,$(CLI_SRC)) $(REL)/libbroadsheet.a $(LIBS) $(LDFLAGS)

# ---- sanitizer build and tests ------------------------------------------
$(SAN)/obj/%.o: src/%.c $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC/SAN  $<"
	@$(CC) $(CSTD) $(WARN) $(SAN_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(SAN)/libbroadsheet.a: $(call san_obj,$(LIB_SRC))
	@rm -f $@
	@ar rcs $@ $^

$(SAN)/bin/broadsheet: $(call san_obj,$(CLI_SRC)) $(SAN)/libbroadsheet.a
	@mkdir -p $(dir $@)
	@echo "  LD/SAN  $@"
	@$(CC) $(SAN_FLAGS) -o $@ $(call san_obj,$(CLI_SRC)) $(SAN)/libbroadsheet.a $(LIBS)

$(SAN)/tests/%: tests/%.c $(TEST_HELPERS) $(SAN)/libbroadsheet.a $(HDRS) $(wildcard tests/helpers/*.h)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CSTD) $(WARN) $(SAN_FLAGS) $(PKG_CFLAGS) -Isrc -Itests/helpers -o $@ $< $(TEST_HELPERS) \
	    $(SAN)/libbroadsheet.a $(LIBS) $(CMOCKA_LIBS)

TEST_BINS = $(patsubst tests/%.c,$(SAN)/tests/%,$(TEST_SRC))
test-bins: $(TEST_BINS) $(SAN)/bin/broadsheet

check: test-bins bin/broadsheet $(MODELS)
	@BS_BIN=$(abspath $(SAN)/bin/broadsheet) BS_ROOT=$(CURDIR) BS_BUILD=$(abspath $(BUILD)) \
	    tests/run $(TEST_BINS) $(wildcard tests/*.sh)

# ---- demo, data, benchmarks ---------------------------------------------
demo: all
	@tools/demo

testdata: $(DEPS_STAMP)
	tools/mkissue --set zh --count 10 --first-seed 1000 -o $(BUILD)/testdata/zh
	tools/mkissue --set zh-Hant --count 10 --first-seed 2000 -o $(BUILD)/testdata/zh-Hant
	tools/mkissue --set en --count 10 --first-seed 3000 -o $(BUILD)/testdata/en

bench: all
	@tools/bench $(if $(QUICK),--quick)
	@tools/degraded-eval $(if $(QUICK),--issues 01)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/broadsheet
	install -m 755 bin/broadsheet $(DESTDIR)$(PREFIX)/bin/broadsheet
	install -m 644 $(REL)/libbroadsheet.a $(DESTDIR)$(PREFIX)/lib/libbroadsheet.a
	install -m 644 $(HDRS) $(DESTDIR)$(PREFIX)/include/broadsheet/
	install -d $(DESTDIR)$(PREFIX)/share/broadsheet/models
	install -m 644 $(MODELS) $(DESTDIR)$(PREFIX)/share/broadsheet/models/

clean:
	rm -rf $(BUILD) bin

# ---- fuzz (issue 13): fuzz targets, make fuzz, regression replay -------
include mk/fuzz.mk
# ---- end fuzz ------------------------------------------------------------
