package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// withKey posts one operation with an Idempotency-Key header (none when
// key is "") and returns the HTTP status and the response.
func (a *api) withKey(key, query string, vars map[string]any) (int, gqlResponse) {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
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
	return resp.StatusCode, out
}

// TestCreatesWithIdempotencyKey: a create mutation retried with the same
// Idempotency-Key answers what the first one created instead of creating
// again, also when the retries race; the key reused for another request
// is a CONFLICT that writes nothing; keys are the caller's own (issue 17,
// point 2).
func TestCreatesWithIdempotencyKey(t *testing.T) {
	a := newAPI(t)
	const create = `mutation($n: String!) { createPerson(input: {name: $n}) { id name } }`
	personsNamed := func(name string) int {
		t.Helper()
		page, err := a.st.ReadPeoplePage(t.Context(), model.PersonFilter{Search: name, Scope: model.PersonScope{Visibilities: model.AllVisibilities}},
			100, nil, model.PageRead{Fields: model.Selection{{Key: "name", Name: "name"}}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range page.Items {
			if p.Name == name {
				n++
			}
		}
		return n
	}
	idOf := func(r gqlResponse, path string) string {
		t.Helper()
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		id, _ := dig(decoded(t, r.Data), path).(string)
		return id
	}

	t.Run("a retry gets the first answer", func(t *testing.T) {
		key, name := storetest.ID("key"), storetest.ID("Idempotentti Iida")
		_, first := a.withKey(key, create, map[string]any{"n": name})
		_, again := a.withKey(key, create, map[string]any{"n": name})
		if id1, id2 := idOf(first, "createPerson.id"), idOf(again, "createPerson.id"); id1 == "" || id1 != id2 {
			t.Fatalf("first %s, retry %s", id1, id2)
		}
		if n := personsNamed(name); n != 1 {
			t.Fatalf("%d people named %s, want 1", n, name)
		}
	})

	t.Run("without a key every request creates", func(t *testing.T) {
		name := storetest.ID("Kaksinkertainen Kalle")
		a.withKey("", create, map[string]any{"n": name})
		a.withKey("", create, map[string]any{"n": name})
		if n := personsNamed(name); n != 2 {
			t.Fatalf("%d people named %s, want 2", n, name)
		}
	})

	t.Run("the key reused for another request", func(t *testing.T) {
		key, name, other := storetest.ID("key"), storetest.ID("Ensimmäinen Eino"), storetest.ID("Toinen Toivo")
		a.withKey(key, create, map[string]any{"n": name})
		for _, c := range []struct {
			query string
			vars  map[string]any
		}{
			{create, map[string]any{"n": other}},
			{`mutation($n: String!) { createPerson: createTopic(input: {name: $n}) { id } }`, map[string]any{"n": other}},
		} {
			_, r := a.withKey(key, c.query, c.vars)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "CONFLICT" {
				t.Errorf("%s: %+v %s", c.query, r.Errors, r.Data)
			}
		}
		if n := personsNamed(other); n != 0 {
			t.Errorf("%d people named %s after the refusals", n, other)
		}
	})

	t.Run("two creates in one document, retried", func(t *testing.T) {
		key, n1, n2 := storetest.ID("key"), storetest.ID("Aliaksen Aino"), storetest.ID("Aliaksen Bertta")
		const two = `mutation($a: String!, $b: String!) { a: createPerson(input: {name: $a}) { id } b: createPerson(input: {name: $b}) { id } }`
		_, first := a.withKey(key, two, map[string]any{"a": n1, "b": n2})
		_, again := a.withKey(key, two, map[string]any{"a": n1, "b": n2})
		a1, b1, a2, b2 := idOf(first, "a.id"), idOf(first, "b.id"), idOf(again, "a.id"), idOf(again, "b.id")
		if a1 == b1 || a1 != a2 || b1 != b2 {
			t.Fatalf("first %s %s, retry %s %s", a1, b1, a2, b2)
		}
	})

	t.Run("keys are the caller's own", func(t *testing.T) {
		key, name := storetest.ID("key"), storetest.ID("Oma Olli")
		other := a.as(auth.Principal{Subject: storetest.ID("toinen-admin"), Roles: []auth.Role{auth.RoleAdmin}})
		_, mine := a.withKey(key, create, map[string]any{"n": name})
		_, theirs := other.withKey(key, create, map[string]any{"n": name})
		if idOf(mine, "createPerson.id") == idOf(theirs, "createPerson.id") {
			t.Fatal("another caller's request with the same key got my person")
		}
	})

	t.Run("racing retries make one", func(t *testing.T) {
		key, name := storetest.ID("key"), storetest.ID("Kilpaileva Kaisa")
		var wg sync.WaitGroup
		ids := make([]string, 8)
		for i := range ids {
			wg.Go(func() {
				_, r := a.withKey(key, create, map[string]any{"n": name})
				if len(r.Errors) == 0 {
					ids[i], _ = dig(decoded(t, r.Data), "createPerson.id").(string)
				} else if r.Errors[0].Extensions["code"] != "CONFLICT" {
					t.Errorf("racing retry: %+v", r.Errors)
				}
			})
		}
		wg.Wait()
		var seen string
		for _, id := range ids {
			if id != "" && seen != "" && id != seen {
				t.Errorf("two people made: %s and %s", seen, id)
			}
			if id != "" {
				seen = id
			}
		}
		if n := personsNamed(name); n != 1 {
			t.Fatalf("%d people named %s, want 1", n, name)
		}
	})

	t.Run("a malformed key", func(t *testing.T) {
		status, r := a.withKey("with space", create, map[string]any{"n": storetest.ID("Väärä Ville")})
		if status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_REQUEST" {
			t.Fatalf("status %d: %+v", status, r.Errors)
		}
	})
}

// TestCollaborationNoteWithIdempotencyKey: a note retried with its key is
// written once; the key reused for another note is a CONFLICT.
func TestCollaborationNoteWithIdempotencyKey(t *testing.T) {
	a := newAPI(t)
	c := a.newCollab(map[string]any{"partners": lead(a.newOrg(nil))})
	coord := a.as(coordinator())
	const add = `mutation($c:ID!,$t:String!){ addCollaborationNote(collaborationId:$c, text:$t){ notes { text } } }`
	key := storetest.ID("note-key")
	for range 3 {
		if status, resp := coord.withKey(key, add, map[string]any{"c": c, "t": "Agreed: monthly meetings"}); status != http.StatusOK || len(resp.Errors) > 0 {
			t.Fatalf("status %d, errors %v", status, resp.Errors)
		}
	}
	_, resp := coord.withKey(key, add, map[string]any{"c": c, "t": "Another note"})
	if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "CONFLICT" {
		t.Fatalf("the key reused for another note: %v, want CONFLICT", resp.Errors)
	}
	d := a.data(`query($c:ID!){ collaboration(id:$c){ notes { text } } }`, map[string]any{"c": c})
	if n := asList(dig(d, "collaboration.notes")); len(n) != 1 {
		t.Fatalf("notes %v, want the one note once", n)
	}
}
