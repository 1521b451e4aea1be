package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// runGen runs `tulkki generate args…` and returns stdout and the progress
// written to stderr.
func runGen(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, progress bytes.Buffer
	old := generateStderr
	generateStderr = &progress
	defer func() { generateStderr = old }()
	err := run(context.Background(), append([]string{"generate"}, args...), &out, &bytes.Buffer{})
	return out.String(), progress.String(), err
}

func TestGenerateFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "--people is required"},
		{[]string{"--people", "0"}, "--people is required"},
		{[]string{"--people", "2000001"}, "between 1 and 2000000"},
		{[]string{"--people", "10", "--batch", "0"}, "--batch must be"},
		{[]string{"--people", "10", "extra"}, "unexpected arguments"},
		{[]string{"--people", "ten"}, "invalid value"},
	} {
		if _, _, err := runGen(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("generate %v: err = %v, want one containing %q", c.args, err, c.want)
		}
	}
	_, usage, err := runGen(t, "-h")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(usage, "--people N") || !strings.Contains(usage, "-dry-run") {
		t.Errorf("-h: err %v, usage:\n%s", err, usage)
	}
}

// timing removes the lines that depend on the clock.
var timing = regexp.MustCompile(`(?m)^(  \S+ .* in .*|Total .*)$`)

func TestGenerateDryRun(t *testing.T) {
	out1, progress, err := runGen(t, "--people", "500", "--seed", "7", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dry run, nothing written", "40 topics, 40 organisations, 500 people with ",
		"25 collaborations (seed 7)", "Careers by number of sectors", "Collaborations by number of partner sectors"} {
		if !strings.Contains(out1, want) {
			t.Errorf("output lacks %q:\n%s", want, out1)
		}
	}
	// Not a terminal: whole lines, no carriage returns, each kind reaches 100 %.
	if strings.Contains(progress, "\r") {
		t.Errorf("progress to a non-terminal has carriage returns:\n%q", progress)
	}
	for _, kind := range []string{"topics", "organisations", "people", "collaborations"} {
		if !regexp.MustCompile(`(?m)^` + kind + ` +\[=+\] 100%`).MatchString(progress) {
			t.Errorf("no 100 %% line for %s:\n%s", kind, progress)
		}
	}
	out2, _, err := runGen(t, "--people", "500", "--seed", "7", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if timing.ReplaceAllString(out1, "") != timing.ReplaceAllString(out2, "") {
		t.Errorf("two dry runs differ:\n%s\n---\n%s", out1, out2)
	}
	out3, _, err := runGen(t, "--people", "500", "--seed", "8", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if timing.ReplaceAllString(out1, "") == timing.ReplaceAllString(out3, "") {
		t.Error("seeds 7 and 8 report the same data")
	}
}

func TestGenerateProgressLines(t *testing.T) {
	clock := time.Unix(0, 0)
	newP := func(tty bool, w *bytes.Buffer) *progress {
		p := newProgress(w, tty, []progressKind{{name: "people", total: 1000, extra: "experiences"}, {name: "collaborations", total: 10}})
		p.start = clock
		p.now = func() time.Time { return clock }
		return p
	}

	// Not a terminal: a line at every 5 % step, then at the end.
	var plain bytes.Buffer
	p := newP(false, &plain)
	for done := 10; done <= 1000; done += 10 {
		clock = clock.Add(10 * time.Millisecond)
		p.update("people", done, 3*done)
	}
	p.update("collaborations", 10, -1)
	p.finish()
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	if n := len(lines); n < 20 || n > 22 {
		t.Errorf("%d lines for 100 updates, want a line per 5 %% (about 21):\n%s", n, plain.String())
	}
	last := lines[len(lines)-2]
	for _, want := range []string{"[========================] 100%", "1 000/1 000", "1 000/s", "3 000 experiences (3 000/s)"} {
		if !strings.Contains(last, want) {
			t.Errorf("last people line %q lacks %q", last, want)
		}
	}

	// A terminal: one line per kind, redrawn with carriage returns at most
	// ten times a second.
	var tty bytes.Buffer
	p = newP(true, &tty)
	for done := 10; done <= 1000; done += 10 {
		clock = clock.Add(10 * time.Millisecond)
		p.update("people", done, 3*done)
	}
	p.update("collaborations", 10, -1)
	p.finish()
	out := tty.String()
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d newlines on a terminal, want one per kind:\n%q", n, out)
	}
	if n := strings.Count(out, "\r"); n < 10 || n > 16 {
		t.Errorf("%d redraws of 1 s of progress, want about ten a second", n)
	}
	if !strings.Contains(out, "[============>           ]  51%         510/1 000           1 000/s  1 530 experiences (3 000/s)") {
		t.Errorf("no half-way bar in %q", out)
	}
}

func TestGenerateHelpers(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1 000", 1234567: "1 234 567", -4000: "-4 000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
	d := model.Date{Year: 2020, Month: 1, Day: 1}
	stored := []*model.Experience{{ID: "a", OrganisationID: "o1", StartDate: d}, {ID: "b", OrganisationID: "o2", StartDate: d}}
	if !sameStints(stored, []model.Experience{*stored[1], *stored[0]}) {
		t.Error("same stints in another order differ")
	}
	if sameStints(stored, []model.Experience{*stored[0]}) {
		t.Error("a missing stint went unnoticed")
	}
	moved := *stored[1]
	moved.OrganisationID = "o3"
	if sameStints(stored, []model.Experience{*stored[0], moved}) {
		t.Error("a stint at another organisation went unnoticed")
	}
}

// TestGenerateWritesIdempotently writes a small generation in a namespace
// of its own, writes it again (nothing may change), checks that another
// seed is refused, and deletes what it made.
func TestGenerateWritesIdempotently(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ns := "t" + strings.ReplaceAll(uuid.NewString(), "-", "")[:10]
	generateNamespace = ns
	defer func() { generateNamespace = "" }()
	prefix := "gen-" + ns + "-"

	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	drv, err := neo4j.NewDriverWithContext(cfg.Neo4j.URI, neo4j.BasicAuth(cfg.Neo4j.Username, cfg.Neo4j.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	query := func(q string) []*neo4j.Record {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, drv, q, map[string]any{"p": prefix}, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(cfg.Neo4j.Database))
		if err != nil {
			t.Fatal(err)
		}
		return res.Records
	}
	defer query(`MATCH (n) WHERE n.id STARTS WITH $p
OPTIONAL MATCH (n)-[:HAD_PHASE]->(pc:PhaseChange)
DETACH DELETE n, pc`)
	counts := func() string {
		t.Helper()
		var parts []string
		// Only links within the generation count: tests running alongside
		// on the shared database may link to generated people (a planned
		// workshop seats any open, visible translator).
		for _, r := range query(`MATCH (n) WHERE n.id STARTS WITH $p
RETURN labels(n)[0] AS label, count(*) AS n,
       sum(COUNT { (n)--(m) WHERE m.id STARTS WITH $p OR m:Sector OR m:PhaseChange }) AS degree ORDER BY label`) {
			parts = append(parts, fmt.Sprintf("%v %v/%v", r.Values[0], r.Values[1], r.Values[2]))
		}
		return strings.Join(parts, ", ")
	}

	out, progress, err := runGen(t, "--people", "120", "--batch", "50", "--seed", "3")
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, progress)
	}
	if !strings.Contains(out, "Generated and wrote 40 topics, 40 organisations, 120 people with") {
		t.Errorf("output:\n%s", out)
	}
	first := counts()
	for _, want := range []string{"Collaboration 6/", "Organisation 40/", "Person 120/", "Topic 40/"} {
		if !strings.Contains(first, want) {
			t.Errorf("in the graph: %s; want %s", first, want)
		}
	}
	ids := []string{prefix + "person-0000001", prefix + "person-0000060", prefix + "person-0000120"}
	people1, err := st.PeopleByID(ctx, ids)
	if err != nil || len(people1) != 3 {
		t.Fatalf("people: %v %v", people1, err)
	}
	exps1, err := st.ExperiencesByPerson(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}

	if _, progress, err := runGen(t, "--people", "120", "--batch", "7", "--seed", "3"); err != nil {
		t.Fatalf("generate again: %v\n%s", err, progress)
	}
	if again := counts(); again != first {
		t.Errorf("writing the same generation again changed the graph:\n%s\n%s", first, again)
	}
	people2, _ := st.PeopleByID(ctx, ids)
	exps2, _ := st.ExperiencesByPerson(ctx, ids)
	if !reflect.DeepEqual(people1, people2) || !reflect.DeepEqual(exps1, exps2) {
		t.Error("writing the same generation again changed people or their experiences")
	}

	_, _, err = runGen(t, "--people", "120", "--seed", "4")
	if err == nil || !strings.Contains(err.Error(), "another --seed or --people") {
		t.Errorf("another seed over the generation: err = %v", err)
	}
	if again := counts(); again != first {
		t.Errorf("the refused run changed the graph:\n%s\n%s", first, again)
	}
}
