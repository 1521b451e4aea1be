package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/model"
)

// CallCandidates lists the organisations a partnership call could find:
// the publisher first, then up to limit organisations interested in at
// least one of topicIDs (in one of sectors, when given), those sharing
// most of the topics first, then by id. Left out are the publisher and
// the organisations already partners of the publisher in a collaboration
// about one of the topics. Each comes with its region and topics; the
// topics with the number of organisations interested in each. One read
// transaction, two statements; nothing when the publisher does not exist.
func (s *Store) CallCandidates(ctx context.Context, publisherID string, topicIDs []string, sectors []model.Sector, limit int) (*model.PairingCandidates, map[string]string, error) {
	params := map[string]any{"for": publisherID, "topics": nonNil(topicIDs), "sectors": sectorCodes(sectors), "limit": limit}
	type result struct {
		c       *model.PairingCandidates
		regions map[string]string
	}
	res, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (result, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (x:Organisation {id: $for})
CALL (x) {
  RETURN x AS o, 0 AS rank, 0 AS shared
  UNION
  MATCH (t:Topic)<-[:INTERESTED_IN]-(o:Organisation)
  WHERE t.id IN $topics AND o <> x
    AND (size($sectors) = 0 OR EXISTS { (o)-[:IN_SECTOR]->(s:Sector) WHERE s.code IN $sectors })
    AND NOT EXISTS { (x)-[:PARTNER_IN]->(c:Collaboration)<-[:PARTNER_IN]-(o)
                     WHERE EXISTS { (c)-[:ABOUT]->(ct:Topic) WHERE ct.id IN $topics } }
  WITH o, count(DISTINCT t) AS shared
  RETURN o, 1 AS rank, shared
  ORDER BY shared DESC, o.id LIMIT $limit
}
MATCH (o)-[:IN_SECTOR]->(s:Sector)
RETURN o.id AS id, o.name AS name, o.region AS region, s.code AS sector,
       [(o)-[:INTERESTED_IN]->(t:Topic) | t.id] AS topics
ORDER BY rank, shared DESC, id`, params)
		if err != nil {
			return result{}, err
		}
		out := result{c: &model.PairingCandidates{Topics: map[string]*model.Topic{}, TopicDegree: map[string]int{}}, regions: map[string]string{}}
		for _, r := range recs {
			o := model.NetworkOrganisation{ID: recordValue(r, "id").(string), Sector: model.Sector(recordValue(r, "sector").(string))}
			o.Name, _ = recordValue(r, "name").(string)
			out.regions[o.ID], _ = recordValue(r, "region").(string)
			for _, t := range recordList(r, "topics") {
				o.TopicIDs = append(o.TopicIDs, t.(string))
			}
			out.c.Organisations = append(out.c.Organisations, o)
		}
		recs, err = s.collect(ctx, tx, `
MATCH (t:Topic) WHERE t.id IN $topics
RETURN t {.*} AS t, COUNT { (t)<-[:INTERESTED_IN]-(:Organisation) } AS degree`, params)
		if err != nil {
			return result{}, err
		}
		for _, r := range recs {
			t := decodeTopic(recordProps(r, "t"))
			out.c.Topics[t.ID] = t
			d, _ := recordValue(r, "degree").(int64)
			out.c.TopicDegree[t.ID] = int(d)
		}
		return out, nil
	})
	return res.c, res.regions, err
}

// TiesFromAnchor finds the possible translators between organisation
// anchor and each of orgIDs: the people with a stint, collaboration or
// co-worker tie (as TranslatorTies finds them, co-worker links through
// organisations of at most coworkerMaxOrgSize stints; 0 looks for none,
// which costs far less) to anchor and to at
// least one of orgIDs, with all those ties. It starts from the anchor's
// people, so its cost grows with them and their own stints, not with the
// number of organisations (TiesToSeveral reads the ties of every
// organisation it is given).
func (s *Store) TiesFromAnchor(ctx context.Context, anchor string, orgIDs []string, f model.CandidateFilter, coworkerMaxOrgSize int) ([]model.OrgTieRow, error) {
	params := candidateParams(f, map[string]any{"anchor": anchor, "orgs": nonNil(orgIDs), "maxOrg": coworkerMaxOrgSize})
	anchorTies, otherCoworkers := directTiesOf, ""
	if coworkerMaxOrgSize > 0 {
		anchorTies += "  UNION ALL" + coworkerTiesOf
		otherCoworkers = coworkersOfOthers
	}
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.OrgTieRow, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (x:Organisation {id: $anchor})
CALL (x) {`+anchorTies+`}
WITH p, collect({org: x.id, kind: kind, start: start, end: end, via: via}) AS anchorTies
CALL (p) {
  MATCH (p)-[:HAS_EXPERIENCE]->(e:Experience)-[:AT]->(o:Organisation)
  WHERE o.id IN $orgs
  RETURN {org: o.id, kind: 'STINT', start: e.startDate, end: e.endDate, via: [e.id, e.kind, e.roleTitle]} AS tie
  UNION ALL
  MATCH (p)-[r:CONTRIBUTED_TO]->(c:Collaboration)<-[:PARTNER_IN]-(o:Organisation)
  WHERE o.id IN $orgs
  RETURN {org: o.id, kind: 'COLLABORATION', start: coalesce(c.startDate, date(c.createdAt)), end: c.endDate,
          via: [c.id, c.title, r.role]} AS tie
`+otherCoworkers+`}
WITH p, anchorTies, collect(tie) AS otherTies
WHERE size(otherTies) > 0
UNWIND anchorTies + otherTies AS t
RETURN t.org AS org, p.id AS personId, t.kind AS kind, t.start AS start, t.end AS end, t.via AS via
ORDER BY org, personId, kind`, params)
		if err != nil {
			return nil, err
		}
		return orgTieRows(recs), nil
	})
}

// coworkersOfOthers is a branch of TiesFromAnchor's subquery over a
// person p: their co-worker ties to the others, as coworkerTiesOf finds
// them, from p's side.
const coworkersOfOthers = `
  UNION ALL
  // Co-worker ties to the others, as coworkerTiesOf finds them, from p's
  // side: p overlapped at a small organisation o with q, who is at one of
  // the others (x, small too) now; the best tie per organisation.
  MATCH (p)-[:HAS_EXPERIENCE]->(pe:Experience)-[:AT]->(o:Organisation)
  WHERE COUNT { (o)<-[:AT]-() } <= $maxOrg
  MATCH (o)<-[:AT]-(qe:Experience)<-[:HAS_EXPERIENCE]-(q:Person)
  WHERE q <> p AND pe.startDate <= coalesce(qe.endDate, date()) AND qe.startDate <= coalesce(pe.endDate, date())
    AND (q.visibility IN $visibilities OR q.id = $selfId)
  MATCH (q)-[:HAS_EXPERIENCE]->(qx:Experience)-[:AT]->(x:Organisation)
  WHERE x.id IN $orgs AND x <> o AND (qx.endDate IS NULL OR qx.endDate >= date()) AND COUNT { (x)<-[:AT]-() } <= $maxOrg
  WITH x, q, qx, qe, pe, o,
       ` + coworkerOverlap + `
  ORDER BY ` + longestOverlapFirst + `
  WITH x, collect({start: start, end: end, o: o, q: q, qx: qx, qe: qe, pe: pe})[0] AS best
  RETURN {org: x.id, kind: 'COWORKER', start: best.start, end: best.end,
          via: [best.o.id, best.o.name, best.pe.id, best.q.id, best.q.name, best.qe.id, best.qx.id]} AS tie
`

// CollaborationNetwork reads every collaboration with two or more partners
// (as CollaborationComponent does a part of them) and the Version it saw,
// for callers that keep the network between requests.
func (s *Store) CollaborationNetwork(ctx context.Context) ([]model.NetworkCollaboration, model.Version, error) {
	return readTxVersion(ctx, s, func(tx neo4j.ManagedTransaction) ([]model.NetworkCollaboration, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (c:Collaboration) WHERE COUNT { (c)<-[:PARTNER_IN]-(:Organisation) } >= 2
RETURN `+networkCollaborationFields+`
ORDER BY id`, nil)
		if err != nil {
			return nil, err
		}
		out := make([]model.NetworkCollaboration, len(recs))
		for i, r := range recs {
			out[i] = decodeNetworkCollaboration(r)
		}
		return out, nil
	})
}
