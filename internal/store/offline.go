package store

// Offline bulk load: an ImportSet written as the CSV files Neo4j's own
// importer (`neo4j-admin database import full`) reads, for loading an
// EMPTY database far faster than Import's transactions can. The files hold
// exactly what Import would write: the same labels, relationship types and
// properties, including the derived values (derived.go) that Import's
// transactions refresh — stint summaries, sector-pair days, partner-sector
// counts, last phase changes — computed here as the refresh statements
// compute them. After the import, MigrateAfterBulkLoad applies the schema.

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// OfflineWriter writes ImportSets as CSV files for neo4j-admin. Topics and
// organisations must come before the people and collaborations that
// refer to them (the generator's order); a reference to an unknown
// organisation is an error, one to an unknown person or topic fails the
// import (the importer refuses relationships to missing nodes).
type OfflineWriter struct {
	dir   string
	files map[string]*csvFile // by label or relationship type
	order []string            // labels and types in the order their files were opened
	// orgSector is every written organisation's sector: stints and
	// partners are summed per sector.
	orgSector map[string]model.Sector
	// ids gives every node a number in its label's id space: the
	// importer maps integer ids far faster than strings (no hashing, no
	// collision checks), and the string id is written as the property id.
	// Only labels that relationships refer to later keep their strings
	// (refs); the others' ids are used where they are written.
	ids  map[string]int64
	refs map[string]map[string]int64
	// now is the load's createdAt and updatedAt (Import: datetime()), and
	// today the day ongoing stints are counted to (Import: date()).
	now   time.Time
	today time.Time
	// multiline is set when a value holds a line break: the importer then
	// needs --multiline-fields, which is slower, so only then.
	multiline bool
	// Nodes and Relationships count what was written.
	Nodes, Relationships int
}

// csvFile is one node label's or relationship type's file.
type csvFile struct {
	path  string
	rel   bool   // a relationship file
	label string // the label or relationship type
	f     *os.File
	w     *bufio.Writer
	// first: no field written yet on the current line.
	first bool
}

// NewOfflineWriter writes into dir (created if missing; it should be
// empty). now is the creation time the records get; ongoing stints are
// counted to now's day in UTC, as Neo4j's date() counts them.
func NewOfflineWriter(dir string, now time.Time) (*OfflineWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	now = now.UTC()
	w := &OfflineWriter{dir: abs, files: map[string]*csvFile{}, orgSector: map[string]model.Sector{},
		now: now, today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		ids: map[string]int64{}, refs: map[string]map[string]int64{}}
	for _, label := range []string{"Sector", "Topic", "Organisation", "Person"} {
		w.refs[label] = map[string]int64{}
	}
	// Sector nodes exist in every migrated database (migration 4, which
	// runs after the import and gives them their names).
	f, err := w.file("Sector", false, ":ID(Sector)", "code")
	if err != nil {
		return nil, err
	}
	for _, s := range model.AllSectors {
		if _, err := w.keyedID(f, string(s)); err != nil {
			return nil, err
		}
		f.str(string(s))
		w.endNode(f)
	}
	return w, nil
}

// id starts a node's line in f with its number, the next in its label's
// id space, and returns that number.
func (w *OfflineWriter) id(f *csvFile) int64 {
	n := w.ids[f.label]
	w.ids[f.label] = n + 1
	f.int64(n)
	return n
}

// keyedID is id for a label that relationships refer to later by the
// string id key, which must be new. (Duplicate ids of other labels fail
// their unique constraint after the import.)
func (w *OfflineWriter) keyedID(f *csvFile, key string) (int64, error) {
	refs := w.refs[f.label]
	if _, dup := refs[key]; dup {
		return 0, fmt.Errorf("offline load: two %ss have the id %s", strings.ToLower(f.label), key)
	}
	n := w.id(f)
	refs[key] = n
	return n, nil
}

// ref is the number of an earlier node of label (Sector, Topic,
// Organisation or Person) with the string id key.
func (w *OfflineWriter) ref(label, key, of string) (int64, error) {
	n, ok := w.refs[label][key]
	if !ok {
		return 0, fmt.Errorf("offline load: %s refers to unknown %s %s", of, strings.ToLower(label), key)
	}
	return n, nil
}

// Dir is the directory the files are in.
func (w *OfflineWriter) Dir() string { return w.dir }

// file returns the file of label (or relationship type), opening it with
// header on first use.
func (w *OfflineWriter) file(label string, rel bool, header ...string) (*csvFile, error) {
	if f, ok := w.files[label]; ok {
		return f, nil
	}
	path := filepath.Join(w.dir, label+".csv")
	fh, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	f := &csvFile{path: path, rel: rel, label: label, f: fh, w: bufio.NewWriterSize(fh, 1<<20), first: true}
	f.w.WriteString(strings.Join(header, ",") + "\n")
	w.files[label] = f
	w.order = append(w.order, label)
	return f, nil
}

func (f *csvFile) sep() {
	if !f.first {
		f.w.WriteByte(',')
	}
	f.first = false
}

// str writes a string, always quoted: the importer reads an unquoted
// empty field as no value, a quoted one as the empty string (as Import
// stores "").
func (f *csvFile) str(s string) {
	f.sep()
	f.w.WriteByte('"')
	if strings.IndexByte(s, '"') < 0 {
		f.w.WriteString(s)
	} else {
		f.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	}
	f.w.WriteByte('"')
}

// null writes no value: the property is absent, as after SET x = null.
func (f *csvFile) null() { f.sep() }

func (f *csvFile) raw(s string) {
	f.sep()
	f.w.WriteString(s)
}

func (f *csvFile) int(n int) { f.raw(strconv.Itoa(n)) }

func (f *csvFile) int64(n int64) {
	f.sep()
	var b [20]byte
	f.w.Write(strconv.AppendInt(b[:0], n, 10))
}

func (f *csvFile) bool(b bool) { f.raw(strconv.FormatBool(b)) }

func (f *csvFile) date(d *model.Date) {
	if d == nil {
		f.null()
		return
	}
	f.raw(d.String())
}

// datetime writes t as the DATETIME the driver would send for it: with
// its zone's name (time.UTC is "UTC"), or as an offset for a fixed zone.
func (f *csvFile) datetime(t time.Time) {
	s := t.Format("2006-01-02T15:04:05.999999999Z07:00")
	if zone, _ := t.Zone(); zone != "Offset" {
		s += "[" + t.Location().String() + "]"
	}
	f.raw(s)
}

// utc writes t as Neo4j's datetime() gives it: an offset, no zone name.
func (f *csvFile) utc(t time.Time) { f.raw(t.Format("2006-01-02T15:04:05.999999999Z07:00")) }

func (f *csvFile) end() {
	f.w.WriteByte('\n')
	f.first = true
}

func (w *OfflineWriter) endNode(f *csvFile) { f.end(); w.Nodes++ }

// rel writes one relationship of type typ from start (in the id space
// from) to end (in to), with the given properties (name, value) as
// strings.
func (w *OfflineWriter) rel(typ, from string, start int64, to string, end int64, props ...string) error {
	f, ok := w.files[typ]
	if !ok {
		header := []string{":START_ID(" + from + ")", ":END_ID(" + to + ")"}
		for i := 0; i < len(props); i += 2 {
			header = append(header, props[i])
		}
		var err error
		if f, err = w.file(typ, true, header...); err != nil {
			return err
		}
	}
	f.int64(start)
	f.int64(end)
	for i := 1; i < len(props); i += 2 {
		f.str(props[i])
	}
	f.end()
	w.Relationships++
	return nil
}

// check notes line breaks in values.
func (w *OfflineWriter) check(values ...string) {
	for _, v := range values {
		if strings.ContainsAny(v, "\r\n") {
			w.multiline = true
		}
	}
}

// list writes a string list; the importer stores an empty list as no
// value, where Import stores [], so an empty one is an error.
func (w *OfflineWriter) list(f *csvFile, what string, xs []string) error {
	if len(xs) == 0 {
		return fmt.Errorf("offline load: %s is an empty list, which neo4j-admin import cannot store; load it with transactions", what)
	}
	for _, x := range xs {
		if strings.Contains(x, offlineArrayDelimiter) {
			return fmt.Errorf("offline load: %s holds %q, with the list delimiter %s", what, x, offlineArrayDelimiter)
		}
	}
	w.check(xs...)
	f.str(strings.Join(xs, offlineArrayDelimiter))
	return nil
}

// offlineArrayDelimiter separates list elements (the importer's default).
const offlineArrayDelimiter = ";"

// Write appends set to the files.
func (w *OfflineWriter) Write(set ImportSet) error {
	for _, t := range set.Topics {
		if err := w.topic(t); err != nil {
			return err
		}
	}
	for _, o := range set.Organisations {
		if err := w.organisation(o); err != nil {
			return err
		}
	}
	for _, p := range set.People {
		if err := w.person(p); err != nil {
			return err
		}
	}
	for _, c := range set.Collaborations {
		if err := w.collaboration(c); err != nil {
			return err
		}
	}
	return nil
}

func (w *OfflineWriter) topic(t model.Topic) error {
	f, err := w.file("Topic", false, ":ID(Topic)", "id", "name", "nameKey", "nameFi", "nameSv", "description")
	if err != nil {
		return err
	}
	w.check(t.Name, t.NameFi, t.NameSv, t.Description)
	if _, err := w.keyedID(f, t.ID); err != nil {
		return err
	}
	f.str(t.ID)
	f.str(t.Name)
	f.str(nameKeyOf(t.Name))
	f.str(t.NameFi)
	f.str(t.NameSv)
	f.str(t.Description)
	w.endNode(f)
	return nil
}

// nameKeyOf is toLower(trim(name)), as the import statements store it.
func nameKeyOf(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func (w *OfflineWriter) organisation(x ImportOrganisation) error {
	o := x.Organisation
	if sectorIndex(o.Sector) < 0 {
		// Import's MATCH of the sector would skip it.
		return fmt.Errorf("offline load: organisation %s has unknown sector %q", o.ID, o.Sector)
	}
	f, err := w.file("Organisation", false, ":ID(Organisation)", "id", "name", "nameKey", "kind", "region", "website",
		"description", "createdAt:datetime", "updatedAt:datetime")
	if err != nil {
		return err
	}
	w.check(o.Name, o.Region, o.Website, o.Description)
	id, err := w.keyedID(f, o.ID)
	if err != nil {
		return err
	}
	f.str(o.ID)
	f.str(o.Name)
	f.str(nameKeyOf(o.Name))
	f.str(string(o.Kind))
	f.str(o.Region)
	f.str(o.Website)
	f.str(o.Description)
	f.utc(w.now)
	f.utc(w.now)
	w.endNode(f)
	w.orgSector[o.ID] = o.Sector
	if err := w.rel("IN_SECTOR", "Organisation", id, "Sector", w.refs["Sector"][string(o.Sector)]); err != nil {
		return err
	}
	for _, t := range distinct(x.TopicIDs) {
		topic, err := w.ref("Topic", t, "organisation "+o.ID)
		if err != nil {
			return err
		}
		if err := w.rel("INTERESTED_IN", "Organisation", id, "Topic", topic); err != nil {
			return err
		}
	}
	return nil
}

// personHeader is the Person file's header: the sector-pair properties in
// sectorPairs' order follow the stint summary.
var personHeader = func() []string {
	h := []string{":ID(Person)", "id", "name", "headline", "languages:string[]", "region", "email", "phone", "visibility",
		"openToBridging:boolean", "contactable:boolean", "createdAt:datetime", "updatedAt:datetime", propStintSummary + ":string[]"}
	for _, pair := range sectorPairs() {
		prop, _ := sectorPairProp(pair[0], pair[1])
		h = append(h, prop+":long")
	}
	return h
}()

func (w *OfflineWriter) person(x ImportPerson) error {
	p := x.Person
	f, err := w.file("Person", false, personHeader...)
	if err != nil {
		return err
	}
	// The stints in refreshStintValues' order: start, then id.
	stints := slices.Clone(x.Experiences)
	slices.SortStableFunc(stints, func(a, b model.Experience) int {
		if c := a.StartDate.Time().Compare(b.StartDate.Time()); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	summary := make([]string, 0, len(stints))
	days := map[model.Sector]int{}
	for _, e := range stints {
		sec, ok := w.orgSector[e.OrganisationID]
		if !ok {
			return fmt.Errorf("offline load: stint %s of %s is at unknown organisation %s", e.ID, p.ID, e.OrganisationID)
		}
		end, endText := w.today, ""
		if e.EndDate != nil {
			end, endText = e.EndDate.Time(), e.EndDate.String()
		}
		summary = append(summary, string(sec)+"|"+string(e.Kind)+"|"+e.StartDate.String()+"|"+endText)
		days[sec] += int(end.Sub(e.StartDate.Time()).Hours()) / 24
	}

	w.check(p.Name, p.Headline, p.Region, p.Email, p.Phone)
	id, err := w.keyedID(f, p.ID)
	if err != nil {
		return err
	}
	f.str(p.ID)
	f.str(p.Name)
	f.str(p.Headline)
	if err := w.list(f, "the languages of "+p.ID, p.Languages); err != nil {
		return err
	}
	f.str(p.Region)
	f.str(p.Email)
	f.str(p.Phone)
	f.str(string(p.Visibility))
	f.bool(p.OpenToBridging)
	f.bool(p.Contactable)
	f.utc(w.now)
	f.utc(w.now)
	if err := w.list(f, "the stint summary of "+p.ID, summary); err != nil {
		return err
	}
	for _, pair := range sectorPairs() {
		a, okA := days[pair[0]]
		b, okB := days[pair[1]]
		if okA && okB {
			f.int(min(a, b))
		} else {
			f.null()
		}
	}
	w.endNode(f)

	for _, t := range distinct(x.ExpertiseTopicIDs) {
		topic, err := w.ref("Topic", t, "person "+p.ID)
		if err != nil {
			return err
		}
		if err := w.rel("EXPERT_IN", "Person", id, "Topic", topic); err != nil {
			return err
		}
	}
	for _, e := range x.Experiences {
		ef, err := w.file("Experience", false, ":ID(Experience)", "id", "kind", "roleTitle", "startDate:date", "endDate:date")
		if err != nil {
			return err
		}
		w.check(e.RoleTitle)
		eid := w.id(ef)
		ef.str(e.ID)
		ef.str(string(e.Kind))
		ef.str(e.RoleTitle)
		ef.date(&e.StartDate)
		ef.date(e.EndDate)
		w.endNode(ef)
		if err := w.rel("HAS_EXPERIENCE", "Person", id, "Experience", eid); err != nil {
			return err
		}
		if err := w.rel("AT", "Experience", eid, "Organisation", w.refs["Organisation"][e.OrganisationID]); err != nil {
			return err
		}
	}
	return nil
}

func (w *OfflineWriter) collaboration(x ImportCollaboration) error {
	c := x.Collaboration
	f, err := w.file("Collaboration", false, ":ID(Collaboration)", "id", "title", "description", "form", "phase",
		"startDate:date", "endDate:date", "evaluationRating:long", "evaluationNotes", "evaluatedAt:datetime",
		"createdAt:datetime", "updatedAt:datetime", propPartnerSectors+":long", "lastPhaseChangeAt:datetime")
	if err != nil {
		return err
	}
	// The relationship rows Import writes: partners and contributors last
	// per organisation or person.
	partners := lastPerKey(x.Partners, func(p model.Partnership) (string, model.Partnership) { return p.OrganisationID, p })
	contributors := lastPerKey(x.Contributors, func(p model.Contribution) (string, model.Contribution) { return p.PersonID, p })
	sectors := map[model.Sector]bool{}
	for _, p := range partners {
		sec, ok := w.orgSector[p.OrganisationID]
		if !ok {
			return fmt.Errorf("offline load: collaboration %s has unknown partner %s", c.ID, p.OrganisationID)
		}
		sectors[sec] = true
	}

	w.check(c.Title, c.Description)
	id := w.id(f)
	f.str(c.ID)
	f.str(c.Title)
	f.str(c.Description)
	f.str(string(c.Form))
	f.str(string(c.Phase))
	f.date(c.StartDate)
	f.date(c.EndDate)
	if ev := c.Evaluation; ev != nil {
		w.check(ev.Notes)
		f.int(ev.Rating)
		f.str(ev.Notes)
		f.datetime(ev.EvaluatedAt)
	} else {
		f.null()
		f.null()
		f.null()
	}
	f.utc(w.now)
	f.utc(w.now)
	f.int(len(sectors))
	if n := len(x.PhaseHistory); n > 0 {
		f.datetime(x.PhaseHistory[n-1].At)
	} else {
		f.utc(w.now)
	}
	w.endNode(f)

	for _, t := range distinct(x.TopicIDs) {
		topic, err := w.ref("Topic", t, "collaboration "+c.ID)
		if err != nil {
			return err
		}
		if err := w.rel("ABOUT", "Collaboration", id, "Topic", topic); err != nil {
			return err
		}
	}
	for _, p := range partners {
		if err := w.rel("PARTNER_IN", "Organisation", w.refs["Organisation"][p.OrganisationID], "Collaboration", id, "role", string(p.Role)); err != nil {
			return err
		}
	}
	for _, p := range contributors {
		person, err := w.ref("Person", p.PersonID, "collaboration "+c.ID)
		if err != nil {
			return err
		}
		if err := w.rel("CONTRIBUTED_TO", "Person", person, "Collaboration", id, "role", string(p.Role)); err != nil {
			return err
		}
	}
	for i, h := range x.PhaseHistory {
		pf, err := w.file("PhaseChange", false, ":ID(PhaseChange)", "seq:long", "phase", "at:datetime", "note", "movedBy")
		if err != nil {
			return err
		}
		w.check(h.Note, h.MovedBy)
		pc := w.id(pf)
		pf.int(i + 1)
		pf.str(string(h.Phase))
		pf.datetime(h.At)
		pf.str(h.Note)
		pf.str(h.MovedBy)
		w.endNode(pf)
		if err := w.rel("HAD_PHASE", "Collaboration", id, "PhaseChange", pc); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes the files and writes DIR/import.args, the arguments of
// `neo4j-admin database import full` (one a line, for its @file
// expansion; scripts/neo4j.sh import passes it).
func (w *OfflineWriter) Close() error {
	var args []string
	var firstErr error
	for _, label := range w.order {
		f := w.files[label]
		if err := f.w.Flush(); err != nil && firstErr == nil {
			firstErr = err
		}
		if err := f.f.Close(); err != nil && firstErr == nil {
			firstErr = err
		}
		kind := "--nodes="
		if f.rel {
			kind = "--relationships="
		}
		args = append(args, kind+f.label+"="+f.path)
	}
	if firstErr != nil {
		return firstErr
	}
	// Nodes first, as the importer wants them; strict about references
	// and duplicates (the defaults, spelled out).
	isRel := func(a string) int {
		if strings.HasPrefix(a, "--relationships") {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(args, func(a, b string) int { return isRel(a) - isRel(b) })
	args = append(args, "--id-type=integer", "--array-delimiter="+offlineArrayDelimiter, "--skip-bad-relationships=false", "--skip-duplicate-nodes=false")
	if w.multiline {
		args = append(args, "--multiline-fields=true")
	}
	return os.WriteFile(filepath.Join(w.dir, "import.args"), []byte(strings.Join(args, "\n")+"\n"), 0o644)
}

// Abort closes the files without writing import.args.
func (w *OfflineWriter) Abort() {
	for _, f := range w.files {
		f.f.Close()
	}
}
