package store

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Partnership calls and the responses to them:
//
//	(:Organisation)-[:PUBLISHED]->(:PartnershipCall {id, kind, title, description, sectorsSought,
//	    region, form, closesAt, status, organisationId, createdBy, createdAt, updatedAt, publishedAt})
//	(:PartnershipCall)-[:ABOUT]->(:Topic)
//	(:Organisation)-[:RESPONDED]->(:CallResponse {id, key, callId, organisationId, message, status,
//	    respondedBy, createdAt, decidedBy, decidedAt})-[:TO_CALL]->(:PartnershipCall)
//
// The stored status of an OPEN call stays OPEN after its closesAt; every
// read computes the status as of $now (callStatus), so a call past its
// closing date reads as CLOSED and cannot be answered, and the next write
// to it stores CLOSED.

// callStatus is a call n's status as of $now.
const callStatus = `CASE WHEN n.status = 'OPEN' AND n.closesAt <= $now THEN 'CLOSED' ELSE n.status END`

// callReturn projects call n as a map, its status as of $now.
const callReturn = `n {.*, status: ` + callStatus + `, topicIds: [(n)-[:ABOUT]->(t:Topic) | t.id]}`

func decodeCall(p props) *model.PartnershipCall {
	c := &model.PartnershipCall{
		ID: p.str("id"), Kind: model.CallKind(p.str("kind")), Title: p.str("title"), Description: p.str("description"),
		TopicIDs: p.strings("topicIds"), Region: p.str("region"), Form: model.CollaborationForm(p.str("form")),
		ClosesAt: p.time("closesAt"), Status: model.CallStatus(p.str("status")), OrganisationID: p.str("organisationId"),
		CreatedBy: p.str("createdBy"), CreatedAt: p.time("createdAt"), UpdatedAt: p.time("updatedAt"),
	}
	slices.Sort(c.TopicIDs)
	for _, s := range p.strings("sectorsSought") {
		c.SectorsSought = append(c.SectorsSought, model.Sector(s))
	}
	if t := p.time("publishedAt"); !t.IsZero() {
		c.PublishedAt = &t
	}
	return c
}

func readCall(raw any) *model.PartnershipCall { return decodeCall(asProps(raw)) }

func sectorCodes(sectors []model.Sector) []string {
	out := make([]string, len(sectors))
	for i, s := range sectors {
		out[i] = string(s)
	}
	return out
}

// CreateCall stores a new call as a DRAFT of c.OrganisationID; a retry
// with the same idempotency key (idempotency.go) answers the first call.
func (s *Store) CreateCall(ctx context.Context, c model.PartnershipCall, now time.Time) (*model.PartnershipCall, error) {
	c.ID = uuid.NewString()
	return createOnce(ctx, s, "partnership call", "MATCH (n:PartnershipCall {id: $id}) RETURN n {.*, topicIds: [(n)-[:ABOUT]->(t:Topic) | t.id]} AS n",
		func(r *neo4j.Record) *model.PartnershipCall { return decodeCall(recordProps(r, "n")) },
		func(tx neo4j.ManagedTransaction) (*model.PartnershipCall, string, error) {
			if err := s.requireAll(ctx, tx, "Organisation", []string{c.OrganisationID}); err != nil {
				return nil, "", err
			}
			if err := s.requireAll(ctx, tx, "Topic", c.TopicIDs); err != nil {
				return nil, "", err
			}
			rec, err := s.single(ctx, tx, `
MATCH (o:Organisation {id: $org})
CREATE (o)-[:PUBLISHED]->(n:PartnershipCall {id: $id, kind: $kind, title: $title, description: $description,
  sectorsSought: $sectors, region: $region, form: $form, closesAt: $closesAt, status: 'DRAFT',
  organisationId: $org, createdBy: $actor, createdAt: $now, updatedAt: $now})
WITH n
CALL (n) {
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:ABOUT]->(t)
}
RETURN `+callReturn+` AS n`, map[string]any{
				"id": c.ID, "org": c.OrganisationID, "kind": string(c.Kind), "title": c.Title, "description": c.Description,
				"sectors": sectorCodes(c.SectorsSought), "region": nullable(c.Region), "form": nullable(string(c.Form)),
				"closesAt": c.ClosesAt, "actor": c.CreatedBy, "now": now, "topics": nonNil(c.TopicIDs),
			})
			if err != nil {
				return nil, "", err
			}
			return decodeCall(recordProps(rec, "n")), c.ID, nil
		})
}

// CallsByID reads the calls with these ids, their status as of now.
func (s *Store) CallsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.PartnershipCall, error) {
	return readByID(ctx, s, "MATCH (n:PartnershipCall) WHERE n.id IN $ids RETURN collect("+callReturn+") AS items",
		map[string]any{"ids": nonNil(ids), "now": now}, readCall, func(c *model.PartnershipCall) string { return c.ID })
}

// OpenCallsByOrganisation reads, for many organisations in one query, the
// calls each has OPEN as of now, the soonest to close first.
func (s *Store) OpenCallsByOrganisation(ctx context.Context, orgIDs []string, now time.Time) (map[string][]*model.PartnershipCall, error) {
	return readGrouped(ctx, s, `
MATCH (o:Organisation)-[:PUBLISHED]->(n:PartnershipCall)
WHERE o.id IN $ids AND n.status = 'OPEN' AND n.closesAt > $now
RETURN o.id AS owner, `+callReturn+` AS n
ORDER BY owner, n.closesAt, n.id`, map[string]any{"ids": nonNil(orgIDs), "now": now}, func(r *neo4j.Record) (string, *model.PartnershipCall) {
		return recordValue(r, "owner").(string), decodeCall(recordProps(r, "n"))
	})
}

// callList builds the list of calls matching f, by title then id.
func callList(f model.CallFilter, now time.Time) (listQuery, map[string]any) {
	q := listQuery{source: "MATCH (n:PartnershipCall)", sortKey: "title"}
	q.from(f.TopicID != "", "MATCH (:Topic {id: $topicId})<-[:ABOUT]-(n:PartnershipCall)")
	q.and(true, "n:PartnershipCall")
	q.and(!f.AllDrafts, "(n.status <> 'DRAFT' OR n.organisationId IN $draftOrgs)")
	q.and(f.Status != "", callStatus+" = $status")
	q.and(f.Kind != "", "n.kind = $kind")
	q.and(f.Region != "", "n.region = $region")
	q.and(f.Sector != "", "$sector IN n.sectorsSought")
	q.and(f.TopicID != "", "EXISTS { (n)-[:ABOUT]->(:Topic {id: $topicId}) }")
	params := map[string]any{
		"status": string(f.Status), "kind": string(f.Kind), "region": f.Region, "sector": string(f.Sector),
		"topicId": f.TopicID, "draftOrgs": nonNil(f.DraftOrgIDs), "now": now,
	}
	q.search(params, "call_text", f.Search)
	return q, params
}

// ReadCallsPage reads one page of the calls matching f, by title then id,
// in one statement.
func (s *Store) ReadCallsPage(ctx context.Context, f model.CallFilter, first int, after *string, count bool, now time.Time) (*model.Page[*model.PartnershipCall], error) {
	q, params := callList(f, now)
	return readPage(ctx, s, q, params, first, after, count, callReturn, readCall,
		func(c *model.PartnershipCall) string { return c.ID })
}

// lockCall takes the write lock of call id for the rest of the
// transaction and reads it as of now: concurrent changes of one call run
// one after the other, each on what the previous one committed.
func (s *Store) lockCall(ctx context.Context, tx neo4j.ManagedTransaction, id string, now time.Time) (*model.PartnershipCall, error) {
	rec, err := s.single(ctx, tx, `
MATCH (n:PartnershipCall {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
RETURN `+callReturn+` AS n`, map[string]any{"id": id, "now": now})
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, errs.NotFound("partnership call", id)
	}
	return decodeCall(recordProps(rec, "n")), nil
}

// UpdateCall applies p to call id. check sees the call as it is (locked)
// and may refuse the change.
func (s *Store) UpdateCall(ctx context.Context, id string, p model.CallPatch, now time.Time, check func(*model.PartnershipCall) error) (*model.PartnershipCall, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.PartnershipCall, error) {
		c, err := s.lockCall(ctx, tx, id, now)
		if err != nil {
			return nil, err
		}
		if err := check(c); err != nil {
			return nil, err
		}
		if p.TopicIDs != nil {
			if err := s.requireAll(ctx, tx, "Topic", *p.TopicIDs); err != nil {
				return nil, err
			}
		}
		set := map[string]any{"updatedAt": now, "status": string(c.Status)}
		if p.Kind != nil {
			set["kind"] = string(*p.Kind)
		}
		if p.Title != nil {
			set["title"] = *p.Title
		}
		if p.Description != nil {
			set["description"] = *p.Description
		}
		if p.SectorsSought != nil {
			set["sectorsSought"] = sectorCodes(*p.SectorsSought)
		}
		if p.Region != nil {
			set["region"] = nullable(*p.Region)
		}
		if p.Form != nil {
			set["form"] = nullable(string(*p.Form))
		}
		if p.ClosesAt != nil {
			set["closesAt"] = *p.ClosesAt
		}
		var topics any
		if p.TopicIDs != nil {
			topics = nonNil(*p.TopicIDs)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:PartnershipCall {id: $id})
SET n += $set
WITH n
CALL (n) {
  WITH n WHERE $topics IS NOT NULL
  OPTIONAL MATCH (n)-[a:ABOUT]->(:Topic)
  DELETE a
  WITH DISTINCT n
  UNWIND $topics AS topicId
  MATCH (t:Topic {id: topicId})
  MERGE (n)-[:ABOUT]->(t)
}
RETURN `+callReturn+` AS n`, map[string]any{"id": id, "set": set, "topics": topics, "now": now})
		if err != nil {
			return nil, err
		}
		return decodeCall(recordProps(rec, "n")), nil
	})
}

// MoveCall moves call id to status to, if its status as of now is one of
// from; CONFLICT otherwise. Under concurrency exactly one of two moves
// from the same state succeeds (lockCall).
func (s *Store) MoveCall(ctx context.Context, id string, from []model.CallStatus, to model.CallStatus, now time.Time) (*model.PartnershipCall, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.PartnershipCall, error) {
		c, err := s.lockCall(ctx, tx, id, now)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(from, c.Status) {
			return nil, errs.Conflict("the partnership call is %s; it cannot become %s", c.Status, to)
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:PartnershipCall {id: $id})
SET n.status = $to, n.updatedAt = $now,
    n.publishedAt = CASE WHEN $to = 'OPEN' THEN coalesce(n.publishedAt, $now) ELSE n.publishedAt END
RETURN `+callReturn+` AS n`, map[string]any{"id": id, "to": string(to), "now": now})
		if err != nil {
			return nil, err
		}
		return decodeCall(recordProps(rec, "n")), nil
	})
}

// ---- responses ----

const responseReturn = `r {.*}`

func decodeResponse(p props) *model.CallResponse {
	r := &model.CallResponse{
		ID: p.str("id"), CallID: p.str("callId"), OrganisationID: p.str("organisationId"), Message: p.str("message"),
		Status: model.CallResponseStatus(p.str("status")), RespondedBy: p.str("respondedBy"), CreatedAt: p.time("createdAt"),
		DecidedBy: p.str("decidedBy"),
	}
	if t := p.time("decidedAt"); !t.IsZero() {
		r.DecidedAt = &t
	}
	return r
}

// RespondToCall stores an organisation's expression of interest in an
// OPEN call: CONFLICT when the call is not open (as of now) or the
// organisation has responded already (a unique key holds that under
// concurrency too).
func (s *Store) RespondToCall(ctx context.Context, r model.CallResponse, now time.Time) (*model.CallResponse, error) {
	r.ID = uuid.NewString()
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.CallResponse, error) {
		c, err := s.lockCall(ctx, tx, r.CallID, now)
		if err != nil {
			return nil, err
		}
		if c.Status != model.CallOpen {
			return nil, errs.Conflict("the partnership call is %s; only an OPEN call can be answered", c.Status)
		}
		if err := s.requireAll(ctx, tx, "Organisation", []string{r.OrganisationID}); err != nil {
			return nil, err
		}
		rec, err := s.single(ctx, tx, `
MATCH (n:PartnershipCall {id: $call})
OPTIONAL MATCH (n)<-[:TO_CALL]-(old:CallResponse {organisationId: $org})
RETURN old.id AS old`, map[string]any{"call": r.CallID, "org": r.OrganisationID})
		if err != nil {
			return nil, err
		}
		if old, _ := recordValue(rec, "old").(string); old != "" {
			return nil, errs.Conflict("organisation %q has responded to this call already", r.OrganisationID)
		}
		rec, err = s.single(ctx, tx, `
MATCH (n:PartnershipCall {id: $call}), (o:Organisation {id: $org})
CREATE (o)-[:RESPONDED]->(r:CallResponse {id: $id, key: $call + '|' + $org, callId: $call, organisationId: $org,
  message: $message, status: 'PENDING', respondedBy: $actor, createdAt: $now})-[:TO_CALL]->(n)
RETURN `+responseReturn+` AS r`, map[string]any{"id": r.ID, "call": r.CallID, "org": r.OrganisationID,
			"message": r.Message, "actor": r.RespondedBy, "now": now})
		if err != nil {
			return nil, err
		}
		if err := s.notify(ctx, tx, now, model.InboxItem{Kind: model.InboxCallResponse, RecipientOrganisationID: c.OrganisationID,
			CallID: c.ID, ResponseID: r.ID, By: r.RespondedBy}); err != nil {
			return nil, err
		}
		return decodeResponse(recordProps(rec, "r")), nil
	})
}

// CallResponsesByID reads responses by id.
func (s *Store) CallResponsesByID(ctx context.Context, ids []string) (map[string]*model.CallResponse, error) {
	return readByID(ctx, s, "MATCH (r:CallResponse) WHERE r.id IN $ids RETURN collect("+responseReturn+") AS items",
		map[string]any{"ids": nonNil(ids)}, func(raw any) *model.CallResponse { return decodeResponse(asProps(raw)) },
		func(r *model.CallResponse) string { return r.ID })
}

// ResponsesOfCalls reads the responses to each of the calls, oldest first,
// in one statement.
func (s *Store) ResponsesOfCalls(ctx context.Context, callIDs []string) (map[string][]*model.CallResponse, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string][]*model.CallResponse, error) {
		recs, err := s.collect(ctx, tx, `
MATCH (r:CallResponse)-[:TO_CALL]->(n:PartnershipCall) WHERE n.id IN $ids
RETURN `+responseReturn+` AS r ORDER BY r.createdAt, r.id`, map[string]any{"ids": nonNil(callIDs)})
		if err != nil {
			return nil, err
		}
		out := map[string][]*model.CallResponse{}
		for _, rec := range recs {
			r := decodeResponse(recordProps(rec, "r"))
			out[r.CallID] = append(out[r.CallID], r)
		}
		return out, nil
	})
}

// DecideCallResponse moves a PENDING response to ACCEPTED or DECLINED,
// recording who and when; CONFLICT when it has been decided already
// (exactly one of two concurrent decisions succeeds: the response is
// locked first).
func (s *Store) DecideCallResponse(ctx context.Context, id string, to model.CallResponseStatus, actor string, now time.Time) (*model.CallResponse, error) {
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (*model.CallResponse, error) {
		rec, err := s.single(ctx, tx, `
MATCH (r:CallResponse {id: $id})
SET r._lock = true
REMOVE r._lock
RETURN r.status AS status`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, errs.NotFound("call response", id)
		}
		if st, _ := recordValue(rec, "status").(string); st != string(model.ResponsePending) {
			return nil, errs.Conflict("the response is %s already", st)
		}
		rec, err = s.single(ctx, tx, `
MATCH (r:CallResponse {id: $id})
SET r.status = $to, r.decidedBy = $actor, r.decidedAt = $now
RETURN `+responseReturn+` AS r`, map[string]any{"id": id, "to": string(to), "actor": actor, "now": now})
		if err != nil {
			return nil, err
		}
		r := decodeResponse(recordProps(rec, "r"))
		kind := model.InboxCallResponseAccepted
		if to == model.ResponseDeclined {
			kind = model.InboxCallResponseDeclined
		}
		if err := s.notify(ctx, tx, now, model.InboxItem{Kind: kind, RecipientOrganisationID: r.OrganisationID,
			CallID: r.CallID, ResponseID: r.ID, By: actor}); err != nil {
			return nil, err
		}
		return r, nil
	})
}
