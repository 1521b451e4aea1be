package store

import (
	"context"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

func candidateParams(f model.CandidateFilter, p map[string]any) map[string]any {
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

// TranslatorTies finds every tie of a possible translator to organisation
// a (side 0) or b (side 1): stints there, contributions to collaborations
// it is a partner in, and co-worker links through small organisations
// (at most coworkerMaxOrgSize stints, at both ends) with someone there now.
// In the same statement it reads what the scores of the people it finds
// need (as CandidateScores does), keyed by person id.
func (s *Store) TranslatorTies(ctx context.Context, a, b string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.TieRow, map[string]*model.CandidateProfile, error) {
	params := candidateParams(f, map[string]any{"a": a, "b": b, "maxOrg": coworkerMaxOrgSize})
	type result struct {
		ties   []model.TieRow
		scores map[string]*model.CandidateProfile
	}
	res, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (result, error) {
		rec, err := s.single(ctx, tx, translatorTiesCypher, params)
		if err != nil || rec == nil {
			return result{}, err
		}
		raw := recordList(rec, "ties")
		ties := make([]model.TieRow, 0, len(raw))
		for _, t := range raw {
			x, _ := t.([]any)
			if len(x) != 6 {
				continue
			}
			row := tieFrom(x[1], x[2], x[3], x[4], x[5])
			side, _ := x[0].(int64)
			row.Side = int(side)
			ties = append(ties, row)
		}
		return result{ties, decodeScores(recordList(rec, "scores"))}, nil
	})
	return res.ties, res.scores, err
}

// tieRow decodes a tie's personId, kind, start, end and via columns.
func tieRow(r *neo4j.Record) model.TieRow {
	return tieFrom(recordValue(r, "personId"), recordValue(r, "kind"), recordValue(r, "start"), recordValue(r, "end"),
		recordValue(r, "via"))
}

// tieFrom decodes a tie from its person id, kind, start, end and via: a
// list (not a map, whose keys would cross Bolt once per tie) laid out by
// kind as directTiesOf and translatorTiesCypher write it.
func tieFrom(personID, kind, start, end, via any) model.TieRow {
	row := model.TieRow{}
	row.PersonID, _ = personID.(string)
	row.Kind, _ = kind.(string)
	dates := props{"start": start, "end": end}
	if d := dates.date("start"); d != nil {
		row.Start = *d
	}
	row.End = dates.date("end")
	v, _ := via.([]any)
	str := func(i int) string {
		if i < len(v) {
			s, _ := v[i].(string)
			return s
		}
		return ""
	}
	switch row.Kind {
	case "STINT": // experience id, kind, role title
		row.ExperienceID, row.ExperienceKind, row.RoleTitle = str(0), model.ExperienceKind(str(1)), str(2)
	case "COLLABORATION": // collaboration id, title, contributor role
		row.CollaborationID, row.CollaborationTitle, row.ContributorRole = str(0), str(1), model.ContributorRole(str(2))
	case "COWORKER": // through organisation id and name, own stint there, colleague id and name, their stint there and at the side now
		row.ThroughOrgID, row.ThroughOrgName, row.ThroughExperienceID = str(0), str(1), str(2)
		row.ColleagueID, row.ColleagueName, row.ColleagueThroughExpID, row.ColleagueCurrentExpID = str(3), str(4), str(5), str(6)
	}
	return row
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
func (s *Store) CandidateProfiles(ctx context.Context, personIDs []string) (map[string]*model.CandidateProfile, error) {
	return readKeyed(ctx, s, candidateProfilesCypher, map[string]any{"ids": personIDs}, func(r *neo4j.Record) (string, *model.CandidateProfile) {
		p := personRecord(r)
		cp := &model.CandidateProfile{Person: p, CrossSectorCollaborations: map[string]int{}, Network: decodeNetwork(recordProps(r, "n"))}
		cp.BrokeragePercentile, _ = recordValue(r, "brokerage").(float64)
		for _, raw := range recordList(r, "stints") {
			x := asProps(raw)
			st := model.StintRow{ExperienceID: x.str("id"), RoleTitle: x.str("roleTitle"), OrganisationID: x.str("orgId"),
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
		return p.ID, cp
	})
}

// SectorCandidateScores finds up to limit possible translators with
// experience in both sectors a and b (or, when a = b, in a), those with the
// most days in the weaker of the two first (the stored sector-pair days,
// derived.go), and reads what their scores need: their stints (from the
// stint summary), the cross-sector collaborations with their ratings, and
// the brokerage percentile. Person holds only the id; CandidateProfiles
// loads the rest for the few that make the list.
//
// seen is the Version of a read the caller made just before (empty if
// none). The same sector pair and filter come back on most translator
// queries, so the result is kept with the Version seen before it was read:
// a later call that has seen the same Version again gets it without a
// read, since nothing was committed in between. The profiles returned are
// shared and must not be modified.
func (s *Store) SectorCandidateScores(ctx context.Context, a, b model.Sector, f model.CandidateFilter, limit int, seen model.Version) (map[string]*model.CandidateProfile, error) {
	prop, err := sectorPairProp(a, b)
	if err != nil {
		return nil, err
	}
	key := sectorCandidatesKey{prop: prop, visibilities: strings.Join(visibilityStrings(f.Scope.Visibilities), ","),
		selfID: f.Scope.SelfID, language: f.Language, region: f.Region, limit: limit}
	if seen != "" {
		if kept, ok := s.sectorCandidates.Get(key); ok && kept.version == seen {
			return kept.profiles, nil
		}
	}
	params := candidateParams(f, map[string]any{"limit": limit})
	profiles, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.CandidateProfile, error) {
		rec, err := s.single(ctx, tx, sectorCandidateScoresCypher[prop], params)
		if err != nil || rec == nil {
			return nil, err
		}
		return decodeScores(recordList(rec, "scores")), nil
	})
	if err == nil && seen != "" {
		s.sectorCandidates.Add(key, sectorCandidatesEntry{version: seen, profiles: profiles})
	}
	return profiles, err
}

// sectorCandidatesKey is what a sector-only read depends on.
type sectorCandidatesKey struct {
	prop, visibilities, selfID, language, region string
	limit                                        int
}

type sectorCandidatesEntry struct {
	version  model.Version
	profiles map[string]*model.CandidateProfile
}

// sectorCandidatesKept bounds the sector-only reads kept: ten sector pairs
// times a few visibility scopes, plus callers who also see themselves
// (about 100 KB each).
const sectorCandidatesKept = 256

// decodeScores reads the rows candidateScoreRow makes.
func decodeScores(rows []any) map[string]*model.CandidateProfile {
	out := make(map[string]*model.CandidateProfile, len(rows))
	for _, raw := range rows {
		row, _ := raw.([]any)
		if len(row) != 4 {
			continue
		}
		id, _ := row[0].(string)
		cp := &model.CandidateProfile{Person: &model.Person{ID: id}, CrossSectorCollaborations: map[string]int{}}
		cp.BrokeragePercentile, _ = row[1].(float64)
		summary, _ := row[2].([]any)
		for _, x := range summary {
			text, _ := x.(string)
			if st, ok := parseStintSummary(text); ok {
				cp.Stints = append(cp.Stints, st)
			}
		}
		record, _ := row[3].([]any)
		for _, x := range record {
			pair, _ := x.([]any)
			if len(pair) != 2 {
				continue
			}
			collab, _ := pair[0].(string)
			rating, _ := pair[1].(int64)
			cp.CrossSectorCollaborations[collab] = int(rating)
		}
		out[id] = cp
	}
	return out
}

// parseStintSummary reads one entry of a stint summary,
// "SECTOR|KIND|START|END" with END empty while the stint goes on. It runs
// for every stint of every candidate of a translator query, so it avoids
// strings.Split and time.Parse.
func parseStintSummary(text string) (model.StintRow, bool) {
	sector, rest, ok1 := strings.Cut(text, "|")
	kind, rest, ok2 := strings.Cut(rest, "|")
	start, end, ok3 := strings.Cut(rest, "|")
	if !ok1 || !ok2 || !ok3 {
		return model.StintRow{}, false
	}
	st := model.StintRow{Sector: model.Sector(sector), Kind: model.ExperienceKind(kind)}
	var ok bool
	if st.Start, ok = parseISODate(start); !ok {
		return model.StintRow{}, false
	}
	if end != "" {
		e, ok := parseISODate(end)
		if !ok {
			return model.StintRow{}, false
		}
		st.End = &e
	}
	return st, true
}

// parseISODate reads YYYY-MM-DD as Neo4j's toString(date) writes it.
func parseISODate(s string) (model.Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return model.Date{}, false
	}
	num := func(part string) (int, bool) {
		n := 0
		for _, c := range []byte(part) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return model.Date{}, false
	}
	return model.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// directTiesOf is the body of a subquery over organisation x: a row per
// STINT and COLLABORATION tie of a possible translator to x.
const directTiesOf = `
  MATCH (x)<-[:AT]-(e:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p, p.id AS personId, 'STINT' AS kind, e.startDate AS start, e.endDate AS end,
         [e.id, e.kind, e.roleTitle] AS via
  UNION ALL
  MATCH (x)-[:PARTNER_IN]->(c:Collaboration)<-[r:CONTRIBUTED_TO]-(p:Person)
  WHERE ` + candidateWhere + `
  RETURN p, p.id AS personId, 'COLLABORATION' AS kind, coalesce(c.startDate, date(c.createdAt)) AS start, c.endDate AS end,
         [c.id, c.title, r.role] AS via
`

// coworkerTiesOf is the body of a subquery over organisation x: a row per
// possible translator with a COWORKER tie to x (the best one: the longest
// overlap, then the latest), through small organisations only (at most
// $maxOrg stints, at both ends). It returns the columns of directTiesOf,
// so the two can be joined with UNION ALL.
const coworkerTiesOf = `
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
       ` + coworkerOverlap + `
  // One co-worker tie per person: the longest overlap, then the latest.
  ORDER BY ` + longestOverlapFirst + `
  WITH p, collect({start: start, end: end, o: o, q: q, qx: qx, qe: qe, pe: pe})[0] AS best
  RETURN p, p.id AS personId, 'COWORKER' AS kind, best.start AS start, best.end AS end,
         [best.o.id, best.o.name, best.pe.id, best.q.id, best.q.name, best.qe.id, best.qx.id] AS via
`

const translatorTiesCypher = `
UNWIND [[0, $a], [1, $b]] AS side
MATCH (x:Organisation {id: side[1]})
CALL (x) {` + directTiesOf + `  UNION ALL` + coworkerTiesOf + `}
WITH side[0] AS side, p, personId, kind, start, end, via
ORDER BY side, personId, kind
// One record, not one per tie: a large organisation has thousands of ties,
// and Bolt's cost per record exceeds the tie's own.
WITH collect([side, personId, kind, start, end, via]) AS ties,
     collect(DISTINCT p) AS people
RETURN ties, [n IN people | ` + candidateScoreRow + `] AS scores`

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

// candidateScoreRow is what a score needs of the Person n, as a list:
// id, brokerage percentile (-1 when not computed), stint summary and the
// cross-sector collaborations with their ratings. Rows are collected into
// one record by the statements that use it.
const candidateScoreRow = `[n.id, coalesce(n.netCrossSectorPercentile, -1.0), coalesce(n.` + propStintSummary + `, []),
  [(n)-[:CONTRIBUTED_TO]->(c:Collaboration) WHERE c.` + propPartnerSectors + ` >= 2 |
     [c.id, coalesce(c.evaluationRating, 0)]]]`

// organisationSectorCandidatesCypher finds the possible translators with
// a stint (ongoing or ended) at organisation $org and one at another
// organisation of sector $sector, with what their scores need.
const organisationSectorCandidatesCypher = `
MATCH (x:Organisation {id: $org})<-[:AT]-(:Experience)<-[:HAS_EXPERIENCE]-(p:Person)
WHERE ` + candidateWhere + `
WITH DISTINCT x, p
WHERE EXISTS { (p)-[:HAS_EXPERIENCE]->(:Experience)-[:AT]->(o:Organisation)-[:IN_SECTOR]->(:Sector {code: $sector}) WHERE o <> x }
WITH p AS n
RETURN collect(` + candidateScoreRow + `) AS scores`

// OrganisationSectorCandidateScores returns the profiles (for scoring) of
// the possible translators who have worked at organisation orgID and at
// another organisation of sector: who could bridge it to that sector.
func (s *Store) OrganisationSectorCandidateScores(ctx context.Context, orgID string, sector model.Sector, f model.CandidateFilter) (map[string]*model.CandidateProfile, error) {
	params := candidateParams(f, map[string]any{"org": orgID, "sector": string(sector)})
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.CandidateProfile, error) {
		rec, err := s.single(ctx, tx, organisationSectorCandidatesCypher, params)
		if err != nil || rec == nil {
			return nil, err
		}
		return decodeScores(recordList(rec, "scores")), nil
	})
}

// coworkerOverlap are the start and end of the time two stints pe and qe
// at one organisation overlapped (end null: both still running); the
// co-worker ties of translators and of call partners share it.
const coworkerOverlap = `CASE WHEN pe.startDate > qe.startDate THEN pe.startDate ELSE qe.startDate END AS start,
       CASE WHEN pe.endDate IS NULL THEN qe.endDate WHEN qe.endDate IS NULL THEN pe.endDate
            WHEN pe.endDate < qe.endDate THEN pe.endDate ELSE qe.endDate END AS end`

// longestOverlapFirst orders co-worker ties by coworkerOverlap: the
// longest overlap, then the latest, then by ids for a stable choice.
const longestOverlapFirst = `duration.inDays(start, coalesce(end, date())).days DESC, coalesce(end, date()) DESC, q.id, o.id`
