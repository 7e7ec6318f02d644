# qualtrack: `make run` to try it, `make test` to prove it.
GO       ?= go
NPM      ?= npm
BIN      := bin/qualtrack
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
PG_TEST_URL ?= $(QUALTRACK_TEST_DATABASE_URL)
FUZZTIME ?= 3s
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
DEADCODE    := golang.org/x/tools/cmd/deadcode@v0.41.0

.PHONY: all build backend frontend frontend-deps run test check test-go test-go-postgres fuzz test-frontend e2e screenshots lint bench clean

all: build

## build: frontend and binary -> bin/qualtrack
build: frontend backend

backend:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./backend/cmd/qualtrack

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund
	@touch $@

frontend-deps: frontend/node_modules/.package-lock.json

frontend: frontend-deps
	cd frontend && $(NPM) run build

## run: build and serve on SQLite with demo data (prints the URL and sign-ins)
run: build
	QUALTRACK_DEMO=true ./$(BIN) serve

## test: every test: Go on SQLite (and PostgreSQL when QUALTRACK_TEST_DATABASE_URL is set), fuzzing, frontend checks, browser tests
test: lint test-go test-go-postgres fuzz test-frontend e2e

## check: the quick loop while editing: gofmt, go vet, Go tests without the
## race detector and without PostgreSQL, the web app's type check and unit tests
check: frontend-deps
	@out=$$(gofmt -l backend migrations frontend/embed.go); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	env -u QUALTRACK_TEST_DATABASE_URL $(GO) test -count=1 ./...
	cd frontend && $(NPM) run --silent typecheck && $(NPM) test --silent

## lint: gofmt, go vet, staticcheck, unreachable code, docs/openapi.yaml against
## Redocly's recommended rules, and the web app's wire types generated from it
lint: frontend-deps
	@out=$$(gofmt -l backend migrations frontend/embed.go); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@out=$$($(GO) run $(DEADCODE) -test ./...); if [ -n "$$out" ]; then echo "unreachable code:"; echo "$$out"; exit 1; fi
	cd frontend && $(NPM) run --silent lint:openapi && $(NPM) run --silent api:check

## The race detector also turns on checkptr, the check of unsafe pointer
## arithmetic; it stays on for qualtrack's code but not for the pure-Go SQLite
## engine (machine-translated C: without it there, the api package's run
## takes 73 s instead of 106). Races are still detected everywhere, the
## engine included.
test-go:
	env -u QUALTRACK_TEST_DATABASE_URL $(GO) test -race -gcflags='modernc.org/...=-d=checkptr=0' -count=1 -parallel 4 -timeout 30m ./...

## The race detector runs once, on SQLite: the Go code it watches is the same
## on both databases, and under it every query costs several times as much.
## PostgreSQL proves the SQL, the migrations and the dialect's own paths.
test-go-postgres:
	@if [ -n "$(PG_TEST_URL)" ]; then \
		echo "== Go tests on PostgreSQL"; \
		QUALTRACK_TEST_DATABASE_URL='$(PG_TEST_URL)' $(GO) test -count=1 -parallel 8 -timeout 30m ./...; \
	else echo "== QUALTRACK_TEST_DATABASE_URL not set: PostgreSQL tests skipped"; fi

## fuzz: run every Go fuzz target for FUZZTIME each (default 3s), on SQLite.
## Each package's tests are compiled once (with fuzzing instrumentation) and
## the binary runs each of its targets in turn, from the package's directory so
## that its seed corpus is read and a crash leaves its input under
## testdata/fuzz/ (keep it: it becomes a regression test).
fuzz:
	@set -e; bindir=$$(mktemp -d); trap 'rm -rf "$$bindir"' EXIT; \
	cache=$$($(GO) env GOCACHE)/fuzz; \
	for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' backend | xargs -n1 dirname | sort -u); do \
		bin=$$bindir/$$(echo $$dir | tr / _).test; \
		echo "== compile ./$$dir"; \
		$(GO) test -c -fuzz=. -o $$bin ./$$dir; \
		for target in $$($$bin -test.list '^Fuzz'); do \
			echo "== fuzz $$target (./$$dir, $(FUZZTIME))"; \
			(cd $$dir && env -u QUALTRACK_TEST_DATABASE_URL $$bin -test.run '^$$' -test.fuzz "^$$target\$$" \
				-test.fuzztime $(FUZZTIME) -test.fuzzcachedir "$$cache") || exit 1; \
		done; \
	done

test-frontend: frontend-deps
	cd frontend && $(NPM) run typecheck && $(NPM) test

## e2e: browser tests (headless Debian chromium) against a freshly built binary.
## The web app is bundled without `make build`'s type check and wire-type
## check: lint and test-frontend run those. The binary is built as the Go
## tests of cmd/qualtrack build theirs (no -trimpath), so the two share the
## compiled packages instead of compiling everything twice after a change.
e2e: frontend-deps
	cd frontend && $(NPM) run --silent bundle
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./backend/cmd/qualtrack
	cd frontend && QUALTRACK_BIN=$(CURDIR)/$(BIN) $(NPM) run e2e

## screenshots: the browser tests again, saving their screenshots into
## docs/screenshots (a plain `make test` keeps them under frontend/test-results)
screenshots: build
	cd frontend && QUALTRACK_BIN=$(CURDIR)/$(BIN) QUALTRACK_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(NPM) run e2e

## bench: seed 10,000 sites, load every scenario on SQLite and PostgreSQL, run the Go benchmarks; writes docs/benchmarks.md
bench:
	BENCH_PG_URL='$(PG_BENCH_URL)' ./scripts/bench.sh

PG_BENCH_URL ?= $(or $(QUALTRACK_TEST_DATABASE_URL),postgres://postgres@127.0.0.1:5432/test?sslmode=disable)

clean:
	rm -rf bin frontend/dist/app
