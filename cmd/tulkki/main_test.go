package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/storetest"
)

func TestUsageAndUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("help: %v", err)
	}
	for _, c := range commands {
		if !strings.Contains(out.String(), c.name) {
			t.Errorf("usage does not mention %q:\n%s", c.name, out.String())
		}
	}
	if err := run(context.Background(), []string{"frobnicate"}, &out, &errOut); err == nil ||
		!strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: err = %v", err)
	}
}

// TestServeShutsDownGracefully starts the real server on a free port,
// checks it answers, then cancels its context as SIGTERM would and expects
// a clean return.
func TestServeShutsDownGracefully(t *testing.T) {
	storetest.Open(t) // fail early, with the hint, when Neo4j is not there
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0"}, stdoutW, io.Discard)
		stdoutW.Close()
	}()

	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdoutR)
		re := regexp.MustCompile(`http://([^/]+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve returned before listening: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not report its address")
	}

	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ sectors { code } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "ACADEMIA") {
		t.Errorf("sectors query answered %s", body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after shutdown: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop after its context was cancelled")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestPackageDocListsEveryCommand keeps the command's doc comment in step
// with the commands it has.
func TestPackageDocListsEveryCommand(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src[:bytes.Index(src, []byte("package main"))])
	for _, c := range commands {
		if !strings.Contains(doc, "tulkki "+c.name+" ") {
			t.Errorf("main.go's doc comment does not list %q", c.name)
		}
	}
}
