package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// postWith posts one operation with extra headers and returns the status,
// the response headers and the response.
func (a *api) postWith(headers map[string]string, query string, vars map[string]any) (int, http.Header, gqlResponse) {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		a.t.Fatalf("decode: %v", err)
	}
	return resp.StatusCode, resp.Header, out
}

// TestReadYourWritesAcrossReplicas: two API processes (each its own driver)
// over one Neo4j with the routing scheme a cluster needs. A write answers
// with a bookmark token (header and extensions.bookmark); a later request
// to the other replica with the token sees the write. A read makes no
// token; a token that this API did not make is refused (issue 17,
// reads after writes on a cluster).
func TestReadYourWritesAcrossReplicas(t *testing.T) {
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	routed := cfg.Neo4j
	routed.URI = "neo4j://" + strings.TrimPrefix(strings.TrimPrefix(routed.URI, "bolt://"), "neo4j://")
	replica := func() *api {
		st, err := store.Open(context.Background(), routed, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatalf("neo4j unavailable over %s: %v", routed.URI, err)
		}
		t.Cleanup(func() { _ = st.Close(context.Background()) })
		return newAPIWith(t, st)
	}
	_ = storetest.Open(t) // migrated
	a, b := replica(), replica()

	name := storetest.ID("Kirjanmerkki")
	status, header, created := a.postWith(nil, `mutation($n: String!) { createTopic(input: {name: $n}) { id } }`, map[string]any{"n": name})
	if status != 200 || len(created.Errors) > 0 {
		t.Fatalf("create: %d %+v", status, created.Errors)
	}
	token := header.Get("Tulkki-Bookmark")
	if token == "" || created.Extensions["bookmark"] != token {
		t.Fatalf("a write answered with header %q and extensions.bookmark %v, want the same token", token, created.Extensions["bookmark"])
	}
	id, _ := dig(decoded(t, created.Data), "createTopic.id").(string)

	_, readHeader, read := b.postWith(map[string]string{"Tulkki-Bookmark": token},
		`query($id: ID!) { topic(id: $id) { id name } }`, map[string]any{"id": id})
	if len(read.Errors) > 0 || dig(decoded(t, read.Data), "topic.name") != name {
		t.Fatalf("the other replica with the token: %+v %s", read.Errors, read.Data)
	}
	if readHeader.Get("Tulkki-Bookmark") != "" {
		t.Error("a read answered with a bookmark token")
	}

	// A write made with a token answers with one that still covers it.
	_, h2, again := b.postWith(map[string]string{"Tulkki-Bookmark": token},
		`mutation($n: String!) { createTopic(input: {name: $n}) { id } }`, map[string]any{"n": name + "-2"})
	if len(again.Errors) > 0 {
		t.Fatalf("second write: %+v", again.Errors)
	}
	next, err := store.DecodeBookmarks(h2.Get("Tulkki-Bookmark"))
	first, _ := store.DecodeBookmarks(token)
	if err != nil || len(next) <= len(first) || next[0] != first[0] {
		t.Errorf("token after a write made with %v: %v (%v)", first, next, err)
	}

	for _, bad := range []string{"not a token", store.EncodeBookmarks(nil) + "!", "W10x"} {
		status, _, r := a.postWith(map[string]string{"Tulkki-Bookmark": bad}, `{ __typename }`, nil)
		if status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_REQUEST" {
			t.Errorf("token %q: %d %+v", bad, status, r.Errors)
		}
	}
}
