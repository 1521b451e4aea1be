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
func (s *Store) CallCandidates(ctx context.Context, publisherID string, topicIDs []string, sectors []model.Sector, limit int) (*PairingCandidates, map[string]string, error) {
	params := map[string]any{"for": publisherID, "topics": nonNil(topicIDs), "sectors": sectorCodes(sectors), "limit": limit}
	type result struct {
		c       *PairingCandidates
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
		out := result{c: &PairingCandidates{Topics: map[string]*model.Topic{}, TopicDegree: map[string]int{}}, regions: map[string]string{}}
		for _, r := range recs {
			o := NetworkOrganisation{ID: recordValue(r, "id").(string), Sector: model.Sector(recordValue(r, "sector").(string))}
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
