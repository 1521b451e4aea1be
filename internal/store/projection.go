package store

import (
	"slices"
	"strconv"
	"strings"

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
// Nested values are projected under positional keys (_0, _1, … for the
// selection's fields in order), so no text of the request ever reaches
// Cypher: it is built from constants of this file and variable names it
// numbers itself. Fields that Cypher cannot compute (a person's bridging
// profile, a collaboration's next steps) are not projected; their resolvers
// read them as before.
//
// The decoders below walk the same selection over the returned maps and
// put the nested values into model.Nested under their response keys.

// projection builds the map projections of one statement.
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

// nestedKey is the map key the i-th field of a selection is projected under.
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

// entries collects the entries of one map projection.
type entries []string

// props adds property selectors, each once.
func (e *entries) props(names ...string) {
	for _, n := range names {
		if sel := "." + n; !slices.Contains(*e, sel) {
			*e = append(*e, sel)
		}
	}
}

// add adds key: expr, once per key (a field asked under two aliases is
// read once).
func (e *entries) add(key, expr string) {
	for _, x := range *e {
		if strings.HasPrefix(x, key+": ") {
			return
		}
	}
	*e = append(*e, key+": "+expr)
}

func (e entries) of(v string) string { return v + " {" + strings.Join(e, ", ") + "}" }

// collect is a COLLECT subquery: match, order, return one projection per row.
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
func (p *projection) person(v string, sel model.Selection) string {
	e := entries{".id"}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "name", "headline", "languages", "region", "visibility", "openToBridging", "contactable", "createdAt", "updatedAt":
			e.props(f.Name)
		case "contact":
			e.props("contactable")
			e.add("email", p.contact(v, "email"))
			e.add("phone", p.contact(v, "phone"))
		case "experiences":
			x, o := p.v("e"), p.v("o")
			e.add(key, collect("MATCH ("+v+")-[:HAS_EXPERIENCE]->("+x+":Experience)-[:AT]->("+o+":Organisation)",
				x+", "+o, experienceOrder(x), p.experience(x, v, o, f.Sub)))
		case "sectors":
			s := p.v("s")
			e.add(key, "COLLECT { MATCH ("+v+")-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->("+s+":Sector) RETURN DISTINCT "+s+".code }")
		case "expertise":
			e.add(key, p.topics(v, "EXPERT_IN", f.Sub))
		case "contributions":
			r, c := p.v("r"), p.v("c")
			e.add(key, collect("MATCH ("+v+")-["+r+":CONTRIBUTED_TO]->("+c+":Collaboration)",
				r+", "+c, c+".createdAt DESC, "+c+".id", p.contribution(r, v, c, f.Sub)))
		}
	}
	return e.of(v)
}

// experience projects stint x of person pv at organisation ov.
func (p *projection) experience(x, pv, ov string, sel model.Selection) string {
	e := entries{".id", "personId: " + pv + ".id", "organisationId: " + ov + ".id"}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "kind", "roleTitle", "startDate", "endDate":
			e.props(f.Name)
		case "ongoing":
			e.props("endDate")
		case "person":
			e.add(key, "CASE WHEN "+visible(pv)+" THEN "+p.person(pv, f.Sub)+" END")
		case "organisation":
			e.add(key, p.organisation(ov, f.Sub))
		}
	}
	return e.of(x)
}

// topics is the list of the topics of v over rel, by name.
func (p *projection) topics(v, rel string, sel model.Selection) string {
	t := p.v("t")
	return collect("MATCH ("+v+")-[:"+rel+"]->("+t+":Topic)", t, t+".name, "+t+".id", p.topic(t, sel))
}

func (p *projection) topic(t string, sel model.Selection) string {
	e := entries{".id"}
	for _, f := range sel {
		switch f.Name {
		case "name", "nameFi", "description":
			e.props(f.Name)
		}
	}
	return e.of(t)
}

// organisation projects organisation v.
func (p *projection) organisation(v string, sel model.Selection) string {
	e := entries{".id"}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "name", "kind", "region", "website", "description", "createdAt", "updatedAt":
			e.props(f.Name)
		case "sector":
			s := p.v("s")
			e.add("sector", "["+"("+v+")-[:IN_SECTOR]->("+s+":Sector) | "+s+".code][0]")
		case "topics":
			e.add(key, p.topics(v, "INTERESTED_IN", f.Sub))
		case "people":
			e.add(key, p.memberships(v, f))
		case "collaborations":
			r, c := p.v("r"), p.v("c")
			e.add(key, collect("MATCH ("+v+")-["+r+":PARTNER_IN]->("+c+":Collaboration)",
				r+", "+c, c+".createdAt DESC, "+c+".id", p.partnership(r, v, c, f.Sub)))
		}
	}
	return e.of(v)
}

// memberships is Organisation.people: one row per stint of a visible
// person at organisation ov, ordered by person and then as stints are,
// which readMemberships groups into one membership per person (those with
// an ongoing stint first, then by name) and filters by tenure. Grouping in
// Cypher would need collect() inside the COLLECT, which Cypher refuses when
// the whole projection is itself collect()ed (a page is), and reading each
// person's stints again from the person cost two thirds of the statement
// (158,000 db hits for 20 organisations of the bench graph).
func (p *projection) memberships(ov string, f model.SelectedField) string {
	pv, x := p.v("p"), p.v("e")
	e := entries{"personId: " + pv + ".id", "end: " + x + ".endDate"}
	// A membership's fields are plain fields: every alias of one reads the
	// same value, so each is projected once with what all of them select.
	for _, sub := range f.Sub {
		switch sub.Name {
		case "person":
			e.add("person", p.person(pv, fieldsOf(f.Sub, "person")))
		case "organisation":
			e.add("organisation", p.organisation(ov, fieldsOf(f.Sub, "organisation")))
		case "experiences":
			e.add("stint", p.experience(x, pv, ov, fieldsOf(f.Sub, "experiences")))
		}
	}
	return collect("MATCH ("+ov+")<-[:AT]-("+x+":Experience)<-[:HAS_EXPERIENCE]-("+pv+":Person) WHERE "+visible(pv),
		pv+", "+x, pv+".name, "+pv+".id, "+experienceOrder(x), "{"+strings.Join(e, ", ")+"}")
}

// collaboration projects collaboration v.
func (p *projection) collaboration(v string, sel model.Selection) string {
	e := entries{".id"}
	for i, f := range sel {
		key := nestedKey(i)
		switch f.Name {
		case "title", "description", "form", "phase", "startDate", "endDate", "createdAt", "updatedAt":
			e.props(f.Name)
		case "evaluation":
			e.props("evaluationRating", "evaluationNotes", "evaluatedAt")
		case "topics":
			e.add(key, p.topics(v, "ABOUT", f.Sub))
		case "partners":
			r, o := p.v("r"), p.v("o")
			e.add(key, collect("MATCH ("+o+":Organisation)-["+r+":PARTNER_IN]->("+v+")",
				r+", "+o, leadFirst(r)+", "+o+".name, "+o+".id", p.partnership(r, o, v, f.Sub)))
		case "contributors":
			r, c := p.v("r"), p.v("k")
			e.add(key, collect("MATCH ("+c+")-["+r+":CONTRIBUTED_TO]->("+v+") WHERE "+c+":Person OR "+c+":ErasedContributor",
				r+", "+c, leadFirst(r)+", "+c+".name, "+c+".id", p.contribution(r, c, v, f.Sub)))
		case "nextSteps":
			// Not projected (partnership.NextSteps computes it), but it
			// depends on the phase.
			e.props("phase")
		case "phaseHistory":
			h := p.v("h")
			e.add(key, collect("MATCH ("+v+")-[:HAD_PHASE]->("+h+":PhaseChange)", h, h+".seq", p.phaseChange(h, f.Sub)))
		}
	}
	return e.of(v)
}

// partnership projects organisation ov's part r in collaboration cv. Its
// fields are plain fields, projected once for all their aliases.
func (p *projection) partnership(r, ov, cv string, sel model.Selection) string {
	e := entries{"role: " + r + ".role", "organisationId: " + ov + ".id", "collaborationId: " + cv + ".id"}
	for _, f := range sel {
		switch f.Name {
		case "organisation":
			e.add("organisation", p.organisation(ov, fieldsOf(sel, "organisation")))
		case "collaboration":
			e.add("collaboration", p.collaboration(cv, fieldsOf(sel, "collaboration")))
		}
	}
	return "{" + strings.Join(e, ", ") + "}"
}

// contribution projects contributor pv's part r in collaboration cv; the
// person is null when erased (an ErasedContributor) or hidden.
func (p *projection) contribution(r, pv, cv string, sel model.Selection) string {
	e := entries{"role: " + r + ".role", "personId: " + pv + ".id", "collaborationId: " + cv + ".id"}
	for _, f := range sel {
		switch f.Name {
		case "person":
			e.add("person", "CASE WHEN "+pv+":Person AND "+visible(pv)+" THEN "+p.person(pv, fieldsOf(sel, "person"))+" END")
		case "collaboration":
			e.add("collaboration", p.collaboration(cv, fieldsOf(sel, "collaboration")))
		}
	}
	return "{" + strings.Join(e, ", ") + "}"
}

// phaseChange projects phase change h; movedBy is the person who made it
// when the caller may see them.
func (p *projection) phaseChange(h string, sel model.Selection) string {
	e := entries{".phase", ".at", ".note", ".movedBy"}
	for i, f := range sel {
		if f.Name == "movedBy" {
			m := p.v("m")
			e.add(nestedKey(i), "head(COLLECT { MATCH ("+m+":Person {id: "+h+".movedBy}) WHERE "+visible(m)+" RETURN "+p.person(m, f.Sub)+" })")
		}
	}
	return e.of(h)
}

// ---- decoding ----

// decodeEach decodes a projected list.
func decodeEach[T any](raw any, decode func(any) T) []T {
	list, _ := raw.([]any)
	out := make([]T, 0, len(list))
	for _, x := range list {
		out = append(out, decode(x))
	}
	return out
}

// nested calls set for each field of sel whose value was projected.
func nested(m props, sel model.Selection, set func(f model.SelectedField, raw any)) {
	for i, f := range sel {
		if raw, ok := m[nestedKey(i)]; ok {
			set(f, raw)
		}
	}
}

func readPerson(sel model.Selection) func(any) *model.Person {
	return func(raw any) *model.Person {
		m := asProps(raw)
		if m == nil {
			return nil
		}
		p := decodePerson(m)
		nested(m, sel, func(f model.SelectedField, raw any) {
			switch f.Name {
			case "experiences":
				p.Nested.Set(f.Key, decodeEach(raw, readExperience(f.Sub)))
			case "sectors":
				p.Nested.Set(f.Key, sectorsInOrder(raw))
			case "expertise":
				p.Nested.Set(f.Key, decodeEach(raw, readTopic))
			case "contributions":
				p.Nested.Set(f.Key, decodeEach(raw, readContribution(f.Sub)))
			}
		})
		return p
	}
}

// sectorsInOrder returns the projected sector codes in the canonical order.
func sectorsInOrder(raw any) []model.Sector {
	have := map[model.Sector]bool{}
	for _, c := range decodeEach(raw, func(x any) string { s, _ := x.(string); return s }) {
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

func readExperience(sel model.Selection) func(any) *model.Experience {
	return func(raw any) *model.Experience {
		m := asProps(raw)
		x := decodeExperience(m)
		if x == nil {
			return nil
		}
		nested(m, sel, func(f model.SelectedField, raw any) {
			switch f.Name {
			case "person":
				x.Nested.Set(f.Key, readPerson(f.Sub)(raw))
			case "organisation":
				x.Nested.Set(f.Key, readOrganisation(f.Sub)(raw))
			}
		})
		return x
	}
}

func readTopic(raw any) *model.Topic { return decodeTopic(asProps(raw)) }

func readOrganisation(sel model.Selection) func(any) *model.Organisation {
	return func(raw any) *model.Organisation {
		m := asProps(raw)
		o := decodeOrganisation(m)
		if o == nil {
			return nil
		}
		nested(m, sel, func(f model.SelectedField, raw any) {
			switch f.Name {
			case "topics":
				o.Nested.Set(f.Key, decodeEach(raw, readTopic))
			case "people":
				o.Nested.Set(f.Key, readMemberships(raw, o.ID, f))
			case "collaborations":
				o.Nested.Set(f.Key, decodeEach(raw, readPartnership(f.Sub)))
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
// grouped by person) into memberships of organisation orgID: the people
// with an ongoing stint first, then in the rows' order (by name), kept by
// the field's tenure.
func readMemberships(raw any, orgID string, f model.SelectedField) []*model.Membership {
	rows, _ := raw.([]any)
	var out []*model.Membership
	var m *model.Membership
	for _, r := range rows {
		row := asProps(r)
		if m == nil || row.str("personId") != m.PersonID {
			m = &model.Membership{OrganisationID: orgID, PersonID: row.str("personId"), Experiences: []*model.Experience{}}
			out = append(out, m)
			// The person and organisation are the same on every row of
			// a membership: taken from the first.
			if raw, ok := row["person"]; ok {
				m.Person = readPerson(fieldsOf(f.Sub, "person"))(raw)
			}
			if raw, ok := row["organisation"]; ok {
				m.Organisation = readOrganisation(fieldsOf(f.Sub, "organisation"))(raw)
			}
		}
		if row["end"] == nil {
			m.Current = true
		}
		if stint, ok := row["stint"]; ok {
			m.Experiences = append(m.Experiences, readExperience(fieldsOf(f.Sub, "experiences"))(stint))
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
	if out == nil {
		out = []*model.Membership{}
	}
	return out
}

func readCollaboration(sel model.Selection) func(any) *model.Collaboration {
	return func(raw any) *model.Collaboration {
		m := asProps(raw)
		c := decodeCollaboration(m)
		if c == nil {
			return nil
		}
		nested(m, sel, func(f model.SelectedField, raw any) {
			switch f.Name {
			case "topics":
				c.Nested.Set(f.Key, decodeEach(raw, readTopic))
			case "partners":
				c.Nested.Set(f.Key, decodeEach(raw, readPartnership(f.Sub)))
			case "contributors":
				c.Nested.Set(f.Key, decodeEach(raw, readContribution(f.Sub)))
			case "phaseHistory":
				c.Nested.Set(f.Key, decodeEach(raw, readPhaseChange(f.Sub)))
			}
		})
		return c
	}
}

func readPartnership(sel model.Selection) func(any) *model.Partnership {
	return func(raw any) *model.Partnership {
		m := asProps(raw)
		p := decodePartnership(m)
		if raw, ok := m["organisation"]; ok {
			p.Organisation = readOrganisation(fieldsOf(sel, "organisation"))(raw)
		}
		if raw, ok := m["collaboration"]; ok {
			p.Collaboration = readCollaboration(fieldsOf(sel, "collaboration"))(raw)
		}
		return p
	}
}

func readContribution(sel model.Selection) func(any) *model.Contribution {
	return func(raw any) *model.Contribution {
		m := asProps(raw)
		k := decodeContribution(m)
		if raw, ok := m["person"]; ok {
			k.Person = readPerson(fieldsOf(sel, "person"))(raw)
		}
		if raw, ok := m["collaboration"]; ok {
			k.Collaboration = readCollaboration(fieldsOf(sel, "collaboration"))(raw)
		}
		return k
	}
}

func readPhaseChange(sel model.Selection) func(any) *model.PhaseChange {
	return func(raw any) *model.PhaseChange {
		m := asProps(raw)
		h := decodePhaseChange(m)
		nested(m, sel, func(f model.SelectedField, raw any) {
			if f.Name == "movedBy" {
				h.Nested.Set(f.Key, readPerson(f.Sub)(raw))
			}
		})
		return h
	}
}

func decodePhaseChange(h props) *model.PhaseChange {
	return &model.PhaseChange{
		Phase: model.CollaborationPhase(h.str("phase")), At: h.time("at"),
		Note: h.str("note"), MovedBy: h.str("movedBy"),
	}
}
