package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// idSpace is the UUID namespace of the ids of imported records: a record's
// id is a name-based UUID of its kind, source and externalId, so the same
// row always lands on the same record.
var idSpace = uuid.MustParse("6b2f4a8e-3c1d-5e7f-9a0b-1c2d3e4f5a6b")

// RecordID is the Tulkki id of the record of kind (topics, organisations,
// people, experiences, collaborations) named ref. Records of the source
// "tulkki" are named by their id.
func RecordID(kind Kind, ref model.ExternalRef) string {
	if ref.Source == TulkkiSource {
		return ref.ExternalID
	}
	return uuid.NewSHA1(idSpace, []byte(string(kind)+"\x00"+ref.Source+"\x00"+ref.ExternalID)).String()
}

// parsed is the outcome of reading an import's files: its records, its
// problems so far, and what must be looked up in the graph to finish
// checking it (references to records not in the files, names).
type parsed struct {
	recs     model.ImportRecords
	problems []Problem
	refs     []reference
	// ids defined by the files, by kind.
	defined map[Kind]map[string]bool
	// orgNames and topicNames: normalised names given to records by the
	// files, with the id and place of the first.
	orgNames, topicNames map[string]named
	// topicUses: topic names referred to by the files.
	topicUses []reference
	// consentGiven counts people rows that state a consent field.
	noConsentStated map[string]bool
	// unreadable: a table's columns were wrong, so its rows were skipped.
	unreadable bool
}

// reference is a reference from a cell to a record of kind with id
// (or, for topics, a name).
type reference struct {
	at   Problem // file, line and column
	kind Kind
	id   string
	ref  model.ExternalRef
	name string
}

type named struct {
	id, name string
	at       Problem
}

// cells reads one row of a table.
type cells struct {
	p      *parsed
	t      *table
	r      row
	kind   Kind
	col    map[string]int
	source string
}

func (c *cells) get(name string) string {
	i, ok := c.col[name]
	if !ok || i >= len(c.r.fields) {
		return ""
	}
	return strings.TrimSpace(c.r.fields[i])
}

func (c *cells) at(column string) Problem {
	return Problem{File: c.t.file, Line: c.r.line, Column: column}
}

func (c *cells) problem(column, code, format string, args ...any) {
	c.p.problems = append(c.p.problems, problemAt(c.at(column), code, format, args...))
}

// invalid is the problem of a value a validate check refused, in its words.
func (c *cells) invalid(column string, err error) {
	c.problem(column, CodeBadValue, "%s", errs.TextOf(err))
}

// text reads a free-text cell with a length limit.
func (c *cells) text(column string, max int) string {
	v, err := validate.Text(column, c.get(column), max)
	if err != nil {
		c.invalid(column, err)
	}
	return v
}

// word reads a cell from a vocabulary; empty is "".
func (c *cells) word(column string, v vocabulary) string {
	s := c.get(column)
	if s == "" {
		return ""
	}
	x, ok := v.lookup(s)
	if !ok {
		c.problem(column, CodeBadValue, "%q is not one of %s (or their Finnish, Swedish or English names)", s, strings.Join(v.values, ", "))
	}
	return x
}

var finnishDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)

// ParseDate reads an ISO date (2019-03-31) or a Finnish one (31.3.2019).
func ParseDate(s string) (model.Date, bool) {
	if m := finnishDate.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != mo {
			return model.Date{}, false
		}
		return model.DateOf(t), true
	}
	d, err := model.ParseDate(s)
	return d, err == nil
}

func (c *cells) date(column string) *model.Date {
	s := c.get(column)
	if s == "" {
		return nil
	}
	d, ok := ParseDate(s)
	if !ok {
		c.problem(column, CodeBadDate, "%s is not a date (write 2019-03-31 or 31.3.2019)", s)
		return nil
	}
	if err := validate.Date(column, d); err != nil {
		c.problem(column, CodeBadDate, "%s", errs.TextOf(err))
		return nil
	}
	return &d
}

func (c *cells) boolean(column string) *bool {
	s := c.get(column)
	if s == "" {
		return nil
	}
	x, ok := booleans.lookup(s)
	if !ok {
		c.problem(column, CodeBadValue, "%q is neither yes nor no (write true or false, kyllä or ei, ja or nej)", s)
		return nil
	}
	b := x == "true"
	return &b
}

func (c *cells) list(column string) []string {
	out := []string{}
	for _, x := range strings.Split(c.get(column), listSep) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// ref reads an externalId column and its source column (which defaults
// to the row's source) as a reference to a record of kind, and notes it
// for checking.
func (c *cells) ref(kind Kind, idColumn, sourceColumn string) (string, model.ExternalRef) {
	r := model.ExternalRef{Source: c.get(sourceColumn), ExternalID: c.get(idColumn)}
	if r.Source == "" {
		r.Source = c.source
	}
	if r.ExternalID == "" {
		return "", r
	}
	id := RecordID(kind, r)
	c.p.refs = append(c.p.refs, reference{at: c.at(idColumn), kind: kind, id: id, ref: r})
	return id, r
}

// own reads the row's own externalId and returns its id, reporting a
// repeat of it within the import.
func (c *cells) own() (string, model.ExternalRef) {
	r := model.ExternalRef{Source: c.source, ExternalID: c.get("externalId")}
	if r.ExternalID == "" {
		return "", r
	}
	id := RecordID(c.kind, r)
	if c.p.defined[c.kind][id] {
		c.problem("externalId", CodeDuplicateID, "%s %q (source %s) is given twice", i18n.T(singular[c.kind]), r.ExternalID, r.Source)
	}
	c.p.defined[c.kind][id] = true
	return id, r
}

// name notes a unique name (of an organisation or topic), reporting a
// repeat within the import.
func (c *cells) name(names map[string]named, column, value, id string) {
	key := nameKey(value)
	if key == "" {
		return
	}
	if first, ok := names[key]; ok && first.id != id {
		c.problem(column, CodeDuplicateName, "the name %q is also given on line %d of %s; names must be unique", value, first.at.Line, first.at.File)
		return
	}
	names[key] = named{id: id, name: value, at: c.at(column)}
}

func (c *cells) topics(column string) []string {
	names := c.list(column)
	for _, n := range names {
		c.p.topicUses = append(c.p.topicUses, reference{at: c.at(column), kind: KindTopics, name: n})
	}
	return names
}

func nameKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

var singular = map[Kind]string{
	KindTopics: "topic", KindOrganisations: "organisation", KindPeople: "person", KindExperiences: "experience",
	KindCollaborations: "collaboration", KindPartners: "partner", KindContributors: "contributor",
}

// parse reads the tables (of any kinds, in any order) into records.
func parse(tables map[Kind][]*table, source string, today model.Date) *parsed {
	p := &parsed{defined: map[Kind]map[string]bool{}, orgNames: map[string]named{}, topicNames: map[string]named{},
		noConsentStated: map[string]bool{}}
	for _, k := range Kinds {
		p.defined[k] = map[string]bool{}
	}
	seenPairs := map[string]Problem{}
	for _, k := range Kinds {
		for _, t := range tables[k] {
			col, ok := p.columns(k, t)
			if !ok {
				p.unreadable = true
				continue
			}
			for _, r := range t.rows {
				c := &cells{p: p, t: t, r: r, kind: k, col: col}
				c.source = c.get("source")
				if c.source == "" {
					c.source = source
				}
				if !p.complete(c) {
					continue
				}
				p.row(c, today, seenPairs)
			}
		}
	}
	return p
}

// columns maps a table's header to column indexes, reporting unknown,
// repeated and missing columns; false when the table cannot be read.
func (p *parsed) columns(k Kind, t *table) (map[string]int, bool) {
	canonical := map[string]string{}
	for _, c := range Columns[k] {
		canonical[strings.ToLower(c)] = c
	}
	col := map[string]int{}
	ok := true
	for i, h := range t.header {
		if h == "" {
			continue
		}
		c, known := canonical[strings.ToLower(h)]
		switch {
		case !known:
			p.problems = append(p.problems, problemAt(Problem{File: t.file, Line: 1, Column: h}, CodeUnknownColumn,
				"%s files have no column %q; their columns are %s", k, h, strings.Join(Columns[k], ", ")))
			ok = false
		case hasIndex(col, c):
			p.problems = append(p.problems, problemAt(Problem{File: t.file, Line: 1, Column: h}, CodeDuplicateCol,
				"the column %s is given twice", c))
			ok = false
		default:
			col[c] = i
		}
	}
	for _, c := range required[k] {
		if !hasIndex(col, c) {
			p.problems = append(p.problems, problemAt(Problem{File: t.file, Line: 1, Column: c}, CodeMissingColumn,
				"the column %s is required in %s files", c, k))
			ok = false
		}
	}
	return col, ok
}

func hasIndex(col map[string]int, c string) bool { _, ok := col[c]; return ok }

// complete reports values outside named columns and empty required cells.
func (p *parsed) complete(c *cells) bool {
	ok := true
	for i, f := range c.r.fields {
		if strings.TrimSpace(f) != "" && (i >= len(c.t.header) || c.t.header[i] == "") {
			c.problem("", CodeUnknownColumn, "the value %q is in column %d, which has no name in the first line", strings.TrimSpace(f), i+1)
			ok = false
		}
	}
	for _, col := range required[c.kind] {
		if c.get(col) == "" {
			c.problem(col, CodeRequired, "%s is required", col)
			ok = false
		}
	}
	return ok
}

func (p *parsed) row(c *cells, today model.Date, seenPairs map[string]Problem) {
	switch c.kind {
	case KindTopics:
		id, ref := c.own()
		t := model.ImportTopicRow{ID: id, Ref: ref, Name: c.text("name", validate.MaxName),
			NameFi: c.text("nameFi", validate.MaxName), NameSv: c.text("nameSv", validate.MaxName), Description: c.text("description", validate.MaxDescription)}
		c.name(p.topicNames, "name", t.Name, id)
		p.recs.Topics = append(p.recs.Topics, t)
	case KindOrganisations:
		id, ref := c.own()
		o := model.ImportOrganisationRow{ID: id, Ref: ref, Name: c.text("name", validate.MaxName),
			Kind: model.OrganisationKind(c.word("kind", organisationKinds)), Sector: model.Sector(c.word("sector", sectors)),
			Region: c.text("region", validate.MaxRegion), Description: c.text("description", validate.MaxDescription),
			Topics: c.topics("topics")}
		if w, err := validate.Website("website", c.get("website")); err != nil {
			c.invalid("website", err)
		} else {
			o.Website = w
		}
		c.name(p.orgNames, "name", o.Name, id)
		p.recs.Organisations = append(p.recs.Organisations, o)
	case KindPeople:
		id, ref := c.own()
		x := model.ImportPersonRow{ID: id, Ref: ref, Name: c.text("name", validate.MaxName),
			Headline: c.text("headline", validate.MaxHeadline), Region: c.text("region", validate.MaxRegion),
			OpenToBridging: c.boolean("openToBridging"), Contactable: c.boolean("contactable"), Expertise: c.topics("expertise")}
		if v := c.word("visibility", visibilities); v != "" {
			vis := model.Visibility(v)
			x.Visibility = &vis
		}
		var err error
		if x.Email, err = validate.Email("email", c.get("email")); err != nil {
			c.invalid("email", err)
		}
		if x.Phone, err = validate.Phone("phone", c.get("phone")); err != nil {
			c.invalid("phone", err)
		}
		if x.Languages, err = validate.Languages("languages", c.list("languages")); err != nil {
			c.invalid("languages", err)
		}
		if x.Visibility == nil && x.OpenToBridging == nil && x.Contactable == nil {
			p.noConsentStated[id] = true
		}
		p.recs.People = append(p.recs.People, x)
	case KindExperiences:
		id, ref := c.own()
		e := model.ImportExperienceRow{ID: id, Ref: ref, Kind: model.ExperienceKind(c.word("kind", experienceKinds)),
			RoleTitle: c.text("roleTitle", validate.MaxRoleTitle)}
		e.PersonID, e.Person = c.ref(KindPeople, "personExternalId", "personSource")
		e.OrganisationID, e.Organisation = c.ref(KindOrganisations, "organisationExternalId", "organisationSource")
		start, end := c.date("startDate"), c.date("endDate")
		if start != nil {
			e.StartDate = *start
		}
		e.EndDate = end
		c.dates(start, end, today, true)
		p.recs.Experiences = append(p.recs.Experiences, e)
	case KindCollaborations:
		id, ref := c.own()
		x := model.ImportCollaborationRow{ID: id, Ref: ref, Title: c.text("title", validate.MaxName),
			Description: c.text("description", validate.MaxDescription),
			Form:        model.CollaborationForm(c.word("form", forms)), Phase: model.CollaborationPhase(c.word("phase", phases)),
			StartDate: c.date("startDate"), EndDate: c.date("endDate"), Topics: c.topics("topics")}
		c.dates(x.StartDate, x.EndDate, today, false)
		p.recs.Collaborations = append(p.recs.Collaborations, x)
	case KindPartners:
		x := model.ImportPartnerRow{Source: c.source, Role: model.PartnerRole(c.word("role", partnerRoles))}
		x.CollaborationID, x.Collaboration = c.ref(KindCollaborations, "collaborationExternalId", "collaborationSource")
		x.OrganisationID, x.Organisation = c.ref(KindOrganisations, "organisationExternalId", "organisationSource")
		if c.pair(seenPairs, x.CollaborationID, x.OrganisationID, KindOrganisations) {
			p.recs.Partners = append(p.recs.Partners, x)
		}
	case KindContributors:
		x := model.ImportContributorRow{Source: c.source, Role: model.ContributorRole(c.word("role", contributorRoles))}
		x.CollaborationID, x.Collaboration = c.ref(KindCollaborations, "collaborationExternalId", "collaborationSource")
		x.PersonID, x.Person = c.ref(KindPeople, "personExternalId", "personSource")
		if c.pair(seenPairs, x.CollaborationID, x.PersonID, KindPeople) {
			p.recs.Contributors = append(p.recs.Contributors, x)
		}
	}
}

// pair reports a partner or contributor given twice for one collaboration.
func (c *cells) pair(seen map[string]Problem, collabID, otherID string, what Kind) bool {
	key := string(c.kind) + "\x00" + collabID + "\x00" + otherID
	if first, ok := seen[key]; ok {
		c.problem("collaborationExternalId", CodeDuplicateID, "this %s is already in this collaboration on line %d of %s", i18n.T(singular[what]), first.Line, first.File)
		return false
	}
	seen[key] = c.at("")
	return true
}

// dates checks that end is not before start and, for stints, that an
// ended stint did not end in the future.
func (c *cells) dates(start, end *model.Date, today model.Date, stint bool) {
	if start != nil && end != nil && end.Before(*start) {
		c.problem("endDate", CodeEndBeforeStart, "the end date %s is before the start date %s", c.get("endDate"), c.get("startDate"))
	}
	if stint && end != nil && today.Before(*end) {
		c.problem("endDate", CodeDateInFuture, "the stint ends on %s, which is in the future; leave endDate empty for an ongoing stint", c.get("endDate"))
	}
}
