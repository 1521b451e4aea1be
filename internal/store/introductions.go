package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Introductions through translators:
//
//	(:Introduction {id, key, translatorId, fromId, toId, callId, message, status, requestedBy, connectedBy,
//	    createdAt, updatedAt, expiresAt, historyStatus, historyAt, historyBy})
//	(:Introduction)-[:TRANSLATOR]->(:Person)
//	(:Introduction)-[:FROM]->(:Organisation), (:Introduction)-[:TO]->(:Organisation)
//	(:Introduction)-[:FOR_CALL]->(:PartnershipCall)
//
// key is fromId|translatorId|toId. The history is three parallel lists
// (one entry per transition), written in the transaction that makes the
// transition. An open introduction past expiresAt reads as EXPIRED
// (introStatus), as calls read CLOSED.

const introStatus = `CASE WHEN n.status IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR'] AND n.expiresAt <= $now THEN 'EXPIRED' ELSE n.status END`

const introReturn = `n {.*, status: ` + introStatus + `}`

func decodeIntroduction(p props) *model.Introduction {
	i := &model.Introduction{
		ID: p.str("id"), TranslatorID: p.str("translatorId"), FromOrganisationID: p.str("fromId"), ToOrganisationID: p.str("toId"),
		CallID: p.str("callId"), Message: p.str("message"), Status: model.IntroductionStatus(p.str("status")),
		RequestedBy: p.str("requestedBy"), ConnectedBy: p.str("connectedBy"),
		CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"), ExpiresAt: p.time("expiresAt"),
	}
	statuses, bys := p.strings("historyStatus"), p.strings("historyBy")
	ats, _ := p["historyAt"].([]any)
	for k, st := range statuses {
		e := &model.IntroductionEvent{Status: model.IntroductionStatus(st)}
		if k < len(ats) {
			e.At, _ = ats[k].(time.Time)
			e.At = e.At.UTC()
		}
		if k < len(bys) {
			e.By = bys[k]
		}
		i.History = append(i.History, e)
	}
	if i.Status == model.IntroExpired && (len(i.History) == 0 || i.History[len(i.History)-1].Status != model.IntroExpired) {
		i.History = append(i.History, &model.IntroductionEvent{Status: model.IntroExpired, At: i.ExpiresAt})
	}
	return i
}

func readIntroduction(raw any) *model.Introduction { return decodeIntroduction(asProps(raw)) }

// RequestIntroduction stores a new REQUESTED introduction, checking in the
// same transaction, with the translator locked so that concurrent
// requests are counted one after the other: the translator is open to
// bridging (FORBIDDEN otherwise, with the same words as for nobody), not
// busy, no open request for the same three exists, and none was declined
// within the cooldown (CONFLICT).
func (s *Store) RequestIntroduction(ctx context.Context, in model.Introduction, rules model.IntroductionRules, now time.Time) (*model.Introduction, error) {
	in.ID = uuid.NewString()
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Introduction, error) {
		rec, err := s.single(ctx, tx, `
MATCH (p:Person {id: $translator})
SET p._lock = true
REMOVE p._lock
WITH p
RETURN coalesce(p.openToBridging, false) AS open,
  COUNT { MATCH (n:Introduction)-[:TRANSLATOR]->(p) WHERE `+introStatus+` IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR'] } AS openRequests,
  COUNT { MATCH (n:Introduction {key: $key})-[:TRANSLATOR]->(p) WHERE `+introStatus+` IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR'] } AS same,
  COUNT { MATCH (n:Introduction {key: $key, status: 'DECLINED'})-[:TRANSLATOR]->(p) WHERE n.updatedAt > $cooldownFrom } AS declined`,
			map[string]any{"translator": in.TranslatorID, "key": introKey(in), "now": now, "cooldownFrom": now.Add(-rules.DeclineCooldown)})
		if err != nil {
			return nil, err
		}
		if rec == nil || recordValue(rec, "open") != true {
			return nil, errs.Forbidden("this person cannot be asked for an introduction")
		}
		if n, _ := recordValue(rec, "same").(int64); n > 0 {
			return nil, errs.Conflict("an introduction between these organisations through this translator is already waiting for an answer")
		}
		if n, _ := recordValue(rec, "declined").(int64); n > 0 {
			return nil, errs.Conflict("this introduction was declined recently; it cannot be asked again for %d days after the decline",
				int(rules.DeclineCooldown.Hours()/24))
		}
		if n, _ := recordValue(rec, "openRequests").(int64); int(n) >= rules.MaxOpenPerTranslator {
			return nil, errs.Conflict("the translator is busy: %d requests wait for their answer; ask again when they have answered some", n)
		}
		if err := s.requireAll(ctx, tx, "Organisation", []string{in.FromOrganisationID, in.ToOrganisationID}); err != nil {
			return nil, err
		}
		if in.CallID != "" {
			rec, err := s.single(ctx, tx, `MATCH (c:PartnershipCall {id: $id}) RETURN c.id AS id`, map[string]any{"id": in.CallID})
			if err != nil {
				return nil, err
			}
			if rec == nil {
				return nil, errs.NotFound("partnership call", in.CallID)
			}
		}
		rec, err = s.single(ctx, tx, `
MATCH (p:Person {id: $translator}), (f:Organisation {id: $from}), (t:Organisation {id: $to})
CREATE (n:Introduction {id: $id, key: $key, translatorId: $translator, fromId: $from, toId: $to, callId: $call,
  message: $message, status: 'REQUESTED', requestedBy: $actor, createdAt: $now, updatedAt: $now, expiresAt: $expiresAt,
  historyStatus: ['REQUESTED'], historyAt: [$now], historyBy: [$actor]})
CREATE (n)-[:TRANSLATOR]->(p), (n)-[:FROM]->(f), (n)-[:TO]->(t)
WITH n
CALL (n) {
  MATCH (c:PartnershipCall {id: $call})
  CREATE (n)-[:FOR_CALL]->(c)
}
RETURN `+introReturn+` AS n`, map[string]any{
			"id": in.ID, "key": introKey(in), "translator": in.TranslatorID, "from": in.FromOrganisationID, "to": in.ToOrganisationID,
			"call": nullable(in.CallID), "message": in.Message, "actor": in.RequestedBy, "now": now, "expiresAt": in.ExpiresAt,
		})
		if err != nil {
			return nil, err
		}
		created := decodeIntroduction(recordProps(rec, "n"))
		if err := s.notify(ctx, tx, now, introductionNotices(created, "", in.RequestedBy)...); err != nil {
			return nil, err
		}
		return created, nil
	})
}

func introKey(i model.Introduction) string {
	return i.FromOrganisationID + "|" + i.TranslatorID + "|" + i.ToOrganisationID
}

// IntroductionsByID reads introductions by id, their status as of now.
func (s *Store) IntroductionsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.Introduction, error) {
	return readByID(ctx, s, "MATCH (n:Introduction) WHERE n.id IN $ids RETURN collect("+introReturn+") AS items",
		map[string]any{"ids": nonNil(ids), "now": now}, readIntroduction, func(i *model.Introduction) string { return i.ID })
}

// MoveIntroduction moves introduction id from status from (as of now) to
// status to, recording the transition with actor; CONFLICT when it is in
// another status, so that of two concurrent transitions exactly one is
// made (the node is locked first). check, when set, sees the introduction
// (locked) and may refuse.
func (s *Store) MoveIntroduction(ctx context.Context, id string, from, to model.IntroductionStatus, actor string, now time.Time,
	check func(*model.Introduction) error) (*model.Introduction, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.Introduction, error) {
		rec, err := s.single(ctx, tx, `
MATCH (n:Introduction {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN `+introReturn+` AS n`, map[string]any{"id": id, "now": now})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("introduction", id)
		}
		cur := decodeIntroduction(recordProps(rec, "n"))
		if cur.Status != from {
			return nil, errs.Conflict("the introduction is %s; it cannot become %s", cur.Status, to)
		}
		if check != nil {
			if err := check(cur); err != nil {
				return nil, err
			}
		}
		rec, err = s.single(ctx, tx, `
MATCH (n:Introduction {id: $id})
SET n.status = $to, n.updatedAt = $now,
    n.connectedBy = CASE WHEN $to = 'CONNECTED' THEN $actor ELSE n.connectedBy END,
    n.historyStatus = n.historyStatus + $to, n.historyAt = n.historyAt + $now, n.historyBy = n.historyBy + $actor
RETURN `+introReturn+` AS n`, map[string]any{"id": id, "to": string(to), "actor": actor, "now": now})
		if err != nil {
			return nil, err
		}
		after := decodeIntroduction(recordProps(rec, "n"))
		if err := s.notify(ctx, tx, now, introductionNotices(after, from, actor)...); err != nil {
			return nil, err
		}
		return after, nil
	})
}

// IntroductionCredits counts, for each person, the introductions asked of
// them, accepted, connected and the collaborations started from them, as
// of now.
func (s *Store) IntroductionCredits(ctx context.Context, personIDs []string, now time.Time) (map[string]*model.IntroductionCredit, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*model.IntroductionCredit, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Introduction)-[:TRANSLATOR]->(p:Person) WHERE p.id IN $ids
WITH p, n, `+introStatus+` AS status
RETURN p.id AS id, count(n) AS made,
  count(CASE WHEN 'ACCEPTED_BY_TRANSLATOR' IN n.historyStatus THEN 1 END) AS accepted,
  count(CASE WHEN status = 'CONNECTED' THEN 1 END) AS connected,
  sum(COUNT { (n)<-[:FROM_INTRODUCTION]-(:Collaboration) }) AS collaborations`, map[string]any{"ids": nonNil(personIDs), "now": now})
		if err != nil {
			return nil, err
		}
		out := map[string]*model.IntroductionCredit{}
		for _, r := range recs {
			c := &model.IntroductionCredit{}
			for key, dst := range map[string]*int{"made": &c.Made, "accepted": &c.Accepted, "connected": &c.Connected, "collaborations": &c.Collaborations} {
				v, _ := recordValue(r, key).(int64)
				*dst = int(v)
			}
			out[recordValue(r, "id").(string)] = c
		}
		return out, nil
	})
}

// OpenIntroductionCounts counts, for each of these people, the requests to
// introduce that wait for their answer or the other organisation's, as of
// now; people with none are absent.
func (s *Store) OpenIntroductionCounts(ctx context.Context, personIDs []string, now time.Time) (map[string]int, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]int, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (n:Introduction)-[:TRANSLATOR]->(p:Person) WHERE p.id IN $ids
WITH p, `+introStatus+` AS status
WHERE status IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR']
RETURN p.id AS id, count(*) AS open`, map[string]any{"ids": nonNil(personIDs), "now": now})
		if err != nil {
			return nil, err
		}
		out := map[string]int{}
		for _, r := range recs {
			n, _ := recordValue(r, "open").(int64)
			out[recordValue(r, "id").(string)] = int(n)
		}
		return out, nil
	})
}
