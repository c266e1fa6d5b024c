# The two commands of the README: `make forecast` and `make test`.
# Both install the Debian packages the project links against when they are missing.

APT_PACKAGES := libcsv-dev libopenblas-dev python3 librsvg2-bin zlib1g-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATASET ?= datasets/air_passengers.csv

.PHONY: forecast test deps build benchmarks clean docs fuzz readme-check readme-update spark-test

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release --product forecast

forecast: build
	.build/release/forecast inspect $(DATASET)
	.build/release/forecast predict $(DATASET) --horizon 12 --interval 80,95 --format table

test: deps
	swift test
	$(MAKE) --no-print-directory readme-check

# The README's example outputs against what the release binary prints
# (scripts/readme_outputs.py; readme-update rewrites them after a deliberate change).
readme-check: build
	python3 scripts/readme_outputs.py check

# Examples/spark against the CLI run directly (Java 17 and a virtual environment
# with the pinned PySpark, created in .build/spark-venv on first use).
spark-test: build
	bash Examples/spark/spark_test.sh

readme-update: build
	python3 scripts/readme_outputs.py update

benchmarks: deps
	cd Benchmarks && swift build -c release

# libFuzzer on the CSV reader and the model loader, FUZZ_SECONDS each (seeds: the
# bundled datasets and Fuzz/seeds/model). A crash leaves crash-* in Fuzz/ and fails.
FUZZ_SECONDS ?= 300
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
fuzz: deps
	cd Fuzz && swift build -c debug --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address
	mkdir -p Fuzz/.build/corpus-csv Fuzz/.build/corpus-model
	cd Fuzz && .build/debug/fuzz-csv .build/corpus-csv ../datasets -max_len=65536 $(FUZZ_FLAGS)
	cd Fuzz && .build/debug/fuzz-model .build/corpus-model seeds/model $(FUZZ_FLAGS)

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build

# DocC for every library module, one combined archive, checked strictly (a broken
# symbol link, within a module or across modules, fails): scripts/docs.sh.
docs: deps
	bash scripts/docs.sh
