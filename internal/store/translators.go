package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// CandidateFilter says which people may be suggested as translators: only
// those open to bridging, visible in Scope, and matching the optional
// language and region.
type CandidateFilter struct {
	Scope    model.PersonScope
	Language string
	Region   string
}

func (f CandidateFilter) params(p map[string]any) map[string]any {
	p["visibilities"] = visibilityStrings(f.Scope.Visibilities)
	p["selfId"] = f.Scope.SelfID
	p["language"] = nullable(f.Language)
	p["region"] = nullable(f.Region)
	return p
}

// candidateWhere qualifies a person p as a possible translator.
const candidateWhere = `p.openToBridging = true
    AND (p.visibility IN $visibilities OR p.id = $selfId)
    AND ($language IS NULL OR $language IN p.languages)
    AND ($region IS NULL OR p.region = $region)`

// TieRow is one tie of a candidate to one of the two organisations, with
// the ids and names of the path it rests on.
type TieRow struct {
	Side     int // 0 for the first organisation, 1 for the second
	PersonID string
	Kind     string // STINT, COLLABORATION or COWORKER
	Start    model.Date
	End      *model.Date

	// STINT: the person's experience at the organisation.
	ExperienceID   string
	ExperienceKind model.ExperienceKind
	RoleTitle      string
	// COLLABORATION: the collaboration and the person's role in it.
	CollaborationID    string
	CollaborationTitle string
	ContributorRole    model.ContributorRole
	// COWORKER: the organisation where they overlapped, the person's and
	// the colleague's stints there, the colleague and their current stint
	// at the side's organisation.
	ThroughOrgID          string
	ThroughOrgName        string
	ThroughExperienceID   string
	ColleagueID           string
	ColleagueName         string
	ColleagueThroughExpID string
	ColleagueCurrentExpID string
}

// TranslatorTies finds every tie of a possible translator to organisation
// a (side 0) or b (side 1): stints there, contributions to collaborations
// it is a partner in, and co-worker links through small organisations
// (at most coworkerMaxOrgSize stints, at both ends) with someone there now.
func (s *Store) TranslatorTies(ctx context.Context, a, b string, f CandidateFilter, coworkerMaxOrgSize int) ([]TieRow, error) {
	params := f.params(map[string]any{"a": a, "b": b, "maxOrg": coworkerMaxOrgSize})
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]TieRow, error) {
		recs, err := s.collect(ctx, tx, translatorTiesCypher, params)
		if err != nil {
			return nil, err
		}
		out := make([]TieRow, 0, len(recs))
		for _, r := range recs {
			row := tieRow(r)
			side, _ := recordValue(r, "side").(int64)
			row.Side = int(side)
			out = append(out, row)
		}
		return out, nil
	})
}

// tieRow decodes a tie's personId, kind, start, end and via columns.
func tieRow(r *neo4j.Record) TieRow {
	via := recordProps(r, "via")
	row := TieRow{
		PersonID: recordValue(r, "personId").(string), Kind: recordValue(r, "kind").(string),
		ExperienceID: via.str("experienceId"), ExperienceKind: model.ExperienceKind(via.str("experienceKind")),
		RoleTitle: via.str("roleTitle"), CollaborationID: via.str("collaborationId"),
		CollaborationTitle: via.str("collaborationTitle"), ContributorRole: model.ContributorRole(via.str("role")),
		ThroughOrgID: via.str("throughOrgId"), ThroughOrgName: via.str("throughOrgName"),
		ThroughExperienceID: via.str("throughExperienceId"), ColleagueID: via.str("colleagueId"),
		ColleagueName: via.str("colleagueName"), ColleagueThroughExpID: via.str("colleagueThroughExpId"),
		ColleagueCurrentExpID: via.str("colleagueCurrentExpId"),
	}
	rp := props{"start": recordValue(r, "start"), "end": recordValue(r, "end")}
	if d := rp.date("start"); d != nil {
		row.Start = *d
	}
	row.End = rp.date("end")
	return row
}

// StintRow is a stint as the translator score needs it.
type StintRow struct {
	ExperienceID     string
	RoleTitle        string
	OrganisationID   string
	OrganisationName string
	Sector           model.Sector
	Kind             model.ExperienceKind
	Start            model.Date
	End              *model.Date
}

// CandidateProfile is what a candidate's score needs beyond their ties.
type CandidateProfile struct {
	Person *model.Person
	Stints []StintRow
	// CrossSectorCollaborations the person contributed to, with their
	// evaluation rating (0 when not evaluated).
	CrossSectorCollaborations map[string]int
	// BrokeragePercentile from `tulkki analyze`; negative when absent.
	BrokeragePercentile float64
	// Network holds all of `tulkki analyze`'s measures; nil when absent.
	Network *model.NetworkMeasures
}

// Person properties written by `tulkki analyze` (see SaveNetworkMeasures).
const (
	propBetweenness   = "netBetweenness"
	propCrossSector   = "netCrossSectorBetweenness"
	propPercentile    = "netCrossSectorPercentile"
	propConstraint    = "netConstraint"
	propEffectiveSize = "netEffectiveSize"
	propCoordinator   = "netCoordinator"
	propItinerant     = "netItinerant"
	propGatekeeper    = "netGatekeeperRepresentative"
	propLiaison       = "netLiaison"
	propSampled       = "netSampled"
	propComputedAt    = "netComputedAt"
)

func decodeNetwork(p props) *model.NetworkMeasures {
	if _, ok := p[propComputedAt]; !ok {
		return nil
	}
	float := func(key string) *float64 {
		v, ok := p[key].(float64)
		if !ok {
			return nil
		}
		return &v
	}
	n := &model.NetworkMeasures{
		Constraint: float(propConstraint), EffectiveSize: float(propEffectiveSize),
		Sampled: p.boolean(propSampled), ComputedAt: p.time(propComputedAt),
		Brokerage: model.BrokerageRoles{Coordinator: p.integer(propCoordinator), Itinerant: p.integer(propItinerant),
			GatekeeperRepresentative: p.integer(propGatekeeper), Liaison: p.integer(propLiaison)},
	}
	n.Betweenness, _ = p[propBetweenness].(float64)
	n.CrossSectorBetweenness, _ = p[propCrossSector].(float64)
	n.CrossSectorPercentile, _ = p[propPercentile].(float64)
	return n
}

// CandidateProfiles loads the profiles of many candidates in one query.
func (s *Store) CandidateProfiles(ctx context.Context, personIDs []string) (map[string]*CandidateProfile, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*CandidateProfile, error) {
		recs, err := s.collect(ctx, tx, candidateProfilesCypher, map[string]any{"ids": personIDs})
		if err != nil {
			return nil, err
		}
		out := make(map[string]*CandidateProfile, len(recs))
		for _, r := range recs {
			p := personRecord(r)
			cp := &CandidateProfile{Person: p, CrossSectorCollaborations: map[string]int{}, Network: decodeNetwork(recordProps(r, "n"))}
			cp.BrokeragePercentile, _ = recordValue(r, "brokerage").(float64)
			for _, raw := range recordList(r, "stints") {
				x := asProps(raw)
				st := StintRow{ExperienceID: x.str("id"), RoleTitle: x.str("roleTitle"), OrganisationID: x.str("orgId"),
					OrganisationName: x.str("orgName"), Sector: model.Sector(x.str("sector")),
					Kind: model.ExperienceKind(x.str("kind")), End: x.date("end")}
				if d := x.date("start"); d != nil {
					st.Start = *d
				}
				cp.Stints = append(cp.Stints, st)
			}
			for _, raw := range recordList(r, "record") {
				x := asProps(raw)
				cp.CrossSectorCollaborations[x.str("id")] = x.integer("rating")
			}
			out[p.ID] = cp
		}
		return out, nil
	})
}

// CandidateScores loads what the scores of many candidates need, and only
// that: each stint's sector, kind and dates, the cross-sector
// collaborations with their ratings, and the brokerage percentile. The
// person record and the stints' names and ids (for display and evidence)
// are left out; CandidateProfiles loads them for the few that make the
// list. Person holds only the id.
func (s *Store) CandidateScores(ctx context.Context, personIDs []string) (map[string]*CandidateProfile, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*CandidateProfile, error) {
		recs, err := s.collect(ctx, tx, candidateScoresCypher, map[string]any{"ids": personIDs})
		if err != nil {
			return nil, err
		}
		return decodeScores(recs), nil
	})
}

// SectorCandidateScores is SectorCandidates and CandidateScores of the
// people it finds in one statement (one round trip fewer on the query's
// critical path).
func (s *Store) SectorCandidateScores(ctx context.Context, a, b model.Sector, f CandidateFilter, except []string, limit int) (map[string]*CandidateProfile, error) {
	prop, err := sectorPairProp(a, b)
	if err != nil {
		return nil, err
	}
	params := f.params(map[string]any{"except": nonNil(except), "limit": limit})
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*CandidateProfile, error) {
		recs, err := s.collect(ctx, tx, sectorCandidateScoresCypher[prop], params)
		if err != nil {
			return nil, err
		}
		return decodeScores(recs), nil
	})
}

func decodeScores(recs []*neo4j.Record) map[string]*CandidateProfile {
	out := make(map[string]*CandidateProfile, len(recs))
	for _, r := range recs {
		id := recordValue(r, "id").(string)
		cp := &CandidateProfile{Person: &model.Person{ID: id}, CrossSectorCollaborations: map[string]int{}}
		cp.BrokeragePercentile, _ = recordValue(r, "brokerage").(float64)
		for _, raw := range recordList(r, "stints") {
			x, _ := raw.([]any)
			if len(x) != 4 {
				continue
			}
			st := StintRow{}
			sector, _ := x[0].(string)
			kind, _ := x[1].(string)
			st.Sector, st.Kind = model.Sector(sector), model.ExperienceKind(kind)
			dates := props{"start": x[2], "end": x[3]}
			if d := dates.date("start"); d != nil {
				st.Start = *d
			}
			st.End = dates.date("end")
			cp.Stints = append(cp.Stints, st)
		}
		for _, raw := range recordList(r, "record") {
			x, _ := raw.([]any)
			if len(x) != 2 {
				continue
			}
			collab, _ := x[0].(string)
			rating, _ := x[1].(int64)
			cp.CrossSectorCollaborations[collab] = int(rating)
		}
		out[id] = cp
	}
	return out
}

// SectorCandidates lists up to limit possible translators with experience
// in both sectors a and b (or, when a = b, in a), those with the most days
// in the weaker of the two first, leaving out the ids in except. It reads
// the stored sector-pair days (sectordays.go) in index order.
func (s *Store) SectorCandidates(ctx context.Context, a, b model.Sector, f CandidateFilter, except []string, limit int) ([]string, error) {
	prop, err := sectorPairProp(a, b)
	if err != nil {
		return nil, err
	}
	params := f.params(map[string]any{"except": nonNil(except), "limit": limit})
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := s.collect(ctx, tx, sectorCandidatesCypher[prop], params)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = recordValue(r, "id").(string)
		}
		return ids, nil
	})
}

// directTiesOf is the body of a subquery over organisation x: a row per
// STINT and COLLABORATION tie of a possible translator to x.
const directTiesOf = `
  MATCH (x)<-[:AT]-(e:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p.id AS personId, 'STINT' AS kind, e.startDate AS start, e.endDate AS end,
         {experienceId: e.id, experienceKind: e.kind, roleTitle: e.roleTitle} AS via
  UNION ALL
  MATCH (x)-[:PARTNER_IN]->(c:Collaboration)<-[r:CONTRIBUTED_TO]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p.id AS personId, 'COLLABORATION' AS kind, coalesce(c.startDate, date(c.createdAt)) AS start, c.endDate AS end,
         {collaborationId: c.id, collaborationTitle: c.title, role: r.role} AS via
`

const translatorTiesCypher = `
UNWIND [[0, $a], [1, $b]] AS side
MATCH (x:Organisation {id: side[1]})
CALL (x) {` + directTiesOf + `  UNION ALL
  MATCH (x)<-[:AT]-(qx:Experience)<-[:HAS_EXPERIENCE]-(q:Person)
  WHERE COUNT { (x)<-[:AT]-() } <= $maxOrg
    AND (qx.endDate IS NULL OR qx.endDate >= date())
    AND (q.visibility IN $visibilities OR q.id = $selfId)
  MATCH (q)-[:HAS_EXPERIENCE]->(qe:Experience)-[:AT]->(o:Organisation)
  WHERE o <> x AND COUNT { (o)<-[:AT]-() } <= $maxOrg
  // A subquery so that the planner expands from o (at most maxOrg stints)
  // rather than joining against a scan of every Person.
  CALL (o, q, qe) {
    MATCH (o)<-[:AT]-(pe:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
    WHERE p <> q AND pe.startDate <= coalesce(qe.endDate, date()) AND qe.startDate <= coalesce(pe.endDate, date())
      AND ` + candidateWhere + `
    RETURN p, pe
  }
  WITH p, q, qx, qe, pe, o,
       CASE WHEN pe.startDate > qe.startDate THEN pe.startDate ELSE qe.startDate END AS start,
       CASE WHEN pe.endDate IS NULL THEN qe.endDate WHEN qe.endDate IS NULL THEN pe.endDate
            WHEN pe.endDate < qe.endDate THEN pe.endDate ELSE qe.endDate END AS end
  // One co-worker tie per person: the longest overlap, then the latest.
  ORDER BY duration.inDays(start, coalesce(end, date())).days DESC, coalesce(end, date()) DESC, q.id, o.id
  WITH p, collect({start: start, end: end, o: o, q: q, qx: qx, qe: qe, pe: pe})[0] AS best
  RETURN p.id AS personId, 'COWORKER' AS kind, best.start AS start, best.end AS end,
         {throughOrgId: best.o.id, throughOrgName: best.o.name, throughExperienceId: best.pe.id,
          colleagueId: best.q.id, colleagueName: best.q.name, colleagueThroughExpId: best.qe.id,
          colleagueCurrentExpId: best.qx.id} AS via
}
RETURN side[0] AS side, personId, kind, start, end, via
ORDER BY side, personId, kind`

const candidateProfilesCypher = `
MATCH (n:Person) WHERE n.id IN $ids
RETURN n {.*} AS n,
  coalesce(n.netCrossSectorPercentile, -1.0) AS brokerage,
  [(n)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)-[:IN_SECTOR]->(s:Sector) |
     {id: e.id, roleTitle: e.roleTitle, orgId: o.id, orgName: o.name, sector: s.code, kind: e.kind,
      start: e.startDate, end: e.endDate}] AS stints,
  [(n)-[:CONTRIBUTED_TO]->(c:Collaboration)
     WHERE size(COLLECT { MATCH (c)<-[:PARTNER_IN]-(:Organisation)-[:IN_SECTOR]->(sec:Sector) RETURN DISTINCT sec.code }) >= 2 |
     {id: c.id, rating: coalesce(c.evaluationRating, 0)}] AS record`

// candidateScoresCypher leaves the labels off the stints' path: from a
// Person, HAS_EXPERIENCE, AT and IN_SECTOR lead only to an Experience, an
// Organisation and a Sector (docs/model.md), and each label test is a db
// hit per stint.
const candidateScoresCypher = `
MATCH (n:Person) WHERE n.id IN $ids
RETURN ` + candidateScoresReturn

// candidateScoresReturn projects what a score needs of the Person n.
const candidateScoresReturn = `n.id AS id,
  coalesce(n.netCrossSectorPercentile, -1.0) AS brokerage,
  [(n)-[:HAS_EXPERIENCE]->(e)-[:AT]->(o)-[:IN_SECTOR]->(s) |
     [s.code, e.kind, e.startDate, e.endDate]] AS stints,
  [(n)-[:CONTRIBUTED_TO]->(c:Collaboration)
     WHERE size(COLLECT { MATCH (c)<-[:PARTNER_IN]-(:Organisation)-[:IN_SECTOR]->(sec:Sector) RETURN DISTINCT sec.code }) >= 2 |
     [c.id, coalesce(c.evaluationRating, 0)]] AS record`
