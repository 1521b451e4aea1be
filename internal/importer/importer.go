// Package importer reads spreadsheets of organisations, people, stints,
// topics and collaborations into the graph and writes them back out, in
// one column layout per kind of file (docs/import.md).
//
// An import is checked whole before anything is written: every problem of
// every file is reported with its file, line, column and a code, and then
// nothing is written. A valid import is written in one transaction, so a
// failure or a kill leaves the graph as it was.
package importer

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// DefaultMaxRows is the most rows one import may hold unless told
// otherwise: one transaction holds them all (docs/import.md, "Size").
const DefaultMaxRows = 250_000

// Service imports and exports data.
type Service struct {
	store  Store
	limits Limits
	now    func() time.Time
}

// Limits bound one import.
type Limits struct {
	MaxFileBytes int64
	MaxRows      int
}

// New returns a service over st; zero limits take the defaults.
func New(st Store, l Limits) *Service {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxRows
	}
	return &Service{store: st, limits: l, now: time.Now}
}

// Options say how to import: DryRun checks and counts and writes nothing;
// Sync names a source whose experiences, partners and contributors that
// are not in the files are removed (it is also the source of rows that
// name none); Source is the source of rows that name none otherwise
// (default "import").
type Options struct {
	DryRun bool
	Sync   string
	Source string
}

// Report is what an import did or, in a dry run, would do.
type Report struct {
	DryRun bool
	Files  []FileReport
	model.ImportOutcome
}

// FileReport is one file of an import: its name, kind and data rows.
type FileReport struct {
	Name string
	Kind Kind
	Rows int
}

// Import checks files and, if every row is valid, writes them (unless
// o.DryRun). Problems come back as an *InvalidError listing all of them.
func (s *Service) Import(ctx context.Context, caller auth.Principal, files []File, o Options, progress model.ImportProgress) (*Report, error) {
	if !auth.CanImportData(caller) {
		return nil, auth.Deny(caller, "only coordinators and administrators may import data")
	}
	source, err := s.source(o)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errs.Invalid("files", "give at least one CSV file")
	}
	report := &Report{DryRun: o.DryRun}
	tables, problems := readFiles(files, s.limits.MaxFileBytes)
	rows := 0
	for _, k := range Kinds {
		for _, t := range tables[k] {
			report.Files = append(report.Files, FileReport{Name: t.file, Kind: k, Rows: len(t.rows)})
			rows += len(t.rows)
		}
	}
	if rows > s.limits.MaxRows {
		problems = append(problems, problemAt(Problem{File: files[0].Name}, CodeTooManyRows,
			"the files hold %d rows; one import takes at most %d (split them into several imports)", rows, s.limits.MaxRows))
	}
	p := parse(tables, source, model.DateOf(s.now()))
	// References are looked up only when every file could be read: a
	// file left out would make those to its records look unknown.
	unreadable := len(problems) > 0 || p.unreadable
	problems = append(problems, p.problems...)
	if !unreadable {
		more, err := s.check(ctx, p)
		if err != nil {
			return nil, err
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		return nil, &InvalidError{Problems: problems}
	}
	out, err := s.store.WriteImport(ctx, &p.recs, model.ImportWrite{Sync: o.Sync, DryRun: o.DryRun}, progress)
	if err != nil {
		return nil, err
	}
	report.ImportOutcome = *out
	return report, nil
}

// readFiles reads each file as a table of the kind its name says.
func readFiles(files []File, maxBytes int64) (map[Kind][]*table, []Problem) {
	tables := map[Kind][]*table{}
	var problems []Problem
	for _, f := range files {
		k := KindOfFile(f.Name)
		if k == "" {
			problems = append(problems, problemAt(Problem{File: f.Name}, CodeUnknownFile,
				"the file's name does not say what it holds; name it after its kind (%s), e.g. organisations.csv", kindList()))
			continue
		}
		t, ps := readTable(f.Name, f.Body, maxBytes)
		problems = append(problems, ps...)
		if t != nil {
			tables[k] = append(tables[k], t)
		}
	}
	return tables, problems
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// source is the source of rows that name none.
func (s *Service) source(o Options) (string, error) {
	if o.Sync != "" && o.Source != "" && o.Sync != o.Source {
		return "", errs.Invalid("sync", "sync %q and source %q differ; sync names the source", o.Sync, o.Source)
	}
	src := o.Source
	if o.Sync != "" {
		src = o.Sync
		if o.Sync == TulkkiSource {
			return "", errs.Invalid("sync", "the source %q is the data entered in Tulkki itself, which an import never removes", TulkkiSource)
		}
	}
	if src == "" {
		return DefaultSource, nil
	}
	v, err := validate.Name("source", src, validate.MaxRegion)
	if err != nil {
		return "", err
	}
	return v, nil
}

// check looks up in the graph what the files refer to but do not hold,
// and who already has the names they give.
func (s *Service) check(ctx context.Context, p *parsed) ([]Problem, error) {
	q := model.ImportCheck{}
	for _, r := range p.refs {
		if p.defined[r.kind][r.id] {
			continue
		}
		switch r.kind {
		case KindOrganisations:
			q.OrganisationIDs = append(q.OrganisationIDs, r.id)
		case KindPeople:
			q.PersonIDs = append(q.PersonIDs, r.id)
		case KindCollaborations:
			q.CollaborationIDs = append(q.CollaborationIDs, r.id)
		}
	}
	for k := range p.orgNames {
		q.OrganisationNames = append(q.OrganisationNames, k)
	}
	for k := range p.topicNames {
		q.TopicNames = append(q.TopicNames, k)
	}
	for _, u := range p.topicUses {
		if _, ok := p.topicNames[nameKey(u.name)]; !ok {
			q.TopicNames = append(q.TopicNames, nameKey(u.name))
		}
	}
	for _, l := range []*[]string{&q.OrganisationIDs, &q.PersonIDs, &q.CollaborationIDs, &q.OrganisationNames, &q.TopicNames} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	found, err := s.store.CheckImport(ctx, q)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	for _, r := range p.refs {
		if !p.defined[r.kind][r.id] && !found.IDs[r.id] {
			problems = append(problems, problemAt(r.at, CodeUnknownRef, "there is no %s %q from the source %s, neither in these files nor in Tulkki",
				i18n.T(singular[r.kind]), r.ref.ExternalID, r.ref.Source))
		}
	}
	for _, u := range p.topicUses {
		key := nameKey(u.name)
		if _, ok := p.topicNames[key]; !ok && found.TopicNames[key] == "" {
			problems = append(problems, problemAt(u.at, CodeUnknownRef, "there is no topic named %q, neither in these files nor in Tulkki (add it to a topics file)", u.name))
		}
	}
	for _, names := range []struct {
		kind  Kind
		mine  map[string]named
		taken map[string]string
	}{{KindOrganisations, p.orgNames, found.OrganisationNames}, {KindTopics, p.topicNames, found.TopicNames}} {
		for key, n := range names.mine {
			if id := names.taken[key]; id != "" && id != n.id {
				problems = append(problems, problemAt(n.at, CodeNameTaken, nameTaken[names.kind], n.name, id))
			}
		}
	}
	sortProblems(problems)
	return problems, nil
}

// nameTaken is the problem of a name some other record in Tulkki has.
var nameTaken = map[Kind]string{
	KindOrganisations: "an organisation named %q is already in Tulkki (id %s) and did not come from this row; use another name or that record's source and externalId",
	KindTopics:        "a topic named %q is already in Tulkki (id %s) and did not come from this row; use another name or that record's source and externalId",
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
}
