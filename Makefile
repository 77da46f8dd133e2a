# intake311: the two set-up commands are `make run` and `make test`.
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
BIN         := bin/intake311

.PHONY: build run test check bench cover clean

build:
	$(GO) build -o $(BIN) ./cmd/intake311

# run starts the sandbox: every channel pointed at loopback stand-ins.
run: build
	./$(BIN) serve --sandbox

test:
	$(GO) test -race -timeout 9m ./...

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

cover:
	$(GO) test -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -n 1

clean:
	rm -rf bin var cover.out
