# mk/fuzz.mk - fuzz targets (tests/fuzz/) and their regression replay.
#
#   make fuzz FUZZ_SECONDS=N   build every tests/fuzz/fuzz_*.c with clang's
#                              libFuzzer + ASan + UBSan and run each for N s
#                              (default 30) on its seeds, its regression
#                              inputs and the corpus grown by earlier runs
#                              ($(BUILD)/fuzz/corpus/<target>).  Findings go
#                              to $(BUILD)/fuzz/findings/<target>/; the run
#                              fails if any target found something.
#   make fuzz-bins             only build the fuzzers.
#
# make check replays every stored input in tests/fuzz/regressions/<target>/
# through $(SAN)/fuzz/replay_<target>: the same target file linked with
# tests/fuzz/replay.c and the gcc sanitizer build, so no clang is needed
# for the regression tests (tests/fuzz_regressions.sh).
#
# clang and libclang-rt-14-dev (libFuzzer) come from `tools/install-deps
# --group fuzz`, installed on first use of make fuzz.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
FUZZ = $(BUILD)/fuzz
# -timeout: an input slower than 10 s is a hang (every target parses a few
# KB in well under a millisecond).  Memory: 2 GB for image decoding (a
# lying header may still allocate the limit's worth), 1 GB for the others.
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB_DEFAULT = 1024
FUZZ_RSS_MB_image = 2048
# Largest generated input, bytes: images and models need more room than
# text; 4 KB (libFuzzer's default) is plenty for lines and small documents.
FUZZ_MAX_LEN_DEFAULT = 8192
FUZZ_MAX_LEN_image = 65536
FUZZ_MAX_LEN_lm = 65536

FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_HARNESS = tests/fuzz/harness.c
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS = $(patsubst %,$(FUZZ)/bin/fuzz_%,$(FUZZ_TARGETS))
FUZZ_REPLAY_BINS = $(patsubst %,$(SAN)/fuzz/replay_%,$(FUZZ_TARGETS))
FUZZ_DEPS_STAMP = $(FUZZ)/.deps-ok
fuzz_obj = $(patsubst src/%.c,$(FUZZ)/obj/%.o,$(1))

.PHONY: fuzz fuzz-bins

$(FUZZ_DEPS_STAMP): tools/install-deps | $(DEPS_STAMP)
	@tools/install-deps --check --group fuzz || tools/install-deps --group fuzz
	@mkdir -p $(dir $@) && touch $@

# The library as the fuzzers see it: coverage-instrumented, sanitised.
# No -Werror: clang warns about things gcc does not, in files the fuzz
# build does not own; gcc's -Werror build stays the judge of warnings.
$(FUZZ)/obj/%.o: src/%.c $(HDRS) | $(FUZZ_DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(CSTD) $(filter-out -Werror,$(WARN)) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	    $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(FUZZ)/libbroadsheet.a: $(call fuzz_obj,$(LIB_SRC))
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ)/bin/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HARNESS) tests/fuzz/harness.h $(FUZZ)/libbroadsheet.a $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  FUZZER  $@"
	@$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -Itests/fuzz \
	    -o $@ $< $(FUZZ_HARNESS) $(FUZZ)/libbroadsheet.a $(LIBS)

fuzz-bins: $(FUZZ_BINS)

# One target after the other (the machine's cores are shared); every target
# runs even when an earlier one found something, and the run fails at the end.
fuzz: $(FUZZ_BINS)
	@failed=""; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ)/corpus/$$t $(FUZZ)/findings/$$t; \
	    dirs="$(FUZZ)/corpus/$$t"; \
	    for d in tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t; do \
	        [ -d $$d ] && dirs="$$dirs $$d"; done; \
	    rss=$(FUZZ_RSS_MB_DEFAULT); len=$(FUZZ_MAX_LEN_DEFAULT); \
	    case $$t in image) rss=$(FUZZ_RSS_MB_image); len=$(FUZZ_MAX_LEN_image);; \
	                lm) len=$(FUZZ_MAX_LEN_lm);; esac; \
	    echo "  FUZZ    $$t ($(FUZZ_SECONDS) s)"; \
	    if $(FUZZ)/bin/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
	        -rss_limit_mb=$$rss -max_len=$$len -print_final_stats=1 \
	        -artifact_prefix=$(FUZZ)/findings/$$t/ $$dirs >$(FUZZ)/$$t.log 2>&1; then \
	        grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' $(FUZZ)/$$t.log | tail -n 1 | sed 's/^/          /'; \
	        grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' $(FUZZ)/$$t.log | sed 's/^/          /'; \
	    else failed="$$failed $$t"; tail -n 40 $(FUZZ)/$$t.log; fi; \
	done; \
	if [ -n "$$failed" ]; then \
	    echo "fuzz: findings in:$$failed (inputs in $(FUZZ)/findings/; store each as tests/fuzz/regressions/<target>/ once fixed)"; \
	    exit 1; fi

# Regression replay in the gcc sanitizer build, part of make check.
$(SAN)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HARNESS) tests/fuzz/harness.h \
                      $(SAN)/libbroadsheet.a $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  REPLAY  $@"
	@$(CC) $(CSTD) $(WARN) $(SAN_FLAGS) $(PKG_CFLAGS) -Isrc -Itests/fuzz -o $@ $< tests/fuzz/replay.c \
	    $(FUZZ_HARNESS) $(SAN)/libbroadsheet.a $(LIBS)

test-bins: $(FUZZ_REPLAY_BINS)
