package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/synth"
)

// generateStderr is where generate draws its progress; a variable so tests
// can capture it.
var generateStderr io.Writer = os.Stderr

// generateNamespace is synth.Config.Namespace; only tests set it, to
// write generations of their own into the shared test database.
var generateNamespace = ""

// Records are generated and written in chunks of at least this many
// people (with their experiences) or collaborations, so memory stays flat
// however many people are asked for; a chunk holds at least four batches,
// so that store.Import's workers are all busy for most of it.
const generateChunk = 5000

// chunkSize is the number of records per chunk for batches of batch rows.
func chunkSize(batch int) int { return max(generateChunk, 4*batch) }

// deleteHint is how to remove generated data that is in the way.
const deleteHint = "tulkki generate --delete"

func runGenerate(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(generateStderr)
	people := fs.Int("people", 0, fmt.Sprintf("number of people to generate (required, %d..%d)", synth.MinPeople, synth.MaxPeople))
	seed := fs.Uint64("seed", 1, "random seed: the same --people and --seed give the same records")
	batch := fs.Int("batch", 5000, "rows per write transaction")
	dryRun := fs.Bool("dry-run", false, "generate and report counts and distributions without writing")
	del := fs.Bool("delete", false, "delete every generated record (ids gen-…) instead of generating")
	offline := fs.String("offline", "", "load into the EMPTY local Neo4j `instance` of scripts/neo4j.sh with neo4j-admin's offline importer\n"+
		"(stops, imports, restarts it), then apply the schema: for large loads (docs/deploy.md)")
	csvDir := fs.String("csv", "", "write the neo4j-admin CSV files and their import.args into this new or empty `directory`\n"+
		"(with --offline: keep them there; alone: only write them, nothing is loaded)")
	script := fs.String("neo4j-script", "scripts/neo4j.sh", "scripts/neo4j.sh, for --offline")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tulkki generate --people N [--seed S] [--batch B] [--dry-run]\n"+
			"       tulkki generate --people N [--seed S] --offline INSTANCE [--csv DIR]\n"+
			"       tulkki generate --people N [--seed S] --csv DIR\n"+
			"       tulkki generate --delete\n\n"+
			"Generates a deterministic synthetic graph (ids gen-…) of N people with their careers, about N/40\n"+
			"organisations, 40 topics and N/20 collaborations, and writes it to Neo4j (idempotent).\n"+
			"--offline loads an empty database with Neo4j's bulk importer instead (docs/deploy.md).\n"+
			"--delete removes every generated record (leaves first, in batches) and nothing else.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("generate: unexpected arguments %q", fs.Args())
	}
	if *del {
		return deleteGenerated(ctx, env)
	}
	if *people < synth.MinPeople || *people > synth.MaxPeople {
		return fmt.Errorf("generate: --people is required and must be between %d and %d (got %d)", synth.MinPeople, synth.MaxPeople, *people)
	}
	if *batch < 1 || *batch > 100_000 {
		return fmt.Errorf("generate: --batch must be between 1 and 100000 (got %d)", *batch)
	}
	if (*offline != "" || *csvDir != "") && *dryRun {
		return fmt.Errorf("generate: --dry-run writes nothing; it goes with neither --offline nor --csv")
	}
	g, err := synth.New(synth.Config{People: *people, Seed: *seed, Namespace: generateNamespace})
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if *offline != "" || *csvDir != "" {
		_, err := generateOffline(ctx, env, g, offlineOptions{instance: *offline, dir: *csvDir, script: *script, seed: *seed})
		return err
	}

	var st *store.Store
	if !*dryRun {
		if st, err = openStore(ctx, env); err != nil {
			return err
		}
		defer st.Close(context.Background())
		if _, err := st.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := checkEarlierGeneration(ctx, st, g); err != nil {
			return err
		}
	}

	prog := generationProgress(g.Plan())
	// A producer goroutine generates and checks the next chunk while the
	// current one is written.
	chunks := make(chan generatedChunk, 1)
	genCtx, stop := context.WithCancel(ctx)
	defer stop()
	go produce(genCtx, g, chunkSize(*batch), chunks)
	for c := range chunks {
		if c.err != nil {
			return fmt.Errorf("generate: %w", c.err)
		}
		if err := writeChunk(ctx, st, c, *batch, prog); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	prog.finish()

	stats := g.Stats()
	verb := "Generated and wrote"
	if *dryRun {
		verb = "Generated (dry run, nothing written)"
	}
	elapsed := time.Since(prog.start)
	fmt.Fprintf(env.stdout, "%s %s topics, %s organisations, %s people with %s experiences, %s collaborations (seed %d).\n",
		verb, thousands(stats.Topics), thousands(stats.Organisations), thousands(stats.People), thousands(stats.Experiences),
		thousands(stats.Collaborations), *seed)
	for _, k := range prog.kinds {
		fmt.Fprintf(env.stdout, "  %-15s %11s in %8s  %9s/s", k.name, thousands(k.done), round(prog.elapsed(k)), perSecond(k.done, prog.elapsed(k)))
		if k.extra != "" {
			fmt.Fprintf(env.stdout, "   with %s %s  %s/s", thousands(k.extraDone), k.extra, perSecond(k.extraDone, prog.elapsed(k)))
		}
		fmt.Fprintln(env.stdout)
	}
	records := stats.Topics + stats.Organisations + stats.People + stats.Experiences + stats.Collaborations
	fmt.Fprintf(env.stdout, "Total %s records (nodes; plus %s phase changes) in %s: %s records/s.\n",
		thousands(records), thousands(stats.PhaseChanges), round(elapsed), thousands(int(float64(records)/elapsed.Seconds())))
	if *dryRun {
		fmt.Fprintln(env.stdout)
		stats.Report(env.stdout)
	}
	return nil
}

// generatedChunk is one write: the topics and organisations, or a chunk
// of people, or of collaborations.
type generatedChunk struct {
	set store.ImportSet
	// expsBefore[i] is the number of experiences of the chunk's first i
	// people, for progress.
	expsBefore []int
	err        error
}

func produce(ctx context.Context, g *synth.Generator, chunk int, out chan<- generatedChunk) {
	defer close(out)
	send := func(c generatedChunk) bool {
		select {
		case out <- c:
			return c.err == nil
		case <-ctx.Done():
			return false
		}
	}
	first := generatedChunk{set: store.ImportSet{Topics: g.Topics(), Organisations: g.Organisations()}}
	for _, o := range first.set.Organisations {
		if first.err = synth.CheckOrganisation(o); first.err != nil {
			break
		}
	}
	if !send(first) {
		return
	}
	for people := g.NextPeople(chunk); people != nil; people = g.NextPeople(chunk) {
		c := generatedChunk{set: store.ImportSet{People: people}, expsBefore: make([]int, len(people)+1)}
		for i, p := range people {
			c.expsBefore[i+1] = c.expsBefore[i] + len(p.Experiences)
			if c.err == nil {
				c.err = synth.CheckPerson(p)
			}
		}
		if !send(c) {
			return
		}
	}
	for collabs := g.NextCollaborations(chunk); collabs != nil; collabs = g.NextCollaborations(chunk) {
		c := generatedChunk{set: store.ImportSet{Collaborations: collabs}}
		for _, x := range collabs {
			if c.err = synth.CheckCollaboration(x); c.err != nil {
				break
			}
		}
		if !send(c) {
			return
		}
	}
}

// writeChunk imports one chunk (or, in a dry run, only counts it).
func writeChunk(ctx context.Context, st *store.Store, c generatedChunk, batch int, prog *progress) error {
	base := map[string]int{}
	for _, k := range prog.kinds {
		base[k.name] = k.done
	}
	expBase := prog.kind("people").extraDone
	report := func(kind string, done, _ int) {
		extra := -1
		if kind == "people" {
			// Batches finish in any order, so mid-way this counts the
			// stints of the first done people: close, and exact at the end.
			extra = expBase + c.expsBefore[done]
		}
		prog.update(kind, base[kind]+done, extra)
	}
	if st == nil { // dry run
		for _, k := range []struct {
			name string
			n    int
		}{{"topics", len(c.set.Topics)}, {"organisations", len(c.set.Organisations)}, {"people", len(c.set.People)},
			{"collaborations", len(c.set.Collaborations)}} {
			if k.n > 0 {
				report(k.name, k.n, k.n)
			}
		}
		return nil
	}
	if err := st.Import(ctx, c.set, batch, report); err != nil {
		if errors.Is(err, errs.ErrConflict) {
			return fmt.Errorf("%w\n(generated names clash with data already in the database, probably from a run with another "+
				"--seed; delete the generated data first: %s)", err, deleteHint)
		}
		return err
	}
	return nil
}

// checkEarlierGeneration refuses to write over generated data made with
// other arguments. Import only MERGEs, so it would leave that run's extra
// stints and links in place, and its organisation names may clash.
// Organisations depend only on the seed, and person 1's career on the
// seed and the size, so these two probes find any mismatch.
func checkEarlierGeneration(ctx context.Context, st *store.Store, g *synth.Generator) error {
	orgs := g.Organisations()
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.Organisation.ID
	}
	stored, err := st.OrganisationsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("look for earlier generated data: %w", err)
	}
	mismatch := ""
	for _, o := range orgs {
		if s, ok := stored[o.Organisation.ID]; ok && s.Name != o.Organisation.Name {
			mismatch = fmt.Sprintf("organisation %s is %q, this run makes it %q", o.Organisation.ID, s.Name, o.Organisation.Name)
			break
		}
	}
	if mismatch == "" {
		// Person 1 is the first record of the first people chunk; peek at
		// it through a throwaway generator so g stays untouched.
		probe, err := synth.New(g.Config())
		if err != nil {
			return err
		}
		first := probe.NextPeople(1)[0]
		exps, err := st.ExperiencesByPerson(ctx, []string{first.Person.ID})
		if err != nil {
			return fmt.Errorf("look for earlier generated data: %w", err)
		}
		if have := exps[first.Person.ID]; len(have) > 0 && !sameStints(have, first.Experiences) {
			mismatch = fmt.Sprintf("person %s has other experiences than this run gives them", first.Person.ID)
		}
	}
	if mismatch != "" {
		return fmt.Errorf("generate: the database holds generated data from a run with another --seed or --people (%s).\n"+
			"Writing over it would mix the two. Delete the generated data first: %s", mismatch, deleteHint)
	}
	return nil
}

func sameStints(stored []*model.Experience, want []model.Experience) bool {
	if len(stored) != len(want) {
		return false
	}
	for _, w := range want {
		i := slices.IndexFunc(stored, func(s *model.Experience) bool { return s.ID == w.ID })
		if i < 0 || stored[i].OrganisationID != w.OrganisationID || stored[i].StartDate != w.StartDate {
			return false
		}
	}
	return true
}

// ---- progress ----

// progressKind tracks one kind of record.
type progressKind struct {
	name, extra      string // extra: a kind written along with this one (experiences with people)
	total, done      int
	extraDone        int
	started, stopped time.Time
	nextMark         int // non-terminal output: the next 5 % mark to report
}

// elapsed is how long kind k has been (or was) written.
func (p *progress) elapsed(k *progressKind) time.Duration {
	switch {
	case k.started.IsZero():
		return 0
	case k.stopped.IsZero():
		return p.now().Sub(k.started)
	}
	return k.stopped.Sub(k.started)
}

// perSecond formats n/d, or "–" when d is too short to measure.
func perSecond(n int, d time.Duration) string {
	if d < 10*time.Millisecond {
		return "–"
	}
	return thousands(int(float64(n) / d.Seconds()))
}

// progress draws a single updating line on a terminal (carriage return,
// at most ten times a second), or a line per 5 % elsewhere.
type progress struct {
	w        io.Writer
	tty      bool
	start    time.Time
	kinds    []*progressKind
	current  *progressKind
	lastDraw time.Time
	lineLen  int
	now      func() time.Time
}

func newProgress(w io.Writer, tty bool, kinds []progressKind) *progress {
	p := &progress{w: w, tty: tty, start: time.Now(), now: time.Now}
	for i := range kinds {
		k := kinds[i]
		p.kinds = append(p.kinds, &k)
	}
	return p
}

// phase reports progress of a step whose total is known only when it
// starts (analyze's phases, bench's queries): the kind is added on first
// sight, and its total follows the caller's.
func (p *progress) phase(name string, done, total int) {
	if !slices.ContainsFunc(p.kinds, func(k *progressKind) bool { return k.name == name }) {
		p.kinds = append(p.kinds, &progressKind{name: name})
	}
	p.kind(name).total = total
	p.update(name, done, -1)
}

func (p *progress) kind(name string) *progressKind {
	for _, k := range p.kinds {
		if k.name == name {
			return k
		}
	}
	panic("progress: unknown kind " + name)
}

// update records that done records of kind are written (and extra of its
// companion kind, unless extra < 0).
func (p *progress) update(name string, done, extra int) {
	k := p.kind(name)
	now := p.now()
	if p.current != k {
		p.endCurrent()
		p.current = k
		// A kind starts where the previous one stopped (its first batch
		// was being written since then).
		k.started = p.start
		for _, other := range p.kinds {
			if other.stopped.After(k.started) {
				k.started = other.stopped
			}
		}
		if p.tty {
			p.lastDraw = time.Time{}
		}
	}
	k.done = done
	if extra >= 0 {
		k.extraDone = extra
	}
	complete := k.done >= k.total
	if complete {
		k.stopped = now
	}
	switch {
	case p.tty:
		if complete || now.Sub(p.lastDraw) >= 100*time.Millisecond {
			p.draw(k, "\r")
			p.lastDraw = now
		}
	default:
		if pct := 100 * k.done / max(1, k.total); pct >= k.nextMark || complete {
			p.draw(k, "")
			fmt.Fprintln(p.w)
			k.nextMark = (pct/5 + 1) * 5
		}
	}
}

// endCurrent closes the line of the kind in progress.
func (p *progress) endCurrent() {
	if p.current == nil {
		return
	}
	if p.current.stopped.IsZero() {
		p.current.stopped = p.now()
	}
	if p.tty {
		p.draw(p.current, "\r")
		fmt.Fprintln(p.w)
	}
	p.current = nil
}

func (p *progress) finish() { p.endCurrent() }

const barWidth = 24

func (p *progress) draw(k *progressKind, prefix string) {
	filled := barWidth * k.done / max(1, k.total)
	bar := strings.Repeat("=", filled)
	if filled < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-filled-1)
	}
	line := fmt.Sprintf("%-15s [%s] %3d%% %11s/%-11s %9s/s", k.name, bar, 100*k.done/max(1, k.total),
		thousands(k.done), thousands(k.total), perSecond(k.done, p.elapsed(k)))
	if k.extra != "" {
		line += fmt.Sprintf("  %s %s (%s/s)", thousands(k.extraDone), k.extra, perSecond(k.extraDone, p.elapsed(k)))
	}
	pad := ""
	if n := p.lineLen - len(line); p.tty && n > 0 {
		pad = strings.Repeat(" ", n)
	}
	p.lineLen = len(line)
	fmt.Fprint(p.w, prefix+line+pad)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// thousands formats n with spaces between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func round(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

// deleteGenerated removes every generated record: `tulkki generate
// --delete`.
func deleteGenerated(ctx context.Context, env *environment) error {
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	n, err := st.DeleteByIDPrefix(ctx, "gen-", 10_000, nil)
	if err != nil {
		return fmt.Errorf("generate --delete: %w", err)
	}
	fmt.Fprintf(env.stdout, "Deleted %s generated nodes in %s.\n", thousands(n), round(time.Since(start)))
	return nil
}

// generationProgress shows one bar per kind of record a generation writes,
// whether through transactions or as the offline importer's files.
func generationProgress(plan synth.Plan) *progress {
	return newProgress(generateStderr, isTerminal(generateStderr), []progressKind{
		{name: "topics", total: plan.Topics},
		{name: "organisations", total: plan.Organisations},
		{name: "people", total: plan.People, extra: "experiences"},
		{name: "collaborations", total: plan.Collaborations},
	})
}
