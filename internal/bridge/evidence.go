package bridge

import (
	"fmt"
	"time"

	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// Node labels and relationship types of evidence paths; they are the
// graph's own (docs/model.md), so every path can be checked against it.
const (
	labelPerson        = "Person"
	labelExperience    = "Experience"
	labelOrganisation  = "Organisation"
	labelCollaboration = "Collaboration"
	labelSector        = "Sector"
	relHasExperience   = "HAS_EXPERIENCE"
	relAt              = "AT"
	relContributedTo   = "CONTRIBUTED_TO"
	relPartnerIn       = "PARTNER_IN"
	relInSector        = "IN_SECTOR"
)

// pathBuilder appends nodes and the relationships between them.
type pathBuilder struct{ p model.GraphPath }

// node appends a node named by the data (a person's or organisation's name).
func (b *pathBuilder) node(id, label, name string) *pathBuilder {
	return b.nodeText(id, label, i18n.Plain(name))
}

// nodeText appends a node whose name the server words (a sector's).
func (b *pathBuilder) nodeText(id, label string, name i18n.Text) *pathBuilder {
	b.p.Nodes = append(b.p.Nodes, model.PathNode{ID: id, Label: label, Name: name})
	return b
}

// rel links the last two nodes; forward means from the earlier to the later.
func (b *pathBuilder) rel(typ string, forward bool) *pathBuilder {
	n := len(b.p.Nodes)
	from, to := b.p.Nodes[n-2].ID, b.p.Nodes[n-1].ID
	if !forward {
		from, to = to, from
	}
	b.p.Relationships = append(b.p.Relationships, model.PathRelationship{Type: typ, StartID: from, EndID: to})
	return b
}

// tieSource is the store's row a Tie was read from.
type tieSource = *model.TieRow

// tieOf turns a tie row of the store into a tie to score.
func tieOf(r *model.TieRow) Tie {
	return Tie{Kind: TieKind(r.Kind), Interval: Interval{Start: r.Start, End: r.End},
		ExperienceKind: r.ExperienceKind, ContributorRole: r.ContributorRole, source: r}
}

// tiePath is the path in the graph the tie r to organisation x rests on,
// and what it says in words. The person's own node comes first, without a
// name (evidence fills it in).
func tiePath(r *model.TieRow, x *model.Organisation) (model.GraphPath, i18n.Text) {
	b := &pathBuilder{}
	b.node(r.PersonID, labelPerson, "")
	switch TieKind(r.Kind) {
	case TieStint:
		b.node(r.ExperienceID, labelExperience, r.RoleTitle).rel(relHasExperience, true).
			node(x.ID, labelOrganisation, x.Name).rel(relAt, true)
	case TieCollaboration:
		b.node(r.CollaborationID, labelCollaboration, r.CollaborationTitle).rel(relContributedTo, true).
			node(x.ID, labelOrganisation, x.Name).rel(relPartnerIn, false)
	case TieCoworker:
		b.node(r.ThroughExperienceID, labelExperience, "").rel(relHasExperience, true).
			node(r.ThroughOrgID, labelOrganisation, r.ThroughOrgName).rel(relAt, true).
			node(r.ColleagueThroughExpID, labelExperience, "").rel(relAt, false).
			node(r.ColleagueID, labelPerson, r.ColleagueName).rel(relHasExperience, false).
			node(r.ColleagueCurrentExpID, labelExperience, "").rel(relHasExperience, true).
			node(x.ID, labelOrganisation, x.Name).rel(relAt, true)
	}
	return b.p, summarise(*r, x)
}

// summarise says what the tie is, in words the GraphQL edge puts in the
// reader's language (internal/i18n).
func summarise(r model.TieRow, x *model.Organisation) i18n.Text {
	switch TieKind(r.Kind) {
	case TieStint:
		var what any = i18n.T(experienceWord[r.ExperienceKind])
		if r.RoleTitle != "" {
			what = r.RoleTitle
		}
		return i18n.T("%s at %s, %s", what, x.Name, period(r.Start, r.End))
	case TieCollaboration:
		return i18n.T("%s in %q, a collaboration %s is a partner in", i18n.T(roleWord[r.ContributorRole]), r.CollaborationTitle, x.Name)
	case TieCoworker:
		return i18n.T("worked alongside %s at %s (%s), who is now at %s", r.ColleagueName, r.ThroughOrgName, period(r.Start, r.End), x.Name)
	}
	return i18n.Text{}
}

func period(start model.Date, end *model.Date) any {
	if end == nil {
		return i18n.T("since %d", start.Year)
	}
	if end.Year == start.Year {
		return i18n.T("in %d", start.Year)
	}
	return fmt.Sprintf("%d–%d", start.Year, end.Year)
}

// experienceWord and roleWord are the keys that name a stint's kind and a
// contributor's role in a summary.
var (
	experienceWord = map[model.ExperienceKind]string{
		model.ExperienceEmployment: "employment", model.ExperienceVolunteer: "volunteer", model.ExperienceBoard: "board",
		model.ExperienceEducation: "education", model.ExperienceSecondment: "secondment", model.ExperienceTrustPosition: "trust position",
	}
	roleWord = map[model.ContributorRole]string{
		model.ContributorLead: "lead", model.ContributorCoordinator: "coordinator", model.ContributorExpert: "expert",
		model.ContributorFacilitator: "facilitator", model.ContributorVolunteer: "volunteer", model.ContributorMember: "member",
	}
)

// sectorName is the key that names a sector node of a path; the node's
// name is worded in the reader's language like a summary.
var sectorName = map[model.Sector]string{
	model.SectorPublic: "public sector", model.SectorPrivate: "private sector", model.SectorThird: "third sector",
	model.SectorAcademia: "academic sector",
}

// sectorYearsText are the keys of a sector evidence's summary, one per sector
// so that each language can inflect the sector's name.
var sectorYearsText = map[model.Sector]string{
	model.SectorPublic:   "%.0f years in the public sector, e.g. at %s",
	model.SectorPrivate:  "%.0f years in the private sector, e.g. at %s",
	model.SectorThird:    "%.0f years in the third sector, e.g. at %s",
	model.SectorAcademia: "%.0f years in the academic sector, e.g. at %s",
}

// evidence lists, per side, the strongest ties as paths; a side with no
// tie gets the person's longest stint in that side's sector instead.
func evidence(c *scoredCandidate, orgs [2]*model.Organisation, sectors [2]model.Sector, now time.Time) []*model.Evidence {
	var out []*model.Evidence
	for side := range 2 {
		ties := c.Result.Ties[side]
		for i := 0; i < len(ties) && i < evidencePerSide; i++ {
			t := ties[i]
			path, summary := tiePath(t.source, orgs[side])
			path.Nodes[0].Name = i18n.Plain(c.person.Name)
			out = append(out, &model.Evidence{Side: sideName(side), OrganisationID: orgs[side].ID, Kind: string(t.Kind),
				Strength: t.Strength, Summary: summary, Path: &path})
		}
		if len(ties) > 0 {
			continue
		}
		if ev := sectorEvidence(c, sectors[side], side, now); ev != nil {
			out = append(out, ev)
		}
	}
	return out
}

func sectorEvidence(c *scoredCandidate, sector model.Sector, side int, now time.Time) *model.Evidence {
	var best *model.StintRow
	var bestYears float64
	for i, st := range c.stints {
		if st.Sector != sector {
			continue
		}
		if y := (Interval{Start: st.Start, End: st.End}).Years(now); best == nil || y > bestYears {
			best, bestYears = &c.stints[i], y
		}
	}
	if best == nil {
		return nil
	}
	b := &pathBuilder{}
	b.node(c.PersonID, labelPerson, c.person.Name).
		node(best.ExperienceID, labelExperience, best.RoleTitle).rel(relHasExperience, true).
		node(best.OrganisationID, labelOrganisation, best.OrganisationName).rel(relAt, true).
		nodeText(string(sector), labelSector, i18n.T(sectorName[sector])).rel(relInSector, true)
	years := SectorYears(stintsOf(c.stints), now)[sector]
	return &model.Evidence{Side: sideName(side), Kind: string(TieSector),
		Strength: SectorStandIn * sat(years, tauSectorFit),
		Summary:  i18n.T(sectorYearsText[sector], years, best.OrganisationName),
		Path:     &b.p}
}

func stintsOf(rows []model.StintRow) []Stint {
	out := make([]Stint, len(rows))
	for i, r := range rows {
		out[i] = Stint{Interval: Interval{Start: r.Start, End: r.End}, Sector: r.Sector, Kind: r.Kind}
	}
	return out
}

func sideName(side int) model.BridgeSide {
	if side == 0 {
		return model.SideA
	}
	return model.SideB
}
