package store

// Values derived from the graph and stored where the translator queries
// read them: people's sector-pair days and stint summaries, collaborations'
// partner-sector counts. Each is refreshed in the transaction of every
// write that can change it.

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// Sector-pair days: for every unordered pair of sectors {a, b} (a = b
// included) a person with experience in both carries
//
//	sectorPairDays_<a>_<b> = min(days in a, days in b)
//
// (days: the sum of their stints' lengths there, an ongoing stint counted to
// the day of the refresh), and no such property without experience in
// both. A range index on each (migration 7) turns "people with experience
// in both sectors, most days in the weaker first" — the translators'
// sector-only fallback — into an index-ordered read of the top few hundred
// instead of an aggregation over every stint in two sectors.
//
// The values are refreshed in the transaction of every write that changes a
// person's stints (AddExperience, UpdateExperience, RemoveExperience,
// Import) or an organisation's sector (UpdateOrganisation), and for
// everyone by `tulkki analyze`; an ongoing stint's days catch up at the
// next refresh.
// They only choose which sector-only candidates are scored.
//
// The same refresh writes the person's stint summary (propStintSummary):
// one string per stint, "SECTOR|KIND|START|END" (END empty while ongoing),
// exactly what a translator score needs of the stints. Scoring a candidate
// then reads one property instead of walking person → experience →
// organisation → sector for every stint, and since the summary keeps the
// dates, not durations, scores computed from it are exact on any day: an
// ongoing stint is measured to today when scored.
const propStintSummary = "stintSummary"

// Partner sectors: a collaboration carries propPartnerSectors, the number
// of distinct sectors among its partners, so that a translator's track
// record (collaborations spanning two or more sectors, docs/scoring.md §3)
// reads one property per collaboration instead of walking every partner to
// its sector. Partners are set only when a collaboration is created or
// imported; those writes and an organisation's sector change refresh it.
const propPartnerSectors = "partnerSectorCount"

// refreshPartnerSectors is a unit subquery that recomputes the partner
// sectors of the collaboration bound to c.
const refreshPartnerSectors = `
CALL (c) {
  OPTIONAL MATCH (c)<-[:PARTNER_IN]-(:Organisation)-[:IN_SECTOR]->(s:Sector)
  WITH count(DISTINCT s) AS sectors
  SET c.` + propPartnerSectors + ` = sectors
}`

// refreshLastPhaseChange is a unit subquery that sets lastPhaseChangeAt of
// the collaboration bound to c from its newest phase change (its creation
// when it has none).
const refreshLastPhaseChange = `
CALL (c) {
  SET c.lastPhaseChangeAt = coalesce(
    COLLECT { MATCH (c)-[:HAD_PHASE]->(h:PhaseChange) RETURN h.at ORDER BY h.seq DESC LIMIT 1 }[0], c.createdAt)
}`

// refreshLastPhaseChangeByID recomputes lastPhaseChangeAt of the
// collaborations whose ids are $ids (imports write whole histories).
const refreshLastPhaseChangeByID = `
UNWIND $ids AS id
MATCH (c:Collaboration {id: id})` + refreshLastPhaseChange

// refreshPartnerSectorsByID recomputes the partner sectors of the
// collaborations whose ids are $ids.
const refreshPartnerSectorsByID = `
UNWIND $ids AS id
MATCH (c:Collaboration {id: id})` + refreshPartnerSectors

// sectorPairProp names the property of the pair {a, b} in canonical order.
func sectorPairProp(a, b model.Sector) (string, error) {
	ia, ib := sectorIndex(a), sectorIndex(b)
	if ia < 0 || ib < 0 {
		return "", fmt.Errorf("sector pair %q, %q: unknown sector", a, b)
	}
	if ia > ib {
		a, b = b, a
	}
	return "sectorPairDays_" + string(a) + "_" + string(b), nil
}

func sectorIndex(s model.Sector) int {
	for i, x := range model.AllSectors {
		if x == s {
			return i
		}
	}
	return -1
}

// sectorPairs lists every unordered pair of sectors, a = b included.
func sectorPairs() [][2]model.Sector {
	var out [][2]model.Sector
	for i, a := range model.AllSectors {
		for _, b := range model.AllSectors[i:] {
			out = append(out, [2]model.Sector{a, b})
		}
	}
	return out
}

// refreshStintValues is a unit subquery that recomputes the sector-pair days
// and the stint summary of the person bound to p. Its text is built once from the fixed list of
// sectors, never from input.
var refreshStintValues = func() string {
	b := &strings.Builder{}
	// Stints in a fixed order (start, then id), so that the summary is the
	// same list however the stints were written.
	b.WriteString(`
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(:Organisation)-[:IN_SECTOR]->(s:Sector)
  WITH s, e ORDER BY e.startDate, e.id
  WITH collect(s.code + '|' + e.kind + '|' + toString(e.startDate) + '|' + coalesce(toString(e.endDate), '')) AS summary,
       collect({sector: s.code, days: duration.inDays(e.startDate, coalesce(e.endDate, date())).days}) AS stintDays
  SET p.` + propStintSummary + ` = summary
  WITH `)
	for i, s := range model.AllSectors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "[x IN stintDays WHERE x.sector = '%s' | x.days] AS days_%s", s, s)
	}
	b.WriteString("\n  WITH ")
	for i, s := range model.AllSectors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "CASE WHEN size(days_%s) = 0 THEN null ELSE reduce(t = 0, d IN days_%s | t + d) END AS d_%s", s, s, s)
	}
	b.WriteString("\n  SET ")
	for i, pair := range sectorPairs() {
		if i > 0 {
			b.WriteString(",\n      ")
		}
		prop, _ := sectorPairProp(pair[0], pair[1])
		a, c := "d_"+string(pair[0]), "d_"+string(pair[1])
		if pair[0] == pair[1] {
			fmt.Fprintf(b, "p.%s = %s", prop, a)
			continue
		}
		fmt.Fprintf(b, "p.%s = CASE WHEN %s IS NULL OR %s IS NULL THEN null WHEN %s < %s THEN %s ELSE %s END", prop, a, c, a, c, a, c)
	}
	b.WriteString("\n}")
	return b.String()
}()

// sectorPairIndexes creates the range index of each sector-pair property.
func sectorPairIndexes() []string {
	var out []string
	for _, pair := range sectorPairs() {
		prop, _ := sectorPairProp(pair[0], pair[1])
		out = append(out, fmt.Sprintf("CREATE RANGE INDEX person_%s IF NOT EXISTS FOR (n:Person) ON (n.%s)", strings.ToLower(prop), prop))
	}
	return out
}

// translatorCountIndexes are composite indexes that let the ecosystem's
// sector matrix count, per sector pair, the people open to bridging of the
// visibilities a caller may see from the index alone (about 10 ms for
// 22,000 people, against 90 ms reading each person's properties).
func translatorCountIndexes() []string {
	var out []string
	for _, pair := range sectorPairs() {
		prop, _ := sectorPairProp(pair[0], pair[1])
		out = append(out, fmt.Sprintf("CREATE RANGE INDEX person_bridging_%s IF NOT EXISTS FOR (n:Person) ON (n.openToBridging, n.visibility, n.%s)",
			strings.ToLower(prop), prop))
	}
	return out
}

// refreshStintValuesByID recomputes the sector-pair days and stint
// summaries of the people whose ids are $ids.
var refreshStintValuesByID = `
UNWIND $ids AS id
MATCH (p:Person {id: id})` + refreshStintValues

// refreshStintValuesOf recomputes the sector-pair days and stint
// summaries of the given people inside tx.
func (s *Store) refreshStintValuesOf(ctx context.Context, tx neo4j.ManagedTransaction, personIDs []string) error {
	_, err := s.collect(ctx, tx, refreshStintValuesByID, map[string]any{"ids": personIDs})
	if err != nil {
		return fmt.Errorf("refresh stint values: %w", err)
	}
	return nil
}

// sectorCandidatesMatch holds, per sector pair, the start of the
// sector-only candidates' statement: the limit people with the most days in
// the weaker sector who may be suggested, read from that pair's index in
// descending order.
var sectorCandidatesMatch = func() map[string]string {
	out := map[string]string{}
	for _, pair := range sectorPairs() {
		prop, _ := sectorPairProp(pair[0], pair[1])
		// The visibility test is a CASE, not candidateWhere's OR: an OR
		// makes the planner read the index twice (once per branch) and
		// sort, where one descending index scan can stop after limit rows.
		out[prop] = `
MATCH (p:Person) WHERE p.` + prop + ` IS NOT NULL
  AND p.openToBridging = true
  AND CASE WHEN p.id = $selfId THEN true ELSE p.visibility IN $visibilities END
  AND ($language IS NULL OR $language IN p.languages)
  AND ($region IS NULL OR p.region = $region)
WITH p ORDER BY p.` + prop + ` DESC, p.id LIMIT $limit`
	}
	return out
}()

// sectorCandidateScoresCypher holds, per sector pair, the statement of
// SectorCandidateScores: the index read, then the score rows of the limit
// people it keeps, in one record.
var sectorCandidateScoresCypher = func() map[string]string {
	out := map[string]string{}
	for prop, match := range sectorCandidatesMatch {
		out[prop] = match + `
WITH p AS n
RETURN collect(` + candidateScoreRow + `) AS scores`
	}
	return out
}()
