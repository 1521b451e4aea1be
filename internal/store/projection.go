package store

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// A projection reads an entity with exactly the fields a model.Selection
// asks for, the nested entities among them in the same statement: lists as
// COLLECT subqueries ordered as the schema promises, single entities as
// pattern comprehensions, people filtered by the caller's scope at every
// level. One statement then answers a page of people with their stints,
// organisations and sectors, where a resolver per level would cost one
// statement (and one round trip) per level.
//
// An entity is projected as a list of values, a row, not as a map: Neo4j
// builds, sends and the driver decodes a map per entity with its keys,
// which on a page of 20 organisations with their 3,700 people took a third
// of the statement's time (docs/performance.md, "Rows, not maps"). The
// builder below keeps each row's column names (columns) and the decoders
// look values up by them (row), so the names still say what a value is.
//
// Nested values are columns named by position (_0, _1, … for the
// selection's fields in order), so no text of the request ever reaches
// Cypher: it is built from constants of this file and variable names it
// numbers itself. Fields that Cypher cannot compute (a person's bridging
// profile, a collaboration's next steps) are not projected; their resolvers
// read them as before.

// projection builds the rows of one statement.
type projection struct {
	scope model.PersonScope
	vars  int
}

// v returns a fresh variable name: nested subqueries may not redeclare a
// variable of an enclosing scope.
func (p *projection) v(prefix string) string {
	p.vars++
	return prefix + strconv.Itoa(p.vars)
}

// nestedKey is the column name of the i-th field of a selection.
func nestedKey(i int) string { return "_" + strconv.Itoa(i) }

// params are the parameters every projection may use.
func (p *projection) params(into map[string]any) map[string]any {
	if into == nil {
		into = map[string]any{}
	}
	into["visibilities"] = visibilityStrings(p.scope.Visibilities)
	into["selfId"] = p.scope.SelfID
	return into
}

// visible is the condition that the caller may see person v. It is a
// CASE, not `visibility IN … OR id = $selfId`: the planner turns that OR
// into a union of two scans, which on the people list also loses the
// ordered name index (78,000 db hits instead of 76 for the first page of
// 20,000 people).
func visible(v string) string {
	return "CASE WHEN " + v + ".id = $selfId THEN true ELSE " + v + ".visibility IN $visibilities END"
}

// column is one value of a projected row.
type column struct {
	name string // what the decoder looks the value up by
	expr string // the Cypher expression
	// of are the columns of the nested entity, or of each element of the
	// nested list, this column holds; nil for a plain value.
	of columns
}

// columns are the columns of one row, in order.
type columns []column

// props adds property columns of v, each once.
func (c *columns) props(v string, names ...string) {
	for _, n := range names {
		c.add(n, v+"."+n)
	}
}

// add adds a plain column, once per name (a field asked under two aliases
// is read once).
func (c *columns) add(name, expr string) { c.nest(name, expr, nil) }

// nest adds a column holding an entity or a list of entities with columns of.
func (c *columns) nest(name, expr string, of columns) {
	if c.index(name) < 0 {
		*c = append(*c, column{name: name, expr: expr, of: of})
	}
}

func (c columns) index(name string) int {
	for i := range c {
		if c[i].name == name {
			return i
		}
	}
	return -1
}

// list is the row's Cypher expression.
func (c columns) list() string {
	exprs := make([]string, len(c))
	for i, col := range c {
		exprs[i] = col.expr
	}
	return "[" + strings.Join(exprs, ", ") + "]"
}

// collect is a COLLECT subquery: match, order, return one row per match.
func collect(match, with, order, ret string) string {
	q := "COLLECT { " + match
	if order != "" {
		q += " WITH " + with + " ORDER BY " + order
	}
	return q + " RETURN " + ret + " }"
}

// contact is the projection of one contact detail of person v: read only
// when the caller may see it (auth.PersonScopeOf), null otherwise.
func (p *projection) contact(v, prop string) string {
	switch p.scope.Contacts {
	case model.ContactsAll:
		return v + "." + prop
	case model.ContactsConsented:
		return "CASE WHEN " + v + ".contactable OR " + v + ".id = $selfId THEN " + v + "." + prop + " END"
	default:
		return "CASE WHEN " + v + ".id = $selfId THEN " + v + "." + prop + " END"
	}
}

// experienceOrder is the order of a person's stints: ongoing first, then
// the most recent start.
func experienceOrder(e string) string {
	return e + ".endDate IS NULL DESC, " + e + ".startDate DESC, " + e + ".id"
}

// leadFirst orders partners and contributors: the LEAD first.
func leadFirst(r string) string { return "CASE " + r + ".role WHEN 'LEAD' THEN 0 ELSE 1 END" }

// person projects person v (whom the caller may see).
func (p *projection) person(v string, sel model.Selection) columns {
	c := columns{{name: "id", expr: v + ".id"}}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "name", "headline", "languages", "region", "visibility", "openToBridging", "contactable", "createdAt", "updatedAt":
			c.props(v, f.Name)
		case "contact":
			c.props(v, "contactable")
			c.add("email", p.contact(v, "email"))
			c.add("phone", p.contact(v, "phone"))
		case "experiences":
			x, o := p.v("e"), p.v("o")
			xc := p.experience(x, v, o, f.Sub)
			c.nest(key, collect("MATCH ("+v+")-[:HAS_EXPERIENCE]->("+x+":Experience)-[:AT]->("+o+":Organisation)",
				x+", "+o, experienceOrder(x), xc.list()), xc)
		case "sectors":
			s := p.v("s")
			c.add(key, "COLLECT { MATCH ("+v+")-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->("+s+":Sector) RETURN DISTINCT "+s+".code }")
		case "expertise":
			c.nest(p.topics(key, v, "EXPERT_IN", f.Sub))
		case "contributions":
			r, k := p.v("r"), p.v("c")
			kc := p.contribution(r, v, k, f.Sub)
			c.nest(key, collect("MATCH ("+v+")-["+r+":CONTRIBUTED_TO]->("+k+":Collaboration)",
				r+", "+k, k+".createdAt DESC, "+k+".id", kc.list()), kc)
		}
	}
	return c
}

// experience projects stint x of person pv at organisation ov.
func (p *projection) experience(x, pv, ov string, sel model.Selection) columns {
	c := columns{{name: "id", expr: x + ".id"}, {name: "personId", expr: pv + ".id"}, {name: "organisationId", expr: ov + ".id"}}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "kind", "roleTitle", "startDate", "endDate":
			c.props(x, f.Name)
		case "ongoing":
			c.props(x, "endDate")
		case "person":
			pc := p.person(pv, f.Sub)
			c.nest(key, "CASE WHEN "+visible(pv)+" THEN "+pc.list()+" END", pc)
		case "organisation":
			oc := p.organisation(ov, f.Sub)
			c.nest(key, oc.list(), oc)
		}
	}
	return c
}

// topics is the column name: the list of the topics of v over rel, by name.
func (p *projection) topics(name, v, rel string, sel model.Selection) (string, string, columns) {
	t := p.v("t")
	tc := p.topic(t, sel)
	return name, collect("MATCH ("+v+")-[:"+rel+"]->("+t+":Topic)", t, t+".name, "+t+".id", tc.list()), tc
}

func (p *projection) topic(t string, sel model.Selection) columns {
	c := columns{{name: "id", expr: t + ".id"}}
	for _, f := range sel {
		switch f.Name {
		case "name", "nameFi", "nameSv", "description":
			c.props(t, f.Name)
		}
	}
	return c
}

// organisation projects organisation v.
func (p *projection) organisation(v string, sel model.Selection) columns {
	c := columns{{name: "id", expr: v + ".id"}}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "name", "kind", "region", "website", "description", "createdAt", "updatedAt":
			c.props(v, f.Name)
		case "sector":
			s := p.v("s")
			c.add("sector", "[("+v+")-[:IN_SECTOR]->("+s+":Sector) | "+s+".code][0]")
		case "topics":
			c.nest(p.topics(key, v, "INTERESTED_IN", f.Sub))
		case "people":
			c.nest(p.memberships(key, v, f))
		case "collaborations":
			r, k := p.v("r"), p.v("c")
			pc := p.partnership(r, v, k, f.Sub)
			c.nest(key, collect("MATCH ("+v+")-["+r+":PARTNER_IN]->("+k+":Collaboration)",
				r+", "+k, k+".createdAt DESC, "+k+".id", pc.list()), pc)
		}
	}
	return c
}

// memberships is Organisation.people: one row per stint of a visible
// person at organisation ov, ordered by person and then as stints are,
// which readMemberships groups into one membership per person (those with
// an ongoing stint first, then by name) and filters by tenure. Grouping in
// Cypher would need collect() inside the COLLECT, which Cypher refuses when
// the whole projection is itself collect()ed (a page is), and reading each
// person's stints again from the person cost two thirds of the statement
// (158,000 db hits for 20 organisations of the bench graph).
func (p *projection) memberships(name, ov string, f model.SelectedField) (string, string, columns) {
	pv, x := p.v("p"), p.v("e")
	c := columns{{name: "personId", expr: pv + ".id"}, {name: "name", expr: pv + ".name"}, {name: "end", expr: x + ".endDate"}}
	// A membership's fields are plain fields: every alias of one reads the
	// same value, so each is projected once with what all of them select.
	for _, sub := range f.Sub {
		switch sub.Name {
		case "person":
			pc := p.person(pv, fieldsOf(f.Sub, "person"))
			c.nest("person", pc.list(), pc)
		case "organisation":
			oc := p.organisation(ov, fieldsOf(f.Sub, "organisation"))
			c.nest("organisation", oc.list(), oc)
		case "experiences":
			xc := p.experience(x, pv, ov, fieldsOf(f.Sub, "experiences"))
			c.nest("stint", xc.list(), xc)
		}
	}
	return name, collect("MATCH ("+ov+")<-[:AT]-("+x+":Experience)<-[:HAS_EXPERIENCE]-("+pv+":Person) WHERE "+visible(pv),
		pv+", "+x, pv+".name, "+pv+".id, "+experienceOrder(x), c.list()), c
}

// collaboration projects collaboration v.
func (p *projection) collaboration(v string, sel model.Selection) columns {
	c := columns{{name: "id", expr: v + ".id"}}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "title", "description", "form", "phase", "startDate", "endDate", "createdAt", "updatedAt":
			c.props(v, f.Name)
		case "evaluation":
			c.props(v, "evaluationRating", "evaluationNotes", "evaluatedAt")
			c.add("partnerEvaluations", partnerEvaluations(v, p.v("o")))
		case "lastPhaseChangeAt":
			c.props(v, "lastPhaseChangeAt", "createdAt")
		case "notes":
			x := p.v("x")
			xc := p.note(x, f.Sub)
			c.nest(key, collect("MATCH ("+v+")-[:HAS_NOTE]->("+x+":CollaborationNote)", x, x+".at, "+x+".id", xc.list()), xc)
		case "topics":
			c.nest(p.topics(key, v, "ABOUT", f.Sub))
		case "partners":
			r, o := p.v("r"), p.v("o")
			pc := p.partnership(r, o, v, f.Sub)
			c.nest(key, collect("MATCH ("+o+":Organisation)-["+r+":PARTNER_IN]->("+v+")",
				r+", "+o, leadFirst(r)+", "+o+".name, "+o+".id", pc.list()), pc)
		case "contributors":
			r, k := p.v("r"), p.v("k")
			kc := p.contribution(r, k, v, f.Sub)
			// A hidden person's contribution is left out, not listed with a
			// null person: its role and place would say that someone is
			// there. An erased person's stays, anonymous (docs/model.md).
			c.nest(key, collect("MATCH ("+k+")-["+r+":CONTRIBUTED_TO]->("+v+") WHERE ("+k+":Person AND "+visible(k)+") OR "+k+":ErasedContributor",
				r+", "+k, leadFirst(r)+", "+k+".name, "+k+".id", kc.list()), kc)
		case "nextSteps":
			// Not projected (collaboration.NextSteps computes it), but it
			// depends on the phase.
			c.props(v, "phase")
		case "phaseHistory":
			h := p.v("h")
			hc := p.phaseChange(h, f.Sub)
			c.nest(key, collect("MATCH ("+v+")-[:HAD_PHASE]->("+h+":PhaseChange)", h, h+".seq", hc.list()), hc)
		}
	}
	return c
}

// partnership projects organisation ov's part r in collaboration cv. Its
// fields are plain fields, projected once for all their aliases.
func (p *projection) partnership(r, ov, cv string, sel model.Selection) columns {
	c := columns{{name: "role", expr: r + ".role"}, {name: "organisationId", expr: ov + ".id"}, {name: "collaborationId", expr: cv + ".id"}}
	for _, f := range sel {
		switch f.Name {
		case "organisation":
			oc := p.organisation(ov, fieldsOf(sel, "organisation"))
			c.nest("organisation", oc.list(), oc)
		case "collaboration":
			kc := p.collaboration(cv, fieldsOf(sel, "collaboration"))
			c.nest("collaboration", kc.list(), kc)
		}
	}
	return c
}

// contribution projects contributor pv's part r in collaboration cv; the
// person is null when erased (an ErasedContributor) or hidden.
func (p *projection) contribution(r, pv, cv string, sel model.Selection) columns {
	c := columns{{name: "role", expr: r + ".role"}, {name: "personId", expr: pv + ".id"}, {name: "collaborationId", expr: cv + ".id"}}
	for _, f := range sel {
		switch f.Name {
		case "person":
			pc := p.person(pv, fieldsOf(sel, "person"))
			c.nest("person", "CASE WHEN "+pv+":Person AND "+visible(pv)+" THEN "+pc.list()+" END", pc)
		case "collaboration":
			kc := p.collaboration(cv, fieldsOf(sel, "collaboration"))
			c.nest("collaboration", kc.list(), kc)
		}
	}
	return c
}

// phaseChange projects phase change h; movedBy is the person who made it
// when the caller may see them.
func (p *projection) phaseChange(h string, sel model.Selection) columns {
	c := columns{}
	c.props(h, "phase", "at", "note", "movedBy")
	for i, f := range sel {
		if f.Name == "movedBy" {
			m := p.v("m")
			mc := p.person(m, f.Sub)
			c.nest(nestedKey(i), "head(COLLECT { MATCH ("+m+":Person {id: "+h+".movedBy}) WHERE "+visible(m)+" RETURN "+mc.list()+" })", mc)
		}
	}
	return c
}

// note projects collaboration note x; author is the person who wrote it
// when the caller may see them.
func (p *projection) note(x string, sel model.Selection) columns {
	c := columns{}
	c.props(x, "id", "kind", "text", "at", "author")
	for i, f := range sel {
		if f.Name == "author" {
			m := p.v("m")
			mc := p.person(m, f.Sub)
			c.nest(nestedKey(i), "head(COLLECT { MATCH ("+m+":Person {id: "+x+".author}) WHERE "+visible(m)+" RETURN "+mc.list()+" })", mc)
		}
	}
	return c
}

// ---- decoding ----

// row is one projected row with the columns it was built from.
type row struct {
	cols columns
	vals []any
}

var _ fields = row{}

// asRow reads raw as a row of cols; a null (an entity the caller may not
// see) is an absent row.
func asRow(cols columns, raw any) row {
	vals, _ := raw.([]any)
	return row{cols: cols, vals: vals}
}

func (r row) absent() bool { return r.vals == nil }

func (r row) lookup(name string) (any, bool) {
	if i := r.cols.index(name); i >= 0 && i < len(r.vals) {
		return r.vals[i], true
	}
	return nil, false
}

func (r row) value(name string) any {
	v, _ := r.lookup(name)
	return v
}

func (r row) str(key string) string       { return asString(r.value(key)) }
func (r row) boolean(key string) bool     { return asBool(r.value(key)) }
func (r row) integer(key string) int      { return asInt(r.value(key)) }
func (r row) strings(key string) []string { return asStrings(r.value(key)) }
func (r row) time(key string) time.Time   { return asTime(r.value(key)) }
func (r row) date(key string) *model.Date { return asDate(r.value(key)) }

// nested calls set for each field of sel whose value was projected, with
// the value and the columns of the entities in it.
func (r row) nested(sel model.Selection, set func(f model.SelectedField, raw any, of columns)) {
	for i, f := range sel {
		if j := r.cols.index(nestedKey(i)); j >= 0 && j < len(r.vals) {
			set(f, r.vals[j], r.cols[j].of)
		}
	}
}

// entity is the value of column name and the columns it was built from.
func (r row) entity(name string) (raw any, of columns, ok bool) {
	i := r.cols.index(name)
	if i < 0 || i >= len(r.vals) {
		return nil, nil, false
	}
	return r.vals[i], r.cols[i].of, true
}

// decodeEach decodes a projected list.
func decodeEach[T any](raw any, decode func(any) T) []T {
	list, _ := raw.([]any)
	out := make([]T, 0, len(list))
	for _, x := range list {
		out = append(out, decode(x))
	}
	return out
}

func readPerson(sel model.Selection, cols columns) func(any) *model.Person {
	return func(raw any) *model.Person {
		r := asRow(cols, raw)
		p := decodePerson(r)
		if p == nil {
			return nil
		}
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			switch f.Name {
			case "experiences":
				p.Nested.Set(f.Key, decodeEach(raw, readExperience(f.Sub, of)))
			case "sectors":
				p.Nested.Set(f.Key, sectorsInOrder(raw))
			case "expertise":
				p.Nested.Set(f.Key, decodeEach(raw, readTopic(of)))
			case "contributions":
				p.Nested.Set(f.Key, decodeEach(raw, readContribution(f.Sub, of)))
			}
		})
		return p
	}
}

// sectorsInOrder returns the projected sector codes in the canonical order.
func sectorsInOrder(raw any) []model.Sector {
	have := map[model.Sector]bool{}
	for _, c := range decodeEach(raw, asString) {
		have[model.Sector(c)] = true
	}
	out := []model.Sector{}
	for _, s := range model.AllSectors {
		if have[s] {
			out = append(out, s)
		}
	}
	return out
}

func readExperience(sel model.Selection, cols columns) func(any) *model.Experience {
	return func(raw any) *model.Experience {
		r := asRow(cols, raw)
		x := decodeExperience(r)
		if x == nil {
			return nil
		}
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			switch f.Name {
			case "person":
				x.Nested.Set(f.Key, readPerson(f.Sub, of)(raw))
			case "organisation":
				x.Nested.Set(f.Key, readOrganisation(f.Sub, of)(raw))
			}
		})
		return x
	}
}

func readTopic(cols columns) func(any) *model.Topic {
	return func(raw any) *model.Topic { return decodeTopic(asRow(cols, raw)) }
}

func readOrganisation(sel model.Selection, cols columns) func(any) *model.Organisation {
	return func(raw any) *model.Organisation {
		r := asRow(cols, raw)
		o := decodeOrganisation(r)
		if o == nil {
			return nil
		}
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			switch f.Name {
			case "topics":
				o.Nested.Set(f.Key, decodeEach(raw, readTopic(of)))
			case "people":
				o.Nested.Set(f.Key, readMemberships(raw, of, o.ID, f))
			case "collaborations":
				o.Nested.Set(f.Key, decodeEach(raw, readPartnership(f.Sub, of)))
			}
		})
		return o
	}
}

// fieldsOf is what the fields named name of sel (a plain field under
// several aliases) select together.
func fieldsOf(sel model.Selection, name string) model.Selection {
	var out model.Selection
	for _, f := range sel {
		if f.Name == name {
			out = append(out, f.Sub...)
		}
	}
	return out
}

// readMemberships groups the stint rows of memberships (one per stint,
// grouped by person, with columns cols) into memberships of organisation
// orgID: the people with an ongoing stint first, then in the rows' order
// (by name), kept by the field's tenure.
func readMemberships(raw any, cols columns, orgID string, f model.SelectedField) []*model.Membership {
	rows, _ := raw.([]any)
	// The decoders of the row's entities, built once for all rows.
	var person func(any) *model.Person
	if i := cols.index("person"); i >= 0 {
		person = readPerson(fieldsOf(f.Sub, "person"), cols[i].of)
	}
	var organisation func(any) *model.Organisation
	if i := cols.index("organisation"); i >= 0 {
		organisation = readOrganisation(fieldsOf(f.Sub, "organisation"), cols[i].of)
	}
	var stint func(any) *model.Experience
	if i := cols.index("stint"); i >= 0 {
		stint = readExperience(fieldsOf(f.Sub, "experiences"), cols[i].of)
	}
	var out []*model.Membership
	var m *model.Membership
	for _, raw := range rows {
		r := asRow(cols, raw)
		if m == nil || r.str("personId") != m.PersonID {
			m = &model.Membership{OrganisationID: orgID, PersonID: r.str("personId"), Experiences: []*model.Experience{}}
			out = append(out, m)
			// The person and organisation are the same on every row of
			// a membership: taken from the first.
			if person != nil {
				m.Person = person(r.value("person"))
			}
			if organisation != nil {
				m.Organisation = organisation(r.value("organisation"))
			}
		}
		if r.value("end") == nil {
			m.Current = true
		}
		if stint != nil {
			m.Experiences = append(m.Experiences, stint(r.value("stint")))
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Membership) int {
		switch {
		case a.Current == b.Current:
			return 0
		case a.Current:
			return -1
		}
		return 1
	})
	switch f.Args["tenure"] {
	case "CURRENT", "FORMER":
		want := f.Args["tenure"] == "CURRENT"
		out = slices.DeleteFunc(out, func(m *model.Membership) bool { return m.Current != want })
	}
	out = membershipPage(out, rowNames(rows, cols), f.Args)
	if out == nil {
		out = []*model.Membership{}
	}
	return out
}

// rowNames maps the person ids of membership rows to the names they are
// ordered by (the person's name, when the caller may see it: the rows are
// of visible people only).
func rowNames(rows []any, cols columns) map[string]string {
	names := map[string]string{}
	for _, raw := range rows {
		r := asRow(cols, raw)
		names[r.str("personId")] = r.str("name")
	}
	return names
}

// membershipKey is the sort key of a membership in its organisation's
// list: current first, then by name (then person id, the cursor's id).
func membershipKey(current bool, name string) string {
	if current {
		return "0" + name
	}
	return "1" + name
}

// membershipPage sets the memberships' cursors and keeps the page that
// args (first, after) ask for: all of them without first. The domain has
// checked first's range and the cursor (directory.CheckMembershipPage).
func membershipPage(ms []*model.Membership, names map[string]string, args map[string]any) []*model.Membership {
	for _, m := range ms {
		m.Cursor = encodeCursor(membershipKey(m.Current, names[m.PersonID]), m.PersonID)
	}
	if after, _ := args["after"].(string); after != "" {
		if c, err := decodeCursor(&after); err == nil && c != nil {
			ms = slices.DeleteFunc(ms, func(m *model.Membership) bool {
				key := membershipKey(m.Current, names[m.PersonID])
				return key < c.Key || (key == c.Key && m.PersonID <= c.ID)
			})
		}
	}
	if first, ok := intArg(args["first"]); ok && first >= 0 && first < len(ms) {
		ms = ms[:first]
	}
	return ms
}

// intArg reads an Int argument as GraphQL hands it over.
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case float64:
		return int(n), true
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

func readCollaboration(sel model.Selection, cols columns) func(any) *model.Collaboration {
	return func(raw any) *model.Collaboration {
		r := asRow(cols, raw)
		c := decodeCollaboration(r)
		if c == nil {
			return nil
		}
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			switch f.Name {
			case "topics":
				c.Nested.Set(f.Key, decodeEach(raw, readTopic(of)))
			case "partners":
				c.Nested.Set(f.Key, decodeEach(raw, readPartnership(f.Sub, of)))
			case "contributors":
				c.Nested.Set(f.Key, decodeEach(raw, readContribution(f.Sub, of)))
			case "phaseHistory":
				c.Nested.Set(f.Key, decodeEach(raw, readPhaseChange(f.Sub, of)))
			case "notes":
				c.Nested.Set(f.Key, decodeEach(raw, readNote(f.Sub, of)))
			}
		})
		return c
	}
}

func readPartnership(sel model.Selection, cols columns) func(any) *model.Partnership {
	return func(raw any) *model.Partnership {
		r := asRow(cols, raw)
		p := decodePartnership(r)
		if raw, of, ok := r.entity("organisation"); ok {
			p.Organisation = readOrganisation(fieldsOf(sel, "organisation"), of)(raw)
		}
		if raw, of, ok := r.entity("collaboration"); ok {
			p.Collaboration = readCollaboration(fieldsOf(sel, "collaboration"), of)(raw)
		}
		return p
	}
}

func readContribution(sel model.Selection, cols columns) func(any) *model.Contribution {
	return func(raw any) *model.Contribution {
		r := asRow(cols, raw)
		k := decodeContribution(r)
		if raw, of, ok := r.entity("person"); ok {
			k.Person = readPerson(fieldsOf(sel, "person"), of)(raw)
		}
		if raw, of, ok := r.entity("collaboration"); ok {
			k.Collaboration = readCollaboration(fieldsOf(sel, "collaboration"), of)(raw)
		}
		return k
	}
}

func readPhaseChange(sel model.Selection, cols columns) func(any) *model.PhaseChange {
	return func(raw any) *model.PhaseChange {
		r := asRow(cols, raw)
		h := decodePhaseChange(r)
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			if f.Name == "movedBy" {
				h.Nested.Set(f.Key, readPerson(f.Sub, of)(raw))
			}
		})
		return h
	}
}

func decodePhaseChange(h fields) *model.PhaseChange {
	return &model.PhaseChange{
		Phase: model.CollaborationPhase(h.str("phase")), At: h.time("at"),
		Note: h.str("note"), MovedBy: h.str("movedBy"),
	}
}

func readNote(sel model.Selection, cols columns) func(any) *model.CollaborationNote {
	return func(raw any) *model.CollaborationNote {
		r := asRow(cols, raw)
		n := &model.CollaborationNote{
			ID: r.str("id"), Kind: model.CollaborationNoteKind(r.str("kind")), Text: r.str("text"),
			At: r.time("at"), Author: r.str("author"),
		}
		r.nested(sel, func(f model.SelectedField, raw any, of columns) {
			if f.Name == "author" {
				n.Nested.Set(f.Key, readPerson(f.Sub, of)(raw))
			}
		})
		return n
	}
}
