package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// api is the whole HTTP stack (router, GraphQL server, domain, store) over
// the real test Neo4j, as a client sees it.
type api struct {
	t     *testing.T
	st    *store.Store
	url   string
	close func()
	// token is sent as the bearer token; empty for an anonymous caller.
	token string
	// language is sent as Accept-Language when not empty.
	language string
}

// testSecret signs the tokens of the API tests.
var testSecret = []byte("tulkki-api-tests-hs256-secret-0123456789abcdef")

// testAdmin is the default caller of the API tests: an administrator may do
// everything, so tests of behaviour are not tests of permissions. The
// permission tests switch caller with as() and anonymous().
var testAdmin = auth.Principal{Subject: "test-admin", Roles: []auth.Role{auth.RoleAdmin}}

// newAPIWith serves the API over st; options adjust the GraphQL server.
func newAPIWith(t *testing.T, st *store.Store, options ...func(*graph.ServerOptions)) *api {
	t.Helper()
	return newAPIWithLogger(t, st, slog.New(slog.NewTextHandler(io.Discard, nil)), options...)
}

// newAPIWithLogger is newAPIWith with every layer (token verifier, router,
// GraphQL server) logging to log, for tests of what gets logged.
func newAPIWithLogger(t *testing.T, st *store.Store, log *slog.Logger, options ...func(*graph.ServerOptions)) *api {
	t.Helper()
	return serveAPI(t, st, log, graph.NewResolver(st), options...)
}

// newAPIWithResolver serves the API over a fresh test database with a
// resolver adjust changed first (a domain service with other options).
func newAPIWithResolver(t *testing.T, adjust func(r *graph.Resolver, st *store.Store)) *api {
	t.Helper()
	st := storetest.Open(t)
	resolver := graph.NewResolver(st)
	adjust(resolver, st)
	return serveAPI(t, st, slog.New(slog.NewTextHandler(io.Discard, nil)), resolver)
}

// serveAPI serves resolver's API over st, logging to log.
func serveAPI(t *testing.T, st *store.Store, log *slog.Logger, resolver *graph.Resolver, options ...func(*graph.ServerOptions)) *api {
	t.Helper()
	verifier, err := auth.NewVerifier(context.Background(), config.Auth{
		HS256Secret: testSecret, Issuer: config.DefaultJWTIssuer, Audience: config.DefaultJWTAudience,
		Leeway: config.DefaultJWTLeeway,
	}, log)
	if err != nil {
		t.Fatalf("token verifier: %v", err)
	}
	opts := graph.ServerOptions{ComplexityLimit: config.DefaultComplexityLimit, Introspection: true, Log: log}
	for _, o := range options {
		o(&opts)
	}
	gql := graph.NewServer(resolver, opts)
	srv := httptest.NewServer(httpapi.NewRouter(httpapi.Options{
		GraphQL: gql, DB: st, Log: log, RequestTimeout: 30 * time.Second,
		Authenticate: auth.Middleware(verifier, log), Workshops: resolver.Planner, GraphiQL: opts.Introspection,
		Export: resolver.Imports, MaxUploadBytes: graph.DefaultMaxUploadBytes,
	}))
	t.Cleanup(srv.Close)
	a := &api{t: t, st: st, url: srv.URL, close: srv.Close}
	return a.as(testAdmin)
}

// as returns a copy of a that calls as p.
func (a *api) as(p auth.Principal) *api {
	a.t.Helper()
	token, err := auth.Mint(testSecret, config.DefaultJWTIssuer, config.DefaultJWTAudience, p, time.Hour, time.Now())
	if err != nil {
		a.t.Fatalf("mint token: %v", err)
	}
	c := *a
	c.token = token
	return &c
}

// inLanguage returns a copy of a that sends acceptLanguage as the
// Accept-Language header.
func (a *api) inLanguage(acceptLanguage string) *api {
	c := *a
	c.language = acceptLanguage
	return &c
}

// anonymous returns a copy of a that sends no token.
func (a *api) anonymous() *api {
	c := *a
	c.token = ""
	return &c
}

// roundTrip makes one HTTP request with the given Authorization header
// value ("" for none) and decodes the GraphQL response. It never fails the
// test, so goroutines may call it; the body is closed on return.
func (a *api) roundTrip(method, path string, body []byte, authorization string) (*http.Response, gqlResponse, error) {
	var out gqlResponse
	req, err := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	if err != nil {
		return nil, out, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if a.language != "" {
		req.Header.Set("Accept-Language", a.language)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, out, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp, out, fmt.Errorf("decode response (status %d): %w", resp.StatusCode, err)
	}
	return resp, out, nil
}

// bearer is the caller's Authorization header value.
func (a *api) bearer() string {
	if a.token == "" {
		return ""
	}
	return "Bearer " + a.token
}

// exchange is roundTrip as the caller, failing the test on any error.
func (a *api) exchange(method, path string, body []byte) (int, gqlResponse) {
	a.t.Helper()
	resp, out, err := a.roundTrip(method, path, body, a.bearer())
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, out
}

func newAPI(t *testing.T) *api {
	t.Helper()
	return newAPIWith(t, storetest.Open(t))
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// do posts one operation and returns the raw response.
func (a *api) do(query string, vars map[string]any) gqlResponse {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_, out := a.exchange(http.MethodPost, "/graphql", body)
	return out
}

// ok runs an operation that must succeed and decodes its data into out.
func (a *api) ok(query string, vars map[string]any, out any) {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("unexpected errors: %+v\nquery: %s", r.Errors, query)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			a.t.Fatalf("decode data %s: %v", r.Data, err)
		}
	}
}

// fails runs an operation that must fail with the given extensions.code.
func (a *api) fails(query string, vars map[string]any, code string) gqlError {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) == 0 {
		a.t.Fatalf("expected error %s, got data %s", code, truncate(r.Data, 500))
	}
	if got := r.Errors[0].Extensions["code"]; got != code {
		a.t.Fatalf("expected code %s, got %v: %s", code, got, r.Errors[0].Message)
	}
	return r.Errors[0]
}

func (a *api) get(path string) (int, string) {
	a.t.Helper()
	resp, err := http.Get(a.url + path)
	if err != nil {
		a.t.Fatalf("get %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// ---- helpers shared by the API tests ----

// with returns a copy of a that reports to t, for subtests: a subtest must
// fail through its own *testing.T.
func (a *api) with(t *testing.T) *api {
	c := *a
	c.t = t
	return &c
}

// failsField is fails for a domain BAD_USER_INPUT (or any code) that must
// also name the input field at fault in extensions.field.
func (a *api) failsField(query string, vars map[string]any, code, field string) gqlError {
	a.t.Helper()
	e := a.fails(query, vars, code)
	if got := e.Extensions["field"]; got != field {
		a.t.Fatalf("expected extensions.field %q, got %v (message %q)", field, got, e.Message)
	}
	return e
}

// raw runs an operation that must succeed and returns its data as JSON.
func (a *api) raw(query string, vars map[string]any) json.RawMessage {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("unexpected errors: %+v\nquery: %s", r.Errors, query)
	}
	return r.Data
}

// data runs an operation that must succeed and returns its data decoded
// into plain maps and slices, for dig.
func (a *api) data(query string, vars map[string]any) any {
	a.t.Helper()
	var v any
	if err := json.Unmarshal(a.raw(query, vars), &v); err != nil {
		a.t.Fatalf("decode data: %v", err)
	}
	return v
}

// okJSON runs an operation that must succeed and compares its data with
// want, a JSON document (key order and whitespace do not matter).
func (a *api) okJSON(query string, vars map[string]any, want string) {
	a.t.Helper()
	assertJSON(a.t, a.raw(query, vars), want)
}

func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode got %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("decode want %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		gi, _ := json.MarshalIndent(g, "", "  ")
		wi, _ := json.MarshalIndent(w, "", "  ")
		t.Fatalf("data differs\n got: %s\nwant: %s", gi, wi)
	}
}

// dig walks decoded JSON along a dotted path; numeric parts index lists.
func dig(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			v = c[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}

// strs collects field of every element of a decoded JSON list.
func strs(list any, field string) []string {
	l, _ := list.([]any)
	out := make([]string, 0, len(l))
	for _, item := range l {
		s, _ := dig(item, field).(string)
		out = append(out, s)
	}
	return out
}

// postBody posts an arbitrary JSON body to /graphql and returns the status
// and the decoded response.
func (a *api) postBody(body any) (int, gqlResponse) {
	a.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		a.t.Fatalf("encode body: %v", err)
	}
	return a.exchange(http.MethodPost, "/graphql", b)
}

// getGraphQL runs an operation with GET /graphql?params.
func (a *api) getGraphQL(params url.Values) (int, gqlResponse) {
	a.t.Helper()
	return a.exchange(http.MethodGet, "/graphql?"+params.Encode(), nil)
}

// ---- fixtures: each makes uniquely named data through the API ----

// merge returns defaults overridden by in.
func merge(defaults, in map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range in {
		out[k] = v
	}
	return out
}

// newTopic creates a topic named prefix plus a unique suffix.
func (a *api) newTopic(prefix string) (id, name string) {
	a.t.Helper()
	name = storetest.ID(prefix)
	var out struct{ CreateTopic struct{ ID string } }
	a.ok(`mutation($in:CreateTopicInput!){ createTopic(input:$in){ id } }`,
		map[string]any{"in": map[string]any{"name": name}}, &out)
	return out.CreateTopic.ID, name
}

// newOrg creates an organisation; in overrides a unique name, kind
// ASSOCIATION and sector THIRD.
func (a *api) newOrg(in map[string]any) string {
	a.t.Helper()
	var out struct{ CreateOrganisation struct{ ID string } }
	a.ok(`mutation($in:CreateOrganisationInput!){ createOrganisation(input:$in){ id } }`,
		map[string]any{"in": merge(map[string]any{"name": storetest.ID("Yhdistys"), "kind": "ASSOCIATION", "sector": "THIRD"}, in)}, &out)
	return out.CreateOrganisation.ID
}

// newPerson creates a person; in overrides a unique name.
func (a *api) newPerson(in map[string]any) string {
	a.t.Helper()
	var out struct{ CreatePerson struct{ ID string } }
	a.ok(`mutation($in:CreatePersonInput!){ createPerson(input:$in){ id } }`,
		map[string]any{"in": merge(map[string]any{"name": storetest.ID("Henkilö")}, in)}, &out)
	return out.CreatePerson.ID
}

// newExperience logs an EMPLOYMENT stint; end "" means ongoing.
func (a *api) newExperience(personID, orgID, start, end string) string {
	a.t.Helper()
	in := map[string]any{"personId": personID, "organisationId": orgID, "kind": "EMPLOYMENT", "startDate": start}
	if end != "" {
		in["endDate"] = end
	}
	var out struct{ AddExperience struct{ ID string } }
	a.ok(`mutation($in:AddExperienceInput!){ addExperience(input:$in){ id } }`, map[string]any{"in": in}, &out)
	return out.AddExperience.ID
}

// newCollab creates a collaboration; in overrides a unique title and the
// form PROJECT, and must give the partners.
func (a *api) newCollab(in map[string]any) string {
	a.t.Helper()
	var out struct{ CreateCollaboration struct{ ID string } }
	a.ok(`mutation($in:CreateCollaborationInput!){ createCollaboration(input:$in){ id } }`,
		map[string]any{"in": merge(map[string]any{"title": storetest.ID("Yhteistyö"), "form": "PROJECT"}, in)}, &out)
	return out.CreateCollaboration.ID
}

// lead is a partners list with org as the only (LEAD) partner.
func lead(orgID string) []any {
	return []any{map[string]any{"organisationId": orgID, "role": "LEAD"}}
}

// jsonEqual compares two values as JSON documents.
func jsonEqual(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return false
	}
	var va, vb any
	_ = json.Unmarshal(ja, &va)
	_ = json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(va, vb)
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %v: %v", v, err)
	}
	return b
}

// try posts one operation and returns the response or the transport
// error; unlike do it never fails the test, so goroutines may call it.
func (a *api) try(query string, vars map[string]any) (gqlResponse, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return gqlResponse{}, err
	}
	_, out, err := a.roundTrip(http.MethodPost, "/graphql", body, a.bearer())
	return out, err
}

// truncate keeps failure messages readable when a response is large.
func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + fmt.Sprintf("… (%d bytes)", len(b))
}
